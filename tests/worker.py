"""A real Celery worker on Redis, in a thread of the test process so it uses the test database;
and the command line of a worker as a process of its own (the pipeline's crash tests and
bench/dispatch.py start it the same way)."""

import sys
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker

from laerling.celery import app


def worker_command(concurrency: int = 2, beat_schedule: Path | None = None) -> list[str]:
    """`celery worker` as production runs it (prefork), quiet; with beat when given the
    file beat keeps its schedule in."""
    command = [sys.executable, "-m", "celery", "-A", "laerling", "worker", "-P", "prefork"]
    command += ["-c", str(concurrency), "--loglevel=WARNING", "--without-gossip"]
    command += ["--without-mingle"]
    if beat_schedule is not None:
        command += ["-B", "-s", str(beat_schedule)]
    return command


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
