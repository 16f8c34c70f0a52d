"""Response rates (svarprosent): how many of an organisation's sample have been invited and
have answered, overall, by group and over time, for the pages and `manage.py response_rates`
alike. Counts only, never names: every table goes through surveys/disclosure.py, which
hides the answered count of small groups (and of more groups where the total would give a
small one away).

The counting itself (the sample, its totals, answers per day) is surveys/response_rates.py's,
shared with the results report; here are the breakdowns, the dispatch marks on the curve,
the lost links and the SMS left.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from distribution.models import Dispatch, Message, Purpose, SmsQuota, State, Status
from distribution.models.quotas import default_limit
from surveys import disclosure, response_rates
from surveys.models import ContractType, Participant, Round, Survey
from surveys.response_rates import (
    COUNTS,
    Day,
    Row,
    Table,
    participants,
    suppressed,
    total,  # noqa: F401 - the pages read it from here
)

# The breakdowns, by their names in URLs and on the command line, with their headings and
# what a group without a value is called.
BREAKDOWNS = {
    "county": (_("Fylke"), None),
    "office": (_("Opplæringskontor"), _("Uten opplæringskontor")),
    "company": (_("Lærebedrift"), _("Uten lærebedrift")),
    "trade": (_("Programområde"), _("Uten programområde")),
    "contract_type": (_("Kontraktstype"), _("Uten kontraktstype")),
}


def _group_rows(organisation: Organisation, round_: Round, by: str) -> list[Row]:
    query = participants(organisation, round_).order_by()
    none_label = BREAKDOWNS[by][1]
    if by in ("county", "office", "company"):
        rows = query.values(f"{by}_id", f"{by}__name").annotate(**COUNTS)
        return [
            Row(
                group=row[f"{by}__name"] or str(none_label or ""),
                key=str(row[f"{by}_id"] or ""),
                in_sample=row["in_sample"],
                invited=row["invited"],
                answered=row["answered"],
            )
            for row in rows
        ]
    if by == "trade":
        rows = query.values("trade_code").annotate(name=Max("trade_name"), **COUNTS)
        return [
            Row(
                group=(f"{row['name']} ({row['trade_code']})" if row["name"] else row["trade_code"])
                or str(none_label),
                key=row["trade_code"],
                in_sample=row["in_sample"],
                invited=row["invited"],
                answered=row["answered"],
            )
            for row in rows
        ]
    labels = dict(ContractType.choices)
    rows = query.values("contract_type").annotate(**COUNTS)
    return [
        Row(
            group=str(labels.get(row["contract_type"]) or none_label),
            key=row["contract_type"],
            in_sample=row["in_sample"],
            invited=row["invited"],
            answered=row["answered"],
        )
        for row in rows
    ]


def breakdown(organisation: Organisation, round_: Round, by: str) -> Table:
    """The organisation's sample by `by` (a key of BREAKDOWNS), groups sorted by name."""
    if by not in BREAKDOWNS:
        raise ValueError(by)
    table = suppressed(_group_rows(organisation, round_, by))
    table.by = by
    table.groups.sort(key=lambda row: (row.group.casefold(), row.key))
    return table


SORTS = ("group", "in_sample", "invited", "answered", "rate")


def sorted_rows(rows: list[Row], sort: str, descending: bool) -> list[Row]:
    """Rows sorted by a column. Hidden groups have no answered count or rate: sorted by
    those, they come last in name order, so their place tells nothing of what is hidden."""
    if sort not in SORTS or sort == "group":
        return sorted(rows, key=lambda row: row.group.casefold(), reverse=descending)
    known = [row for row in rows if getattr(row, sort) is not None]
    unknown = sorted(
        (row for row in rows if getattr(row, sort) is None), key=lambda r: r.group.casefold()
    )
    known.sort(key=lambda row: (getattr(row, sort), row.group.casefold()), reverse=descending)
    return known + unknown


def curve(organisation: Organisation, round_: Round) -> list[Day]:
    """Answers per day (surveys/response_rates.py) with the dispatches the organisation
    made marked on their days."""
    marks: dict[datetime.date, list[str]] = {}
    # The days dispatches started on: a planned one that has not started is no mark yet.
    # Links sent again on request are no dispatch of the organisation's: counted apart.
    dispatches = (
        Dispatch.objects.for_organisation(organisation)
        .filter(round=round_, state=State.STARTED)
        .exclude(purpose=Purpose.LOST_LINK)
    )
    for created_at, started_at, purpose in dispatches.order_by("created_at").values_list(
        "created_at", "started_at", "purpose"
    ):
        day = timezone.localtime(started_at or created_at).date()
        marks.setdefault(day, []).append(purpose)
    return response_rates.days(organisation, round_, marks)


def lost_links(organisation: Organisation, round_: Round) -> int | None:
    """How many of the organisation's sample had their link sent again from the lost-link
    page (or a gathering) in the round: counted apart from its dispatches. None when it is
    `limit` or fewer, so that no page tells that one known person asked."""
    found = (
        Message.objects.filter(
            purpose=Purpose.LOST_LINK,
            participant__in=participants(organisation, round_).values("pk"),
        )
        .exclude(status=Status.NOT_SENT)
        .values("participant_id")
        .distinct()
        .count()
    )
    return None if found <= disclosure.default_limit() else found


def earlier_rounds(organisation: Organisation, round_: Round) -> list[tuple[int, Row]]:
    """The organisation's totals in the survey's earlier rounds, newest first."""
    rows = (
        Participant.objects.for_organisation(organisation)
        .active()
        .filter(round__survey=round_.survey, round__year__lt=round_.year)
        .order_by()
        .values("round__year")
        .annotate(**COUNTS)
    )
    found = [
        (row.pop("round__year"), suppressed([Row(group="", key="all", **row)]).total)
        for row in rows
    ]
    return sorted(found, key=lambda pair: -pair[0])


def national(round_: Round) -> Row:
    counts = Participant.objects.active().filter(round=round_).aggregate(**COUNTS)
    return suppressed([Row(group="", key="all", **counts)]).total


def sms_left(round_: Round) -> dict[int, int]:
    """Every county's and office's SMS dispatches left in the round, by organisation id,
    in three queries (rules.sms_dispatches_left's rule, for Udir's overview of all)."""
    used = dict(
        Dispatch.objects.filter(round=round_)
        .counting_against_quota()
        .order_by()
        .values_list("organisation_id")
        .annotate(n=Count("id"))
    )
    limits = dict(SmsQuota.objects.filter(round=round_).values_list("organisation_id", "limit"))
    left = {}
    kinds = (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE)
    for organisation in Organisation.objects.filter(kind__in=kinds).only("pk", "kind"):
        limit = limits.get(organisation.pk, default_limit(organisation))
        left[organisation.pk] = max(limit - used.get(organisation.pk, 0), 0)
    return left


def rounds() -> list[Round]:
    return list(Round.objects.order_by("-year", "survey"))


def chosen_round(year: str | None, survey: str | None) -> Round | None:
    """The round asked for, else the apprentice survey's round not yet published, else the
    latest one (as the portal's current round)."""
    survey = survey if survey in Survey.values else Survey.APPRENTICE
    found = Round.objects.filter(survey=survey)
    if year and year.isdigit():
        return found.filter(year=int(year)).first()
    today = timezone.localdate()
    return (
        found.filter(publication_date__gte=today).order_by("year").first()
        or found.order_by("-year").first()
    )
