"""Celery tasks of the pipeline: they carry ids only, and the database decides what is due."""

from celery import shared_task

from distribution.sending import pipeline


@shared_task(acks_late=True)
def send_batch(ids: list[int]) -> dict[str, int]:
    return pipeline.send_batch(ids)


@shared_task
def sweep() -> dict[str, int]:
    """Beat runs this every minute: what a dead worker or a lost task left is queued again."""
    return pipeline.sweep()
