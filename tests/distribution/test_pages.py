"""The portal's dispatch pages: composing with its summary, confirming once, the progress
page, and nothing of another organisation's."""

import pytest
from django.urls import reverse

from distribution.models import Dispatch, Message
from surveys.models import Round
from tests.distribution.sending_helpers import small_sample

pytestmark = pytest.mark.django_db

COMPOSE = reverse("distribution:compose")


@pytest.fixture
def round_():
    return small_sample()


def _form(round_, **changes) -> dict:
    return {
        "round": round_.pk,
        "purpose": "invitation",
        "channels": ["email", "sms"],
        "language": "nb",
        "trade_code": "",
        "company": "",
        **changes,
    }


def test_a_county_sees_whom_a_dispatch_reaches_and_why_others_are_left_out(county_admin, round_):
    page = county_admin.client.get(COMPOSE).content.decode()
    assert "Når 2 på e-post" in page
    assert "1 mangler gyldig e-postadresse" in page
    assert "Send også til lærlinger i opplæringskontor" in page
    summary = county_admin.client.get(
        reverse("distribution:summary"), _form(round_, include_offices="on"), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Når 3 på e-post" in summary and "Når 3 på SMS" in summary
    assert "SMS-utsendinger igjen etter denne: 6" in summary


def test_an_office_is_not_offered_the_county_s_choice_of_offices(office_admin, round_):
    page = office_admin.client.get(COMPOSE).content.decode()
    assert "Send også til lærlinger i opplæringskontor" not in page
    assert "Når 2 på e-post" in page  # O1 and R1, in two counties


def test_confirming_twice_with_the_same_form_makes_one_dispatch(county_admin, round_):
    data = _form(round_, request_key="8b7f9a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b")
    first = county_admin.client.post(COMPOSE, data)
    second = county_admin.client.post(COMPOSE, data)
    dispatch = Dispatch.objects.get()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("distribution:dispatch", args=[dispatch.pk])
    )
    assert Message.objects.count() == 4
    page = county_admin.client.get(first["Location"]).content.decode()
    assert "2 e-poster og 2 SMS-er" in page and "Venter: 4" in page


def test_a_refusal_is_a_clear_message_and_changes_nothing(county_admin, round_):
    Round.objects.filter(pk=round_.pk).update(last_answer_day=round_.sending_starts_on)
    response = county_admin.client.post(COMPOSE, _form(round_))
    assert response.status_code == 400
    assert not Dispatch.objects.exists()


def test_another_organisations_dispatch_is_not_found(county_admin, other_admin, round_):
    county_admin.client.post(COMPOSE, _form(round_))
    dispatch = Dispatch.objects.get()
    url = reverse("distribution:dispatch", args=[dispatch.pk])
    assert county_admin.client.get(url).status_code == 200
    assert other_admin.client.get(url).status_code == 404
    assert (
        "Ingen utsendinger ennå" in other_admin.client.get(reverse("distribution:dispatches")).text
    )


def _a_dispatch_with_outcomes(county_admin, round_) -> tuple[Dispatch, str]:
    county_admin.client.post(COMPOSE, _form(round_))
    dispatch = Dispatch.objects.get()
    messages = list(dispatch.messages.order_by("id"))
    Message.objects.filter(pk=messages[0].pk).update(
        status="permanent_failure", reason="recipient_refused_550"
    )
    Message.objects.filter(pk=messages[1].pk).update(
        status="permanent_failure", reason="recipient_refused_551"
    )
    Message.objects.filter(pk=messages[2].pk).update(status="not_sent", reason="answered")
    url = reverse("distribution:dispatch", args=[dispatch.pk])
    return dispatch, url


def test_a_dispatch_shows_its_progress_as_a_bar_and_polls_while_it_runs(county_admin, round_):
    dispatch, url = _a_dispatch_with_outcomes(county_admin, round_)
    page = county_admin.client.get(url).text
    assert "3 av 4 meldinger ferdig (75 %)" in page
    assert '<progress class="progress-bar" max="4" value="3"' in page
    assert 'hx-trigger="every 2s"' in page  # one message still waits
    Message.objects.filter(dispatch=dispatch, status="queued").update(status="sent")
    partial = county_admin.client.get(url, HTTP_HX_REQUEST="true").text
    assert "4 av 4 meldinger ferdig (100 %)" in partial
    assert "hx-trigger" not in partial  # done: the polling stops


def test_failed_messages_are_counted_by_reason_never_shown(county_admin, round_):
    dispatch, url = _a_dispatch_with_outcomes(county_admin, round_)
    page = county_admin.client.get(url).text
    failed = page.split('data-testid="failed-reasons"', 1)[1].split("</ul>", 1)[0]
    assert "2 mottakerens adresse ble avvist" in failed  # two codes, one reason
    assert "1 har allerede svart" in page.split('data-testid="not-sent-reasons"', 1)[1]
    for message in dispatch.messages.all():
        assert message.participant.email not in page or not message.participant.email
