"""Delivery reports applied in batches (distribution/sending/report_queue.py): every report
of a batch applied as one would be alone, none lost to a second drain at once or to a batch
applied twice."""

from __future__ import annotations

import json

import pytest

from distribution.models import Message, Status
from distribution.sending import report_queue
from tests.distribution.sending_helpers import person, send, small_sample
from tests.distribution.sending_helpers import vestland as county

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    """Three SMS handed over, with gateway ids g-A1, g-A3, g-O1; the report list empty."""
    round_ = small_sample()
    dispatch = send(county(), round_, channels=("sms",), include_offices=True)
    for message in dispatch.messages.select_related("participant"):
        key = message.participant.person_key
        Message.objects.filter(pk=message.pk).update(
            status=Status.SENT, gateway_id=f"g-{key}", address=message.participant.mobile
        )
    redis = report_queue._redis()
    redis.delete(report_queue.KEY, report_queue.FLAG, report_queue.LOCK)
    yield {m.participant.person_key: m for m in dispatch.messages.select_related("participant")}
    redis.delete(report_queue.KEY, report_queue.FLAG, report_queue.LOCK)


def _push(*reports):
    report_queue._redis().rpush(report_queue.KEY, *[json.dumps(r) for r in reports])


def _status(message) -> str:
    message.refresh_from_db()
    return message.status


def test_a_batch_applies_each_report_as_alone(sent):
    # Delivered, failed, unknown number, a duplicate, one for a message we do not know,
    # and a late contrary one: applied in the order they came.
    _push(["g-A1", 1001], ["g-A3", 1002], ["g-O1", 2104], ["g-A1", 1001], ["g-nope", 1001])
    _push(["g-A1", 1002])
    assert report_queue.drain() == 6
    assert _status(sent["A1"]) == Status.DELIVERED  # the later failure changes nothing
    assert _status(sent["A3"]) == Status.PERMANENT_FAILURE
    assert _status(sent["O1"]) == Status.PERMANENT_FAILURE
    assert person("O1").mobile_refused == person("O1").mobile
    assert report_queue.waiting() == 0
    assert not report_queue._redis().exists(report_queue.FLAG)


def test_a_second_drain_at_once_leaves_the_reports_to_the_first(sent):
    _push(["g-A1", 1001])
    lock = report_queue._redis().lock(report_queue.LOCK, timeout=30)
    assert lock.acquire(blocking=False)
    try:
        assert report_queue.drain(wait=0.2) == 0
        assert report_queue.waiting() == 1  # not trimmed by a drain that did not apply it
    finally:
        lock.release()
    assert report_queue.drain() == 1
    assert _status(sent["A1"]) == Status.DELIVERED


def test_a_drain_queued_as_another_finishes_waits_for_it_and_applies_the_rest(sent):
    import threading

    _push(["g-A1", 1001])
    lock = report_queue._redis().lock(report_queue.LOCK, timeout=30, thread_local=False)
    assert lock.acquire(blocking=False)
    threading.Timer(0.5, lock.release).start()  # the first drain finishing
    assert report_queue.drain(wait=5) == 1
    assert _status(sent["A1"]) == Status.DELIVERED


def test_a_batch_applied_twice_changes_nothing_the_second_time(sent):
    batch = [["g-A1", 1001], ["g-A3", 1002]]
    assert report_queue.apply_batch(batch) == {"delivered": 1, "other": 1}
    assert report_queue.apply_batch(batch) == {"delivered": 0, "other": 0}


def test_the_sweep_wakes_a_drain_for_reports_left_waiting(sent):
    _push(["g-A1", 1001])
    assert report_queue.wake() is True  # queues a drain task (no worker here: it waits)
    assert report_queue.wake() is False  # one at a time
