"""Signed JWT client assertions: Maskinporten's JWT grant and ID-porten's private_key_jwt.

Shapes followed (Digdir's documentation, "JWT grant" for Maskinporten and for ID-porten,
both after RFC 7523):
- header: `alg` RS256, and either `kid` (a key registered on the client in Digdir's
  self-service portal) or `x5c` (the business certificate chain, leaf first);
- claims: `aud` the authorization server's issuer identifier (a single value, never the
  token endpoint's address), `iss` our client id, `iat` now in UTC seconds, `exp` at most
  120 seconds after `iat`, `jti` unique (a grant can never be reused), plus what the
  grant asks for (Maskinporten: `scope`, space-separated).
- `sub`: RFC 7523's client authentication (ID-porten's private_key_jwt) wants `sub` equal
  to the client id. Maskinporten's list of grant claims has no `sub` and answers 400
  "Invalid assertion" to claims it does not list, so its grant is built with
  `subject=False`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

from accounts import signing_keys

MAX_LIFETIME = 120
_RESERVED = {"iss", "sub", "aud", "iat", "exp", "jti"}


def build_client_assertion(
    *,
    client_id: str,
    audience: str,
    private_key: rsa.RSAPrivateKey,
    kid: str | None = None,
    x5c: Sequence[str] | None = None,
    claims: Mapping[str, Any] | None = None,
    lifetime: int = MAX_LIFETIME,
    subject: bool = True,
    issued_at: int | None = None,
) -> str:
    """A compact RS256 JWT that authenticates `client_id` to the issuer `audience`."""
    if bool(kid) == bool(x5c):
        raise ValueError("Exactly one of kid and x5c identifies the key.")
    if not 0 < lifetime <= MAX_LIFETIME:
        raise ValueError(f"An assertion lives at most {MAX_LIFETIME} seconds, not {lifetime}.")
    extra = dict(claims or {})
    clash = _RESERVED & extra.keys()
    if clash:
        raise ValueError(f"Claims set by the assertion itself: {sorted(clash)}.")
    now = int(time.time()) if issued_at is None else issued_at
    payload: dict[str, Any] = {
        "iss": client_id,
        "aud": audience,
        "iat": now,
        "exp": now + lifetime,
        "jti": str(uuid.uuid4()),
        **extra,
    }
    if subject:
        payload["sub"] = client_id
    headers: dict[str, Any] = {"kid": kid} if kid else {"x5c": list(x5c or [])}
    return jwt.encode(payload, private_key, algorithm="RS256", headers=headers)


def idporten_client_assertion(client_id: str | None = None, audience: str | None = None) -> str:
    """The `client_assertion` for ID-porten's token endpoint (private_key_jwt), from settings.

    Sent with `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.
    The login passes the issuer from ID-porten's discovery document as the audience.
    """
    key = signing_keys.load_private_key(
        settings.IDPORTEN_CLIENT_KEY, create_if_missing=settings.EMBEDDED
    )
    kid = settings.IDPORTEN_CLIENT_KID or None
    return build_client_assertion(
        client_id=client_id or settings.IDPORTEN_CLIENT_ID,
        audience=audience or settings.IDPORTEN_ISSUER,
        private_key=key,
        kid=kid,
        x5c=None if kid else key_chain(settings.IDPORTEN_CLIENT_CERTIFICATE),
    )


def key_chain(source: str | None) -> list[str] | None:
    """The x5c chain of a configured certificate, or None when none is configured."""
    return signing_keys.load_certificate_chain(source) if source else None
