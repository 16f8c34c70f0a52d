"""Demo organisations: about 200 training offices and 5,000 training companies.

Numbers are generated (valid mod-11 check digits, never a real company's number on
purpose) from the seed, so the same seed always gives the same organisations.
"""

import random

from accounts.models import Organisation
from accounts.orgnr import complete

OFFICES = 200
COMPANIES = 5_000
# Share of companies that are members of a training office (the rest are independent).
MEMBER_SHARE = 0.7
# About 2% of companies are not approved in NLR, and 2% of offices not in NOR: the sample
# import rejects their apprentices, as the seed pages warn.
NOT_APPROVED_SHARE = 0.02

TRADES = [
    "Elektro",
    "Rørlegger",
    "Tømrer",
    "Bilfag",
    "Helsearbeider",
    "Barne- og ungdomsarbeider",
    "Kokk",
    "Frisør",
    "Maler",
    "Betong",
    "Industrimekaniker",
    "Automatiker",
    "Salg",
    "Logistikk",
    "IKT-service",
    "Anleggsmaskinfører",
    "Murer",
    "Ventilasjon",
    "Kjøttskjærer",
    "Baker",
    "Reiseliv",
    "Kontor og administrasjon",
    "Landbruk",
    "Sveis",
    "Platearbeider",
]
PLACES = [
    "Bergen",
    "Bodø",
    "Drammen",
    "Fredrikstad",
    "Hamar",
    "Harstad",
    "Haugesund",
    "Kristiansand",
    "Lillehammer",
    "Molde",
    "Moss",
    "Narvik",
    "Oslo",
    "Porsgrunn",
    "Sandnes",
    "Sarpsborg",
    "Skien",
    "Stavanger",
    "Steinkjer",
    "Tromsø",
    "Trondheim",
    "Tønsberg",
    "Vadsø",
    "Ålesund",
    "Alta",
    "Gjøvik",
    "Kongsberg",
    "Larvik",
    "Mo i Rana",
    "Førde",
    "Arendal",
    "Lillestrøm",
]
SURNAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Lund",
    "Moen",
]
SUFFIXES = ["AS", "AS", "AS", "ANS", "SA", "DA"]


def _orgnrs(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    numbers = []
    while len(numbers) < count:
        candidate = complete(f"{rng.choice('89')}{rng.randrange(10**7):07d}")
        if candidate and candidate not in taken:
            taken.add(candidate)
            numbers.append(candidate)
    return numbers


def build(seed: int, log) -> None:
    rng = random.Random(f"accounts-{seed}")
    taken = set(
        Organisation.objects.exclude(kind__in=["office", "company"]).values_list("orgnr", flat=True)
    )

    offices = [
        Organisation(
            kind=Organisation.Kind.TRAINING_OFFICE,
            orgnr=number,
            name=f"Opplæringskontoret for {rng.choice(TRADES).lower()} i {rng.choice(PLACES)}"
            + ("" if i % 7 else f" {i}"),
            nor_approved=rng.random() >= NOT_APPROVED_SHARE,
        )
        for i, number in enumerate(_orgnrs(rng, OFFICES, taken))
    ]
    _upsert(offices, ["kind", "name", "nor_approved"])
    office_id = dict(
        Organisation.objects.filter(orgnr__in=[o.orgnr for o in offices]).values_list("orgnr", "id")
    )

    companies = []
    for number in _orgnrs(rng, COMPANIES, taken):
        member = rng.random() < MEMBER_SHARE
        companies.append(
            Organisation(
                kind=Organisation.Kind.TRAINING_COMPANY,
                orgnr=number,
                name=f"{rng.choice(SURNAMES)} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}",
                nlr_approved=rng.random() >= NOT_APPROVED_SHARE,
                training_office_id=office_id[rng.choice(offices).orgnr] if member else None,
            )
        )
    _upsert(companies, ["kind", "name", "nlr_approved", "training_office"])
    log(f"Organisations: {len(offices)} training offices, {len(companies)} training companies.")


def _upsert(objects: list[Organisation], fields: list[str]) -> None:
    Organisation.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["orgnr"],
        update_fields=fields,
    )
