"""A logged-in session lasts no longer than ID-porten's own.

ID-porten ends a session after 30 minutes without activity and after 120 minutes in
all; ours must not outlive it, or a person who logged out of ID-porten (or walked away
from a shared computer) would still be logged in here. Both limits are settings
(SESSION_IDLE_MINUTES, SESSION_MAX_MINUTES). The times are kept in the session itself,
as seconds since the epoch, so every process sees the same ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

STARTED = "session_started_at"
LAST_SEEN = "session_last_seen_at"


@receiver(user_logged_in, dispatch_uid="accounts.session_limits.start")
def start(sender, request: HttpRequest, user, **kwargs) -> None:
    """A login starts the clock afresh, even for someone who was logged in already."""
    now = time.time()
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


def expired(request: HttpRequest, now: float) -> bool:
    started = request.session.get(STARTED)
    last_seen = request.session.get(LAST_SEEN)
    if started is None or last_seen is None:
        # A session from before these limits: it has no start to count from, so it ends.
        return True
    return (
        now - last_seen > settings.SESSION_IDLE_MINUTES * 60
        or now - started > settings.SESSION_MAX_MINUTES * 60
    )


class SessionLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            if expired(request, now):
                return self._end(request)
            request.session[LAST_SEEN] = now
        return self.get_response(request)

    def _end(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        messages.info(request, _("Du ble logget ut fordi økten var utløpt. Logg inn igjen."))
        admin = reverse("admin:index")
        login = reverse("admin:login") if request.path.startswith(admin) else settings.LOGIN_URL
        # Only a page is worth returning to; a form post would resubmit stale data.
        back = request.get_full_path() if request.method == "GET" else None
        target = resolve_url(login) + ("?" + urlencode({"next": back}) if back else "")
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
