"""A real Celery worker on Redis, in a thread of the test process so it uses the test database."""

import pytest
from celery.contrib.testing.worker import start_worker

from laerling.celery import app


def _running(concurrency: int):
    app.control.purge()  # nothing left in the test queue by an earlier, interrupted run
    return start_worker(
        app,
        pool="threads",
        concurrency=concurrency,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=20,
    )


@pytest.fixture
def worker(transactional_db):
    with _running(concurrency=2) as running:
        yield running


@pytest.fixture
def one_at_a_time_worker(transactional_db):
    """A worker that runs one task at a time, in the order they were queued: once a task
    queued later has run, every task queued before it has run too."""
    with _running(concurrency=1) as running:
        yield running
