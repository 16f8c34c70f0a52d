"""A lost link: the public page where an apprentice asks for their link again by the mobile
number or e-mail address they were contacted on. The same link goes to that same address,
never another, at most once a day, through the same pipeline; the page says the same
whether or not anything matched, and does the same work (a task) either way; requests are
limited per contact address and per network address (a gathering of 100 behind one), and
count against no quota."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from distribution import lost_link, rules
from distribution.models import Dispatch, Message, OutboxMessage, Purpose
from distribution.sending import pipeline
from surveys.models import Participant
from surveys.respondents import links
from surveys.rounds import schedule
from tests.distribution.sending_helpers import person, send, small_sample
from tests.distribution.sending_helpers import vestland as county
from tests.waiting import wait_for

URL = "/lenke/"


@pytest.fixture
def round_(db):
    return small_sample()


def _ask(address: str, network: str = "10.0.0.1") -> lost_link.Asked:
    return lost_link.ask(lost_link.parse(address), network)


def _resend(address: str) -> int:
    found = lost_link.parse(address)
    return lost_link.resend(found.channel, found.value)


def _sent() -> list[OutboxMessage]:
    pipeline.send_due()
    return list(OutboxMessage.objects.order_by("pk"))


@pytest.mark.django_db
def test_the_same_link_goes_again_to_the_same_address_and_only_that_one(round_):
    assert _resend("  ADA@example.no ") == 1  # Ada has e-mail and mobile
    [message] = _sent()
    assert message.channel == "email" and message.recipient == "ada@example.no"
    assert links.url_for(person("A1")) in message.body  # the same link, not another
    assert "/lenke/" in message.body  # every e-mail says where to ask for it again
    Participant.objects.filter(person_key="A3").update(link_resent_on=None)
    assert _resend("910 00 003") == 1  # Cai by mobile: an SMS to that number
    sms = _sent()[-1]
    assert (sms.channel, sms.recipient) == ("sms", "+4791000003")
    assert links.url_for(person("A3")) in sms.body


@pytest.mark.django_db
def test_the_link_goes_in_the_persons_language_or_else_the_countys(round_):
    from surveys.models import Draft

    county().__class__.objects.filter(pk=county().pk).update(language="nn")
    assert _resend("ada@example.no") == 1
    Draft.objects.create(participant=person("A2"), language="en")
    assert _resend("bo@example.no") == 1
    ada, bo = _sent()
    assert "korleis du har det i læretida" in ada.body  # Vestland writes nynorsk
    assert "how you are getting on" in bo.body  # Bo chose English while answering


@pytest.mark.django_db
def test_at_most_once_a_day_per_participant(round_, monkeypatch):
    assert _resend("ada@example.no") == 1
    assert _resend("ada@example.no") == 0
    assert _resend("91000001") == 0  # the other address of the same person: still today
    assert len(_sent()) == 1
    tomorrow = schedule.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(schedule, "today", lambda: tomorrow)
    assert _resend("ada@example.no") == 1


@pytest.mark.django_db
def test_nothing_for_those_who_answered_or_left_or_an_unknown_address(round_):
    Participant.objects.filter(person_key="A1").update(answered_on=schedule.today())
    Participant.objects.filter(person_key="A2").update(withdrawn_at="2026-10-02T10:00Z")
    assert _resend("ada@example.no") == 0
    assert _resend("bo@example.no") == 0
    assert _resend("nobody@example.no") == 0
    assert _sent() == []


@pytest.mark.django_db
def test_one_who_opted_out_still_gets_the_link_they_asked_for(round_):
    Participant.objects.filter(person_key="A1").update(opted_out_at="2026-10-08T10:00Z")
    assert _resend("ada@example.no") == 1
    assert [m.recipient for m in _sent()] == ["ada@example.no"]
    assert Message.objects.get(purpose=Purpose.LOST_LINK).status == "sent"


@pytest.mark.django_db
def test_it_counts_against_no_organisations_sms_quota_nor_as_a_dispatch(round_):
    before = rules.sms_dispatches_left(county(), round_)
    _resend("91000001")
    _sent()
    assert rules.sms_dispatches_left(county(), round_) == before
    dispatch = Dispatch.objects.get(purpose=Purpose.LOST_LINK)
    assert dispatch.organisation.kind == "directorate"
    assert dispatch.sms_count == 1
    assert not Dispatch.objects.filter(organisation=county()).exists()


def _page_text(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_page_says_the_same_and_does_the_work_in_a_task_either_way(
    organisations, questionnaires, worker, client
):
    small_sample()
    matched = client.post(URL, {"address": "ada@example.no"})
    unmatched = client.post(URL, {"address": "nobody@example.no"})
    assert matched.status_code == unmatched.status_code == 200
    assert _page_text(matched) == _page_text(unmatched)
    assert "i løpet av noen minutter" in matched.content.decode()
    # The worker, not the request, looked the address up and sent the link.
    assert wait_for(lambda: OutboxMessage.objects.filter(recipient="ada@example.no").exists())
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_input_that_is_no_address_is_refused_with_a_message_and_nothing_queued(round_, client):
    response = client.post(URL, {"address": "hei"})
    assert response.status_code == 400
    assert "verken et mobilnummer eller en e-postadresse" in response.content.decode()
    assert not Message.objects.exists()
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_requests_are_limited_per_contact_address(round_, client, settings):
    for _ in range(settings.LOST_LINK_PER_ADDRESS):
        assert _ask("ada@example.no") == lost_link.Asked.QUEUED
    assert _ask("ada@example.no", "10.9.9.9") == lost_link.Asked.ADDRESS_LIMIT
    response = client.post(URL, {"address": "Ada@Example.no"})
    assert response.status_code == 429
    assert "Prøv igjen om en time" in response.content.decode()
    assert _ask("bo@example.no") == lost_link.Asked.QUEUED  # another address is not held


@pytest.mark.django_db
def test_a_gathering_of_100_behind_one_network_address_is_let_through(round_, settings):
    network = "192.0.2.10"
    for n in range(100):
        assert _ask(f"apprentice{n}@example.no", network) == lost_link.Asked.QUEUED
    for n in range(100, settings.LOST_LINK_PER_NETWORK):
        _ask(f"apprentice{n}@example.no", network)
    assert _ask("one.more@example.no", network) == lost_link.Asked.NETWORK_LIMIT
    assert _ask("one.more@example.no", "192.0.2.11") == lost_link.Asked.QUEUED


@pytest.mark.django_db
def test_the_rates_page_counts_links_sent_again_apart_from_dispatches(round_, county_admin):
    extra = small_sample(extra=8)
    send(county(), extra)
    for n in range(7):
        Participant.objects.filter(person_key=f"X{n}").update(link_resent_on=None)
        _resend(f"x{n}@example.no")
    _sent()
    page = county_admin.client.get(reverse("distribution:rates")).content.decode()
    counted = page.split('data-testid="lost-links"', 1)[1].split("</p>", 1)[0]
    assert "7 i utvalget" in counted
    days = page.split('data-testid="days"', 1)[1].split("</table>", 1)[0]
    assert days.count("Invitasjon") == 1 and "Lenken sendt på nytt" not in days
