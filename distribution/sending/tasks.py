"""Celery tasks of the pipeline: they carry ids only, and the database decides what is due."""

from celery import shared_task

from distribution import lost_link
from distribution.sending import pipeline, report_queue, reports


@shared_task(acks_late=True)
def send_batch(ids: list[int]) -> dict[str, int]:
    return pipeline.send_batch(ids)


@shared_task
def sweep() -> dict[str, int]:
    """Beat runs this every minute: what a dead worker or a lost task left is queued again."""
    result = pipeline.sweep()
    # Delivery reports waiting with no drain running (its worker died): drained now.
    result["reports_woken"] = int(report_queue.available() and report_queue.wake())
    return result


@shared_task(acks_late=True)
def apply_sms_report(gateway_id: str, code: int) -> str:
    return reports.apply_sms_report(gateway_id, code)


@shared_task(acks_late=True)
def drain_sms_reports() -> int:
    return report_queue.drain()


@shared_task(acks_late=True)
def apply_bounce(message_pk: int, address: str, permanent: bool, reason: str) -> str:
    return reports.apply_bounce(message_pk, address, permanent, reason)


@shared_task
def mark_unconfirmed() -> int:
    """Beat runs this every hour: SMS with no delivery report for days are marked."""
    return reports.mark_unconfirmed()


@shared_task(acks_late=True)
def resend_link(channel: str, value: str, gathering_id: int | None = None) -> None:
    """A lost-link request: the lookup and the sending, the same task whether or not the
    address belongs to anyone. It returns nothing, so no result backend keeps the answer.
    It carries the address typed (the one thing it must look up), never a link."""
    lost_link.resend(channel, value, gathering_id)
