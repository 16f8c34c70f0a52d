"""DEMO AND BENCHMARK ONLY: rounds of earlier years with stored responses, generated in bulk
and written through the same generalising and storing step as a real round
(surveys/responses/storing.py: store_generated), then published like one.

A year's counties are those that existed on its reference date (18 in 2019, 11 in
2020-2023, 15 from 2024); offices and companies are spread over them, some offices with
apprentices in a second county, company sizes skewed so that many are too small to show
(they become "another company" when stored). Answers come from a person's level around a
national mean that rises slowly over the years (surveys/demo_answers.py, shared with the
demo's answered rounds), so national figures move plausibly.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from accounts.models import Organisation
from surveys import demo_answers
from surveys.models import Round
from surveys.responses import storing
from surveys.rounds import schedule
from surveys.rounds.creation import questionnaire_for

TRADES = [
    "ELELE3----",
    "BABTM3----",
    "TPKJT3----",
    "HSHEA3----",
    "HSBUA3----",
    "RMKOK3----",
    "HDFRI3----",
    "BAMAL3----",
    "TPIMK3----",
    "SRSAL3----",
    "SRLOG3----",
    "IMITK3----",
    "BARLF3----",
    "NALBR3----",
]


@dataclass
class Person:
    county_id: int
    office_id: int | None
    company_id: int | None
    trade_code: str
    contract_type: str


def counties_of(year: int) -> list[Organisation]:
    day = datetime.date(year, 10, 1)
    return list(Organisation.objects.counties().valid_on(day).order_by("county_number"))


def make_round(survey: str, year: int) -> tuple[Round, bool]:
    existing = Round.objects.filter(survey=survey, year=year).first()
    if existing is not None:
        return existing, False
    round_ = Round(survey=survey, year=year, questionnaire=questionnaire_for(survey, year))
    for name, value in schedule.default_dates(year).items():
        setattr(round_, name, value)
    round_.full_clean()
    round_.save()
    return round_, True


def _in_year(county: Organisation, valid: dict[int, Organisation], depth: int = 0) -> int | None:
    """The county of a year where `county` was: itself, else a predecessor (Vestland in
    2019 is Hordaland or Sogn og Fjordane), else a successor (Viken in 2024 is Akershus)."""
    if county.pk in valid:
        return county.pk
    if depth > 2:
        return None
    for other in [*county.predecessors.all(), *county.successors.all()]:
        found = _in_year(other, valid, depth + 1)
        if found is not None:
            return found
    return None


def people(
    year: int,
    answers: int,
    offices: list,
    companies: list,
    rng,
    office_county: dict[int, int] | None = None,
) -> list[Person]:
    """`answers` people over the year's counties, offices and companies; `companies` are
    (company, its office or None), the first ones the largest; `office_county` the county
    an office is in today, if known (else offices are spread over the counties)."""
    counties = counties_of(year)
    valid = {county.pk: county for county in counties}
    index_of = {county.pk: index for index, county in enumerate(counties)}
    weights = [1 + (index * 7919) % 11 for index in range(len(counties))]
    today = {c.pk: c for c in Organisation.objects.counties().prefetch_related("predecessors")}
    office_home = {}
    for index, office in enumerate(offices):
        county = (office_county or {}).get(office)
        found = _in_year(today[county], valid) if county in today else None
        office_home[office] = index_of[found] if found is not None else index % len(counties)
    company_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(companies))]
    found = []
    for company, office in rng.choices(companies, weights=company_weights, k=answers):
        if office in office_home:
            home = office_home[office]
            # An office has apprentices in a neighbouring county too.
            home = (home + 1) % len(counties) if rng.random() < 0.12 else home
        else:
            office = None
            home = rng.choices(range(len(counties)), weights=weights)[0]
        found.append(
            Person(
                county_id=counties[home].pk,
                office_id=office,
                company_id=company,
                trade_code=TRADES[(company * 31 + rng.randrange(2)) % len(TRADES)],
                contract_type="candidate" if rng.random() < 0.12 else "apprentice",
            )
        )
    return found


def answers_for(round_: Round, persons: list[Person], rng, first_year: int) -> list[dict]:
    items = demo_answers.items_of(round_.questionnaire_id)
    county_offset: dict[int, float] = {}
    given = []
    for person in persons:
        offset = county_offset.setdefault(person.county_id, rng.gauss(0, 0.15))
        given.append(demo_answers.answers(items, round_.year, offset, rng))
    return given


def generate_round(
    survey: str,
    year: int,
    answers: int,
    offices: list,
    companies: list,
    seed,
    first_year: int,
    office_county: dict[int, int] | None = None,
) -> tuple[Round, int]:
    """A closed round of `year` with `answers` stored responses (none if it exists)."""
    round_, created = make_round(survey, year)
    if not created or round_.responses_stored_on is not None:
        return round_, 0
    rng = random.Random(f"results-{seed}-{survey}-{year}")
    persons = people(year, answers, offices, companies, rng, office_county)
    given = answers_for(round_, persons, rng, first_year)
    day = round_.last_answer_day + datetime.timedelta(days=1)
    outcome = storing.store_generated(round_, list(zip(persons, given, strict=True)), day)
    return round_, outcome.responses
