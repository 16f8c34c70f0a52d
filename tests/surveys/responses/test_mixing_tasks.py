"""The mixing runs as Celery tasks on a real worker, and beat schedules both."""

import datetime
import time

import pytest
from django.conf import settings

from surveys import tasks
from surveys.models import Draft, Response, Round
from surveys.rounds import schedule
from tests.respondents import a_participant, a_round

pytestmark = pytest.mark.django_db(transaction=True)


def test_beat_runs_the_waiting_mixing_and_the_close_of_round_mixing():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "surveys.responses.tasks.mix_waiting_responses",
        "surveys.responses.tasks.mix_closed_rounds",
    } <= scheduled


def test_the_worker_mixes_waiting_answers_and_what_a_closed_round_left(organisations, worker):
    round_ = a_round()
    for _ in range(21):
        person = a_participant(round_, answered_on=schedule.today())
        Draft.objects.create(participant=person, answers={}, submitted=True)
    tasks.mix_waiting_responses.delay()
    _wait_until(lambda: Response.objects.count() == 10)
    assert Draft.objects.count() == 11
    Round.objects.filter(pk=round_.pk).update(
        last_answer_day=schedule.today() - datetime.timedelta(days=1)
    )
    tasks.mix_closed_rounds.delay()
    _wait_until(lambda: not Draft.objects.exists())
    assert Response.objects.count() == 21


def _wait_until(condition, seconds: float = 30.0) -> None:
    """No result backend: the database is where a task's work shows."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not do it in time"
        time.sleep(0.1)
