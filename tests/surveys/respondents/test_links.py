"""Personal links: 128 bits derived by HMAC, only a hash stored, found with one lookup."""

import re

import pytest
from django.db import connection

from accounts.models import Organisation
from surveys.models import Participant, Round
from surveys.respondents import links
from surveys.rounds.creation import create_rounds

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    create_rounds(2026)
    round_ = Round.objects.get(survey="apprentice", year=2026)
    return Participant.objects.create(
        round=round_,
        person_key="P1",
        county=Organisation.objects.get(county_number="46"),
        email="ola@example.no",
    )


def test_a_token_is_22_url_safe_characters_carrying_128_bits(participant):
    token = links.token_for(participant)
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token)


def test_the_database_holds_a_hash_of_the_token_never_the_token(participant):
    token = links.token_for(participant)
    assert participant.token_hash == links.token_hash(token) != token
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_participant")
        assert token not in repr(cursor.fetchall())


def test_a_link_finds_its_participant_and_a_wrong_one_finds_nothing(participant):
    assert Participant.objects.by_token(links.token_for(participant)).first() == participant
    assert Participant.objects.by_token("A" * 22).first() is None
    assert Participant.objects.by_token("").first() is None


def test_the_link_stays_the_same_when_the_participant_is_saved_again(participant):
    before = links.token_for(participant)
    participant.email = "ny@example.no"
    participant.save()
    participant.refresh_from_db()
    assert links.token_for(participant) == before
    assert Participant.objects.by_token(before).first() == participant


def test_another_secret_key_gives_other_links(participant, settings):
    before = links.token_for(participant)
    settings.LINK_SECRET_KEY = "another-secret"
    assert links.token_for(participant) != before


def test_the_link_is_the_site_address_and_the_token(participant, settings):
    settings.SITE_URL = "https://laerling.udir.no"
    assert (
        links.url_for(participant) == f"https://laerling.udir.no/s/{links.token_for(participant)}"
    )
