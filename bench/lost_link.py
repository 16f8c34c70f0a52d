"""Benchmark: the lost-link page answers as fast whether or not the address matched.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/6 \\
        .venv/bin/python bench/lost_link.py

Uses the server of DATABASE_URL but its own database, `laerling_lost_link_bench` (dropped,
created and migrated at the start, dropped at the end), and the Redis of REDIS_URL for the
cache (the limits) and the broker (the task each request queues; the queue is purged at the
end, and no worker runs, so what is measured is the request alone, as a visitor waits for
it). 30,000 participants of an open round, each with an e-mail address. Django's test
Client posts the form REQUESTS times with an address of a participant and as many times with
an address of no one, interleaved, each from its own network address and each address once
(so no limit is reached). Prints p50 and p95 of both; the target is the two p50s within 10%.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "laerling_lost_link_bench"
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "30000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
TARGET_RATIO = 0.10


def _people(round_) -> list[str]:
    from accounts.models import Organisation
    from surveys.models import Participant
    from surveys.respondents import links
    from surveys.sample import bulk_rows

    counties = list(Organisation.objects.counties().filter(valid_to__isnull=True))
    secret = links.secret()
    rows, emails = [], []
    for n in range(PEOPLE):
        key = secrets.token_hex(16)
        email = f"laerling{n}@example.no"
        emails.append(email)
        rows.append(
            (
                round_.pk,
                f"B{n:06d}",
                key,
                links.token_hash(links.token_from(key, secret)),
                counties[n % len(counties)].pk,
                email,
                round_.sending_starts_on,
            )
        )
    columns = ["round_id", "person_key", "link_key", "token_hash", "county_id", "email"]
    bulk_rows.insert(Participant, [*columns, "invited_on"], rows)
    return emails


def _post(client, address: str, network: str) -> float:
    started = time.perf_counter()
    response = client.post("/lenke/", {"address": address}, REMOTE_ADDR=network)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def _summary(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
    }


def main() -> None:
    from bench.database import django_on_fresh_database, drop_database

    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL: the page's limits and its task go through Redis.")
    server = django_on_fresh_database(BENCH_DB)
    from django.db import connection
    from django.test import Client

    from laerling.celery import app
    from surveys.models import Round
    from surveys.rounds import schedule
    from surveys.rounds.creation import create_rounds

    try:
        rng = random.Random(20261001)
        create_rounds(2026)
        last = schedule.today() + datetime.timedelta(days=30)
        Round.objects.filter(year=2026).update(
            last_answer_day=last, publication_date=last + datetime.timedelta(days=14)
        )
        round_ = Round.objects.get(survey="apprentice", year=2026)
        emails = _people(round_)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client()
        _post(client, "warm@example.no", "198.51.100.1")  # templates and translations
        matched_addresses = rng.sample(emails, REQUESTS)
        times = {"matched": [], "not_matched": []}
        for n in range(REQUESTS):
            # Interleaved, and in alternating order, so a drift of the machine's load
            # falls on both alike.
            pair = [
                ("matched", matched_addresses[n]),
                ("not_matched", f"ingen{n}.{secrets.token_hex(4)}@example.no"),
            ]
            for kind, address in pair if n % 2 == 0 else reversed(pair):
                network = f"10.{n // 250}.{n % 250}.{1 if kind == 'matched' else 2}"
                times[kind].append(_post(client, address, network))
    finally:
        app.control.purge()
        drop_database(server, BENCH_DB)
    results = {kind: _summary(found) for kind, found in times.items()}
    matched, not_matched = results["matched"]["p50_ms"], results["not_matched"]["p50_ms"]
    ratio = abs(matched - not_matched) / min(matched, not_matched)
    print(json.dumps({"participants": PEOPLE, "requests_each": REQUESTS, **results}, indent=2))
    verdict = "OK" if ratio <= TARGET_RATIO else "MISSED"
    print(f"{verdict}: p50 differs by {ratio:.1%} (target within {TARGET_RATIO:.0%})")


if __name__ == "__main__":
    main()
