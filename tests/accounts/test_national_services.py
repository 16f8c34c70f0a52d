"""Our clients for Maskinporten, ID-porten's client authentication and Altinn 3, against a
local fake that checks what it receives the way the real services document they do."""

import datetime
import os
import socket
import stat
import time
from pathlib import Path

import jwt
import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from accounts import altinn, maskinporten, signing_keys
from accounts.altinn import AltinnUnavailable, AuthorizedParty
from accounts.jwt_assertion import build_client_assertion, idporten_client_assertion
from laerling import env
from tests.fakes.national import (
    AUTHORIZED_PARTIES,
    CLIENT_ASSERTION_TYPE,
    EXCHANGE,
    IDPORTEN_TOKEN,
    MASKINPORTEN_TOKEN,
    organisation,
    person,
    write_key,
)

PID = "01017012345"
RESOURCE = "laerlingundersokelsen-administrasjon"
SCOPE = maskinporten.AUTHORIZED_PARTIES_SCOPE


def _grant_sent(fake):
    body = fake.calls(MASKINPORTEN_TOKEN)[-1].body.decode()
    return dict(pair.split("=", 1) for pair in body.split("&"))["assertion"]


# Maskinporten


def test_our_maskinporten_grant_is_accepted_and_carries_only_documented_claims(
    national_services, settings
):
    token = maskinporten.access_token(SCOPE)

    assert token in national_services.issued
    grant = _grant_sent(national_services)
    header = jwt.get_unverified_header(grant)
    claims = jwt.decode(grant, options={"verify_signature": False})
    assert header["alg"] == "RS256"
    assert header["kid"] == settings.MASKINPORTEN_KID
    assert set(claims) == {"aud", "iss", "iat", "exp", "jti", "scope"}
    assert claims["aud"] == settings.MASKINPORTEN_ISSUER
    assert claims["iss"] == settings.MASKINPORTEN_CLIENT_ID
    assert claims["scope"] == SCOPE
    assert 0 < claims["exp"] - claims["iat"] <= 120


def test_a_grant_signed_with_a_key_maskinporten_does_not_know_is_refused(
    national_services, settings, tmp_path
):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.MASKINPORTEN_KEY = write_key(tmp_path / "stranger.pem", stranger)

    with pytest.raises(maskinporten.MaskinportenUnavailable, match="invalid_grant"):
        maskinporten.access_token(SCOPE)


def test_a_grant_cannot_be_used_twice_and_each_grant_has_a_fresh_jti(national_services):
    first, second = maskinporten.grant(SCOPE), maskinporten.grant(SCOPE)
    form = {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": first}
    endpoint = maskinporten.token_endpoint()

    assert requests.post(endpoint, data=form, timeout=5).status_code == 200
    again = requests.post(endpoint, data=form, timeout=5)
    assert again.status_code == 400
    assert "jti already used" in again.json()["error_description"]
    jti = [jwt.decode(g, options={"verify_signature": False})["jti"] for g in (first, second)]
    assert jti[0] != jti[1]


def test_an_expired_grant_is_refused(national_services, settings, rsa_key):
    stale = build_client_assertion(
        client_id=settings.MASKINPORTEN_CLIENT_ID,
        audience=settings.MASKINPORTEN_ISSUER,
        private_key=rsa_key,
        kid=settings.MASKINPORTEN_KID,
        claims={"scope": SCOPE},
        subject=False,
        issued_at=int(time.time()) - 300,
    )
    answer = requests.post(
        maskinporten.token_endpoint(),
        data={"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": stale},
        timeout=5,
    )
    assert answer.status_code == 400
    assert "expired" in answer.json()["error_description"]


def test_an_assertion_living_longer_than_120_seconds_is_never_built(rsa_key):
    with pytest.raises(ValueError, match="at most 120 seconds"):
        build_client_assertion(
            client_id="c", audience="https://maskinporten.no/", private_key=rsa_key, kid="k",
            lifetime=121,
        )  # fmt: skip


def test_a_grant_may_identify_its_key_by_certificate_chain_x5c(
    national_services, settings, tmp_path, rsa_key
):
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Utdanningsdirektoratet")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(rsa_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(rsa_key, hashes.SHA256())
    )
    path = tmp_path / "virksomhetssertifikat.pem"
    path.write_bytes(
        certificate.public_bytes(
            encoding=__import__("cryptography").hazmat.primitives.serialization.Encoding.PEM
        )
    )
    national_services.register_maskinporten_client(
        settings.MASKINPORTEN_CLIENT_ID, certificate=certificate, scopes={SCOPE}
    )
    settings.MASKINPORTEN_KID = None
    settings.MASKINPORTEN_CERTIFICATE = str(path)

    assert maskinporten.access_token(SCOPE) in national_services.issued
    assert "x5c" in jwt.get_unverified_header(_grant_sent(national_services))


