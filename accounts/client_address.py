"""The visitor's address, for everything that counts or limits per address: wrong personal
links (surveys/respondents/rate_limit.py) and wrong admin passwords (django-axes, through
AXES_CLIENT_IP_CALLABLE). Behind proxies REMOTE_ADDR is the nearest proxy's, the same for
everyone: a limit on it would stop everyone at once, and anyone could set one off.
"""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR, or, behind LINK_TRUSTED_PROXIES proxies that each append to
    X-Forwarded-For, the address the outermost trusted proxy saw. What the visitor wrote
    into the header themselves comes before that, and is never used."""
    proxies = settings.LINK_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
