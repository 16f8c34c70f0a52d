"""Rounds open today and participants with links, for the respondent-flow tests. The
sample import makes participants in real life (surveys/sample/importing.py); here they are made
directly."""

from __future__ import annotations

import datetime
import itertools

from accounts.models import Organisation
from surveys.models import Item, Participant, QuestionnaireVersion, Round, Theme
from surveys.questionnaires.loading import load_shipped
from surveys.respondents import links
from surveys.rounds import schedule

_keys = itertools.count(1)


def a_round(survey: str = "apprentice", *, opens_in: int = -10, closes_in: int = 20) -> Round:
    """A round of the newest questionnaire that opened `-opens_in` days ago (or opens in
    `opens_in` days) and whose last day to answer is `closes_in` days from today."""
    load_shipped(QuestionnaireVersion, Theme, Item)  # a flushed database lacks them
    today = schedule.today()
    start = today + datetime.timedelta(days=opens_in)
    return Round.objects.create(
        survey=survey,
        year=start.year,
        reference_date=start - datetime.timedelta(days=5),
        sending_starts_on=start,
        last_answer_day=today + datetime.timedelta(days=closes_in),
        publication_date=today + datetime.timedelta(days=closes_in + 20),
        vigo_correction_deadline=datetime.datetime.combine(
            start - datetime.timedelta(days=7), datetime.time(12), tzinfo=schedule.OSLO
        ),
        questionnaire=QuestionnaireVersion.objects.filter(survey=survey).order_by("-year")[0],
    )


def a_participant(round_: Round, **fields) -> Participant:
    county = fields.pop("county", None) or Organisation.objects.get(county_number="46")
    defaults = {
        "person_key": f"P{next(_keys)}",
        "email": "lærling@example.no",
        "contract_type": "apprentice",
        "trade_code": "ELELE3----",
    }
    return Participant.objects.create(round=round_, county=county, **(defaults | fields))


def path(participant: Participant, suffix: str = "") -> str:
    return f"/s/{links.token_for(participant)}{suffix}"


def items_of(round_: Round) -> list[Item]:
    return list(
        Item.objects.filter(theme__version=round_.questionnaire).order_by("theme__order", "order")
    )


def themes_of(round_: Round) -> list[Theme]:
    return list(Theme.objects.filter(version=round_.questionnaire).order_by("order"))