def test_the_maskinporten_token_is_reused_until_shortly_before_it_expires(national_services):
    first = maskinporten.access_token(SCOPE)
    assert maskinporten.access_token(SCOPE) == first
    assert len(national_services.calls(MASKINPORTEN_TOKEN)) == 1

    # Move the clock: the cached token is now within the refresh margin of its expiry.
    key = maskinporten.cache_key(SCOPE)
    cache.set(key, {**cache.get(key), "refresh_at": time.time() - 1})

    assert maskinporten.access_token(SCOPE) != first
    assert len(national_services.calls(MASKINPORTEN_TOKEN)) == 2


# ID-porten's private_key_jwt client authentication


def test_our_idporten_client_assertion_authenticates_us_once(national_services, settings):
    assertion = idporten_client_assertion()
    form = {
        "grant_type": "authorization_code",
        "code": "abc",
        "client_id": settings.IDPORTEN_CLIENT_ID,
        "client_assertion_type": CLIENT_ASSERTION_TYPE,
        "client_assertion": assertion,
    }
    endpoint = national_services.url + IDPORTEN_TOKEN

    assert requests.post(endpoint, data=form, timeout=5).status_code == 200
    claims = jwt.decode(assertion, options={"verify_signature": False})
    assert claims["iss"] == claims["sub"] == settings.IDPORTEN_CLIENT_ID
    assert claims["aud"] == settings.IDPORTEN_ISSUER
    assert requests.post(endpoint, data=form, timeout=5).status_code == 400


# Altinn


def _parties(fake):
    fake.persons[PID] = [
        person(PID, "OPPRIKTIG KAMEL", (RESOURCE,)),
        organisation("921693230", "TRØNDELAG FYLKESKOMMUNE", "FYLK", (RESOURCE, "annet")),
        organisation(
            "986123456",
            "OPPLÆRINGSKONTORET I MIDT",
            "FLI",
            (),
            (organisation("986123464", "OPPLÆRINGSKONTORET AVD. NORD", "BEDR", (RESOURCE,)),),
        ),
        organisation("912345678", "ANNEN BEDRIFT AS", "AS", ("noe-annet",)),
        organisation("998877665", "NEDLAGT KONTOR", "FLI", (RESOURCE,), deleted=True),
    ]


def test_authorized_parties_become_organisations_with_their_subunits(national_services):
    _parties(national_services)

    parties = altinn.authorized_parties(PID)

    assert parties == [
        AuthorizedParty(
            orgnr="921693230",
            name="TRØNDELAG FYLKESKOMMUNE",
            unit_type="FYLK",
            resources=frozenset({RESOURCE, "annet"}),
            subunits=(),
            is_deleted=False,
        ),
        AuthorizedParty(
            orgnr="986123456",
            name="OPPLÆRINGSKONTORET I MIDT",
            unit_type="FLI",
            resources=frozenset(),
            subunits=(
                AuthorizedParty(
                    orgnr="986123464",
                    name="OPPLÆRINGSKONTORET AVD. NORD",
                    unit_type="BEDR",
                    resources=frozenset({RESOURCE}),
                    subunits=(),
                    is_deleted=False,
                ),
            ),
            is_deleted=False,
        ),
        AuthorizedParty(
            orgnr="998877665",
            name="NEDLAGT KONTOR",
            unit_type="FLI",
            resources=frozenset({RESOURCE}),
            subunits=(),
            is_deleted=True,
        ),
    ]


def test_altinn_is_asked_for_the_person_filtered_on_our_resource_with_the_subscription_key(
    national_services,
):
    _parties(national_services)
    altinn.authorized_parties(PID)

    (call,) = national_services.calls(AUTHORIZED_PARTIES)
    assert call.method == "POST"
    assert call.query["anyOfResourceIds"] == [f"urn:altinn:resource:{RESOURCE}"]
    assert call.query["includeAltinn2"] == ["true"]
    assert call.headers["ocp-apim-subscription-key"] == national_services.subscription_key
    assert call.body == b'{"type": "urn:altinn:person:identifier-no", "value": "01017012345"}'


def test_a_wrong_subscription_key_is_refused_by_altinn(national_services, settings):
    settings.ALTINN_SUBSCRIPTION_KEY = "not-ours"
    with pytest.raises(AltinnUnavailable, match="401"):
        altinn.authorized_parties(PID)


