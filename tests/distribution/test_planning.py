"""Planning dispatches: one planned for later waits with no messages until its time, and is
started then with the rules as they stand (beat starts it); until then it may be moved or
cancelled, a cancelled one giving its SMS quota back; a test message counts against
nothing. Each rule was seen failing with the rule broken (see the report of the branch)."""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.utils import timezone

from distribution import dispatching, rules, test_messages, texts
from distribution.models import Dispatch, Message, OutboxMessage, State
from distribution.rules import Refused
from distribution.sending import pipeline
from surveys.models import Participant, Round
from surveys.rounds import schedule
from tests.distribution.sending_helpers import office, person, request, send, small_sample
from tests.distribution.sending_helpers import vestland as county

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return small_sample()


def _later(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


def _plan(organisation, round_, when, purpose="invitation", channels=("email",), **options):
    return send(organisation, round_, purpose, channels, scheduled_for=when, **options)


def test_a_planned_dispatch_waits_without_messages_until_its_time(round_):
    when = _later(hours=2)
    dispatch = _plan(county(), round_, when)
    assert dispatch.state == State.SCHEDULED
    assert not Message.objects.exists()
    assert person("A1").invited_on is None  # invited when it starts, not when planned
    assert dispatching.start_due(when - datetime.timedelta(seconds=1)) == []
    assert not Message.objects.exists()
    assert dispatching.start_due(when) == [dispatch.pk]
    dispatch.refresh_from_db()
    assert dispatch.state == State.STARTED
    assert set(dispatch.messages.values_list("participant__person_key", flat=True)) == {"A1", "A2"}
    assert person("A1").invited_on == schedule.today()
    assert dispatching.start_due(when) == []  # started once only


def test_a_planned_dispatch_leaves_out_those_who_answered_before_it_started(round_):
    dispatch = _plan(county(), round_, _later(hours=1))
    Participant.objects.filter(person_key="A2").update(answered_on=schedule.today())
    dispatching.start_due(_later(hours=2))
    assert set(dispatch.messages.values_list("participant__person_key", flat=True)) == {"A1"}


def test_a_planned_time_that_has_passed_is_refused(round_):
    with pytest.raises(Refused, match="allerede vært"):
        _plan(county(), round_, _later(minutes=-1))
    assert not Dispatch.objects.exists()


def test_a_planned_time_after_the_last_day_to_answer_is_refused(round_):
    with pytest.raises(Refused, match="ikke åpen for utsending"):
        _plan(county(), round_, _later(days=60))
    assert not Dispatch.objects.exists()


def test_a_planned_sms_dispatch_takes_its_quota_at_once_and_gives_it_back_when_cancelled(round_):
    before = rules.sms_dispatches_left(county(), round_)
    dispatch = _plan(county(), round_, _later(hours=1), channels=("sms",))
    assert rules.sms_dispatches_left(county(), round_) == before - 1
    dispatching.cancel(dispatch)
    assert rules.sms_dispatches_left(county(), round_) == before
    assert dispatching.start_due(_later(hours=2)) == []  # a cancelled one never starts
    assert not Message.objects.exists()


def test_the_last_sms_dispatch_can_be_planned_again_once_cancelled(round_):
    from distribution.models import SmsQuota

    SmsQuota.objects.create(organisation=county(), round=round_, limit=1)
    dispatch = _plan(county(), round_, _later(hours=1), channels=("sms",))
    with pytest.raises(Refused, match="brukt alle SMS-utsendingene"):
        _plan(county(), round_, _later(hours=3), channels=("sms",))
    dispatching.cancel(dispatch)
    again = _plan(county(), round_, _later(hours=3), channels=("sms",))
    assert again.state == State.SCHEDULED


def test_a_started_dispatch_cannot_be_cancelled_or_moved(round_):
    dispatch = send(county(), round_)
    with pytest.raises(Refused, match="allerede startet"):
        dispatching.cancel(dispatch)
    with pytest.raises(Refused, match="allerede startet"):
        dispatching.reschedule(dispatch, _later(hours=1))
    dispatch.refresh_from_db()
    assert dispatch.state == State.STARTED


def test_a_planned_dispatch_can_be_moved_and_its_greeting_changed_before_it_starts(round_):
    dispatch = _plan(county(), round_, _later(hours=1))
    dispatching.reschedule(dispatch, _later(hours=5), greeting="Lykke til!")
    assert dispatching.start_due(_later(hours=2)) == []
    with pytest.raises(Refused, match="allerede vært"):
        dispatching.reschedule(dispatch, _later(hours=-1))
    dispatch.refresh_from_db()
    assert dispatch.greeting == "Lykke til!"
    assert dispatching.start_due(_later(hours=6)) == [dispatch.pk]


def test_a_planned_reminder_counts_as_a_reminder_only_when_it_starts(round_):
    send(county(), round_)
    _plan(county(), round_, _later(hours=1), purpose="reminder")
    assert person("A1").reminder_count == 0
    dispatching.start_due(_later(hours=2))
    assert person("A1").reminder_count == 1


def test_a_planned_dispatch_whose_round_has_closed_is_cancelled_at_its_time(round_):
    dispatch = _plan(county(), round_, _later(hours=1), channels=("sms",))
    Round.objects.filter(pk=round_.pk).update(
        last_answer_day=schedule.today() - datetime.timedelta(days=1)
    )
    assert dispatching.start_due(_later(hours=2)) == []
    dispatch.refresh_from_db()
    assert (dispatch.state, dispatch.cancelled_reason) == (State.CANCELLED, "round_closed")
    assert not Message.objects.exists()


def test_a_greeting_longer_than_the_limit_is_refused(round_):
    with pytest.raises(Refused, match="høyst 300 tegn"):
        send(county(), round_, greeting="x" * 301)
    assert not Dispatch.objects.exists()


def test_the_greeting_stands_in_the_email_and_not_in_the_sms(round_):
    send(county(), round_, channels=("email", "sms"), greeting="Hilsen <fylket> & oss")
    pipeline.send_due()
    email = OutboxMessage.objects.get(channel="email", recipient="ada@example.no")
    assert "Hilsen <fylket> & oss" in email.body
    assert "Hilsen &lt;fylket&gt; &amp; oss" in email.html
    sms = OutboxMessage.objects.get(channel="sms", recipient="+4791000001")
    assert "Hilsen" not in sms.body


def test_a_test_message_goes_to_the_administrator_and_counts_against_nothing(round_):
    dispatch = _plan(county(), round_, _later(hours=1), channels=("email", "sms"))
    left = rules.sms_dispatches_left(county(), round_)
    email, mobile = test_messages.addresses(dispatch, "meg@vlfk.no", "913 00 000")
    assert test_messages.send(dispatch.pk, email, mobile, "nn") == ["email", "sms"]
    received = {m.channel: m for m in OutboxMessage.objects.all()}
    assert received["email"].recipient == "meg@vlfk.no"
    assert received["email"].subject.startswith("[Test]")
    assert received["sms"].recipient == "+4791300000"
    assert "eksempel-ikke-en-ekte-lenke" in received["sms"].body
    assert not Message.objects.exists()
    assert Dispatch.objects.count() == 1
    assert rules.sms_dispatches_left(county(), round_) == left
    assert person("A1").invited_on is None


def test_a_test_message_to_an_address_that_is_not_one_is_refused(round_):
    dispatch = _plan(county(), round_, _later(hours=1))
    with pytest.raises(Refused, match="ikke en gyldig e-postadresse"):
        test_messages.addresses(dispatch, "meg@", "")
    with pytest.raises(Refused, match="Skriv e-postadressen"):
        test_messages.addresses(dispatch, "", "91300000")  # the dispatch sends no SMS


# Information before opening.


def _not_open_yet(round_) -> Round:
    """The round moved to open in three days (bypassing the guard that keeps an opened
    round's start fixed: the test's round opened on import)."""
    models.QuerySet.update(
        Round.objects.filter(pk=round_.pk),
        sending_starts_on=schedule.today() + datetime.timedelta(days=3),
    )
    return Round.objects.get(pk=round_.pk)


def test_information_before_opening_is_allowed_only_before_the_round_opens(round_):
    with pytest.raises(Refused, match="bare sendes før"):
        send(county(), round_, "information")
    preparing = _not_open_yet(round_)
    with pytest.raises(Refused, match="ikke åpen for utsending"):
        send(county(), preparing, "invitation")
    dispatch = send(county(), preparing, "information")
    assert dispatch.messages.count() == 2


def test_information_needs_the_sample_imported(round_):
    from surveys.rounds.creation import create_rounds

    create_rounds(2027)
    later = Round.objects.get(survey="apprentice", year=2027)
    with pytest.raises(Refused, match="ikke importert"):
        send(county(), later, "information")


def test_information_has_the_information_sheet_and_no_personal_link(round_):
    preparing = _not_open_yet(round_)
    send(county(), preparing, "information", channels=("email", "sms"))
    assert pipeline.send_due()["sent"] == 4  # A1 twice, A2 by e-mail, A3 by SMS
    for message in OutboxMessage.objects.all():
        assert texts.information_url(preparing) in message.body
        assert "/s/" not in message.body + message.html
        assert "List-Unsubscribe" not in message.headers


def test_information_counts_against_the_sms_quota_and_is_no_reminder(round_):
    preparing = _not_open_yet(round_)
    before = rules.sms_dispatches_left(county(), preparing)
    send(county(), preparing, "information", channels=("sms",))
    assert rules.sms_dispatches_left(county(), preparing) == before - 1
    assert person("A1").reminder_count == 0
    assert person("A1").invited_on is None


def test_information_queued_before_opening_still_goes_but_not_after_the_round(round_):
    preparing = _not_open_yet(round_)
    send(county(), preparing, "information")
    assert pipeline.send_due()["sent"] == 2
    person_ = rules.Person(1, "", "", False, False, False, False, 0)
    closed_day = preparing.last_answer_day + datetime.timedelta(days=1)
    assert rules.still_wanted(person_, preparing, closed_day, "information") == "round_closed"
    assert rules.still_wanted(person_, preparing, None, "information") is None
    assert rules.still_wanted(person_, preparing, None, "invitation") == "round_closed"


def test_an_office_may_inform_its_own_apprentices_too(round_):
    preparing = _not_open_yet(round_)
    dispatch = send(office(), preparing, "information")
    assert set(dispatch.messages.values_list("participant__person_key", flat=True)) == {
        "O1",
        "R1",
    }


def test_the_requests_key_makes_a_planned_dispatch_once(round_):
    key = dispatching.new_request_key()
    asked = request(county(), round_, scheduled_for=_later(hours=1))
    first = dispatching.confirm(asked, request_key=key)
    assert dispatching.confirm(asked, request_key=key) == first
    assert Dispatch.objects.count() == 1
    assert first.messages.count() == 0
