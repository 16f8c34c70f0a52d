"""Contact data gone after the round: CONTACT_DATA_DAYS after the last day, names, addresses,
numbers, link keys and the messages' addresses go; dimensions, marks and responses stay."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from distribution.models import Dispatch, Message
from surveys.models import Participant, Round
from surveys.rounds import retention, schedule
from tests.respondents import a_participant, a_round, path

pytestmark = pytest.mark.django_db


def _ended(round_, days_ago):
    Round.objects.filter(pk=round_.pk).update(
        last_answer_day=schedule.today() - datetime.timedelta(days=days_ago)
    )


def _invited(person, round_, **fields) -> Dispatch:
    """An e-mail invitation of the person's county to kari@example.no."""
    dispatch = Dispatch.objects.create(
        organisation=person.county,
        round=round_,
        purpose="invitation",
        email=True,
        request_key=uuid.uuid4(),
    )
    Message.objects.create(
        dispatch=dispatch,
        participant=person,
        channel="email",
        purpose="invitation",
        address="kari@example.no",
        **fields,
    )
    return dispatch


def test_contact_data_goes_after_the_retention_days_and_marks_and_dimensions_stay():
    round_ = a_round(opens_in=-60, closes_in=-45)
    person = a_participant(
        round_, first_name="Kari", last_name="Nordmann", mobile="+4791234567", trade_code="X"
    )
    Participant.objects.filter(pk=person.pk).update(
        answered_on=schedule.today(), invited_on=schedule.today()
    )
    dispatch = _invited(person, round_, handed_over_at=timezone.now())
    link = path(person)

    _ended(round_, settings.CONTACT_DATA_DAYS - 1)
    assert retention.delete_due() == 0
    _ended(round_, settings.CONTACT_DATA_DAYS + 1)
    assert retention.delete_due() == 1
    assert retention.delete_due() == 0  # once

    kept = Participant.objects.get(pk=person.pk)
    assert (kept.first_name, kept.last_name, kept.email, kept.mobile) == ("", "", "", "")
    assert kept.link_key == "" and kept.token_hash is None
    assert kept.answered_on and kept.invited_on and kept.trade_code == "X"
    message = Message.objects.get(dispatch=dispatch)
    assert message.address == "" and message.handed_over_at is None
    assert Client().get(link).status_code == 404


def test_the_embedded_outbox_loses_the_rounds_messages_with_the_contact_data():
    from distribution.models import OutboxMessage

    round_ = a_round(opens_in=-60, closes_in=-45)
    person = a_participant(round_, first_name="Kari")
    _invited(person, round_)
    during = timezone.now() - datetime.timedelta(days=50)
    rows = {
        "round": ("kari@example.no", during),
        "someone else": ("ola@example.no", during),
        "after the round": ("kari@example.no", timezone.now()),
    }
    made = {}
    for name, (recipient, when) in rows.items():
        row = OutboxMessage.objects.create(channel="email", recipient=recipient, body="Hei Kari")
        OutboxMessage.objects.filter(pk=row.pk).update(sent_at=when)
        made[name] = row.pk
    _ended(round_, settings.CONTACT_DATA_DAYS + 1)
    assert retention.delete_due() == 1
    left = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert left == {made["someone else"], made["after the round"]}


def test_beat_deletes_contact_data_every_night():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "surveys.rounds.tasks.delete_contact_data" in scheduled
