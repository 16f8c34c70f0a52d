"""The Django admin for Udir staff: a password, then a TOTP code from an authenticator app.

django-otp's OTPAdminSite treats a staff user who has not proved a second factor in this
session as no staff at all; django-axes counts wrong passwords per username and address
and answers with `locked_out` once the limit is reached. README.md says why these two.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class LoginForm(OTPAdminAuthenticationForm):
    """Username, password and the code, in one go. django-otp asks the person to pick a
    device first, which they cannot do before the form knows who they are; with one
    authenticator app (the usual case) we pick it for them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Phones offer the code from the authenticator app, and a digit keypad.
        self.fields["otp_token"].widget.attrs.update(
            autocomplete="one-time-code", inputmode="numeric"
        )

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class AdminSite(OTPAdminSite):
    login_form = LoginForm

    def __init__(self, name: str = "admin") -> None:
        # The name stays "admin", so reverse("admin:...") works as everywhere else.
        super().__init__(name)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' answer to a login while its username and address are locked out."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "admin_site/locked_out.html", {"minutes": minutes}, status=429)
