"""The rules of a survey round: its default dates and the state its dates give on a day.

The one home of "what state is a round in": everything else (the admin, freezing a
questionnaire, sending, publishing) asks `state_on()` or filters with `opened_by()`.
Pure functions of dates, so a test can walk every boundary day.
"""

from __future__ import annotations

import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from django.db.models import Q, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OSLO = ZoneInfo("Europe/Oslo")


class RoundState(TextChoices):
    PREPARING = "preparing", _("Under forberedelse")
    OPEN = "open", _("Åpen")
    CLOSED = "closed", _("Avsluttet")
    PUBLISHED = "published", _("Publisert")


class HasRoundDates(Protocol):
    sending_starts_on: datetime.date
    last_answer_day: datetime.date
    publication_date: datetime.date


def default_dates(year: int) -> dict[str, datetime.date | datetime.datetime]:
    """The dates of the 2024 seed, moved to `year`: the defaults of a new round."""
    return {
        "reference_date": datetime.date(year, 10, 1),
        "sending_starts_on": datetime.date(year, 10, 7),
        "last_answer_day": datetime.date(year, 11, 1),
        "publication_date": datetime.date(year, 11, 27),
        # Noon in Oslo, whatever the server's zone: the counties' deadline for VIGO fixes.
        "vigo_correction_deadline": datetime.datetime(year, 9, 30, 12, 0, tzinfo=OSLO),
    }


def today() -> datetime.date:
    """The day in Norway, which is the day the dates of a round mean."""
    return timezone.localdate(timezone=OSLO)


def state_on(round_: HasRoundDates, day: datetime.date | None = None) -> RoundState:
    """Preparing before the sending start; open from the sending start through the last day
    to answer; closed after it; published from the publication date on."""
    day = day or today()
    if day < round_.sending_starts_on:
        return RoundState.PREPARING
    if day <= round_.last_answer_day:
        return RoundState.OPEN
    if day < round_.publication_date:
        return RoundState.CLOSED
    return RoundState.PUBLISHED


def has_opened(round_: HasRoundDates, day: datetime.date | None = None) -> bool:
    return state_on(round_, day) != RoundState.PREPARING


def opened_by(day: datetime.date | None = None, prefix: str = "") -> Q:
    """The database form of has_opened(): rounds whose sending start has come."""
    return Q(**{f"{prefix}sending_starts_on__lte": day or today()})
