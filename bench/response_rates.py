"""Benchmark: the response-rate pages at national scale on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/response_rates.py

Uses the server of DATABASE_URL but its own database, `laerling_rates_bench` (dropped,
created and migrated at the start, dropped at the end). 30,000 participants of a round in
15 counties (the largest, Vestland, with a fifth of them), 200 training offices (two in
five at one) and 8,000 training companies, 40 trades, of whom 14,000 answered over 40 days;
each county made three dispatches. Django's test Client, in this process, asks 50 times for
each page: a county's overview, its breakdown by company, and Udir's national overview.
Prints p50 and p95 of each; the target is a p95 under 200 ms.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "laerling_rates_bench"
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "30000"))
ANSWERED = PEOPLE * 14 // 30
REQUESTS = 50
TARGET_P95_MS = 200


def _organisations(rng):
    from accounts.models import Organisation

    counties = list(Organisation.objects.counties().filter(valid_to__isnull=True))
    offices = Organisation.objects.bulk_create(
        Organisation(kind="office", orgnr=f"8{n:08d}", name=f"Opplæringskontor {n}")
        for n in range(200)
    )
    companies = Organisation.objects.bulk_create(
        Organisation(kind="company", orgnr=f"7{n:08d}", name=f"Lærebedrift {n}")
        for n in range(8000)
    )
    return counties, offices, companies


def _people(round_, counties, offices, companies, rng) -> None:
    from surveys.models import Participant
    from surveys.respondents import links
    from surveys.sample import bulk_rows

    vestland = next(county for county in counties if county.county_number == "46")
    others = [county for county in counties if county != vestland]
    secret = links.secret()
    start = round_.sending_starts_on
    answered = set(rng.sample(range(PEOPLE), ANSWERED))
    rows = []
    for n in range(PEOPLE):
        key = secrets.token_hex(16)
        county = vestland if n % 5 == 0 else rng.choice(others)
        office = rng.choice(offices) if rng.random() < 0.4 else None
        company = rng.choice(companies) if rng.random() < 0.97 else None
        trade = rng.randrange(40)
        answered_on = start + datetime.timedelta(days=rng.randrange(40)) if n in answered else None
        rows.append(
            (
                round_.pk,
                f"B{n:06d}",
                key,
                links.token_hash(links.token_from(key, secret)),
                county.pk,
                office.pk if office else None,
                company.pk if company else None,
                f"T{trade:03d}",
                f"Programområde {trade}",
                "apprentice" if rng.random() < 0.9 else "candidate",
                start,
                answered_on,
            )
        )
    columns = ["round_id", "person_key", "link_key", "token_hash", "county_id", "office_id"]
    columns += ["company_id", "trade_code", "trade_name", "contract_type", "invited_on"]
    columns += ["answered_on"]
    bulk_rows.insert(Participant, columns, rows)


def _dispatches(round_, counties) -> None:
    import uuid

    from distribution.models import Dispatch

    Dispatch.objects.bulk_create(
        Dispatch(
            organisation=county,
            round=round_,
            purpose="invitation" if n == 0 else "reminder",
            email=True,
            sms=n == 2,
            request_key=uuid.uuid4(),
        )
        for county in counties
        for n in range(3)
    )


def main() -> None:
    from bench.database import django_on_fresh_database, drop_database
    from bench.timing import measure

    server = django_on_fresh_database(BENCH_DB)
    from django.db import connection
    from django.test import Client

    from accounts.models import AltinnGrant, Organisation, User
    from surveys.models import Round
    from surveys.rounds import schedule
    from surveys.rounds.creation import create_rounds

    try:
        rng = random.Random(20261001)
        create_rounds(2026)
        last = schedule.today() + datetime.timedelta(days=30)
        Round.objects.filter(year=2026).update(
            last_answer_day=last,
            publication_date=last + datetime.timedelta(days=14),
        )
        round_ = Round.objects.get(survey="apprentice", year=2026)
        counties, offices, companies = _organisations(rng)
        _people(round_, counties, offices, companies, rng)
        _dispatches(round_, counties)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        results = {}
        for name, organisation, path in (
            ("county_overview", "46", "/svarprosent/"),
            ("county_by_company", "46", "/svarprosent/company/"),
            ("udir_national_overview", None, "/svarprosent/"),
        ):
            if organisation:
                org = Organisation.objects.get(county_number=organisation)
            else:
                org = Organisation.objects.get(kind=Organisation.Kind.DIRECTORATE)
            user, _created = User.objects.get_or_create(
                username=f"bench.{org.orgnr}", defaults={"pid_hash": secrets.token_hex(32)}
            )
            AltinnGrant.objects.get_or_create(user=user, organisation=org)
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            results[name] = measure(client, path, REQUESTS)
    finally:
        drop_database(server, BENCH_DB)
    print(json.dumps({"participants": PEOPLE, "answered": ANSWERED, **results}, indent=2))
    worst = max(result["p95_ms"] for result in results.values())
    verdict = "OK" if worst < TARGET_P95_MS else "MISSED"
    print(f"{verdict}: worst p95 {worst} ms (target {TARGET_P95_MS})")


if __name__ == "__main__":
    main()
