"""The site's own error page for a refused form (CSRF_FAILURE_VIEW), instead of Django's
English debug page: in the visitor's language, with a way back to where they were."""

from urllib.parse import urlsplit

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_failure(request, reason: str = ""):
    # Most often the form's cookie is gone (another browser, private mode, a cleaner, or a
    # page left open past the cookie's life): going back and sending again works. The
    # personal-link pages need no cookie (surveys/respondents/views.py), so this page is
    # the portal's and the admin's.
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("accounts:home")
    else:
        parts = urlsplit(back)
        back = parts.path + (f"?{parts.query}" if parts.query else "")
    return render(request, "403_csrf.html", {"back": back}, status=403)
