"""The rules of sending (DESIGN.md "Distribution", the seeds' pages): each test is named
after the rule it holds, and each was seen failing with its rule broken."""

import datetime
import threading

import pytest
from django.db import connection

from distribution import dispatching
from distribution.models import Dispatch, Message, SmsQuota, Status
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


def _reached(dispatch) -> set[str]:
    return set(
        Message.objects.filter(dispatch=dispatch).values_list("participant__person_key", flat=True)
    )


def test_sending_is_possible_only_while_the_round_is_open(round_):
    Round.objects.filter(pk=round_.pk).update(
        last_answer_day=schedule.today() - datetime.timedelta(days=1)
    )
    round_.refresh_from_db()
    with pytest.raises(Refused, match="ikke åpen for utsending"):
        send(county(), round_)
    assert not Dispatch.objects.exists()


def test_a_county_sends_to_its_apprentices_at_independent_training_companies(round_):
    dispatch = send(county(), round_)
    assert _reached(dispatch) == {"A1", "A2"}  # A3 has no e-mail; O1 is at an office
    # O1 is left to the office (no agreement recorded: tests/distribution/test_in_step.py).
    assert dispatch.left_out == {"no_email": 1, "office_sends": 1}


def test_a_county_may_also_send_to_those_at_training_offices(round_):
    dispatch = send(county(), round_, include_offices=True)
    assert _reached(dispatch) == {"A1", "A2", "O1"}  # not R1: Rogaland owns that contract


def test_an_office_sends_to_its_own_apprentices_in_any_county(round_):
    dispatch = send(office(), round_)
    assert _reached(dispatch) == {"O1", "R1"}


def test_a_dispatch_can_be_narrowed_to_a_company(round_):
    from accounts.models import Organisation
    from tests.sample_helpers import COMPANY_2

    company = Organisation.objects.get(orgnr=COMPANY_2)
    assert _reached(send(office(), round_, company=company)) == {"R1"}


def test_an_invitation_goes_once_per_participant_and_channel(round_):
    send(county(), round_, channels=("email",))
    plan = dispatching.plan(request(county(), round_, channels=("email", "sms")))
    assert plan.counts == {"email": 0, "sms": 2}  # A1 and A3 by SMS; Bo has no mobile
    assert plan.left_out["already_invited_email"] == 2
    second = send(county(), round_, channels=("email", "sms"))
    assert set(second.messages.values_list("channel", flat=True)) == {"sms"}
    assert Message.objects.filter(purpose="invitation", channel="email").count() == 2


def test_a_reminder_goes_only_to_the_invited_who_have_not_answered_or_opted_out(round_):
    with pytest.raises(Refused, match="ikke nådd noen"):
        send(county(), round_, purpose="reminder")  # nobody invited yet
    send(county(), round_, channels=("email", "sms"))
    Participant.objects.filter(person_key="A1").update(answered_on=schedule.today())
    Participant.objects.filter(person_key="A3").update(
        opted_out_at=datetime.datetime.now(datetime.UTC)
    )
    dispatch = send(county(), round_, purpose="reminder", channels=("email", "sms"))
    assert _reached(dispatch) == {"A2"}
    assert dispatch.left_out == {"answered": 1, "opted_out": 1, "no_mobile": 1, "office_sends": 1}


def test_at_most_three_reminders_per_participant_whoever_sends_them(round_):
    send(county(), round_, include_offices=True)  # A1, A2, O1
    send(office(), round_)  # R1 (O1 is invited already)
    for _ in range(2):
        send(county(), round_, purpose="reminder", include_offices=True)
    third = send(office(), round_, purpose="reminder")
    assert _reached(third) == {"O1", "R1"}
    assert person("O1").reminder_count == 3
    fourth = send(office(), round_, purpose="reminder")
    assert _reached(fourth) == {"R1"}
    assert fourth.left_out == {"reminder_limit": 1}
    plan = dispatching.plan(request(county(), round_, purpose="reminder", include_offices=True))
    assert plan.left_out == {"reminder_limit": 1, "not_invited": 1}
    assert plan.counts == {"email": 2}


def test_a_reminder_by_email_and_sms_counts_once(round_):
    send(county(), round_, channels=("email", "sms"))
    send(county(), round_, purpose="reminder", channels=("email", "sms"))
    assert person("A1").reminder_count == 1
    assert Message.objects.filter(participant=person("A1"), purpose="reminder").count() == 2


