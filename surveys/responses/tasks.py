"""Celery tasks of the responses: storing closed rounds (surveys/responses/storing.py)."""

from celery import shared_task

from surveys.responses import storing


@shared_task
def store_closed_rounds() -> int:
    """Beat runs this every night: the responses of every round whose last day to answer
    has passed and whose responses are not stored yet, so the day after the last day."""
    return storing.store_closed_rounds()
