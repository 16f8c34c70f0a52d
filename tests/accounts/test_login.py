"""Login through ID-porten (a scripted fake provider here): what is refused and why.

The happy path with the real flow runs in the browser test against the simulator.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts.models import AuditEvent, User
from tests.idporten_fake import new_key

pytestmark = pytest.mark.django_db


def start_login(client) -> dict:
    response = client.post(reverse("idporten_login"))
    assert response.status_code == 302
    return {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}


def finish_login(client, state: str):
    return client.get(reverse("idporten_callback"), {"code": "the-code", "state": state})


def test_the_authorisation_request_carries_pkce_state_nonce_acr_and_language(client, idporten):
    client.post(reverse("set_language"), {"language": "nn"})
    params = start_login(client)
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) >= 43
    assert len(params["state"]) >= 16
    assert len(params["nonce"]) >= 32
    assert params["acr_values"] == "idporten-loa-substantial"
    assert params["ui_locales"] == "nn"
    assert set(params["scope"].split()) == {"openid", "profile"}
    assert start_login(client)["nonce"] != params["nonce"]  # fresh per login


def test_the_token_request_sends_the_pkce_verifier(client, idporten):
    params = start_login(client)
    idporten.acr = "idporten-loa-low"  # refused later; here we only look at the request
    finish_login(client, params["state"])
    assert len(idporten.token_requests[0]["code_verifier"]) >= 43


def _refused(client, response):
    assert response.status_code == 400
    assert "Innloggingen mislyktes" in response.text
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(pid_hash__isnull=False).exists()
    assert AuditEvent.objects.filter(action="accounts.login.refused").exists()


def test_a_wrong_state_is_refused(client, idporten):
    params = start_login(client)
    idporten.nonce = params["nonce"]
    response = finish_login(client, "not-the-state")
    _refused(client, response)
    assert "Start innloggingen på nytt" in response.text


def test_an_id_token_without_a_nonce_is_refused(client, idporten):
    params = start_login(client)
    idporten.nonce = None
    _refused(client, finish_login(client, params["state"]))


def test_an_id_token_with_another_logins_nonce_is_refused(client, idporten):
    params = start_login(client)
    idporten.nonce = params["nonce"] + "x"
    _refused(client, finish_login(client, params["state"]))


def test_an_id_token_with_a_bad_signature_is_refused(client, idporten):
    params = start_login(client)
    idporten.nonce = params["nonce"]
    idporten.sign_with = new_key()
    _refused(client, finish_login(client, params["state"]))


@pytest.mark.parametrize("acr", ["idporten-loa-low", "Level3", ""])
def test_a_level_of_assurance_below_substantial_is_refused(client, idporten, acr):
    params = start_login(client)
    idporten.nonce = params["nonce"]
    idporten.acr = acr
    response = finish_login(client, params["state"])
    _refused(client, response)
    assert "lavere sikkerhetsnivå" in response.text


def test_an_id_token_without_pid_is_refused(client, idporten):
    params = start_login(client)
    idporten.nonce = params["nonce"]
    idporten.drop_claims = ("pid",)
    _refused(client, finish_login(client, params["state"]))
    assert not SocialAccount.objects.exists()
