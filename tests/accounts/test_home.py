"""The front page shows the dates of the round people are working on, not fixed text."""

import datetime

import pytest
from django.urls import reverse

from surveys.models import Round
from surveys.rounds.creation import create_rounds

pytestmark = pytest.mark.django_db


def test_the_front_page_shows_the_dates_udir_set_for_the_round(client):
    create_rounds(2030)
    Round.objects.filter(year=2030).update(last_answer_day=datetime.date(2030, 11, 8))
    page = client.get(reverse("accounts:home")).text
    assert "Viktige datoer i 2030" in page
    assert "8. november 2030" in page
    assert "30. september 2030 kl. 12.00" in page
    assert "7. oktober 2030" in page


def test_the_front_page_has_no_dates_before_any_round_exists(client):
    page = client.get(reverse("accounts:home"))
    assert page.status_code == 200
    assert "Viktige datoer" not in page.text
