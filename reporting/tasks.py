"""Celery tasks of the results: publishing stored rounds (reporting/publication.py)."""

from celery import shared_task

from reporting import publication


@shared_task
def publish_due() -> int:
    """Beat runs this every night after the responses are stored: each stored round whose
    figures are not computed, or were computed from other data, is computed again."""
    return publication.publish_due()
