"""Demo organisations (accounts/demo_orgs.py) written to the database; see `manage.py demo`."""

import datetime

from django.utils import timezone

from accounts import identity
from accounts.demo_orgs import generate
from accounts.demo_people import persons
from accounts.models import LocalGrant, Organisation


def build(seed: int, log) -> None:
    office_rows, company_rows = generate(seed)
    _upsert(
        [
            Organisation(
                kind=Organisation.Kind.TRAINING_OFFICE,
                orgnr=row.orgnr,
                name=row.name,
                nor_approved=row.nor_approved,
            )
            for row in office_rows
        ],
        ["kind", "name", "nor_approved"],
    )
    office_id = dict(
        Organisation.objects.training_offices()
        .filter(orgnr__in=[row.orgnr for row in office_rows])
        .values_list("orgnr", "id")
    )
    _upsert(
        [
            Organisation(
                kind=Organisation.Kind.TRAINING_COMPANY,
                orgnr=row.orgnr,
                name=row.name,
                nlr_approved=row.nlr_approved,
                training_office_id=office_id[row.office_orgnr] if row.office_orgnr else None,
            )
            for row in company_rows
        ],
        ["kind", "name", "nlr_approved", "training_office"],
    )
    log(f"Organisations: {len(office_rows)} training offices, {len(company_rows)} companies.")
    _local_grants(seed)


def _local_grants(seed: int) -> None:
    """Udir's local grants for the demo persons Altinn no longer lists a county for."""
    valid_until = datetime.date(timezone.localdate().year + 1, 12, 31)
    for person in persons(seed):
        for orgnr in person.local_grants:
            LocalGrant.objects.update_or_create(
                pid_hash=identity.pid_hash(person.pid),
                organisation=Organisation.objects.get(orgnr=orgnr),
                defaults={"valid_until": valid_until, "reason": "Demo: tidligere fylke"},
            )


def _upsert(objects: list[Organisation], fields: list[str]) -> None:
    Organisation.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["orgnr"],
        update_fields=fields,
    )
