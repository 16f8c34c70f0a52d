"""Content-Security-Policy and Permissions-Policy on every response.

No page of ours has inline script or style: htmx and the admin's scripts are files, and
so are all styles. So the policy lets scripts and styles come from this site only, never
'unsafe-inline' or 'unsafe-eval', and an injected <script> or on...= attribute does not
run. The Django admin fits the same policy, so it has no policy of its own: its scripts are
files that read their data from data- attributes, and its one inline style (the change
list's, only for a model admin with actions neither on top nor at the bottom) is never
rendered here. htmx is told not to add its indicator style (templates/_htmx_config.html).
The browser tests fail on any refusal (tests/browser/harness.py), and a test reads every
template for inline code (tests/test_content_security_policy.py).

A small middleware rather than django-csp: with no inline code there are no nonces or
per-view policies to manage, which is what django-csp adds; one constant policy plus the
ID-porten addresses is a few lines, and Django 6.0's own CSP middleware can replace it.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # The design system draws its icons with data: SVGs in its stylesheets.
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    # Forms post here only; the login and logout forms are redirected on to ID-porten.
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Nothing here uses a camera, a microphone, the position or a payment.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A view made to be framed (ID-porten's front-channel logout) keeps that from
        # X-Frame-Options' exemption; frame-ancestors would overrule it.
        framed = getattr(response, "xframe_options_exempt", False)
        response.headers.setdefault("Content-Security-Policy", _policy(_idporten(), framed))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _idporten() -> str:
    """The address the login is sent to: the provider's, as allauth reads it."""
    app = settings.SOCIALACCOUNT_PROVIDERS["idporten"]["APPS"][0]
    return app["settings"]["server_url"]


@lru_cache(maxsize=8)
def _policy(idporten_url: str, framed: bool) -> str:
    directives = dict(POLICY)
    # ID-porten's issuer and its subdomains: the login and logout pages are on login.<issuer>.
    # (The local simulator is one http:// address, with no subdomains.)
    parts = urlsplit(idporten_url)
    if parts.netloc:
        directives["form-action"] += f" {parts.scheme}://{parts.netloc}"
        if parts.scheme == "https":
            directives["form-action"] += f" https://*.{parts.netloc}"
    if framed:
        del directives["frame-ancestors"]
    return "; ".join(f"{name} {value}" for name, value in directives.items())
