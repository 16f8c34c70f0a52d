"""The message pipeline with a real Celery worker on Redis, real PostgreSQL and a real SMTP
server: none lost, none sent twice unless a worker dies, and then recorded."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from distribution import dispatching
from distribution.models import Message, Status
from distribution.sending import pipeline
from distribution.sending.tasks import send_batch
from tests.distribution.sending_helpers import request, send, small_sample
from tests.distribution.sending_helpers import vestland as county
from tests.smtp_sink import free_port
from tests.waiting import wait_for
from tests.worker import worker_command

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample(organisations, questionnaires):
    return small_sample(extra=20)


def _final() -> bool:
    return not Message.objects.exclude(
        status__in=[Status.SENT, Status.PERMANENT_FAILURE, Status.NOT_SENT]
    ).exists()


def test_a_dispatch_is_sent_by_the_worker_once_to_each(sample, smtp_sink, worker):
    dispatch = send(county(), sample)
    assert wait_for(lambda: dispatch.messages.filter(status=Status.SENT).count() == 22, 30)
    assert set(smtp_sink.by_recipient().values()) == {1}
    assert len(smtp_sink.by_recipient()) == 22
    message = email.message_from_bytes(
        next(content for rcpt, content in smtp_sink.received if rcpt == "ada@example.no")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].endswith("/reserver>")
    text = message.get_payload(0).get_payload(decode=True).decode()
    assert "/s/" in text and "Hei Ada!" in text


def test_the_same_task_delivered_twice_sends_one_message(sample, smtp_sink, worker, settings):
    settings.SENDING_BATCH = 1000
    dispatch = send(county(), sample)
    ids = list(dispatch.messages.values_list("pk", flat=True))
    for _ in range(3):
        send_batch.delay(ids)
    assert wait_for(lambda: smtp_sink.by_recipient().total() >= 22, 30)
    time.sleep(1)  # the other deliveries of the task have run by now too
    assert set(smtp_sink.by_recipient().values()) == {1}


def test_an_smtp_server_refusing_for_a_while_is_retried_then_sent(
    sample, smtp_sink, worker, settings
):
    settings.SENDING_RETRY_SECONDS = 1
    smtp_sink.temporary["ada@example.no"] = 2
    dispatch = send(county(), sample)
    ada = dispatch.messages.get(participant__person_key="A1")

    def sent():
        pipeline.sweep()  # what beat runs every minute
        ada.refresh_from_db()
        return ada.status == Status.SENT

    assert wait_for(sent, 30, interval=0.5)
    assert smtp_sink.attempts["ada@example.no"] == 3
    assert smtp_sink.count("ada@example.no") == 1
    assert ada.attempts == 2


def test_a_permanent_refusal_fails_the_message_without_retrying(
    sample, smtp_sink, worker, settings
):
    settings.SENDING_RETRY_SECONDS = 1
    smtp_sink.permanent.add("bo@example.no")
    dispatch = send(county(), sample)
    bo = dispatch.messages.get(participant__person_key="A2")
    assert wait_for(lambda: _final(), 30)
    for _ in range(3):
        pipeline.sweep()
        time.sleep(0.5)
    bo.refresh_from_db()
    assert (bo.status, bo.reason) == (Status.PERMANENT_FAILURE, "recipient_refused_550")
    assert smtp_sink.attempts["bo@example.no"] == 1
    # The address is marked, and left out of the next dispatch by e-mail.
    assert bo.participant.__class__.objects.get(pk=bo.participant_id).email_refused == (
        "bo@example.no"
    )
    plan = dispatching.plan(request(county(), sample, purpose="reminder"))
    assert plan.left_out["email_refused"] == 1


def test_a_connection_refused_is_a_temporary_failure(sample, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    dispatch = send(county(), sample)
    pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))
    first = dispatch.messages.order_by("pk").first()
    assert (first.status, first.reason) == (Status.TEMPORARY_FAILURE, "connection")
    assert first.next_attempt_at is not None


# A worker as its own process, killed and started again; a Redis server of the test's own.


def _worker_env(smtp_sink, redis_url: str, **extra) -> dict:
    name = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": smtp_sink.host,
        "EMAIL_PORT": str(smtp_sink.port),
        "SENDING_BATCH": "25",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _start_worker(env: dict, beat: bool = False) -> subprocess.Popen:
    schedule = Path(env["VAR_DIR"]) / "beat-schedule" if beat else None
    command = worker_command(2, beat_schedule=schedule)
    return subprocess.Popen(  # noqa: S603 - our own command line
        command, cwd=ROOT, env=env, start_new_session=True
    )


def _stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    process.wait(timeout=30)


@pytest.fixture
def big_sample(organisations, questionnaires):
    return small_sample(extra=2000)


def test_a_worker_killed_mid_dispatch_loses_nothing_and_records_what_it_may_resend(
    big_sample, smtp_sink, settings, tmp_path
):
    from laerling.celery import app

    app.control.purge()
    dispatch = send(county(), big_sample)  # queued on commit, before any worker runs
    total = dispatch.messages.count()
    env = _worker_env(smtp_sink, settings.REDIS_URL, VAR_DIR=str(tmp_path))
    worker = _start_worker(env)
    try:
        assert wait_for(lambda: smtp_sink.by_recipient().total() >= 300, 60, interval=0.01)
        _stop(worker, signal.SIGKILL)
    finally:
        _stop(worker)
    sent_at_kill = smtp_sink.by_recipient().total()
    assert sent_at_kill < total, "the worker finished before it was killed"
    # Beat's sweep, run as if the stuck time had passed (before the new worker holds any
    # message): the dead worker's unacked tasks would otherwise come back only after
    # Redis's visibility timeout.
    settings.SENDING_STUCK_SECONDS = 0
    pipeline.sweep()
    worker = _start_worker(env)
    try:
        assert wait_for(lambda: _final() and smtp_sink.by_recipient().total() >= total, 120)
    finally:
        _stop(worker)
    received = smtp_sink.by_recipient()
    assert len(received) == total  # every participant got it
    twice = {address for address, count in received.items() if count > 1}
    assert len(twice) <= 2  # at most one per killed worker process (two children)
    assert max(received.values()) <= 2
    recorded = set(
        dispatch.messages.filter(possibly_duplicate=True).values_list("address", flat=True)
    )
    assert twice <= recorded
    assert dispatch.messages.filter(status=Status.SENT).count() == total


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, on a port of its own, that the test may stop."""
    port = free_port()

    def start():
        return subprocess.Popen(  # noqa: S603
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp_path),
            ],
            stdout=subprocess.DEVNULL,
        )

    server = {"process": start(), "start": start, "url": f"redis://127.0.0.1:{port}/0"}
    wait_for(
        lambda: (
            subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode
            == 0
        ),
        10,
    )  # noqa: S603
    yield server
    server["process"].terminate()
    server["process"].wait(timeout=10)


def test_a_redis_restart_during_a_dispatch_is_recovered_by_itself(
    big_sample, smtp_sink, own_redis, tmp_path
):
    env = _worker_env(
        smtp_sink,
        own_redis["url"],
        VAR_DIR=str(tmp_path),
        SENDING_SWEEP_SECONDS="2",
        SENDING_STUCK_SECONDS="3",
    )
    # Confirmed with nothing to queue it on (the messages wait in the database), then the
    # worker and its beat start against the test's Redis.
    dispatch = send(county(), big_sample)
    total = dispatch.messages.count()
    worker = _start_worker(env, beat=True)
    try:
        assert wait_for(lambda: smtp_sink.by_recipient().total() >= 200, 60, interval=0.01)
        own_redis["process"].kill()  # Redis keeps nothing on disk: its queue is gone
        own_redis["process"].wait(timeout=10)
        time.sleep(1)
        own_redis["process"] = own_redis["start"]()
        assert wait_for(lambda: _final() and smtp_sink.by_recipient().total() >= total, 120)
    finally:
        _stop(worker)
    received = smtp_sink.by_recipient()
    assert len(received) == total
    assert max(received.values()) == 1