def test_the_altinn_token_is_exchanged_once_and_reused_until_near_expiry(national_services):
    _parties(national_services)
    altinn.authorized_parties(PID)
    altinn.authorized_parties(PID)

    assert len(national_services.calls(EXCHANGE)) == 1
    (exchange,) = national_services.calls(EXCHANGE)
    assert exchange.headers["authorization"].startswith("Bearer mp-")
    assert len(national_services.calls(AUTHORIZED_PARTIES)) == 2

    key = altinn._cache_key()
    cache.set(key, {**cache.get(key), "refresh_at": time.time() - 1})
    altinn.authorized_parties(PID)

    assert len(national_services.calls(EXCHANGE)) == 2
    # Maskinporten's token still had time left: it was not asked again.
    assert len(national_services.calls(MASKINPORTEN_TOKEN)) == 1


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("altinn down", "could not be reached"),
        ("altinn slow", "could not be reached"),
        ("altinn 500", "HTTP 500"),
        ("altinn malformed", "not JSON"),
        ("party malformed", "malformed"),
        ("answer not a list", "not a list"),
        ("exchange 500", "HTTP 500"),
        ("exchange malformed", "did not answer with a token"),
        ("maskinporten 500", "Maskinporten refused"),
        ("maskinporten slow", "Maskinporten"),
    ],
)
def test_any_failure_raises_altinn_unavailable(national_services, settings, what, expected):
    _parties(national_services)
    if what == "altinn down":
        settings.ALTINN_PLATFORM_URL = _closed_port()
    elif what == "party malformed":
        national_services.persons[PID].append(organisation("12", "FEIL", "AS", (RESOURCE,)))
    elif what == "answer not a list":
        national_services.fault[AUTHORIZED_PARTIES] = "object"
    else:
        service, fault = what.split()
        path = {"altinn": AUTHORIZED_PARTIES, "exchange": EXCHANGE}.get(service, MASKINPORTEN_TOKEN)
        national_services.fault[path] = "500" if fault == "500" else fault

    with pytest.raises(AltinnUnavailable, match=expected):
        altinn.authorized_parties(PID)


def test_after_a_failure_no_earlier_answer_is_returned(national_services):
    _parties(national_services)
    assert altinn.authorized_parties(PID)

    national_services.fault[AUTHORIZED_PARTIES] = "500"
    with pytest.raises(AltinnUnavailable):
        altinn.authorized_parties(PID)


def test_a_malformed_national_identity_number_is_never_sent(national_services):
    with pytest.raises(ValueError, match="11 digits"):
        altinn.authorized_parties("1234")
    assert national_services.requests == []


# Keys and settings


def test_the_embedded_mode_creates_its_key_on_first_use_readable_by_its_owner_only(
    national_services, settings, tmp_path
):
    settings.EMBEDDED = True
    settings.MASKINPORTEN_KEY = str(tmp_path / "keys" / "maskinporten-client.pem")
    grant = maskinporten.grant(SCOPE)

    created = signing_keys.load_private_key(settings.MASKINPORTEN_KEY)
    jwt.decode(
        grant, created.public_key(), algorithms=["RS256"], audience=settings.MASKINPORTEN_ISSUER
    )
    assert stat.S_IMODE(os.stat(settings.MASKINPORTEN_KEY).st_mode) == 0o600


def test_outside_the_embedded_mode_a_missing_key_file_is_not_created(settings, tmp_path):
    settings.EMBEDDED = False
    settings.MASKINPORTEN_KEY = str(tmp_path / "missing.pem")
    with pytest.raises(maskinporten.MaskinportenUnavailable, match="No key file"):
        maskinporten.access_token(SCOPE)
    assert not (tmp_path / "missing.pem").exists()


def test_a_key_may_be_given_inline_with_escaped_line_breaks(monkeypatch, tmp_path, rsa_key):
    pem = Path(write_key(tmp_path / "k.pem", rsa_key)).read_text()
    monkeypatch.setenv("SOME_KEY", pem.replace("\n", "\\n"))
    value = env.pem("SOME_KEY")
    assert signing_keys.load_private_key(value).public_key().public_numbers() == (
        rsa_key.public_key().public_numbers()
    )


def test_half_a_pem_block_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_KEY", "-----BEGIN PRIVATE KEY-----abc")
    with pytest.raises(ImproperlyConfigured, match="SOME_KEY"):
        env.pem("SOME_KEY")
