"""A session ends after 30 minutes idle or 120 minutes in all, like ID-porten's own.

The clock is moved by editing the times stored in the session, never by sleeping.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import SESSION_KEY
from django.shortcuts import resolve_url

from accounts.models import User
from accounts.session_limits import LAST_SEEN, STARTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    user = User.objects.create_user("kari", password="et-langt-passord-2026")
    client.force_login(user)
    return user


def _move_clock(client, **minutes_ago):
    session = client.session
    for name, minutes in minutes_ago.items():
        key = {"started": STARTED, "last_seen": LAST_SEEN}[name]
        session[key] = session[key] - minutes * 60
    session.save()


def test_an_active_session_stays_and_its_last_activity_moves(client, person):
    _move_clock(client, started=100, last_seen=29)
    before = client.session[LAST_SEEN]

    response = client.get("/")

    assert response.status_code == 200
    assert client.session[SESSION_KEY] == str(person.pk)
    assert client.session[LAST_SEEN] > before + 28 * 60


def test_thirty_minutes_idle_ends_the_session_and_sends_the_person_to_log_in(
    client, person, settings
):
    settings.LOGIN_URL = "/logg-inn/"
    _move_clock(client, last_seen=31)

    response = client.get("/?side=2")

    assert response.status_code == 302
    assert response["Location"] == "/logg-inn/?" + urlencode({"next": "/?side=2"})
    assert SESSION_KEY not in client.session
    page = client.get("/")
    assert "Du ble logget ut fordi økten var utløpt" in page.content.decode()


def test_two_hours_in_all_ends_even_an_active_session(client, person, settings):
    _move_clock(client, started=121, last_seen=1)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].split("?")[0] == resolve_url(settings.LOGIN_URL)
    assert SESSION_KEY not in client.session


def test_the_limits_are_settings(client, person, settings):
    settings.SESSION_IDLE_MINUTES = 5
    _move_clock(client, last_seen=6)

    assert client.get("/").status_code == 302


def test_a_form_post_after_expiry_is_not_offered_again(client, person, settings):
    settings.LOGIN_URL = "/logg-inn/"
    _move_clock(client, last_seen=31)

    response = client.post("/i18n/setlang/", {"language": "en"})

    assert response["Location"] == "/logg-inn/"


def test_an_htmx_request_after_expiry_redirects_the_whole_page(client, person, settings):
    settings.LOGIN_URL = "/logg-inn/"
    _move_clock(client, last_seen=31)

    response = client.get("/", headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith("/logg-inn/?next=")


def test_an_expired_admin_session_goes_to_the_admin_login(client, person):
    person.is_staff = True
    person.save()
    _move_clock(client, last_seen=31)

    response = client.get("/admin/")

    assert response["Location"] == "/admin/login/?" + urlencode({"next": "/admin/"})


def test_a_new_login_starts_the_clock_afresh(client, person):
    _move_clock(client, started=119)
    client.force_login(person)
    _move_clock(client, last_seen=1)

    assert client.get("/").status_code == 200
