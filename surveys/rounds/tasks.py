"""Celery tasks of the rounds: deleting contact data after a round (surveys/rounds/retention.py)."""

from celery import shared_task

from surveys.rounds import retention


@shared_task
def delete_contact_data() -> int:
    """Beat runs this every night: rounds whose last day is CONTACT_DATA_DAYS past."""
    return retention.delete_due()
