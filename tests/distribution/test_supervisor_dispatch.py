"""The supervisor survey through the same machinery: a county sends to the supervisors of
the companies its sample assigns to it, an office to those of its member companies, and
the supervisor round has its own SMS quota."""

from __future__ import annotations

import pytest

from accounts.models import Organisation
from distribution import rules
from distribution.models import OutboxMessage, SmsQuota
from distribution.rules import Refused
from distribution.sending import pipeline
from surveys.models import Round
from tests.distribution.sending_helpers import office, send, small_sample
from tests.distribution.sending_helpers import vestland as county
from tests.sample_helpers import COMPANY, COMPANY_2

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds():
    apprentices = small_sample()
    return apprentices, Round.objects.get(survey="supervisor", year=apprentices.year)


def _companies(dispatch) -> set[str]:
    return set(dispatch.messages.values_list("participant__company__orgnr", flat=True))


def test_a_county_sends_to_the_supervisors_of_the_companies_its_sample_assigns_to_it(rounds):
    _apprentices, supervisors = rounds
    dispatch = send(county(), supervisors)
    assert _companies(dispatch) == {COMPANY}
    assert set(dispatch.messages.values_list("participant__email", flat=True)) == {
        "kari@example.no"
    }


def test_an_office_sends_to_the_supervisors_of_its_member_companies(rounds):
    _apprentices, supervisors = rounds
    dispatch = send(office(), supervisors)
    assert _companies(dispatch) == {COMPANY_2}
    # Membership is the register's: a company that joins the office is the office's to
    # send to, though its contracts in the sample were not through the office.
    Organisation.objects.filter(orgnr=COMPANY).update(training_office=office())
    dispatch = send(office(), supervisors, "reminder")
    assert _companies(dispatch) == {COMPANY_2}  # only the invited are reminded
    assert _companies(send(office(), supervisors, channels=("sms",))) == {COMPANY, COMPANY_2}


def test_the_supervisor_round_has_its_own_sms_quota(rounds):
    apprentices, supervisors = rounds
    SmsQuota.objects.create(organisation=county(), round=apprentices, limit=1)
    send(county(), apprentices, channels=("sms",))
    with pytest.raises(Refused, match="brukt alle SMS-utsendingene"):
        send(county(), apprentices, "reminder", channels=("sms",))
    assert rules.sms_dispatches_left(county(), supervisors) == 7
    send(county(), supervisors, channels=("sms",))
    assert rules.sms_dispatches_left(county(), supervisors) == 6


def test_the_supervisor_gets_the_supervisor_surveys_text_and_own_link(rounds):
    _apprentices, supervisors = rounds
    send(county(), supervisors, channels=("email", "sms"))
    assert pipeline.send_due()["sent"] == 2
    email = OutboxMessage.objects.get(channel="email")
    assert "Faglig leder-undersøkelsen" in email.subject
    assert "/s/" in email.body
    assert "Faglig leder-undersøkelsen" in OutboxMessage.objects.get(channel="sms").body


def test_a_supervisor_reminder_follows_the_same_rules(rounds):
    _apprentices, supervisors = rounds
    with pytest.raises(Refused, match="ikke nådd noen"):
        send(county(), supervisors, "reminder")  # no one invited yet
    send(county(), supervisors)
    assert send(county(), supervisors, "reminder").messages.count() == 1
