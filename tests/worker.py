"""A real Celery worker on Redis, in a thread of the test process so it uses the test database."""

import pytest
from celery.contrib.testing.worker import start_worker

from laerling.celery import app


@pytest.fixture
def worker(transactional_db):
    app.control.purge()  # nothing left in the test queue by an earlier, interrupted run
    with start_worker(
        app,
        pool="threads",
        concurrency=2,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=20,
    ) as running:
        yield running
