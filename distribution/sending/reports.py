"""What becomes of a message after it is handed over: the SMS gateway's delivery reports,
e-mail bounces, and the SMS that never get a report.

Each is one conditional update of a message still awaiting its fate (sent, or unconfirmed:
a report that comes late still counts), so a report for a message we do not know, or one
already delivered or failed, changes nothing: a gateway that posts a report twice does no
harm. A number the gateway says does not exist, or an address whose mail server bounced
for good, is marked on the participant (`mobile_refused`, `email_refused`) while it is the
participant's address: later dispatches leave it out on that channel (rules.channel_rule),
and the sample's quality report asks for it to be corrected in VIGO.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from distribution.backends.results import Outcome
from distribution.backends.sms_gateway import codes
from distribution.models import Channel, Message, Status
from distribution.models.dispatches import AWAITING_REPORT
from surveys.models import Participant

log = logging.getLogger(__name__)


def apply_sms_report(gateway_id: str, code: int) -> str:
    """Applies one delivery report of the gateway; returns what it did (for the logs and
    tests): "delivered", "failed", "refused", or "ignored"."""
    outcome, reason = codes.outcome(code)
    if outcome == Outcome.ACCEPTED or not gateway_id:
        return "ignored"  # on its way still: the final report follows
    awaiting = Message.objects.filter(
        gateway_id=gateway_id, channel=Channel.SMS, status__in=AWAITING_REPORT
    )
    now = timezone.now()
    if outcome == Outcome.DELIVERED:
        done = awaiting.update(status=Status.DELIVERED, reason="", updated_at=now)
        return "delivered" if done else "ignored"
    failed = f"report_{code}_{reason}"[:40]
    if outcome != Outcome.UNKNOWN_NUMBER:
        done = awaiting.update(status=Status.PERMANENT_FAILURE, reason=failed, updated_at=now)
        return "failed" if done else "ignored"
    row = awaiting.values_list("pk", "participant_id", "address").first()
    if row is None:
        return "ignored"
    pk, participant_id, address = row
    done = Message.objects.filter(pk=pk, status__in=AWAITING_REPORT).update(
        status=Status.PERMANENT_FAILURE, reason=failed, updated_at=now
    )
    if not done:
        return "ignored"
    Participant.objects.filter(pk=participant_id, mobile=address).update(mobile_refused=address)
    return "refused"


def apply_bounce(message_pk: int, address: str, permanent: bool, reason: str) -> str:
    """Applies one bounce of an e-mail we handed over: "refused" (permanent: the address is
    marked), "failed" (temporary: the receiving server gave up for now; not sent again,
    since it may yet arrive) or "ignored"."""
    awaiting = Message.objects.filter(
        pk=message_pk, channel=Channel.EMAIL, status__in=AWAITING_REPORT
    )
    if address:
        awaiting = awaiting.filter(address__iexact=address)
    row = awaiting.values_list("participant_id", "address").first()
    if row is None:
        return "ignored"
    participant_id, sent_to = row
    kind = "permanent" if permanent else "temporary"
    done = awaiting.update(
        status=Status.PERMANENT_FAILURE,
        reason=f"bounce_{kind}_{reason}"[:40].rstrip("_"),
        updated_at=timezone.now(),
    )
    if not done:
        return "ignored"
    if not permanent:
        return "failed"
    Participant.objects.filter(pk=participant_id, email=sent_to).update(email_refused=sent_to)
    return "refused"


def mark_unconfirmed(now: datetime.datetime | None = None) -> int:
    """SMS handed over SENDING_UNCONFIRMED_DAYS ago with no delivery report: unconfirmed.
    E-mail has no delivery reports and stays sent unless it bounces."""
    now = now or timezone.now()
    before = now - datetime.timedelta(days=settings.SENDING_UNCONFIRMED_DAYS)
    marked = Message.objects.filter(
        channel=Channel.SMS, status=Status.SENT, handed_over_at__lt=before
    ).update(status=Status.UNCONFIRMED, reason="no_delivery_report", updated_at=now)
    if marked:
        log.info("%s SMS had no delivery report after %s days", marked, before)
    return marked
