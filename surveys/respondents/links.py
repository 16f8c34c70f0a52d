"""Personal links: /s/<token>. The token is derived, never stored.

token = base64url(HMAC-SHA256(LINK_SECRET_KEY, participant.link_key))[:128 bits] - 22
characters. The key lives outside the database, so a copy of the database alone gives no
working link. The database keeps SHA-256 of the token, to find the participant from a
link with one indexed lookup; a message re-derives the link when it is sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings

TOKEN_LENGTH = 22


def token_for(participant) -> str:
    return token_from(participant.link_key, secret())


def secret() -> bytes:
    return settings.LINK_SECRET_KEY.encode()


def token_from(link_key: str, secret: bytes) -> str:
    """The token of a link key under `secret`: an import derives one per new participant,
    with the secret read once."""
    # hmac.digest: the whole HMAC in one C call.
    digest = hmac.digest(secret, link_key.encode(), "sha256")
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def url_for(participant) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/s/{token_for(participant)}"
