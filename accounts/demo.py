"""Demo organisations (accounts/demo_orgs.py) written to the database; see `manage.py demo`."""

from accounts.demo_orgs import generate
from accounts.models import Organisation


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


def _upsert(objects: list[Organisation], fields: list[str]) -> None:
    Organisation.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["orgnr"],
        update_fields=fields,
    )
