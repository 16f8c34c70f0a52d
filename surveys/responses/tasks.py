"""Celery tasks of the responses: the mixing of submitted answers (surveys/responses/mixing.py)."""

from celery import shared_task

from surveys.responses import mixing


@shared_task
def mix_waiting_responses() -> int:
    """Beat runs this every few minutes: random batches once enough answers wait."""
    return mixing.mix_waiting()


@shared_task
def mix_closed_rounds() -> int:
    """Beat runs this every hour: everything left of rounds whose last day has passed."""
    return mixing.mix_closed_rounds()
