"""Response rates (svarprosent) counted from the marks on the participant (`invited_on`,
`answered_on`, a date): those in the sample are the round's participants not withdrawn.
Counts only, never names: every total goes through surveys/disclosure.py, which hides the
answered count of small groups (and of more groups where the total would give a small one
away). Here, below both, because the portal's response-rate pages (distribution/rates.py,
with its breakdowns and dispatch marks) and the results report (reporting/exports/pdf.py)
count the same way, and those two apps never import each other (DESIGN.md).

Every query starts from `Participant.objects.for_organisation`, so an office's apprentices
are counted in whichever county they are, and Udir (the directorate) sees the country.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from surveys import disclosure
from surveys.models import Participant, Round

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


@dataclass(frozen=True)
class Day:
    day: datetime.date
    answered: int
    cumulative: int
    dispatches: list[str]


def days(
    organisation: Organisation,
    round_: Round,
    marks: dict[datetime.date, list[str]] | None = None,
) -> list[Day]:
    """Answers per day from the first day of sending to today (or the round's last day),
    with `marks` (what was sent, by day) on their days. Only shown where the total is (its
    caller checks)."""
    marks = marks or {}
    by_day = dict(
        participants(organisation, round_)
        .filter(answered_on__isnull=False)
        .order_by()
        .values_list("answered_on")
        .annotate(n=Count("id"))
    )
    first = min([round_.sending_starts_on, *by_day, *marks])
    last = max([min(timezone.localdate(), round_.last_answer_day), *by_day, *marks])
    found, running = [], 0
    day = first
    while day <= last:
        running += by_day.get(day, 0)
        found.append(Day(day, by_day.get(day, 0), running, marks.get(day, [])))
        day += datetime.timedelta(days=1)
    return found
