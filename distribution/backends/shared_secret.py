"""The shared secret of a webhook (the gateway's delivery reports, the mail service's
bounces): the password of HTTP Basic authentication, whatever the user name, which is
what LINK Mobility's gates and most mail services can be set up to send. Compared in
constant time; a webhook whose secret is not set refuses everything."""

from __future__ import annotations

import base64
import binascii
import hmac


def authorised(request, secret: str) -> bool:
    if not secret:
        return False
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False
    _, _, password = decoded.partition(":")
    return hmac.compare_digest(password.encode(), secret.encode())
