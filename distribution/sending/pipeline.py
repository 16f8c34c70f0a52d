"""The message pipeline: from queued to handed over, with no message sent twice and none lost.

GOV.UK Notify is the model: a row per message is the truth, and a status guard stands
before every send. Each message is claimed by a conditional update (queued or due for a
retry -> sending) that only one worker can win, handed to the e-mail or SMS service, and
marked sent at once, so a worker killed mid-batch leaves at most the one message it was
handing over in "sending". The sweep, run by beat every minute, re-queues such a message
(recorded as possibly sent twice), messages whose task was lost (a broker restart: Redis
keeps nothing on disk) and temporary failures that are due. No database transaction stays
open across a network call: every update here commits on its own.

Failures: an SMTP 5xx refusal of the recipient or the message is permanent (the message is
failed and not retried); a 4xx answer, a refused or dropped connection are temporary and
retried with a doubling delay, up to SENDING_MAX_ATTEMPTS. The SMS gateway answers each
message with a result code (backends/sms_gateway/codes.py): accepted is sent, with the
gateway's id kept for its delivery reports; temporary codes are retried the same way;
permanent ones fail the message, and a number the gateway does not know is marked on the
participant as a refused address is. SMS are not sent at night (rules.sms_held_until): one
due then stays queued with its next attempt at 8:00 Norwegian time.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from sms import get_connection as get_sms_connection
from sms.message import Message as SmsMessage

from distribution import rules, texts
from distribution.backends.results import Outcome
from distribution.models import Channel, Dispatch, Message, Status
from distribution.models.dispatches import SENDABLE
from distribution.rules import Person
from surveys.models import Participant

log = logging.getLogger(__name__)


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


def start(dispatch_id: int) -> None:
    """Queues the sending of a dispatch's messages in batches (called on commit)."""
    ids = list(
        Message.objects.filter(dispatch_id=dispatch_id, status=Status.QUEUED)
        .order_by("id")
        .values_list("id", flat=True)
    )
    enqueue(ids)


def enqueue(ids: list[int], countdown: int | None = None) -> None:
    """Hands batches of message ids to the workers. A broker that cannot be reached is
    logged and never fails the caller: the messages stay queued in the database, and the
    sweep (or `manage.py send_due`) sends them."""
    from distribution.sending.tasks import send_batch

    for start_at in range(0, len(ids), settings.SENDING_BATCH):
        batch = ids[start_at : start_at + settings.SENDING_BATCH]
        try:
            send_batch.apply_async((batch,), countdown=countdown, retry=False)
        except Exception:  # noqa: BLE001 - any broker error: the database keeps the messages
            log.warning("Broker unreachable: %s messages left queued for the sweep", len(batch))
            return


def _claim(message_id: int, handed_over: tuple | None = None) -> bool:
    """The status guard: only one worker moves a message from queued (or a due retry) to
    sending. In the same statement, the message handed over just before is marked sent:
    one round trip per message, and at every instant at most one message of this worker is
    in "sending" (the one being handed over). Commits at once. True if the claim won."""
    # Raw SQL: the ORM cannot mark one row and claim another in one statement. Times are
    # adapted as the ORM would (SQLite keeps them as text).
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    previous, address, at, gateway_id = handed_over or (None, "", None, "")
    at = connection.ops.adapt_datetimefield_value(at)
    table = connection.ops.quote_name(Message._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET "  # noqa: S608 - the table's own name
            "status = CASE WHEN id = %s THEN 'sent' ELSE 'sending' END, "
            "address = CASE WHEN id = %s THEN %s ELSE address END, "
            "handed_over_at = CASE WHEN id = %s THEN %s ELSE handed_over_at END, "
            "gateway_id = CASE WHEN id = %s THEN %s ELSE gateway_id END, "
            "updated_at = %s "
            "WHERE (id = %s AND status = 'sending') OR (id = %s AND ((status = 'queued' "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= %s)) "
            "OR (status = 'temporary_failure' AND next_attempt_at <= %s))) RETURNING id",
            [
                previous,
                previous,
                address,
                previous,
                at,
                previous,
                gateway_id,
                now,
                previous,
                message_id,
                now,
                now,
            ],
        )
        return any(row[0] == message_id for row in cursor.fetchall())


def _hold(message_id: int, until: datetime.datetime) -> None:
    """An SMS due at night waits, queued, until the morning (rules.sms_held_until); the sweep
    queues it again then. Not claimed, so nothing of it is ever "sending"."""
    Message.objects.filter(pk=message_id, status__in=SENDABLE).update(
        status=Status.QUEUED, next_attempt_at=until, updated_at=timezone.now()
    )


