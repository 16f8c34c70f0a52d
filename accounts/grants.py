"""Who may act for which organisation: Altinn's answer at every login, plus Udir's local
grants with an end date. The one place these rules live."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import audit
from accounts.models import AltinnGrant, LocalGrant, Organisation, User

# Only counties and training offices administer the survey.
ADMINISTERING = [Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE]


class Party(Protocol):
    """An authorized party as accounts.altinn returns it."""

    orgnr: str
    resources: frozenset[str]
    subunits: tuple[Party, ...]
    is_deleted: bool


def granted_orgnrs(parties: Iterable[Party], resource_id: str) -> set[str]:
    """Organisation numbers the person may act for in our service. A right on a main unit
    covers its sub-units, as in Altinn; deleted units give nothing."""
    orgnrs: set[str] = set()
    for party in parties:
        if party.is_deleted:
            continue
        on_main = resource_id in party.resources
        if on_main:
            orgnrs.add(party.orgnr)
        for sub in party.subunits:
            if not sub.is_deleted and (on_main or resource_id in sub.resources):
                orgnrs.add(sub.orgnr)
    return orgnrs


@transaction.atomic
def sync_altinn_grants(user: User, parties: Iterable[Party]) -> None:
    """Replaces the user's Altinn grants with what Altinn says now; logs every change."""
    orgnrs = granted_orgnrs(parties, settings.ALTINN_RESOURCE_ID)
    wanted = set(
        Organisation.objects.filter(orgnr__in=orgnrs, kind__in=ADMINISTERING).values_list(
            "id", flat=True
        )
    )
    current = dict(AltinnGrant.objects.filter(user=user).values_list("organisation_id", "id"))
    for org_id in wanted - current.keys():
        AltinnGrant.objects.create(user=user, organisation_id=org_id)
        audit.record("accounts.grant.added", actor=user, organisation_id=org_id, source="altinn")
    for org_id in current.keys() - wanted:
        AltinnGrant.objects.filter(pk=current[org_id]).delete()
        audit.record("accounts.grant.removed", actor=user, organisation_id=org_id, source="altinn")
    AltinnGrant.objects.filter(user=user).update(synced_at=timezone.now())


def granted_organisations(user: User, today: datetime.date | None = None) -> QuerySet:
    """The organisations a user may act for now: Altinn's grants and unexpired local grants.
    Udir's staff, logged in to the admin with their second factor, may act for all of them."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_staff and getattr(user, "is_verified", lambda: False)():
        return Organisation.objects.filter(kind__in=ADMINISTERING).order_by("kind", "name")
    today = today or timezone.localdate()
    local = Q()
    if user.pid_hash:
        local = Q(
            id__in=LocalGrant.objects.filter(pid_hash=user.pid_hash, valid_until__gte=today).values(
                "organisation_id"
            )
        )
    altinn = Q(id__in=AltinnGrant.objects.filter(user=user).values("organisation_id"))
    return Organisation.objects.filter(altinn | local if local else altinn).order_by("kind", "name")
