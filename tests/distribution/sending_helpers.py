"""A small sample for the sending tests: Vestland's apprentices at independent companies and
at a training office, one in Rogaland at the same office, and some who cannot be reached."""

from __future__ import annotations

from accounts.models import Organisation
from distribution import dispatching
from distribution.dispatching import Request
from surveys.models import Participant
from surveys.sample.importing import import_extract
from tests.sample_helpers import COMPANY_2, OFFICE, csv_bytes, open_round, row

AT_OFFICE = {"opplaeringskontor_orgnr": OFFICE, "opplaeringskontor_navn": "OK Vest"}


def small_sample(extra: int = 0):
    """Imports the sample into an open 2026 round and returns the round."""
    round_ = open_round(2026)
    rows = [
        row(person_id="A1", fornavn="Ada", epost="ada@example.no", mobil="91000001"),
        row(person_id="A2", fornavn="Bo", epost="bo@example.no", mobil=""),
        row(person_id="A3", fornavn="Cai", epost="", mobil="91000003"),
        row(person_id="O1", fornavn="Dina", epost="dina@example.no", mobil="91000004", **AT_OFFICE),
        row(
            person_id="R1",
            fornavn="Rune",
            kontrakteier="11",
            laerebedrift_orgnr=COMPANY_2,
            epost="rune@example.no",
            mobil="91000005",
            **AT_OFFICE,
        ),
        row(person_id="R2", fornavn="Rita", kontrakteier="11", epost="rita@example.no"),
    ]
    rows += [
        row(person_id=f"X{n}", fornavn=f"Extra{n}", epost=f"x{n}@example.no", mobil="")
        for n in range(extra)
    ]
    import_extract(csv_bytes(rows), round_=round_, file_name="uttrekk.csv")
    return round_


def vestland() -> Organisation:
    return Organisation.objects.get(county_number="46")


def office() -> Organisation:
    return Organisation.objects.get(orgnr=OFFICE)


def person(key: str) -> Participant:
    return Participant.objects.get(person_key=key, round__survey="apprentice")


def request(organisation, round_, purpose="invitation", channels=("email",), **options):
    return Request(
        organisation=organisation,
        round=round_,
        purpose=purpose,
        channels=tuple(channels),
        **options,
    )


def send(organisation, round_, purpose="invitation", channels=("email",), **options):
    """Confirms a dispatch as the portal does."""
    return dispatching.confirm(
        request(organisation, round_, purpose, channels, **options),
        request_key=dispatching.new_request_key(),
    )
