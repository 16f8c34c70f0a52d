"""Celery tasks of the surveys app: the mixing of submitted answers (surveys/mixing.py)."""

from celery import shared_task

from surveys import mixing


@shared_task
def mix_waiting_responses() -> int:
    """Beat runs this every few minutes: random batches once enough answers wait."""
    return mixing.mix_waiting()


@shared_task
def mix_closed_rounds() -> int:
    """Beat runs this every hour: everything left of rounds whose last day has passed."""
    return mixing.mix_closed_rounds()


# The sample import's tasks live in their own module; imported here for autodiscovery.
from surveys.sample_tasks import import_upload, purge_rejected_rows  # noqa: E402, F401
