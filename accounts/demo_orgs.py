"""The demo's training offices and companies as plain rows, generated from the seed.

Pure Python (no models), so the ID-porten/Altinn simulator, a separate process with its
own database, can name the same organisations as the application's demo data.
Numbers are generated with valid mod-11 check digits; any match with a real
organisation is chance.
"""

import random
from dataclasses import dataclass

from accounts.counties import COUNTIES, DIRECTORATE
from accounts.orgnr import complete

OFFICES = 200
COMPANIES = 5_000
# Share of companies that are members of a training office (the rest are independent).
MEMBER_SHARE = 0.7
# About 2% of companies are not approved in NLR, and 2% of offices not in NOR: the sample
# import rejects their apprentices, as the seed pages warn.
NOT_APPROVED_SHARE = 0.02

TRADES = [
    "Elektro", "Rørlegger", "Tømrer", "Bilfag", "Helsearbeider", "Barne- og ungdomsarbeider",
    "Kokk", "Frisør", "Maler", "Betong", "Industrimekaniker", "Automatiker", "Salg",
    "Logistikk", "IKT-service", "Anleggsmaskinfører", "Murer", "Ventilasjon", "Kjøttskjærer",
    "Baker", "Reiseliv", "Kontor og administrasjon", "Landbruk", "Sveis", "Platearbeider",
]  # fmt: skip
PLACES = [
    "Bergen", "Bodø", "Drammen", "Fredrikstad", "Hamar", "Harstad", "Haugesund", "Kristiansand",
    "Lillehammer", "Molde", "Moss", "Narvik", "Oslo", "Porsgrunn", "Sandnes", "Sarpsborg",
    "Skien", "Stavanger", "Steinkjer", "Tromsø", "Trondheim", "Tønsberg", "Vadsø", "Ålesund",
    "Alta", "Gjøvik", "Kongsberg", "Larvik", "Mo i Rana", "Førde", "Arendal", "Lillestrøm",
]  # fmt: skip
SURNAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Lund", "Moen",
]  # fmt: skip
SUFFIXES = ["AS", "AS", "AS", "ANS", "SA", "DA"]


@dataclass(frozen=True)
class OfficeRow:
    orgnr: str
    name: str
    nor_approved: bool


@dataclass(frozen=True)
class CompanyRow:
    orgnr: str
    name: str
    nlr_approved: bool
    office_orgnr: str | None


def _orgnrs(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    numbers = []
    while len(numbers) < count:
        candidate = complete(f"{rng.choice('89')}{rng.randrange(10**7):07d}")
        if candidate and candidate not in taken:
            taken.add(candidate)
            numbers.append(candidate)
    return numbers


def generate(seed: int) -> tuple[list[OfficeRow], list[CompanyRow]]:
    rng = random.Random(f"accounts-{seed}")
    taken = {county[2] for county in COUNTIES} | {DIRECTORATE[0]}
    offices = [
        OfficeRow(
            orgnr=number,
            name=f"Opplæringskontoret for {rng.choice(TRADES).lower()} i {rng.choice(PLACES)}"
            + (f" {['nord', 'sør', 'øst', 'vest'][i % 4]}" if i % 5 == 0 else ""),
            nor_approved=rng.random() >= NOT_APPROVED_SHARE,
        )
        for i, number in enumerate(_orgnrs(rng, OFFICES, taken))
    ]
    companies = []
    for number in _orgnrs(rng, COMPANIES, taken):
        member = rng.random() < MEMBER_SHARE
        companies.append(
            CompanyRow(
                orgnr=number,
                name=f"{rng.choice(SURNAMES)} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}",
                nlr_approved=rng.random() >= NOT_APPROVED_SHARE,
                office_orgnr=rng.choice(offices).orgnr if member else None,
            )
        )
    return offices, companies
