"""Benchmark: a county's results report as PDF (reporting/exports/pdf.py) at national scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        BENCH_ANSWERS=2000 .venv/bin/python bench/results_pdf.py

Its own database, `laerling_pdf_bench` (made and migrated by bench/database.py, dropped at
the end). Two apprentice rounds (last year's for the comparison) of BENCH_ANSWERS (16,700)
stored responses each over the counties, 200 offices and 8,000 companies, as
bench/results.py makes them; both published. Then Vestland's PDF is downloaded through
Django's test Client, in this process, RENDERS times after one to warm up with no stored
file (made while the browser waits), then RENDERS times served from the stored one (as a
report prepared before it is asked for is). Prints p50 and max of each; target: under 3 s.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "laerling_pdf_bench"
ANSWERS = int(os.environ.get("BENCH_ANSWERS", "16700"))
YEARS = range(2025, 2027)
RENDERS = int(os.environ.get("BENCH_RENDERS", "5"))
TARGET_S = 3


def client_of(org):
    """A test Client logged in as a person with the organisation's rights."""
    from django.test import Client

    from accounts.models import AltinnGrant, User

    user, _created = User.objects.get_or_create(
        username=f"bench.{org.orgnr}", defaults={"pid_hash": secrets.token_hex(32)}
    )
    AltinnGrant.objects.get_or_create(user=user, organisation=org)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _times(client, path: str, renders: int, before=None) -> dict:
    times = []
    for _ in range(renders):
        if before is not None:
            before()
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), path
    times.sort()
    return {
        "renders": renders,
        "p50_s": round(times[len(times) // 2], 2),
        "max_s": round(times[-1], 2),
        "bytes": len(response.content),
    }


def measure_pdf(client, path: str = "/resultater/pdf/?sprak=nb", renders: int = RENDERS) -> dict:
    """p50 and max seconds of `renders` downloads of the PDF, after one to warm up: "made"
    with no stored file (laid out while the browser waits, as a report not prepared is),
    then "stored", served from the file the last of those stored (as a prepared report is,
    reporting/exports/report_files.py)."""
    from reporting.models import ReportFile

    def forget():
        ReportFile.objects.all().delete()

    client.get(path)
    return {
        "made": _times(client, path, renders, before=forget),
        "stored": _times(client, path, renders),
    }


def main() -> None:
    from bench.database import django_on_fresh_database, drop_database

    server = django_on_fresh_database(BENCH_DB)
    from django.db import connection

    from accounts.models import Organisation
    from reporting import generated, publication
    from surveys.models import Round

    try:
        offices = [
            office.pk
            for office in Organisation.objects.bulk_create(
                Organisation(kind="office", orgnr=f"8{n:08d}", name=f"Opplæringskontor {n}")
                for n in range(200)
            )
        ]
        companies = [
            (company.pk, offices[company.pk % len(offices)] if company.pk % 10 < 6 else None)
            for company in Organisation.objects.bulk_create(
                Organisation(kind="company", orgnr=f"7{n:08d}", name=f"Lærebedrift {n}")
                for n in range(8000)
            )
        ]
        for year in YEARS:
            generated.generate_round("apprentice", year, ANSWERS, offices, companies, 1, YEARS[0])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for round_ in Round.objects.filter(survey="apprentice").order_by("year"):
            publication.publish(round_)
        client = client_of(Organisation.objects.get(county_number="46"))
        figures = {"answers_per_round": ANSWERS, "county_pdf": measure_pdf(client)}
    finally:
        drop_database(server, BENCH_DB)
    print(json.dumps(figures, indent=2))
    print(verdict(figures["county_pdf"]))


def verdict(pdf: dict) -> str:
    """Both against the target: what a county waits for its report, prepared before it asks
    (report_files.prepare), and what anyone waits for a report not prepared."""
    lines = []
    for key, what in (("stored", "served from its stored file"), ("made", "made while waiting")):
        worst = pdf[key]["max_s"]
        ok = "OK" if worst < TARGET_S else "MISSED"
        lines.append(
            f"{ok}: a county's PDF {what}, p50 {pdf[key]['p50_s']} s, slowest of "
            f"{pdf[key]['renders']} {worst} s (target {TARGET_S} s)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
