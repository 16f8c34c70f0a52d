"""Sending: the pipeline that moves each message from queued to handed over (pipeline.py),
and its Celery tasks (tasks.py)."""
