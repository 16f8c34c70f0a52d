"""Celery tasks of the distribution app: starting planned dispatches, a dispatch's test
message and the outbox's here, and the pipeline's
(distribution/sending/tasks.py) imported so Celery's autodiscovery finds them."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from sms import send_sms

from distribution import dispatching, test_messages
from distribution.sending.tasks import (
    apply_bounce,
    apply_sms_report,
    mark_unconfirmed,
    resend_link,
    send_batch,
    sweep,
)

__all__ = [
    "apply_bounce",
    "apply_sms_report",
    "mark_unconfirmed",
    "resend_link",
    "send_batch",
    "send_dispatch_test",
    "send_test_message",
    "start_scheduled",
    "sweep",
]


@shared_task
def send_test_message(email: str, mobile: str) -> None:
    """Sends one e-mail and one SMS from the worker: proof that the queue and backends work."""
    link = f"{settings.SITE_URL}/"
    send_mail(
        _("Testmelding fra Lærlingundersøkelsen"),
        _("Denne meldingen ble sendt av en Celery-arbeider. Lenke: %(link)s") % {"link": link},
        None,
        [email],
    )
    send_sms(_("Testmelding fra Lærlingundersøkelsen: %(link)s") % {"link": link}, None, [mobile])


@shared_task
def start_scheduled() -> list[int]:
    """Beat runs this every minute: planned dispatches whose time has come are started."""
    return dispatching.start_due()


@shared_task
def send_dispatch_test(dispatch_id: int, email: str, mobile: str, language: str) -> list[str]:
    """A dispatch's test message to its administrator's own address or number, sent by the
    worker through the same backends; it makes no message row and counts against nothing."""
    return test_messages.send(dispatch_id, email, mobile, language)
