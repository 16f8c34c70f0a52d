"""The OAuth2 adapter and the login and callback views for ID-porten."""

import hmac

import jwt
import requests
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

ALGORITHMS = ["RS256"]


class IDPortenAdapter(OpenIDConnectOAuth2Adapter):
    # The state allauth stashed for this login (with our nonce), set by the callback view.
    expected_state: dict | None = None

    def __init__(self, request, provider_id="idporten"):
        super().__init__(request, provider_id)

    def get_callback_url(self, request, app):
        return build_absolute_uri(request, reverse("idporten_callback"))

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