def _mark_sent(handed_over: tuple) -> None:
    message_id, address, at, gateway_id = handed_over
    _finish(message_id, Status.SENT, address=address, handed_over_at=at, gateway_id=gateway_id)


def _finish(message_id: int, status: str, **fields) -> None:
    Message.objects.filter(pk=message_id, status=Status.SENDING).update(
        status=status, updated_at=timezone.now(), **fields
    )


def _person(participant) -> Person:
    return Person(
        participant.pk,
        participant.email,
        participant.mobile,
        participant.withdrawn_at is not None,
        participant.answered_on is not None,
        participant.opted_out_at is not None,
        participant.invited_on is not None,
        participant.reminder_count,
    )


def send_batch(ids: Iterable[int]) -> dict[str, int]:
    """Sends the messages of `ids` that are still due, over one connection per channel.
    Safe to run twice or at once for the same ids: the claim lets one through."""
    messages = list(
        Message.objects.filter(pk__in=list(ids), status__in=SENDABLE)
        .select_related("dispatch__organisation", "dispatch__round", "participant__draft")
        .order_by("id")
    )
    outcome = {"sent": 0, "not_sent": 0, "failed": 0, "retry": 0, "held": 0}
    email_connection = sms_connection = None
    # (id, address, when, gateway id) of the message handed over last, not yet marked sent
    handed_over = None
    night = rules.sms_held_until(timezone.now())
    try:
        for index, message in enumerate(messages):
            if night is not None and message.channel == Channel.SMS:
                _hold(message.pk, night)
                outcome["held"] += 1
                continue
            claimed = _claim(message.pk, handed_over)
            handed_over = None
            if not claimed:
                continue  # another worker has it, or it is done
            participant, dispatch = message.participant, message.dispatch
            stop = rules.still_wanted(_person(participant), dispatch.round, purpose=message.purpose)
            if stop is not None:
                _finish(message.pk, Status.NOT_SENT, reason=stop)
                outcome["not_sent"] += 1
                continue
            try:
                gateway_id = ""
                if message.channel == Channel.EMAIL:
                    if email_connection is None:
                        email_connection = _open_email_connection()
                    address = _send_email(message, email_connection)
                else:
                    if sms_connection is None:
                        sms_connection = _open_sms_connection()
                    address, gateway_id = _send_sms(message, sms_connection)
            except PermanentFailure as error:
                _finish(message.pk, Status.PERMANENT_FAILURE, reason=str(error)[:40])
                if str(error).startswith("recipient_refused"):
                    _mark_refused(participant, message.channel)
                outcome["failed"] += 1
                continue
            except TemporaryFailure as error:
                _retry_later(message, str(error))
                outcome["retry"] += 1
                if str(error) == "connection":
                    # The service is down: the rest of the batch waits as one.
                    email_connection = None
                    if sms_connection is not None:
                        sms_connection.close()
                        sms_connection = None
                    rest = [m.pk for m in messages[index + 1 :]]
                    enqueue(rest, countdown=settings.SENDING_RETRY_SECONDS)
                    break
                continue
            # Handed over: marked sent by the next claim's statement (or below, at the end).
            handed_over = (message.pk, address, timezone.now(), gateway_id)
            outcome["sent"] += 1
    finally:
        if handed_over is not None:
            _mark_sent(handed_over)
        # Closing a connection the server already dropped: every message is recorded.
        for open_connection in (email_connection, sms_connection):
            if open_connection is not None:
                with contextlib.suppress(Exception):
                    open_connection.close()
    return outcome


def _open_email_connection():
    """One SMTP connection for the batch; a server that cannot be reached is a temporary
    failure of the message at hand."""
    email_connection = get_connection(fail_silently=False)
    try:
        email_connection.open()
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure("connection") from error
    return email_connection


def _open_sms_connection():
    """One gateway connection (an HTTP session) for the batch; like SMTP, a gateway that
    cannot be reached is a temporary failure of the message at hand."""
    sms_connection = get_sms_connection(fail_silently=False)
    try:
        sms_connection.open()
    except OSError as error:
        raise TemporaryFailure("connection") from error
    return sms_connection


def _mark_refused(participant, channel: str) -> None:
    """The address itself is refused for good: later dispatches leave it out."""
    if channel == Channel.EMAIL:
        Participant.objects.filter(pk=participant.pk).update(email_refused=participant.email)
    else:
        Participant.objects.filter(pk=participant.pk).update(mobile_refused=participant.mobile)


def _retry_later(message: Message, reason: str) -> None:
    attempts = message.attempts + 1
    if attempts >= settings.SENDING_MAX_ATTEMPTS:
        _finish(message.pk, Status.PERMANENT_FAILURE, reason="gave_up", attempts=attempts)
        return
    delay = settings.SENDING_RETRY_SECONDS * 2 ** (attempts - 1)
    _finish(
        message.pk,
        Status.TEMPORARY_FAILURE,
        reason=reason[:40],
        attempts=attempts,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
    )


