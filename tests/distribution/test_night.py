"""SMS are not sent between 21:00 and 08:00 Norwegian time: one due at night stays queued
with its next attempt in the morning, and goes then; e-mail goes at any hour."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from distribution import rules
from distribution.models import Status
from distribution.sending import pipeline
from tests.distribution.sending_helpers import send, small_sample
from tests.distribution.sending_helpers import vestland as county

OSLO = ZoneInfo("Europe/Oslo")


def _oslo(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 10, day, hour, minute, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("now", "held_until"),
    [
        (_oslo(5, 20, 59), None),
        (_oslo(5, 21, 0), _oslo(6, 8)),
        (_oslo(5, 23, 30), _oslo(6, 8)),
        (_oslo(6, 0, 10), _oslo(6, 8)),
        (_oslo(6, 7, 59), _oslo(6, 8)),
        (_oslo(6, 8, 0), None),
        (_oslo(6, 12, 0), None),
    ],
)
def test_sms_wait_from_nine_in_the_evening_to_eight_in_the_morning(now, held_until, settings):
    settings.SMS_NIGHT_STARTS, settings.SMS_NIGHT_ENDS = 21, 8
    assert rules.sms_held_until(now.astimezone(datetime.UTC)) == held_until


def test_the_night_is_norwegian_time_in_summer_too(settings):
    settings.SMS_NIGHT_STARTS, settings.SMS_NIGHT_ENDS = 21, 8
    # 19:30 UTC is 21:30 in Oslo in summer (UTC+2): night already.
    now = datetime.datetime(2026, 6, 1, 19, 30, tzinfo=datetime.UTC)
    assert rules.sms_held_until(now) == datetime.datetime(2026, 6, 2, 8, tzinfo=OSLO)


@pytest.mark.django_db(transaction=True)
def test_an_sms_due_at_night_stays_queued_until_the_morning_and_goes_then(
    organisations, questionnaires, sms_gateway, smtp_sink, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = smtp_sink.host, smtp_sink.port
    # A night that holds the present hour, whatever it is.
    hour = timezone.now().astimezone(OSLO).hour
    settings.SMS_NIGHT_STARTS, settings.SMS_NIGHT_ENDS = hour, (hour + 2) % 24  # 1-2 h left
    morning = rules.sms_held_until(timezone.now())
    assert morning is not None
    sample = small_sample()
    dispatch = send(county(), sample, channels=("email", "sms"))
    pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))

    sms = dispatch.messages.filter(channel="sms")
    assert {(m.status, m.next_attempt_at) for m in sms} == {(Status.QUEUED, morning)}
    assert sms_gateway.received == []
    assert not dispatch.messages.filter(channel="email").exclude(status=Status.SENT).exists()
    # Through the night the sweep leaves them be, and a task run again sends none of them.
    assert pipeline.sweep(timezone.now() + datetime.timedelta(minutes=30))["lost"] == 0
    settings.SMS_NIGHT_STARTS = settings.SMS_NIGHT_ENDS = 0  # morning has come
    pipeline.send_batch(sms.values_list("pk", flat=True))
    assert sms_gateway.received == []
    # Morning comes: the clock passes their next attempt, as it would overnight.
    now = timezone.now()
    sms.update(
        next_attempt_at=now - datetime.timedelta(minutes=1),
        updated_at=now - datetime.timedelta(minutes=6),
    )
    assert pipeline.sweep()["lost"] == sms.count()  # what beat runs then
    pipeline.send_due()
    assert set(sms.values_list("status", flat=True)) == {Status.SENT}
    assert len(sms_gateway.by_destination()) == sms.count()
