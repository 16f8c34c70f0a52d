"""The simulator's pages and APIs: ID-porten's person picker, Maskinporten's token
endpoint, Altinn's token exchange and authorized-parties endpoint. Shapes follow the
documented APIs; the checks are the ones the real services make that our clients can
get wrong (signature, audience, lifetime, single-use jti, bearer tokens, subscription key).
"""

import datetime
import hashlib
import json
import secrets
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.contrib.auth import login
from django.db import IntegrityError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.simulator.models import IssuedToken, Person

ACR_LEVELS = ["idporten-loa-substantial", "idporten-loa-high", "idporten-loa-low"]
TOKEN_LIFETIME = datetime.timedelta(seconds=120)


def person_picker(request):
    """ID-porten's login, simulated: pick a test person and a security level."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    error = ""
    if request.method == "POST":
        person = Person.objects.filter(pk=request.POST.get("person")).first()
        acr = request.POST.get("acr")
        if person is None or acr not in ACR_LEVELS:
            error = "Velg en testperson og et sikkerhetsnivå."
        else:
            login(request, person.user, backend="django.contrib.auth.backends.ModelBackend")
            locale = parse_qs(urlsplit(next_url).query).get("ui_locales", ["nb"])[0]
            person.acr = acr
            person.locale = locale.split()[0][:5]
            person.sid = hashlib.sha256(request.session.session_key.encode()).hexdigest()[:32]
            person.save()
            return redirect(next_url)
    return render(
        request,
        "simulator/login.html",
        {
            "persons": Person.objects.all(),
            "acr_levels": ACR_LEVELS,
            "next": next_url,
            "error": error,
        },
        status=400 if error else 200,
    )


def _issue(kind: str, scope: str = "") -> IssuedToken:
    """A bearer token. A JWT, as the real ones are, so clients can read its `exp`."""
    expires_at = timezone.now() + TOKEN_LIFETIME
    token = jwt.encode(
        {
            "iss": settings.SIMULATOR_URL,
            "scope": scope,
            "exp": int(expires_at.timestamp()),
            "jti": secrets.token_urlsafe(8),
        },
        settings.SECRET_KEY,
        algorithm="HS256",
    )
    return IssuedToken.objects.create(token=token, kind=kind, scope=scope, expires_at=expires_at)


def _bearer(request, kind: str) -> IssuedToken | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return IssuedToken.objects.filter(
        token=header.removeprefix("Bearer "), kind=kind, expires_at__gt=timezone.now()
    ).first()


def _oauth_error(code: str, description: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": code, "error_description": description}, status=status)


@csrf_exempt
@require_POST
def maskinporten_token(request):
    """Maskinporten's token endpoint: the JWT-bearer grant, verified as Maskinporten does."""
    if request.POST.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
        return _oauth_error("unsupported_grant_type", "Expected the jwt-bearer grant.")
    assertion = request.POST.get("assertion", "")
    key_file = Path(settings.MASKINPORTEN_CLIENT_KEY)
    if not key_file.exists():
        return _oauth_error("invalid_client", "No client key is registered.", 401)
    public_key = serialization.load_pem_private_key(key_file.read_bytes(), None).public_key()
    try:
        claims = jwt.decode(
            assertion,
            public_key,
            algorithms=["RS256"],
            audience=f"{settings.SIMULATOR_URL}/maskinporten/",
            options={"require": ["iss", "aud", "iat", "exp", "jti", "scope"]},
        )
    except jwt.PyJWTError as error:
        return _oauth_error("invalid_grant", f"Invalid assertion: {error}")
    if claims["exp"] - claims["iat"] > 120:
        return _oauth_error("invalid_grant", "The assertion may live at most 120 seconds.")
    try:
        IssuedToken.objects.create(
            token=f"jti:{claims['iss']}:{claims['jti']}"[:100],
            kind="jti",
            expires_at=timezone.now() + TOKEN_LIFETIME,
        )
    except IntegrityError:
        return _oauth_error("invalid_grant", "The jti has been used before.")
    token = _issue("maskinporten", claims["scope"])
    return JsonResponse(
        {
            "access_token": token.token,
            "token_type": "Bearer",
            "expires_in": int(TOKEN_LIFETIME.total_seconds()),
            "scope": claims["scope"],
        }
    )


@require_GET
def altinn_exchange(request):
    """Altinn's exchange: a Maskinporten token in, an Altinn token (as text) out."""
    maskinporten = _bearer(request, "maskinporten")
    if maskinporten is None:
        return HttpResponse("Invalid Maskinporten token", status=401)
    return HttpResponse(_issue("altinn", maskinporten.scope).token, content_type="text/plain")


def _party(right, resource_ids: set[str]) -> dict:
    resources = sorted({right.resource_id} & resource_ids or {right.resource_id})
    return {
        "partyUuid": str(hashlib.md5(right.orgnr.encode()).hexdigest()),  # noqa: S324 - an id
        "name": right.name,
        "organizationNumber": right.orgnr,
        "personId": None,
        "partyId": int(right.orgnr),
        "type": "Organization",
        "unitType": right.unit_type,
        "isDeleted": False,
        "onlyHierarchyElementWithNoAccess": False,
        "authorizedAccessPackages": [],
        "authorizedResources": resources,
        "authorizedRoles": [],
        "authorizedInstances": [],
        "subunits": [_party(sub, resource_ids) for sub in right.subunits.all()],
    }


@csrf_exempt
@require_POST
def authorized_parties(request):
    """Altinn's resource-owner authorized-parties API for one person."""
    if _bearer(request, "altinn") is None:
        return JsonResponse({"title": "Unauthorized"}, status=401)
    if not request.headers.get("Ocp-Apim-Subscription-Key"):
        return JsonResponse({"title": "Missing subscription key"}, status=401)
    try:
        body = json.loads(request.body)
        assert body["type"] == "urn:altinn:person:identifier-no"  # noqa: S101
        pid = str(body["value"])
    except (ValueError, KeyError, TypeError, AssertionError):
        return HttpResponseBadRequest("Expected {type: urn:altinn:person:identifier-no, value}")
    wanted = set(request.GET.getlist("anyOfResourceIds"))
    wanted |= set(body.get("anyOfResourceIds") or [])
    wanted = {resource.removeprefix("urn:altinn:resource:") for resource in wanted}
    person = Person.objects.filter(pid=pid).first()
    if person is None:
        return JsonResponse([], safe=False)
    rights = person.rights.filter(parent__isnull=True)
    if wanted:
        rights = rights.filter(resource_id__in=wanted)
    return JsonResponse([_party(right, wanted) for right in rights], safe=False)
