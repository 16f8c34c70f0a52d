"""Participants made directly for the response-rate tests, in groups of chosen sizes along
one breakdown, with chosen shares invited and answered."""

from __future__ import annotations

import itertools

from accounts.models import Organisation
from surveys.models import Participant
from surveys.respondents import links
from tests.sample_helpers import COMPANY, COMPANY_2, COMPANY_3, OFFICE, OFFICE_2, open_round

_serial = itertools.count()


def organisation(orgnr: str, kind: str, name: str) -> Organisation:
    return Organisation.objects.get_or_create(orgnr=orgnr, defaults={"kind": kind, "name": name})[0]


def udir() -> Organisation:
    return Organisation.objects.get(kind=Organisation.Kind.DIRECTORATE)


def county(number: str) -> Organisation:
    return Organisation.objects.get(county_number=number)


def make(round_, n: int, *, answered: int = 0, answered_on=None, **fields) -> list[Participant]:
    """`n` participants of `round_` (all invited), the first `answered` of them answered."""
    fields.setdefault("county", county("46"))
    day = answered_on or round_.sending_starts_on
    people = []
    for index in range(n):
        person = Participant(
            round=round_,
            person_key=f"P{next(_serial):07d}",
            invited_on=round_.sending_starts_on,
            answered_on=day if index < answered else None,
            **fields,
        )
        person.token_hash = links.token_hash(links.token_for(person))
        people.append(person)
    return Participant.objects.bulk_create(people)


def groups_along(by: str) -> list[tuple[str, dict]]:
    """Three groups of a breakdown as (the name a page shows, the participant's fields): the
    third is the group without a value where the breakdown has one (every participant has a
    county)."""
    office = organisation(OFFICE, "office", "OK Vest")
    office_2 = organisation(OFFICE_2, "office", "OK Nord")
    company = organisation(COMPANY, "company", "Bedrift En")
    company_2 = organisation(COMPANY_2, "company", "Bedrift To")
    company_3 = organisation(COMPANY_3, "company", "Bedrift Tre")
    base = {"office": office, "company": company, "trade_code": "ELE"}
    base["contract_type"] = "apprentice"
    along = {
        "county": [
            ("Vestland fylkeskommune", {"county": county("46")}),
            ("Rogaland fylkeskommune", {"county": county("11")}),
            ("Agder fylkeskommune", {"county": county("42")}),
        ],
        "office": [
            ("OK Vest", {"office": office}),
            ("OK Nord", {"office": office_2}),
            ("Uten opplæringskontor", {"office": None}),
        ],
        "company": [
            ("Bedrift To", {"company": company_2}),
            ("Bedrift Tre", {"company": company_3}),
            ("Uten lærebedrift", {"company": None}),
        ],
        "trade": [
            ("Elektro (ELE)", {"trade_code": "ELE", "trade_name": "Elektro"}),
            ("Bygg (BYG)", {"trade_code": "BYG", "trade_name": "Bygg"}),
            ("Uten programområde", {"trade_code": ""}),
        ],
        "contract_type": [
            ("Lærling", {"contract_type": "apprentice"}),
            ("Lærekandidat", {"contract_type": "candidate"}),
            ("Uten kontraktstype", {"contract_type": ""}),
        ],
    }[by]
    return [(name, {**base, **fields}) for name, fields in along]


def a_round(year: int = 2026):
    return open_round(year)
