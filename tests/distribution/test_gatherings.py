"""Gatherings: an office or county makes a page with a QR code and a short address, where
the apprentices in the room ask for their own link by the lost-link mechanism, limited to
the gathering organisation's apprentices."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from distribution import gatherings, lost_link
from distribution.models import Gathering, OutboxMessage
from distribution.sending import pipeline
from surveys.rounds import schedule
from tests.distribution.sending_helpers import office, small_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return small_sample()


def _make(person, round_, **data):
    fields = {"title": "Samling på Voss", "day": schedule.today().isoformat(), "round": round_.pk}
    return person.client.post(reverse("distribution:gatherings"), fields | data, follow=True)


def test_an_office_makes_a_gathering_page_with_a_qr_code_and_a_short_address(office_admin, round_):
    page = _make(office_admin, round_).content.decode()
    gathering = Gathering.objects.get()
    address = gatherings.short_address(gathering)
    assert address.endswith(f"/m/{gathering.code}") and len(gathering.code) == 6
    assert f'data-testid="short-address">{address}<' in page
    assert "<svg" in page and 'class="gathering-qr"' in page
    assert gathering.organisation == office()


def test_a_gathering_outside_the_open_round_or_without_a_name_is_refused(office_admin, round_):
    late = round_.last_answer_day + datetime.timedelta(days=1)
    page = _make(office_admin, round_, day=late.isoformat()).content.decode()
    assert "mens undersøkelsen er åpen" in page
    page = _make(office_admin, round_, title="  ").content.decode()
    assert "Gi samlingen et navn" in page
    assert not Gathering.objects.exists()


def test_in_the_room_only_the_gathering_organisations_apprentices_get_their_link(
    office_admin, round_, client
):
    _make(office_admin, round_)
    gathering = Gathering.objects.get()
    public = reverse("distribution:gathering_public", args=[gathering.code.upper()])
    assert "Samling på Voss" in client.get(public).content.decode()
    response = client.post(public, {"address": "dina@example.no"})  # O1, at the office
    assert "i løpet av noen minutter" in response.content.decode()
    # The task's work, here without a worker: the office's apprentice, not Ada (independent).
    assert lost_link.resend("email", "dina@example.no", gathering.pk) == 1
    assert lost_link.resend("email", "ada@example.no", gathering.pk) == 0
    pipeline.send_due()
    assert list(OutboxMessage.objects.values_list("recipient", flat=True)) == ["dina@example.no"]


def test_another_organisation_cannot_see_a_gathering_page(office_admin, other_admin, round_):
    _make(office_admin, round_)
    gathering = Gathering.objects.get()
    response = other_admin.client.get(reverse("distribution:gathering", args=[gathering.pk]))
    assert response.status_code == 404
