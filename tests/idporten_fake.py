"""A scripted ID-porten for tests: discovery, JWKS and a token endpoint on 127.0.0.1.

It answers the token request with an ID token it builds from the authorisation request
the application sent, so a test can make that token wrong in exactly one way: another
nonce, another signing key, a lower acr, a missing claim.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class FakeIDPorten:
    client_id: str = "test-client"
    pid: str = "12838540137"
    acr: str = "idporten-loa-substantial"
    nonce: str | None = None  # set by the test from the authorisation request
    sign_with: object | None = None  # another key: a bad signature
    drop_claims: tuple[str, ...] = ()
    key: object = field(default_factory=new_key)
    token_requests: list[dict] = field(default_factory=list)
    # With a client's public key set, the token endpoint demands private_key_jwt, as
    # ID-porten does for such a client, and refuses a secret.
    client_public_key: object | None = None
    used_jti: set = field(default_factory=set)

    def __post_init__(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    self._json(fake.discovery())
                elif self.path == "/jwks":
                    self._json(fake.jwks())
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fake.token_requests.append(form)
                if self.path != "/token":
                    return self._json({"error": "not_found"}, 404)
                refusal = fake.refuse_client(form)
                if refusal:
                    return self._json(
                        {"error": "invalid_client", "error_description": refusal}, 401
                    )
                self._json(
                    {
                        "access_token": "at-" + uuid.uuid4().hex,
                        "token_type": "Bearer",
                        "expires_in": 120,
                        "id_token": fake.id_token(),
                    }
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def refuse_client(self, form: dict) -> str | None:
        """Why ID-porten would refuse this client authentication, or None."""
        if self.client_public_key is None:
            return None if form.get("client_secret") else "no client secret"
        if "client_secret" in form:
            return "a private_key_jwt client sent a secret"
        if form.get("client_assertion_type") != (
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        ):
            return "wrong client_assertion_type"
        try:
            claims = jwt.decode(
                form.get("client_assertion", ""),
                self.client_public_key,
                algorithms=["RS256"],
                audience=self.url,
                options={"require": ["iss", "sub", "aud", "iat", "exp", "jti"]},
            )
        except jwt.PyJWTError as error:
            return f"bad assertion: {error}"
        if not (claims["iss"] == claims["sub"] == self.client_id == form.get("client_id")):
            return "iss, sub and client_id must all be the client id"
        if claims["exp"] - claims["iat"] > 120:
            return "the assertion lives more than 120 seconds"
        if claims["jti"] in self.used_jti:
            return "jti used before"
        self.used_jti.add(claims["jti"])
        return None

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/endsession",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
        }

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": "fake-1", "alg": "RS256", "use": "sig"}]}

    def id_token(self) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": self.client_id,
            "sub": "pairwise-" + self.pid[-4:],
            "pid": self.pid,
            "acr": self.acr,
            "amr": ["TestID"],
            "locale": "nb",
            "sid": "sid-1",
            "iat": now,
            "exp": now + 120,
            "nonce": self.nonce,
        }
        for name in self.drop_claims:
            claims.pop(name, None)
        if claims.get("nonce") is None:
            claims.pop("nonce", None)
        return jwt.encode(
            claims, self.sign_with or self.key, algorithm="RS256", headers={"kid": "fake-1"}
        )


@pytest.fixture
def idporten(settings):
    """The scripted ID-porten, with our provider's settings pointing at it."""
    fake = FakeIDPorten()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "idporten": {
            "APPS": [
                {
                    "provider_id": "idporten",
                    "name": "ID-porten",
                    "client_id": fake.client_id,
                    "secret": "test-secret",
                    "settings": {"server_url": fake.url, "token_auth_method": "client_secret_post"},
                }
            ]
        }
    }
    settings.IDPORTEN_CLIENT_ID = fake.client_id
    yield fake
    fake.close()
