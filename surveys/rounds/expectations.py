"""The rules of expectations (forventninger): before a round opens an organisation records,
per theme of the round's questionnaire, the index it expects (for bullying the share in per
cent), in its round plan beside the target response rate. After the opening they are only
read. A form carries the version of each value it showed: a change made meanwhile by
someone else refuses the whole form with the current values, so nothing is overwritten
silently; sending the same form twice changes nothing the second time. Every change is
audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import User
from surveys.models import Expectation, Round, RoundPlan, Survey, Theme
from surveys.rounds import schedule
from surveys.rounds.plan import PlanRefused

SHARE_THEME = "bullying"


class ChangedMeanwhile(PlanRefused):
    """Someone else saved expectations after this form was shown."""


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    is_share: bool
    value: Decimal | None
    version: int


def themes(round_: Round) -> list[Theme]:
    return list(round_.questionnaire.themes.order_by("order"))


def is_locked(round_: Round) -> bool:
    """Expectations are set before the round: from its opening they are only read."""
    return schedule.has_opened(round_)


def current(plan: RoundPlan | None) -> dict[str, Expectation]:
    if plan is None:
        return {}
    return {found.theme_key: found for found in plan.expectations.all()}


def rows(round_: Round, plan: RoundPlan | None) -> list[Row]:
    found = current(plan)
    language = get_language()
    return [
        Row(
            theme.key,
            theme.title(language),
            theme.key == SHARE_THEME,
            found[theme.key].value if theme.key in found else None,
            found[theme.key].version if theme.key in found else 0,
        )
        for theme in themes(round_)
    ]


def parse(raw: str, title: str, is_share: bool) -> Decimal | None:
    """A value as typed (a comma or a point), or None when empty; else refused."""
    raw = raw.strip().replace(",", ".").replace("%", "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise PlanRefused(_("«%(theme)s»: skriv et tall.") % {"theme": title})
    if is_share and not 0 <= value <= 100:
        raise PlanRefused(
            _("«%(theme)s»: andelen må være fra 0 til 100 prosent.") % {"theme": title}
        )
    if not is_share and not 1 <= value <= 5:
        raise PlanRefused(_("«%(theme)s»: indeksen må være fra 1 til 5.") % {"theme": title})
    return value.quantize(Decimal("0.01"))


def _describe(rows_: list[Row]) -> str:
    shown = [f"{row.title}: {str(row.value).replace('.', ',')}" for row in rows_ if row.value]
    return "; ".join(shown) if shown else str(_("ingen forventninger"))


def record(
    plan: RoundPlan, values: dict[str, str], versions: dict[str, str], actor: User | None
) -> int:
    """Records the expectations typed (theme key -> raw text; empty clears), each checked
    against the version the form showed (theme key -> version as text). Returns how many
    changed; refuses all or nothing."""
    round_ = plan.round
    if is_locked(round_):
        raise PlanRefused(_("Gjennomføringen har åpnet. Forventningene kan ikke lenger endres."))
    shown = rows(round_, plan)
    wanted = {row.key: parse(values.get(row.key, ""), row.title, row.is_share) for row in shown}
    now = timezone.now()
    changed = []
    with transaction.atomic():
        # One form at a time per plan: the second waits here and then sees the first's
        # versions.
        RoundPlan.objects.select_for_update().filter(pk=plan.pk).first()
        stored = current(plan)
        stale = [
            key
            for key in wanted
            if str(stored[key].version if key in stored else 0) != versions.get(key, "0")
        ]
        if stale:
            now_rows = rows(round_, plan)
            if all((stored[key].value if key in stored else None) == wanted[key] for key in wanted):
                raise PlanRefused(_("Forventningene er allerede lagret."))
            raise ChangedMeanwhile(
                _(
                    "Noen andre har endret forventningene mens du skrev. Ingenting er lagret. "
                    "Slik er de nå: %(current)s."
                )
                % {"current": _describe(now_rows)}
            )
        for key, value in wanted.items():
            before = stored.get(key)
            if before is None and value is None:
                continue
            if before is not None and before.value == value:
                continue
            if value is None:
                before.delete()
            elif before is None:
                Expectation.objects.create(
                    plan=plan, theme_key=key, value=value, recorded_by=actor, recorded_at=now
                )
            else:
                Expectation.objects.filter(pk=before.pk).update(
                    value=value, version=before.version + 1, recorded_by=actor, recorded_at=now
                )
            changed.append((key, None if value is None else str(value)))
        if changed:
            audit.record(
                "surveys.plan.expectations_set",
                actor=actor,
                organisation=plan.organisation,
                target=plan,
                expectations=dict(changed),
            )
    return len(changed)


def expected(organisation, round_: Round) -> dict[str, Decimal]:
    """The organisation's expectations for the round, by theme key (for the results)."""
    return dict(
        Expectation.objects.filter(plan__organisation=organisation, plan__round=round_).values_list(
            "theme_key", "value"
        )
    )


def chosen_round(year: str | None, survey: str | None) -> Round | None:
    """The round asked for; else the survey's first round not yet opened, whose
    expectations can still be set; else its latest."""
    survey = survey if survey in Survey.values else Survey.APPRENTICE
    found = Round.objects.filter(survey=survey)
    if year:
        return found.filter(year=int(year)).first() if year.isdigit() else None
    coming = [round_ for round_ in found.order_by("year") if not is_locked(round_)]
    return coming[0] if coming else found.order_by("-year").first()
