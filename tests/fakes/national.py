"""A local stand-in for ID-porten's and Maskinporten's token endpoints and Altinn 3.

It speaks the documented API (see the docstrings of accounts.maskinporten and
accounts.altinn) on 127.0.0.1 and checks everything it receives the way the real
services say they do: the grant's RS256 signature against the client's registered
public key (kid) or certificate (x5c), its audience, issuer, age, lifetime (at most
120 s), single-use jti, the claims it may carry and the scopes the client holds; the
bearer tokens it issued itself; the API subscription key. Every request is recorded,
so a test can count them. `fault` makes one path fail: "500", "malformed" (cut-off
JSON), "object" (JSON, but not the documented shape), "slow" (past our timeout).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

MASKINPORTEN_TOKEN = "/maskinporten/token"
IDPORTEN_TOKEN = "/idporten/token"
EXCHANGE = "/authentication/api/v1/exchange/maskinporten"
AUTHORIZED_PARTIES = "/accessmanagement/api/v1/resourceowner/authorizedparties"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
AUTHORIZED_PARTIES_SCOPE = "altinn:accessmanagement/authorizedparties.resourceowner"
# The claims Maskinporten's documentation lists for a JWT grant; any other is refused.
MASKINPORTEN_CLAIMS = {"aud", "iss", "iat", "exp", "jti", "scope", "resource", "consumer_org"}


class Refused(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


@dataclass
class Client:
    client_id: str
    keys: dict[str, rsa.RSAPublicKey] = field(default_factory=dict)
    certificates: dict[bytes, rsa.RSAPublicKey] = field(default_factory=dict)
    scopes: set[str] = field(default_factory=set)


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


class FakeNationalServices:
    def __init__(self) -> None:
        self.maskinporten_clients: dict[str, Client] = {}
        self.idporten_clients: dict[str, Client] = {}
        self.used_jti: set[str] = set()
        self.requests: list[Recorded] = []
        self.subscription_key = "sub-" + secrets.token_hex(8)
        self.persons: dict[str, list[dict]] = {}
        self.token_lifetime = 120
        self.altinn_token_lifetime = 1800
        self.fault: dict[str, str] = {}
        self.slow_seconds = 2.0
        self.issued: dict[str, tuple[str, set[str], float]] = {}
        self._altinn_secret = secrets.token_bytes(32)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # The addresses our settings point at.
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def maskinporten_issuer(self) -> str:
        return self.url + "/maskinporten/"

    @property
    def idporten_issuer(self) -> str:
        return self.url + "/idporten/"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def calls(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]

    # Registration, as Digdir's self-service portal does it.
    def register_maskinporten_client(
        self,
        client_id: str,
        *,
        kid: str | None = None,
        public_key: rsa.RSAPublicKey | None = None,
        certificate: x509.Certificate | None = None,
        scopes: set[str],
    ) -> None:
        self.maskinporten_clients[client_id] = _client(client_id, kid, public_key, certificate)
        self.maskinporten_clients[client_id].scopes = set(scopes)

    def register_idporten_client(
        self, client_id: str, *, kid: str, public_key: rsa.RSAPublicKey
    ) -> None:
        self.idporten_clients[client_id] = _client(client_id, kid, public_key, None)

    def altinn_token(self, *, expires_in: int) -> str:
        now = int(time.time())
        claims = {"iss": self.url, "iat": now, "exp": now + expires_in, "urn:altinn:org": "udir"}
        return jwt.encode(claims, self._altinn_secret, algorithm="HS256")

    # The endpoints.
    def maskinporten_token(self, form: dict[str, str]) -> dict:
        if form.get("grant_type") != JWT_BEARER:
            raise Refused(400, "unsupported_grant_type", "grant_type must be jwt-bearer")
        claims = self._verify(
            form.get("assertion", ""), self.maskinporten_clients, self.maskinporten_issuer
        )
        unknown = set(claims) - MASKINPORTEN_CLAIMS
        if unknown:
            raise Refused(400, "invalid_grant", f"Invalid assertion: claims {sorted(unknown)}")
        requested = set(str(claims.get("scope", "")).split())
        if not requested:
            raise Refused(400, "invalid_scope", "No scope requested")
        missing = requested - self.maskinporten_clients[claims["iss"]].scopes
        if missing:
            raise Refused(400, "invalid_scope", f"Client lacks scopes {sorted(missing)}")
        token = "mp-" + secrets.token_urlsafe(24)
        self.issued[token] = (claims["iss"], requested, time.time() + self.token_lifetime)
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.token_lifetime,
            "scope": " ".join(sorted(requested)),
        }

    def idporten_token(self, form: dict[str, str]) -> dict:
        if form.get("client_assertion_type") != CLIENT_ASSERTION_TYPE:
            raise Refused(401, "invalid_client", "client_assertion_type must be jwt-bearer")
        claims = self._verify(
            form.get("client_assertion", ""), self.idporten_clients, self.idporten_issuer
        )
        if claims.get("sub") != claims["iss"]:
            raise Refused(401, "invalid_client", "sub must equal iss (the client id)")
        if form.get("client_id") not in (None, claims["iss"]):
            raise Refused(401, "invalid_client", "client_id differs from the assertion's iss")
        return {"access_token": "ip-" + secrets.token_urlsafe(16), "token_type": "Bearer"}

    def _verify(self, assertion: str, clients: dict[str, Client], audience: str) -> dict:
        try:
            header = jwt.get_unverified_header(assertion)
            unverified = jwt.decode(assertion, options={"verify_signature": False})
        except jwt.InvalidTokenError as error:
            raise Refused(400, "invalid_grant", f"Not a JWT: {error}") from None
        client = clients.get(unverified.get("iss"))
        if client is None:
            raise Refused(400, "invalid_client", "Unknown client")
        if header.get("alg") not in {"RS256", "RS384", "RS512"}:
            raise Refused(400, "invalid_grant", "alg must be RS256, RS384 or RS512")
        if bool(header.get("kid")) == bool(header.get("x5c")):
            raise Refused(400, "invalid_grant", "Exactly one of kid and x5c must be present")
        if header.get("kid"):
            key = client.keys.get(header["kid"])
        else:
            key = client.certificates.get(base64.b64decode(header["x5c"][0]))
        if key is None:
            raise Refused(400, "invalid_grant", "Key not registered on the client")
        try:
            claims = jwt.decode(
                assertion,
                key,
                algorithms=[header["alg"]],
                audience=audience,
                options={"require": ["iss", "aud", "iat", "exp", "jti"]},
            )
        except jwt.InvalidTokenError as error:
            raise Refused(400, "invalid_grant", f"Invalid assertion: {error}") from None
        now = time.time()
        if abs(claims["iat"] - now) > 10:
            raise Refused(400, "invalid_grant", "iat is more than 10 seconds off")
        if claims["exp"] - claims["iat"] > 120:
            raise Refused(400, "invalid_grant", "exp is more than 120 seconds after iat")
        if claims["jti"] in self.used_jti:
            raise Refused(400, "invalid_grant", "jti already used")
        self.used_jti.add(claims["jti"])
        return claims

    def exchange(self, headers: dict[str, str]) -> str:
        token = _bearer(headers)
        client, scopes, expires = self.issued.get(token, (None, set(), 0))
        if client is None or expires < time.time():
            raise Refused(401, "invalid_token", "Not a valid Maskinporten token")
        if AUTHORIZED_PARTIES_SCOPE not in scopes:
            raise Refused(403, "insufficient_scope", "Token lacks the authorized-parties scope")
        return self.altinn_token(expires_in=self.altinn_token_lifetime)

    def authorized_parties(self, headers, query, body: bytes) -> list[dict]:
        try:
            jwt.decode(_bearer(headers), self._altinn_secret, algorithms=["HS256"])
        except jwt.InvalidTokenError:
            raise Refused(401, "invalid_token", "Not a valid Altinn token") from None
        if headers.get("ocp-apim-subscription-key") != self.subscription_key:
            raise Refused(401, "invalid_subscription", "Missing or wrong subscription key")
        if not headers.get("content-type", "").startswith("application/json"):
            raise Refused(415, "unsupported_media_type", "Body must be JSON")
        request = json.loads(body)
        if request.get("type") != "urn:altinn:person:identifier-no":
            raise Refused(400, "bad_request", "type must be urn:altinn:person:identifier-no")
        parties = self.persons.get(request.get("value"), [])
        wanted = {
            r.removeprefix("urn:altinn:resource:")
            for value in query.get("anyOfResourceIds", [])
            for r in value.split(",")
        }
        include_resources = query.get("includeResources") == ["true"]
        return [
            p
            for p in (_filtered(party, wanted, include_resources) for party in parties)
            if p is not None
        ]


def _filtered(party: dict, wanted: set[str], include_resources: bool) -> dict | None:
    subunits = [
        s for s in (_filtered(s, wanted, include_resources) for s in party["subunits"]) if s
    ]
    has_access = not wanted or bool(wanted & set(party["authorizedResources"]))
    if not has_access and not subunits:
        return None
    return {
        **party,
        "onlyHierarchyElementWithNoAccess": not has_access,
        "authorizedResources": party["authorizedResources"] if include_resources else [],
        "subunits": subunits,
    }


def organisation(
    orgnr: str,
    name: str,
    unit_type: str,
    resources: tuple[str, ...] = (),
    subunits: tuple[dict, ...] = (),
    deleted: bool = False,
) -> dict:
    """A party of type Organization in the documented shape."""
    return {
        "partyUuid": str(uuid.uuid4()),
        "name": name,
        "organizationNumber": orgnr,
        "parentId": None,
        "personId": None,
        "dateOfBirth": None,
        "partyId": secrets.randbelow(10**8),
        "emailId": None,
        "type": "Organization",
        "unitType": unit_type,
        "isDeleted": deleted,
        "onlyHierarchyElementWithNoAccess": False,
        "authorizedAccessPackages": [],
        "authorizedResources": list(resources),
        "authorizedRoles": [],
        "authorizedInstances": [],
        "subunits": list(subunits),
    }


def person(pid: str, name: str, resources: tuple[str, ...] = ()) -> dict:
    return {
        **organisation("", name, "", resources),
        "organizationNumber": None,
        "personId": pid,
        "type": "Person",
        "unitType": None,
    }


def _client(client_id, kid, public_key, certificate) -> Client:
    client = Client(client_id)
    if kid and public_key:
        client.keys[kid] = public_key
    if certificate is not None:
        der = certificate.public_bytes(serialization.Encoding.DER)
        client.certificates[der] = certificate.public_key()
    return client


def _bearer(headers: dict[str, str]) -> str:
    value = headers.get("authorization", "")
    if not value.startswith("Bearer "):
        raise Refused(401, "invalid_token", "No bearer token")
    return value.removeprefix("Bearer ")


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeNationalServices/1"

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self):
        self._serve()

    def do_POST(self):
        self._serve()

    def _serve(self) -> None:
        fake: FakeNationalServices = self.server.fake  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        query = parse_qs(parts.query)
        fake.requests.append(Recorded(self.command, parts.path, query, headers, body))
        fault = fake.fault.get(parts.path)
        if fault == "slow":
            time.sleep(fake.slow_seconds)
        if fault == "500":
            return self._send(500, "text/plain", b"Internal Server Error")
        if fault == "malformed":
            return self._send(200, "application/json", b'{"unexpected": ')
        if fault == "object":
            return self._send(200, "application/json", b'{"parties": []}')
        try:
            if (self.command, parts.path) == ("POST", MASKINPORTEN_TOKEN):
                answer = fake.maskinporten_token(_form(body))
            elif (self.command, parts.path) == ("POST", IDPORTEN_TOKEN):
                answer = fake.idporten_token(_form(body))
            elif (self.command, parts.path) == ("GET", EXCHANGE):
                token = fake.exchange(headers)
                return self._send(200, "text/plain; charset=utf-8", token.encode())
            elif (self.command, parts.path) == ("POST", AUTHORIZED_PARTIES):
                answer = fake.authorized_parties(headers, query, body)
            else:
                return self._send(404, "text/plain", b"Not Found")
        except Refused as refused:
            payload = {"error": refused.error, "error_description": refused.description}
            return self._send(refused.status, "application/json", json.dumps(payload).encode())
        self._send(200, "application/json", json.dumps(answer).encode())

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _form(body: bytes) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(body.decode()).items()}


def write_key(path, key: rsa.RSAPrivateKey) -> str:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(path)


@pytest.fixture(scope="session")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def national_services(settings, tmp_path, rsa_key):
    """The fake, started, with our settings pointing at it and our keys registered.

    Each test gets its own client ids, so cached tokens never leak between tests.
    """
    fake = FakeNationalServices()
    fake.start()
    run = uuid.uuid4().hex[:8]
    settings.MASKINPORTEN_ISSUER = fake.maskinporten_issuer
    settings.MASKINPORTEN_CLIENT_ID = f"mp-{run}"
    settings.MASKINPORTEN_KEY = write_key(tmp_path / "maskinporten.pem", rsa_key)
    settings.MASKINPORTEN_KID = f"kid-{run}"
    settings.MASKINPORTEN_CERTIFICATE = None
    settings.IDPORTEN_ISSUER = fake.idporten_issuer
    settings.IDPORTEN_CLIENT_ID = f"ip-{run}"
    settings.IDPORTEN_CLIENT_KEY = settings.MASKINPORTEN_KEY
    settings.IDPORTEN_CLIENT_KID = f"kid-{run}"
    settings.IDPORTEN_CLIENT_CERTIFICATE = None
    settings.ALTINN_PLATFORM_URL = fake.url
    settings.ALTINN_SUBSCRIPTION_KEY = fake.subscription_key
    settings.ALTINN_RESOURCE_ID = "laerlingundersokelsen-administrasjon"
    settings.NATIONAL_SERVICE_TIMEOUT = 1
    fake.register_maskinporten_client(
        settings.MASKINPORTEN_CLIENT_ID,
        kid=settings.MASKINPORTEN_KID,
        public_key=rsa_key.public_key(),
        scopes={AUTHORIZED_PARTIES_SCOPE},
    )
    fake.register_idporten_client(
        settings.IDPORTEN_CLIENT_ID,
        kid=settings.IDPORTEN_CLIENT_KID,
        public_key=rsa_key.public_key(),
    )
    yield fake
    fake.stop()
