"""Contact data gone after the round: CONTACT_DATA_DAYS after a round's last day to answer,
its participants' names, e-mail addresses, mobile numbers (also as the extract wrote them,
and as a mail server refused them) and link keys are deleted, and with them the messages'
addresses and delivery details.

The participants stay with their dimensions and marks (invited, reminders, answered), so
response-rate history still counts; the responses were stored long before and hold none of
this. Without a link key and its hash, no link of the round leads anywhere any more.

The messages are distribution's, and surveys may not import distribution (the layering
contract): `contact_data_deleted` is sent inside the same transaction, and distribution
connects its own clean-up to it (distribution/retention.py). The signal keeps the rule -
which round, which day - here, and each app deleting only its own rows, in one
transaction: either all of a round's contact data goes, or none.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

from surveys import storage
from surveys.models import Participant, Round
from surveys.rounds import schedule

# Sent with `round_id`, inside the deleting transaction.
contact_data_deleted = Signal()


def deletion_day(round_: Round) -> datetime.date:
    return round_.last_answer_day + datetime.timedelta(days=settings.CONTACT_DATA_DAYS)


def rounds_due(day: datetime.date | None = None):
    day = day or schedule.today()
    last = day - datetime.timedelta(days=settings.CONTACT_DATA_DAYS)
    return Round.objects.filter(last_answer_day__lt=last, contact_data_deleted_on__isnull=True)


def delete_contact_data(round_: Round, day: datetime.date | None = None) -> int:
    """Deletes the round's contact data. Returns the participants cleared."""
    day = day or schedule.today()
    with transaction.atomic():
        storage.secure_delete_on()
        cleared = Participant.objects.filter(round=round_).update(
            first_name="",
            last_name="",
            email="",
            mobile="",
            email_in_extract="",
            mobile_in_extract="",
            email_refused="",
            mobile_refused="",
            link_key="",
            token_hash=None,
        )
        contact_data_deleted.send(sender=Round, round_id=round_.pk)
        Round.objects.filter(pk=round_.pk).update(contact_data_deleted_on=day)
        # The old row versions hold what was just cleared, until the table is rewritten.
        storage.rewrite_after_commit(Participant._meta.db_table)
    return cleared


def delete_due(day: datetime.date | None = None) -> int:
    """Beat's daily run: every round whose time has come."""
    return sum(delete_contact_data(round_, day) for round_ in rounds_due(day))
