"""allauth's hooks for ID-porten logins: users keyed by the pid hash, Altinn asked first,
and errors shown on our own page in the person's language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.shortcuts import render

from accounts import altinn, audit


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return True

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.username = f"idporten-{sociallogin.account.uid[:24]}"
        user.pid_hash = sociallogin.account.uid
        return user

    def pre_social_login(self, request, sociallogin):
        """Asks Altinn before the person is logged in: if it cannot answer, nobody gets in
        on yesterday's rights."""
        try:
            sociallogin.altinn_parties = altinn.authorized_parties(sociallogin.idporten_pid)
        except altinn.AltinnUnavailable as error:
            audit.record("accounts.login.altinn_unavailable", target=str(error)[:200])
            raise ImmediateHttpResponse(
                render(request, "accounts/login_error.html", {"altinn_down": True}, status=503)
            ) from error

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        reason = str(exception) if exception else f"{error}: the login's state was not found"
        audit.record("accounts.login.refused", target=reason[:200])
        context = {"altinn_down": False, "level_too_low": "Level of assurance" in reason}
        raise ImmediateHttpResponse(
            render(request, "accounts/login_error.html", context, status=400)
        )


class AccountAdapter(DefaultAccountAdapter):
    # allauth's "Successfully signed in as idporten-5f3a..." says nothing a person can use.
    SILENT = {"account/messages/logged_in.txt", "account/messages/logged_out.txt"}

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        if message_template in self.SILENT:
            return
        super().add_message(request, level, message_template, *args, **kwargs)
