"""A planned dispatch started by a real Celery beat and worker at its time, and a test
message sent by the worker from the dispatch's page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from distribution.models import Dispatch, Message, OutboxMessage, State
from tests.distribution.sending_helpers import send, small_sample
from tests.distribution.sending_helpers import vestland as county
from tests.distribution.test_pipeline import _start_worker, _stop, _worker_env
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample(organisations, questionnaires):
    return small_sample()


def test_beat_starts_a_planned_dispatch_at_its_time(sample, smtp_sink, settings, tmp_path):
    when = timezone.now() + datetime.timedelta(seconds=6)
    dispatch = send(county(), sample, scheduled_for=when)
    env = _worker_env(
        smtp_sink, settings.REDIS_URL, VAR_DIR=str(tmp_path), SENDING_SWEEP_SECONDS="1"
    )
    worker = _start_worker(env, beat=True)
    try:
        assert wait_for(lambda: smtp_sink.by_recipient().total() >= 2, 60)
    finally:
        _stop(worker)
    dispatch.refresh_from_db()
    assert dispatch.state == State.STARTED
    assert dispatch.started_at >= when  # not before its time
    assert dispatch.started_at - when < datetime.timedelta(seconds=10)
    assert set(smtp_sink.by_recipient()) == {"ada@example.no", "bo@example.no"}


def test_the_county_sends_itself_a_test_from_the_dispatchs_page(
    sample, county_admin, other_admin, worker
):
    browser = county_admin.client
    when = timezone.now() + datetime.timedelta(hours=1)
    dispatch = send(county(), sample, channels=("email", "sms"), scheduled_for=when)
    page = reverse("distribution:dispatch", args=[dispatch.pk])
    response = browser.post(
        reverse("distribution:dispatch_test", args=[dispatch.pk]),
        {"email": "meg@vlfk.no", "mobile": "91300000", "language": "nb"},
    )
    assert response.status_code == 302 and response.url == page
    assert wait_for(lambda: OutboxMessage.objects.count() == 2, 30)
    assert set(OutboxMessage.objects.values_list("recipient", flat=True)) == {
        "meg@vlfk.no",
        "+4791300000",
    }
    assert not Message.objects.exists()
    # Another county cannot see, test or cancel it.
    for name in ("dispatch", "dispatch_test", "dispatch_cancel"):
        url = reverse(f"distribution:{name}", args=[dispatch.pk])
        assert other_admin.client.post(url).status_code == 404
    assert Dispatch.objects.get().state == State.SCHEDULED
    # Cancelled from the page, then nothing to test any more.
    browser.post(reverse("distribution:dispatch_cancel", args=[dispatch.pk]))
    assert Dispatch.objects.get().state == State.CANCELLED
    assert "SMS-kvoten er gitt tilbake" in browser.get(page).text
