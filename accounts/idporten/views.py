"""The OAuth2 adapter and the login and callback views for ID-porten."""

import hmac
from importlib import import_module

import jwt
import requests
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Client, OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from accounts import audit
from accounts.jwt_assertion import idporten_client_assertion
from accounts.models import IDPortenSession

ALGORITHMS = ["RS256"]


CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class PrivateKeyJWTClient(OAuth2Client):
    """allauth's OAuth2 client always sends a client secret; with private_key_jwt we send a
    signed client assertion instead (Digdir's recommended client authentication)."""

    def __init__(self, *args, audience: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.audience = audience
        self.consumer_secret = ""  # empty values are dropped from the request: no secret

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        assertion = {
            "client_assertion_type": CLIENT_ASSERTION_TYPE,
            "client_assertion": idporten_client_assertion(self.consumer_key, self.audience),
        }
        return super().get_access_token(
            code, pkce_code_verifier, {**(extra_data or {}), **assertion}
        )


class IDPortenAdapter(OpenIDConnectOAuth2Adapter):
    # The state allauth stashed for this login (with our nonce), set by the callback view.
    expected_state: dict | None = None

    def __init__(self, request, provider_id="idporten"):
        super().__init__(request, provider_id)

    def get_callback_url(self, request, app):
        return build_absolute_uri(request, reverse("idporten_callback"))

    def get_client(self, request, app):
        if settings.IDPORTEN_CLIENT_AUTH != "private_key_jwt":
            return super().get_client(request, app)
        return PrivateKeyJWTClient(
            request,
            app.client_id,
            "",
            self.access_token_method,
            self.access_token_url,
            self.get_callback_url(request, app),
            scope_delimiter=self.scope_delimiter,
            audience=self.openid_config["issuer"],
        )

    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise OAuth2Error(_("ID-porten sendte ingen ID-token."))
        claims = self._decode_id_token(app, id_token)
        login = self.get_provider().sociallogin_from_response(request, {"id_token": claims})
        # Kept on the login object only, for the Altinn lookup and the logout hint; never saved.
        login.idporten_pid = claims["pid"]
        login.idporten_id_token = id_token
        return login

    def _decode_id_token(self, app, id_token: str) -> dict:
        """Verifies the ID token fully, whatever channel it came by: allauth would skip the
        signature for a token fetched from the token endpoint; we do not."""
        config = self.openid_config
        try:
            header = jwt.get_unverified_header(id_token)
            if header.get("alg") not in ALGORITHMS:
                raise OAuth2Error("Unexpected signing algorithm")
            keys = jwt.PyJWKSet.from_dict(self._jwks(config["jwks_uri"]))
            key = next((k for k in keys.keys if k.key_id == header.get("kid")), None)
            if key is None:
                raise OAuth2Error("Unknown signing key")
            claims = jwt.decode(
                id_token,
                key.key,
                algorithms=ALGORITHMS,
                audience=app.client_id,
                issuer=config["issuer"],
                options={"require": ["iss", "aud", "exp", "iat", "sub", "pid", "nonce", "acr"]},
            )
        except (jwt.PyJWTError, requests.RequestException) as error:
            raise OAuth2Error(f"Invalid ID token: {error}") from error
        expected_nonce = (self.expected_state or {}).get("nonce")
        if not expected_nonce or not hmac.compare_digest(claims["nonce"], expected_nonce):
            raise OAuth2Error("The ID token's nonce does not match this login.")
        if claims["acr"] not in settings.IDPORTEN_ACCEPTED_ACR:
            raise OAuth2Error(f"Level of assurance too low: {claims['acr']}")
        return claims

    @staticmethod
    def _jwks(url: str) -> dict:
        with get_adapter().get_requests_session() as session:
            response = session.get(url, timeout=5)
            response.raise_for_status()
            return response.json()


class IDPortenCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        self.adapter.expected_state = state
        return state, response


@login_not_required
def login(request):
    return OAuth2LoginView.adapter_view(IDPortenAdapter(request))(request)


@login_not_required
def callback(request):
    return IDPortenCallbackView.adapter_view(IDPortenAdapter(request))(request)


@login_not_required
@xframe_options_exempt
@require_GET
def frontchannel_logout(request):
    """ID-porten's front-channel logout (loaded in an iframe from ID-porten when the person
    logs out elsewhere): ends every session of ours that belongs to that ID-porten session."""
    issuer = request.GET.get("iss", "")
    sid = request.GET.get("sid", "")
    adapter = IDPortenAdapter(request)
    if sid and hmac.compare_digest(issuer.rstrip("/"), adapter.openid_config["issuer"].rstrip("/")):
        for link in IDPortenSession.objects.filter(sid=sid):
            import_module(settings.SESSION_ENGINE).SessionStore(link.session_key).delete()
            audit.record("accounts.logout.frontchannel", actor=link.user)
            link.delete()
    response = HttpResponse("", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response
