"""Response rates (svarprosent): how many of an organisation's sample have been invited and
have answered, overall, by group and over time, for the pages and `manage.py response_rates`
alike. Counts only, never names: every table goes through surveys/disclosure.py, which
hides the answered count of small groups (and of more groups where the total would give a
small one away).

Counted from the marks on the participant (`invited_on`, `answered_on`, a date); those in
the sample are the round's participants not withdrawn. Every query starts from
`Participant.objects.for_organisation`, so an office's apprentices are counted in whichever
county they are, and Udir (the directorate) sees the country.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from distribution.models import Dispatch, Message, Purpose, SmsQuota, State, Status
from distribution.models.quotas import default_limit
from surveys import disclosure
from surveys.models import ContractType, Participant, Round, Survey

# The breakdowns, by their names in URLs and on the command line, with their headings and
# what a group without a value is called.
BREAKDOWNS = {
    "county": (_("Fylke"), None),
    "office": (_("Opplæringskontor"), _("Uten opplæringskontor")),
    "company": (_("Lærebedrift"), _("Uten lærebedrift")),
    "trade": (_("Programområde"), _("Uten programområde")),
    "contract_type": (_("Kontraktstype"), _("Uten kontraktstype")),
}
COUNTS = {
    "in_sample": Count("id"),
    "invited": Count("id", filter=Q(invited_on__isnull=False)),
    "answered": Count("id", filter=Q(answered_on__isnull=False)),
}


@dataclass(frozen=True)
class Row:
    group: str
    in_sample: int
    invited: int
    # None when hidden (surveys/disclosure.py).
    answered: int | None
    key: str = ""

    @property
    def rate(self) -> float | None:
        if self.answered is None or not self.in_sample:
            return None
        return 100 * self.answered / self.in_sample

    @property
    def hidden(self) -> bool:
        return self.answered is None

    def as_json(self) -> dict:
        return {
            "group": self.group,
            "in_sample": self.in_sample,
            "invited": self.invited,
            "answered": self.answered,
        }


@dataclass
class Table:
    by: str | None
    total: Row
    groups: list[Row] = field(default_factory=list)

    def as_json(self) -> dict:
        total = self.total.as_json()
        del total["group"]
        return {"total": total, "groups": [row.as_json() for row in self.groups]}


def participants(organisation: Organisation, round_: Round):
    return Participant.objects.for_organisation(organisation).active().filter(round=round_)


def suppressed(rows: list[Row], limit: int | None = None) -> Table:
    """A table of `rows` (unsuppressed counts) and their total, with the groups
    surveys/disclosure.py hides left without an answered count."""
    hidden = disclosure.hidden_groups({row.key: row.in_sample for row in rows}, limit)
    total = Row(
        group=str(_("I alt")),
        in_sample=sum(row.in_sample for row in rows),
        invited=sum(row.invited for row in rows),
        answered=None if hidden.total else sum(row.answered or 0 for row in rows),
    )
    shown = [replace(row, answered=None) if row.key in hidden.groups else row for row in rows]
    return Table(by=None, total=total, groups=shown)


def total(organisation: Organisation, round_: Round) -> Row:
    """The organisation's whole sample: the total of any of its tables."""
    counts = participants(organisation, round_).aggregate(**COUNTS)
    return suppressed([Row(group="", key="all", **counts)]).total


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


@dataclass(frozen=True)
class Day:
    day: datetime.date
    answered: int
    cumulative: int
    dispatches: list[str]


def curve(organisation: Organisation, round_: Round, in_sample: int) -> list[Day]:
    """Answers per day from the first day of sending to today (or the round's last day),
    with the dispatches the organisation made marked on their days. Only shown where the
    total is (its caller checks)."""
    by_day = dict(
        participants(organisation, round_)
        .filter(answered_on__isnull=False)
        .order_by()
        .values_list("answered_on")
        .annotate(n=Count("id"))
    )
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
    first = min([round_.sending_starts_on, *by_day, *marks])
    last = max([min(timezone.localdate(), round_.last_answer_day), *by_day, *marks])
    days, running = [], 0
    day = first
    while day <= last:
        running += by_day.get(day, 0)
        days.append(Day(day, by_day.get(day, 0), running, marks.get(day, [])))
        day += datetime.timedelta(days=1)
    return days


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
