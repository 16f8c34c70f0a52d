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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Held:
    """What personal data one round holds now, and when each kind goes."""

    round: Round
    with_contact_data: int  # participants with a name, an address or a link
    contact_data_goes: datetime.date
    contact_data_gone_on: datetime.date | None
    sealed_drafts: int
    drafts_go: datetime.date  # the night the round's responses are stored
    rejected_rows: int
    rejected_rows_go: datetime.date
    uploads_waiting: int  # extract files kept until an import is confirmed or discarded


def held(rounds=None) -> list[Held]:
    """Udir's view of the personal data each round holds, and when it goes (the admin's
    "Personopplysninger per gjennomføring")."""
    from django.db.models import Count, Q

    from surveys.models import Draft, RejectedRow, SampleUpload

    rounds = list(rounds if rounds is not None else Round.objects.order_by("-year", "survey"))
    contact = ~Q(first_name="") | ~Q(email="") | ~Q(mobile="") | ~Q(link_key="")
    with_contact = dict(
        Participant.objects.filter(contact, round__in=rounds)
        .values("round")
        .annotate(n=Count("id"))
        .values_list("round", "n")
    )
    drafts = dict(
        Draft.objects.filter(participant__round__in=rounds)
        .values("participant__round")
        .annotate(n=Count("pk"))
        .values_list("participant__round", "n")
    )
    rejected = dict(
        RejectedRow.objects.filter(round__in=rounds)
        .values("round")
        .annotate(n=Count("id"))
        .values_list("round", "n")
    )
    uploads = dict(
        SampleUpload.objects.filter(round__in=rounds, content__isnull=False)
        .values("round")
        .annotate(n=Count("id"))
        .values_list("round", "n")
    )
    return [
        Held(
            round=round_,
            with_contact_data=with_contact.get(round_.pk, 0),
            contact_data_goes=deletion_day(round_),
            contact_data_gone_on=round_.contact_data_deleted_on,
            sealed_drafts=drafts.get(round_.pk, 0),
            drafts_go=round_.last_answer_day + datetime.timedelta(days=1),
            rejected_rows=rejected.get(round_.pk, 0),
            rejected_rows_go=round_.last_answer_day + datetime.timedelta(days=1),
            uploads_waiting=uploads.get(round_.pk, 0),
        )
        for round_ in rounds
    ]
