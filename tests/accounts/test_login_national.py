"""The login against ID-porten's documented API, as in production: private_key_jwt at the
token endpoint, Altinn through Maskinporten, logout with id_token_hint, and ID-porten's
front-channel logout ending our session."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts import signing_keys
from accounts.models import AuditEvent, IDPortenSession, Organisation
from tests.accounts.test_login import finish_login, start_login
from tests.fakes.national import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_login(settings, idporten, national_services):
    """private_key_jwt with the key national_services registered; Altinn says the person
    may act for Vestland county."""
    settings.IDPORTEN_CLIENT_AUTH = "private_key_jwt"
    settings.IDPORTEN_CLIENT_ID = idporten.client_id
    idporten.client_public_key = signing_keys.load_private_key(
        settings.IDPORTEN_CLIENT_KEY
    ).public_key()
    national_services.persons[idporten.pid] = [
        organisation(
            "821311632",
            "Vestland fylkeskommune",
            "FYLK",
            resources=("laerlingundersokelsen-administrasjon",),
        )
    ]
    return idporten


def log_in(client, fake):
    params = start_login(client)
    fake.nonce = params["nonce"]
    return finish_login(client, params["state"])


def test_a_state_cannot_be_used_twice(client, production_login):
    params = start_login(client)
    production_login.nonce = params["nonce"]
    first = finish_login(client, params["state"])
    assert first.status_code == 302 and "_auth_user_id" in client.session
    assert not AuditEvent.objects.filter(action="accounts.login.refused").exists()
    # The same callback again, in the same browser: the first login used the state up.
    replay = finish_login(client, params["state"])
    assert replay.status_code == 400
    assert "Innloggingen mislyktes" in replay.text
    assert AuditEvent.objects.filter(action="accounts.login.refused").count() == 1


def test_the_token_request_carries_a_private_key_jwt_and_no_secret(client, production_login):
    response = log_in(client, production_login)
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == reverse("accounts:portal")
    form = production_login.token_requests[-1]
    assert "client_secret" not in form
    assert form["client_assertion_type"].endswith("client-assertion-type:jwt-bearer")
    portal = client.get(reverse("accounts:portal"))
    assert portal.wsgi_request.organisation == Organisation.objects.get(orgnr="821311632")


def test_each_login_signs_a_fresh_assertion(client, production_login):
    log_in(client, production_login)
    client.post(reverse("accounts:logout"))
    response = log_in(client, production_login)
    assert response.status_code == 302
    assert len(production_login.used_jti) == 2


def test_a_client_key_id_porten_does_not_know_is_refused(client, production_login):
    from tests.idporten_fake import new_key

    production_login.client_public_key = new_key().public_key()
    response = log_in(client, production_login)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_logout_ends_our_session_and_sends_the_person_to_id_portens_end_session(
    client, production_login, settings
):
    log_in(client, production_login)
    response = client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{production_login.url}/endsession"
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == [f"{settings.SITE_URL}/"]
    assert query["id_token_hint"][0].count(".") == 2  # the ID token we were given
    assert AuditEvent.objects.filter(action="accounts.logout").exists()


def test_front_channel_logout_from_id_porten_ends_our_session(client, production_login):
    log_in(client, production_login)
    assert client.get(reverse("accounts:portal")).status_code == 200
    link = IDPortenSession.objects.get()
    anonymous = client.__class__()
    response = anonymous.get(
        reverse("idporten_frontchannel_logout"),
        {"iss": production_login.url, "sid": link.sid},
    )
    assert response.status_code == 200
    assert "X-Frame-Options" not in response  # ID-porten loads it in an iframe
    assert not Session.objects.filter(session_key=link.session_key).exists()
    assert client.get(reverse("accounts:portal")).status_code == 302
    assert AuditEvent.objects.filter(action="accounts.logout.frontchannel").exists()


def test_front_channel_logout_with_another_issuer_ends_nothing(client, production_login):
    log_in(client, production_login)
    link = IDPortenSession.objects.get()
    client.__class__().get(
        reverse("idporten_frontchannel_logout"), {"iss": "https://evil.example", "sid": link.sid}
    )
    assert Session.objects.filter(session_key=link.session_key).exists()
    assert client.get(reverse("accounts:portal")).status_code == 200
