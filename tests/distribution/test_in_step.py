"""County and training office in step: the agreement on who sends to an office's
apprentices decides the county's dispatch audience, and the county's counts say what it
left out; each side sees what the other sent, with small groups' answers hidden."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from distribution import in_step
from distribution.dispatching import plan
from distribution.models import SendingAgreement
from distribution.rules import Refused
from surveys.models import Participant
from tests.distribution.sending_helpers import office, request, send, small_sample
from tests.distribution.sending_helpers import vestland as county

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return small_sample()


def _reached(dispatch) -> set[str]:
    return set(dispatch.messages.values_list("participant__person_key", flat=True))


def _agree(round_, sender, actor=None):
    in_step.record_agreement(county(), office().pk, round_, sender, actor)


def test_with_no_agreement_the_office_sends_and_the_county_says_it_left_them_out(round_):
    dispatch = send(county(), round_)
    assert _reached(dispatch) == {"A1", "A2"}
    assert dispatch.left_out == {"no_email": 1, "office_sends": 1}  # O1, at OK Vest


def test_with_no_agreement_a_county_that_includes_offices_reaches_them(round_):
    dispatch = send(county(), round_, include_offices=True)
    assert _reached(dispatch) == {"A1", "A2", "O1"}
    assert "office_sends" not in dispatch.left_out


@pytest.mark.parametrize("sender", ["county", "both"])
def test_where_the_county_sends_by_agreement_its_dispatch_reaches_the_office_apprentices(
    round_, sender
):
    _agree(round_, sender)
    dispatch = send(county(), round_)
    assert _reached(dispatch) == {"A1", "A2", "O1"}  # never R1: Rogaland's contract
    assert dispatch.left_out == {"no_email": 1}


def test_where_the_office_sends_by_agreement_the_county_leaves_them_out_even_including_offices(
    round_,
):
    _agree(round_, "office")
    result = plan(request(county(), round_, include_offices=True))
    assert Participant.objects.get(person_key="O1").pk not in result.people
    assert result.left_out["agreement_office_sends"] == 1
    assert "office_sends" not in result.left_out


def test_the_office_still_sends_to_its_own_whatever_the_county_agreed(round_):
    _agree(round_, "county")
    assert _reached(send(office(), round_)) == {"O1", "R1"}


def test_the_county_sees_what_the_office_sent_and_the_office_what_the_county_sent(
    round_, county_admin, office_admin
):
    send(office(), round_)  # invites O1 (Vestland) and R1 (Rogaland)
    rows = in_step.offices_of_county(county(), round_)
    assert [(r.name, r.in_sample, r.invited, r.reminded) for r in rows] == [("OK Vest", 1, 1, 0)]
    assert rows[0].answered is None  # one apprentice: never shown who answered
    page = county_admin.client.get(reverse("distribution:in_step")).content.decode()
    table = page.split('data-testid="in-step"', 1)[1].split("</table>", 1)[0]
    assert "OK Vest" in table and "skjult" in table
    # The office sees what each county sent its apprentices: nothing yet.
    before = {r.name: r.invited for r in in_step.counties_of_office(office(), round_)}
    assert set(before.values()) == {0}
    _agree(round_, "both")
    send(county(), round_, channels=("sms",))  # O1 by SMS, from the county
    after = {r.name: (r.invited, r.sender) for r in in_step.counties_of_office(office(), round_)}
    assert after["Vestland fylkeskommune"] == (1, "both")
    assert after["Rogaland fylkeskommune"] == (0, "")
    page = office_admin.client.get(reverse("distribution:in_step")).content.decode()
    assert "Vestland fylkeskommune" in page and "Begge" in page
    assert "Bo" not in page and "Dina" not in page  # no names


def test_the_county_records_the_agreement_on_its_page_once_and_audited(round_, county_admin):
    url = reverse("distribution:in_step")
    for _ in range(2):  # a double click
        county_admin.client.post(url, {"office": office().pk, "sender": "county"})
    assert SendingAgreement.objects.get().sender == "county"
    assert AuditEvent.objects.filter(action="distribution.agreement.recorded").count() == 1
    county_admin.client.post(url, {"office": office().pk, "sender": ""})
    assert not SendingAgreement.objects.exists()


def test_an_agreement_for_an_office_with_no_apprentices_in_the_county_is_refused(
    round_, county_admin, other_admin
):
    page = county_admin.client.post(
        reverse("distribution:in_step"), {"office": county().pk, "sender": "county"}, follow=True
    ).content.decode()
    assert "ingen lærlinger i fylket" in page
    with pytest.raises(Refused, match="Velg fylkeskommunen"):
        _agree(round_, "everyone")
    # Another county cannot record one for Vestland's office apprentices: it records its own.
    other_admin.client.post(
        reverse("distribution:in_step"), {"office": office().pk, "sender": "office"}
    )
    assert list(SendingAgreement.objects.values_list("county__county_number", flat=True)) == ["11"]
    assert _reached(send(county(), round_)) == {"A1", "A2"}
