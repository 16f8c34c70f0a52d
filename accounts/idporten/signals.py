"""What happens at login and logout: grants from Altinn, the logout hint, the audit log."""

from allauth.account.signals import user_logged_in
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from accounts import audit, grants
from accounts.models import IDPortenSession

# The ID token is kept server-side in the session (never in a cookie, never in the
# database) until logout, only as `id_token_hint` for ID-porten's end-session endpoint.
ID_TOKEN_SESSION_KEY = "idporten_id_token"  # noqa: S105 - a session key name


@receiver(user_logged_in)
def on_login(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is None or not hasattr(sociallogin, "altinn_parties"):
        return
    grants.sync_altinn_grants(user, sociallogin.altinn_parties)
    request.session[ID_TOKEN_SESSION_KEY] = sociallogin.idporten_id_token
    sid = sociallogin.account.extra_data.get("id_token", {}).get("sid")
    if sid:
        request.session.save()
        IDPortenSession.objects.update_or_create(
            session_key=request.session.session_key, defaults={"sid": sid, "user": user}
        )
    audit.record(
        "accounts.login.succeeded",
        actor=user,
        acr=sociallogin.account.extra_data.get("id_token", {}).get("acr"),
    )


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        IDPortenSession.objects.filter(session_key=request.session.session_key).delete()
    if user is not None:
        audit.record("accounts.logout", actor=user)