def test_a_county_has_seven_sms_dispatches_an_office_three(round_):
    assert dispatching.plan(request(county(), round_, channels=("sms",))).sms_dispatches_left == 6
    for _ in range(3):
        send(office(), round_, purpose="invitation", channels=("sms", "email"))
        Message.objects.filter(dispatch__organisation=office()).delete()  # invite again
    with pytest.raises(Refused, match="brukt alle SMS-utsendingene"):
        send(office(), round_, channels=("sms",))
    assert Dispatch.objects.filter(organisation=office()).count() == 3
    # An e-mail dispatch needs no quota.
    send(office(), round_, channels=("email",))


def test_udir_changes_one_organisations_quota(round_):
    SmsQuota.objects.create(organisation=office(), round=round_, limit=1)
    send(office(), round_, channels=("sms",))
    with pytest.raises(Refused, match=r"\(1\)"):
        send(office(), round_, purpose="reminder", channels=("sms",))


def test_a_dispatch_that_would_reach_nobody_is_refused_and_uses_no_quota(round_):
    Participant.objects.update(mobile="")
    with pytest.raises(Refused, match="Ingen SMS-kvote er brukt"):
        send(county(), round_, channels=("sms",))
    assert not Dispatch.objects.exists()
    assert dispatching.plan(request(county(), round_, channels=("sms",))).sms_dispatches_left == 7


def test_the_same_confirmation_twice_makes_one_dispatch(round_):
    key = dispatching.new_request_key()
    first = dispatching.confirm(request(county(), round_), request_key=key)
    second = dispatching.confirm(request(county(), round_), request_key=key)
    assert first == second and Dispatch.objects.count() == 1


def test_those_contacted_within_a_week_are_warned_about_but_still_reached(round_):
    send(county(), round_)
    plan = dispatching.plan(request(county(), round_, purpose="reminder"))
    assert plan.warnings == {"contacted_recently": 2}
    assert plan.counts == {"email": 2}
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=8)
    assert not dispatching.plan(request(county(), round_, purpose="reminder"), now=later).warnings


def test_a_message_is_stopped_when_its_participant_has_answered_since(round_, settings):
    dispatch = send(county(), round_)
    Participant.objects.filter(person_key="A1").update(answered_on=schedule.today())
    pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))
    stopped = Message.objects.get(participant=person("A1"))
    assert (stopped.status, stopped.reason) == (Status.NOT_SENT, "answered")
    assert Message.objects.get(participant=person("A2")).status == Status.SENT


def test_a_message_is_stopped_when_the_round_has_closed(round_):
    dispatch = send(county(), round_)
    Round.objects.filter(pk=round_.pk).update(
        last_answer_day=schedule.today() - datetime.timedelta(days=1)
    )
    pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))
    assert set(dispatch.messages.values_list("status", "reason")) == {
        (Status.NOT_SENT, "round_closed")
    }


def test_only_counties_and_offices_send(round_):
    from accounts.models import Organisation

    udir = Organisation.objects.get(kind="directorate")
    with pytest.raises(Refused, match="Bare fylkeskommuner og opplæringskontor"):
        send(udir, round_)


# Under concurrency: real concurrent connections, each thread its own.


def _at_once(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Refused as refusal:
            results[index] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_administrators_at_the_last_sms_dispatch_exactly_one_succeeds(
    organisations, questionnaires
):
    round_ = small_sample()
    send(office(), round_, channels=("email",))  # no quota used
    SmsQuota.objects.create(organisation=office(), round=round_, limit=1)
    results = _at_once(
        lambda: send(office(), round_, channels=("sms",)),
        lambda: send(office(), round_, purpose="reminder", channels=("sms",)),
    )
    made = [r for r in results if isinstance(r, Dispatch)]
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(made) == 1 and len(refused) == 1, results
    assert "brukt alle SMS-utsendingene" in str(refused[0].message)
    assert Dispatch.objects.filter(sms=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_county_and_an_office_reminding_at_once_never_make_a_fourth_reminder(
    organisations, questionnaires
):
    round_ = small_sample()
    send(county(), round_, include_offices=True)
    send(office(), round_)  # R1
    Participant.objects.filter(person_key="O1").update(reminder_count=2)
    results = _at_once(
        lambda: send(county(), round_, purpose="reminder", include_offices=True),
        lambda: send(office(), round_, purpose="reminder"),
    )
    assert all(isinstance(r, Dispatch) for r in results), results
    assert person("O1").reminder_count == 3
    assert Message.objects.filter(participant=person("O1"), purpose="reminder").count() == 1
