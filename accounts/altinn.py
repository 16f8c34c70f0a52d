"""Altinn 3: which organisations a person may act for in our resource.

Shapes followed (Altinn's documentation: "Authentication with Maskinporten" / the
authentication component's exchange API; "Setting up integration with Altinn
Authorization from external services"; the Access Management Resourceowner OpenAPI):
- token exchange: `GET {ALTINN_PLATFORM_URL}/authentication/api/v1/exchange/maskinporten`
  with `Authorization: Bearer <Maskinporten token>`; the answer's body is the Altinn
  token itself as text (a JWT; we read its `exp` to know how long to keep it).
- authorized parties, as resource owner (Maskinporten scope
  `altinn:accessmanagement/authorizedparties.resourceowner`):
  `POST {ALTINN_PLATFORM_URL}/accessmanagement/api/v1/resourceowner/authorizedparties`
  with `Authorization: Bearer <Altinn token>`, `Ocp-Apim-Subscription-Key` (the API
  subscription for the Access Management product) and the JSON body
  `{"type": "urn:altinn:person:identifier-no", "value": "<national identity number>"}`;
  query parameters `includeAltinn2`, `includeAltinn3`, `includeResources` and
  `anyOfResourceIds` (the filter: only parties where the person has one of these
  resources, written `urn:altinn:resource:<id>` as Altinn's examples do).
- the answer: a bare JSON array of parties, each with `partyUuid`, `name`,
  `organizationNumber` (null for persons), `personId`, `type` ("Organization", "Person",
  "SelfIdentified"), `unitType` (e.g. "KOMM", "FYLK", "AS", "BEDR"), `isDeleted`,
  `onlyHierarchyElementWithNoAccess`, `authorizedResources`, `authorizedRoles`,
  `authorizedAccessPackages`, `authorizedInstances` and `subunits` (parties of the same
  shape, one level down).

Nothing here is ever served stale: any failure raises AltinnUnavailable, and the caller
(the login) refuses rather than guessing at grants.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.cache import cache

from accounts import maskinporten

logger = logging.getLogger(__name__)

EXCHANGE_PATH = "/authentication/api/v1/exchange/maskinporten"
AUTHORIZED_PARTIES_PATH = "/accessmanagement/api/v1/resourceowner/authorizedparties"
PERSON_IDENTIFIER = "urn:altinn:person:identifier-no"
RESOURCE_PREFIX = "urn:altinn:resource:"
SUBSCRIPTION_HEADER = "Ocp-Apim-Subscription-Key"
_PID = re.compile(r"\d{11}")
_ORGNR = re.compile(r"\d{9}")


class AltinnUnavailable(Exception):
    """Altinn (or Maskinporten before it) could not say who may act for whom."""


@dataclass(frozen=True)
class AuthorizedParty:
    """An organisation the person may act for, with the resources they hold for it."""

    orgnr: str
    name: str
    unit_type: str
    resources: frozenset[str]
    subunits: tuple[AuthorizedParty, ...]
    is_deleted: bool


def authorized_parties(pid: str) -> list[AuthorizedParty]:
    """The organisations (with their subunits) where `pid` holds ALTINN_RESOURCE_ID.

    Persons among the parties (the person themself, people they act for) are left out:
    only organisations get grants here. Raises AltinnUnavailable on any failure.
    """
    if not _PID.fullmatch(pid):
        raise ValueError("A national identity number has 11 digits.")
    token = altinn_token()
    url = settings.ALTINN_PLATFORM_URL.rstrip("/") + AUTHORIZED_PARTIES_PATH
    try:
        response = requests.post(
            url,
            params={
                "includeAltinn2": "true",
                "includeAltinn3": "true",
                "includeResources": "true",
                "anyOfResourceIds": RESOURCE_PREFIX + settings.ALTINN_RESOURCE_ID,
            },
            json={"type": PERSON_IDENTIFIER, "value": pid},
            headers={
                "Authorization": f"Bearer {token}",
                SUBSCRIPTION_HEADER: settings.ALTINN_SUBSCRIPTION_KEY,
                "Accept": "application/json",
            },
            timeout=settings.NATIONAL_SERVICE_TIMEOUT,
        )
    except requests.RequestException as error:
        raise AltinnUnavailable(f"Altinn ({url}) could not be reached: {error}") from error
    if response.status_code == 401:
        # A token Altinn no longer accepts must not be offered again at the next login.
        forget_token()
    if response.status_code != 200:
        raise AltinnUnavailable(
            f"Altinn's authorized parties answered HTTP {response.status_code}: "
            f"{response.text[:200]}"
        )
    try:
        body = response.json()
    except ValueError as error:
        raise AltinnUnavailable("Altinn's authorized parties answer is not JSON.") from error
    if not isinstance(body, list):
        raise AltinnUnavailable("Altinn's authorized parties answer is not a list of parties.")
    parties = [_party(item) for item in body]
    return [party for party in parties if party is not None]


def _party(item: Any) -> AuthorizedParty | None:
    try:
        if not isinstance(item, dict):
            raise TypeError("a party is not an object")
        kind = item["type"]
        if kind != "Organization":
            return None
        orgnr = item["organizationNumber"]
        name = item["name"]
        if not isinstance(orgnr, str) or not _ORGNR.fullmatch(orgnr):
            raise ValueError(f"organizationNumber {orgnr!r} is not nine digits")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"party {orgnr} has no name")
        resources = item.get("authorizedResources") or []
        subunits = item.get("subunits") or []
        is_deleted = item.get("isDeleted", False)
        if not isinstance(resources, list) or not all(isinstance(r, str) for r in resources):
            raise TypeError(f"authorizedResources of {orgnr} is not a list of strings")
        if not isinstance(subunits, list) or not isinstance(is_deleted, bool):
            raise TypeError(f"subunits or isDeleted of {orgnr} has the wrong type")
        return AuthorizedParty(
            orgnr=orgnr,
            name=name.strip(),
            unit_type=item.get("unitType") or "",
            resources=frozenset(r.removeprefix(RESOURCE_PREFIX) for r in resources),
            subunits=tuple(p for p in (_party(s) for s in subunits) if p is not None),
            is_deleted=is_deleted,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise AltinnUnavailable(
            f"Altinn's authorized parties answer is malformed: {error}"
        ) from error


def altinn_token() -> str:
    """An Altinn token for our organisation, exchanged from Maskinporten's, cached."""
    key = _cache_key()
    cached = cache.get(key)
    if cached and cached["refresh_at"] > time.time():
        return cached["token"]
    try:
        maskinporten_token = maskinporten.access_token(maskinporten.AUTHORIZED_PARTIES_SCOPE)
    except maskinporten.MaskinportenUnavailable as error:
        raise AltinnUnavailable(str(error)) from error
    url = settings.ALTINN_PLATFORM_URL.rstrip("/") + EXCHANGE_PATH
    try:
        response = requests.get(
            url,
            headers={
                "Authorization": f"Bearer {maskinporten_token}",
                SUBSCRIPTION_HEADER: settings.ALTINN_SUBSCRIPTION_KEY,
            },
            timeout=settings.NATIONAL_SERVICE_TIMEOUT,
        )
    except requests.RequestException as error:
        raise AltinnUnavailable(f"Altinn ({url}) could not be reached: {error}") from error
    if response.status_code == 401:
        maskinporten.forget(maskinporten.AUTHORIZED_PARTIES_SCOPE)
    if response.status_code != 200:
        raise AltinnUnavailable(
            f"Altinn's token exchange answered HTTP {response.status_code}: {response.text[:200]}"
        )
    # The token comes as text; some gateways quote it like a JSON string.
    token = response.text.strip().strip('"')
    try:
        expires_at = int(jwt.decode(token, options={"verify_signature": False})["exp"])
    except (jwt.InvalidTokenError, KeyError, TypeError, ValueError) as error:
        raise AltinnUnavailable("Altinn's token exchange did not answer with a token.") from error
    lifetime = expires_at - time.time() - maskinporten.REFRESH_MARGIN
    if lifetime > 0:
        cache.set(key, {"token": token, "refresh_at": time.time() + lifetime}, int(lifetime))
    return token


def forget_token() -> None:
    cache.delete(_cache_key())


def _cache_key() -> str:
    ident = f"{settings.ALTINN_PLATFORM_URL}|{settings.MASKINPORTEN_CLIENT_ID}"
    return "altinn:token:" + hashlib.sha256(ident.encode()).hexdigest()
