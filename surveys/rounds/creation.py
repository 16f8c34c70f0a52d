"""Creating a year's rounds of both surveys with the default dates, as `create_round` does."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import User
from surveys.models import QuestionnaireVersion, Round, Survey
from surveys.rounds import schedule

FIRST_YEAR = 2018  # the first questionnaire version the system holds
LAST_YEAR = 2100


class BadYear(ValueError):
    """The year cannot have rounds; the message says why, in the user's language."""


@dataclass(frozen=True)
class Outcome:
    round: Round
    created: bool


def parse_year(text: str) -> int:
    text = text.strip()
    if not (text.isdigit() and len(text) == 4):
        raise BadYear(
            _("Ugyldig år: «%(year)s». Skriv et årstall med fire sifre, for eksempel 2027.")
            % {"year": text}
        )
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadYear(
            _("Året må være mellom %(first)s og %(last)s, ikke %(year)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR, "year": year}
        )
    return year


def questionnaire_for(survey: str, year: int) -> QuestionnaireVersion:
    """The newest version that applies in `year`."""
    version = (
        QuestionnaireVersion.objects.filter(survey=survey, year__lte=year).order_by("-year").first()
    )
    if version is None:
        raise BadYear(
            _("Det finnes ikke noe spørreskjema for %(survey)s som gjelder i %(year)s.")
            % {"survey": Survey(survey).label, "year": year}
        )
    return version


@transaction.atomic
def create_rounds(year: int, actor: User | None = None) -> list[Outcome]:
    """Both surveys' rounds for `year` with the default dates. A round that exists already
    is left as it is (Udir may have changed its dates), so running this twice is harmless."""
    parse_year(str(year))  # the same checks whoever calls
    outcomes = []
    for survey in Survey:
        existing = Round.objects.filter(survey=survey, year=year).first()
        if existing is not None:
            outcomes.append(Outcome(existing, created=False))
            continue
        new = Round(
            survey=survey,
            year=year,
            questionnaire=questionnaire_for(survey, year),
            **schedule.default_dates(year),
        )
        new.full_clean()
        new.save()
        audit.record("surveys.round.created", actor=actor, target=new, year=year, survey=survey)
        outcomes.append(Outcome(new, created=True))
    return outcomes
