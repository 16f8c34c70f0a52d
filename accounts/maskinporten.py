"""Maskinporten: an access token for our own organisation, by the JWT-bearer grant.

Shapes followed (Digdir's documentation, "/token endpoint" and "JWT grant" for
Maskinporten, after RFC 7523 section 2.1):
- `POST {MASKINPORTEN_ISSUER}token`, `Content-Type: application/x-www-form-urlencoded`,
  body `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<the grant>`; no
  other client authentication, the signed grant is it.
- the grant (accounts.jwt_assertion): `aud` = Maskinporten's issuer identifier
  (https://maskinporten.no/ in production, https://test.maskinporten.no/ in test), `iss`
  = our client id, `scope` = the space-separated scopes, `iat`, `exp` <= iat + 120,
  a fresh `jti`; header `kid` of the key registered on the client, or `x5c`.
- the answer: JSON with `access_token`, `token_type`, `expires_in` (seconds) and `scope`;
  errors are 4xx JSON with `error` and `error_description`.

The token is kept in Django's cache (Redis in production, shared by web and workers)
until shortly before it expires, so a login costs no Maskinporten round trip.
"""

from __future__ import annotations

import hashlib
import logging
import time

import requests
from django.conf import settings
from django.core.cache import cache

from accounts import signing_keys
from accounts.jwt_assertion import build_client_assertion, key_chain

logger = logging.getLogger(__name__)

AUTHORIZED_PARTIES_SCOPE = "altinn:accessmanagement/authorizedparties.resourceowner"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Fetch a new token this long before the old one expires: covers clock skew and the
# time the token spends travelling to Altinn and back.
REFRESH_MARGIN = 60


class MaskinportenUnavailable(Exception):
    """No token: Maskinporten could not be reached, refused the grant, or answered nonsense."""


def token_endpoint() -> str:
    return settings.MASKINPORTEN_ISSUER.rstrip("/") + "/token"


def grant(scope: str) -> str:
    """A signed JWT grant asking for `scope`, from the MASKINPORTEN_* settings."""
    key = signing_keys.load_private_key(
        settings.MASKINPORTEN_KEY, create_if_missing=settings.EMBEDDED
    )
    kid = settings.MASKINPORTEN_KID or None
    return build_client_assertion(
        client_id=settings.MASKINPORTEN_CLIENT_ID,
        audience=settings.MASKINPORTEN_ISSUER,
        private_key=key,
        kid=kid,
        x5c=None if kid else key_chain(settings.MASKINPORTEN_CERTIFICATE),
        claims={"scope": scope},
        subject=False,
    )


def access_token(scope: str = AUTHORIZED_PARTIES_SCOPE) -> str:
    """A Maskinporten access token for `scope`, from the cache while it has a minute left."""
    key = cache_key(scope)
    cached = cache.get(key)
    if cached and cached["refresh_at"] > time.time():
        return cached["token"]
    token, expires_in = _request(scope)
    lifetime = expires_in - REFRESH_MARGIN
    if lifetime > 0:
        cache.set(key, {"token": token, "refresh_at": time.time() + lifetime}, lifetime)
    return token


def forget(scope: str = AUTHORIZED_PARTIES_SCOPE) -> None:
    """Drop a cached token that an API refused, so the next call fetches a fresh one."""
    cache.delete(cache_key(scope))


def cache_key(scope: str) -> str:
    # The client and issuer are part of the key: switching a setting never reuses a token.
    ident = f"{settings.MASKINPORTEN_ISSUER}|{settings.MASKINPORTEN_CLIENT_ID}|{scope}"
    return "maskinporten:token:" + hashlib.sha256(ident.encode()).hexdigest()


def _request(scope: str) -> tuple[str, int]:
    try:
        assertion = grant(scope)
    except (signing_keys.KeyUnavailable, ValueError) as error:
        raise MaskinportenUnavailable(f"Maskinporten grant could not be signed: {error}") from error
    try:
        response = requests.post(
            token_endpoint(),
            data={"grant_type": JWT_BEARER, "assertion": assertion},
            headers={"Accept": "application/json"},
            timeout=settings.NATIONAL_SERVICE_TIMEOUT,
        )
    except requests.RequestException as error:
        raise MaskinportenUnavailable(
            f"Maskinporten ({token_endpoint()}) could not be reached: {error}"
        ) from error
    if response.status_code != 200:
        raise MaskinportenUnavailable(
            f"Maskinporten refused the grant: HTTP {response.status_code} {_describe(response)}"
        )
    try:
        body = response.json()
        token = body["access_token"]
        expires_in = int(body["expires_in"])
    except (ValueError, KeyError, TypeError) as error:
        raise MaskinportenUnavailable(f"Maskinporten's answer is not a token: {error!r}") from error
    if not isinstance(token, str) or not token or expires_in <= 0:
        raise MaskinportenUnavailable("Maskinporten's answer has no usable token.")
    logger.info("Maskinporten token for %s, valid %s s", scope, expires_in)
    return token, expires_in


def _describe(response: requests.Response) -> str:
    try:
        body = response.json()
        return f"{body.get('error', '')}: {body.get('error_description', '')}".strip()
    except (ValueError, AttributeError):
        return response.text[:200]
