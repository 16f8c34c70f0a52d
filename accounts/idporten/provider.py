"""Our ID-porten provider: allauth's OpenID Connect provider with what ID-porten needs.

- PKCE (S256) always, not by configuration.
- A nonce per login, stored with allauth's state and checked in the ID token
  (allauth does not make one by itself).
- `ui_locales` from the chosen language and `acr_values` asking for "substantial".
- The account's uid is a keyed hash of `pid`, and `pid` is dropped from what allauth
  stores: the identity number is never kept in clear.
"""

import secrets

from allauth.socialaccount.providers.oauth2.utils import generate_code_challenge
from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
    OpenIDConnectProviderAccount,
)
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from accounts.identity import pid_hash
from accounts.idporten.views import IDPortenAdapter

# Claims kept on the social account; `pid` is not among them.
KEPT_CLAIMS = ("sub", "acr", "amr", "locale", "sid", "iss", "auth_time")


class IDPortenAccount(OpenIDConnectProviderAccount):
    def to_str(self):
        return "ID-porten"


class IDPortenProvider(OpenIDConnectProvider):
    id = "idporten"
    name = "ID-porten"
    account_class = IDPortenAccount
    oauth2_adapter_class = IDPortenAdapter

    def get_login_url(self, request, **kwargs):
        url = reverse("idporten_login")
        return f"{url}?{urlencode(kwargs)}" if kwargs else url

    def get_callback_url(self):
        return reverse("idporten_callback")

    def get_default_scope(self):
        return ["openid", "profile"]

    def get_pkce_params(self) -> dict:
        return generate_code_challenge()  # S256, always

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        auth_params.update(
            nonce=nonce,
            ui_locales=get_language() or "nb",
            acr_values="idporten-loa-substantial",
        )
        # `nonce` travels in allauth's stashed state, next to the PKCE verifier.
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )

    def extract_uid(self, data):
        return pid_hash(self._claims(data)["pid"])

    def extract_extra_data(self, data):
        claims = self._claims(data)
        return {"id_token": {key: claims[key] for key in KEPT_CLAIMS if key in claims}}

    def extract_common_fields(self, data):
        return {}

    def extract_email_addresses(self, data):
        return []

    @staticmethod
    def _claims(data: dict) -> dict:
        return data.get("id_token") or data


provider_classes = [IDPortenProvider]
