"""ID tokens with ID-porten's claims: sub (pairwise), pid, acr, amr, locale, sid."""

import base64
import hashlib

from oauth2_provider.oauth2_validators import OAuth2Validator


class IDPortenValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below goes into the ID token with scope openid

    def get_claim_dict(self, request):
        person = request.user.person
        # ID-porten's sub is a pseudonym per client; derived here from client and person.
        digest = hashlib.sha256(f"{request.client_id}:{person.pid}".encode()).digest()
        return {
            "sub": base64.urlsafe_b64encode(digest).decode().rstrip("="),
            "pid": person.pid,
            "acr": person.acr,
            "amr": ["TestID"],
            "locale": person.locale,
            "sid": person.sid,
        }

    def get_discovery_claims(self, request):
        return ["sub", "pid", "acr", "amr", "locale", "sid"]