def _language(message: Message) -> str:
    return texts.language_for(message.participant, message.dispatch.language)


def _send_email(message: Message, connection) -> str:
    participant, dispatch = message.participant, message.dispatch
    email = texts.email(
        participant,
        dispatch.round,
        message.purpose,
        dispatch.organisation.name,
        _language(message),
        message_id=message.pk,
    )
    email.connection = connection
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as error:
        code = next(iter(error.recipients.values()))[0]
        raise _by_code(code, "recipient_refused") from error
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
        raise _by_code(error.smtp_code, "message_refused") from error
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        raise TemporaryFailure("connection") from error
    except smtplib.SMTPResponseException as error:
        raise _by_code(error.smtp_code, "smtp_error") from error
    return participant.email


def _by_code(code: int, reason: str) -> Exception:
    if 500 <= code < 600:
        return PermanentFailure(f"{reason}_{code}")
    return TemporaryFailure(f"{reason}_{code}")


def _send_sms(message: Message, connection) -> str:
    participant, dispatch = message.participant, message.dispatch
    body = texts.sms(
        participant,
        dispatch.round,
        message.purpose,
        dispatch.organisation.name,
        _language(message),
    )
    sms = SmsMessage(body, settings.DEFAULT_FROM_SMS, [participant.mobile], connection)
    sms.reference = str(message.pk)  # LINK's refId: ours, echoed in its delivery reports
    try:
        sms.send()
    except OSError as error:
        raise TemporaryFailure("connection") from error
    result = getattr(sms, "result", None)
    if result is None:  # a backend that tells nothing more: handed over
        return participant.mobile, ""
    if result.outcome == Outcome.TEMPORARY:
        raise TemporaryFailure(f"gateway_{result.code}_{result.reason}"[:40])
    if result.outcome == Outcome.UNKNOWN_NUMBER:
        raise PermanentFailure(f"recipient_refused_{result.code}")
    if result.outcome == Outcome.PERMANENT:
        raise PermanentFailure(f"gateway_{result.code}_{result.reason}"[:40])
    return participant.mobile, result.gateway_id


def sweep(now: datetime.datetime | None = None) -> dict[str, int]:
    """Re-queues what a dead worker or a lost task left: messages stuck in "sending" (each
    possibly handed over already: recorded as possibly sent twice), messages queued so long
    that their task must be lost, and temporary failures that are due."""
    now = now or timezone.now()
    stuck_before = now - datetime.timedelta(seconds=settings.SENDING_STUCK_SECONDS)
    stuck = list(
        Message.objects.filter(status=Status.SENDING, updated_at__lt=stuck_before).values_list(
            "pk", flat=True
        )
    )
    if stuck:
        Message.objects.filter(pk__in=stuck, status=Status.SENDING).update(
            status=Status.QUEUED, possibly_duplicate=True, updated_at=now
        )
        log.warning("Sweep: %s messages were being handed over by a dead worker", len(stuck))
    waiting = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    lost = list(
        Message.objects.filter(waiting, status=Status.QUEUED, updated_at__lt=stuck_before)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    due = list(
        Message.objects.filter(status=Status.TEMPORARY_FAILURE, next_attempt_at__lte=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Touched now, so the next sweep does not queue them again while their task waits.
    Message.objects.filter(pk__in=lost).update(updated_at=now)
    enqueue(sorted(set(stuck) | set(lost) | set(due)))
    return {"stuck": len(stuck), "lost": len(lost), "due": len(due)}


def send_due(now: datetime.datetime | None = None) -> dict[str, int]:
    """Sends everything that waits, here and now, as the workers would: for operators
    without a worker (`manage.py send_due`)."""
    now = now or timezone.now()
    due = Q(status=Status.QUEUED, next_attempt_at__isnull=True) | Q(
        status__in=SENDABLE, next_attempt_at__lte=now
    )
    ids = list(Message.objects.filter(due).order_by("pk").values_list("pk", flat=True))
    total = {"sent": 0, "not_sent": 0, "failed": 0, "retry": 0, "held": 0}
    for start_at in range(0, len(ids), settings.SENDING_BATCH):
        outcome = send_batch(ids[start_at : start_at + settings.SENDING_BATCH])
        for key, value in outcome.items():
            total[key] += value
    return total


def progress(dispatch: Dispatch) -> dict[str, int]:
    """A dispatch's messages counted by status (never their texts)."""
    counts = dict.fromkeys(Status.values, 0)
    by_status = dispatch.messages.values("status").annotate(n=Count("id")).order_by()
    counts.update({row["status"]: row["n"] for row in by_status})
    return counts
