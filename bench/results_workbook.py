"""Udir's national workbook (reporting/exports/workbook.py): the country's tables and every
county's overview, at national scale. Target: under 30 seconds and under 500 MB.

Builds its own database (laerling_workbook_bench, bench/database.py) as bench/results.py
does: 200 offices, 8,000 companies, a round a year of BENCH_ANSWERS responses
(default 16,700) from BENCH_FIRST_YEAR (2018) to 2026, published; then times the workbook.
Memory is tracemalloc's peak of Python allocations while writing (openpyxl's and the
queries' objects; not the process's whole resident size), with resource.getrusage's
maxrss before and after beside it for the process.

    BENCH_ANSWERS=2000 BENCH_FIRST_YEAR=2025 .venv/bin/python bench/results_workbook.py
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "laerling_workbook_bench"
ANSWERS = int(os.environ.get("BENCH_ANSWERS", "16700"))
YEARS = range(int(os.environ.get("BENCH_FIRST_YEAR", "2018")), 2027)
TARGET_S = 30
TARGET_MB = 500


def measure_workbook(viewer) -> dict:
    """Times Udir's national workbook of the newest published round; prints its figures."""
    from reporting.exports import workbook
    from surveys.models import Round

    round_ = Round.objects.filter(publication__isnull=False).order_by("-year").first()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Timed alone first: tracing every allocation slows Python down by half or more.
    started = time.perf_counter()
    buffer = io.BytesIO()
    sheets = workbook.write(buffer, viewer, round_, None)
    seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Then again under tracemalloc for the peak of what it holds at once.
    tracemalloc.start()
    workbook.write(io.BytesIO(), viewer, round_, None)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = {
        "round": str(round_),
        "sheets": sheets,
        "bytes": buffer.getbuffer().nbytes,
        "seconds": round(seconds, 1),
        "tracemalloc_peak_mb": round(peak / 2**20, 1),
        "maxrss_delta_mb": round((rss_after - rss_before) / 1024, 1),
    }
    print(json.dumps(figures, indent=2))
    time_ok = "OK" if seconds < TARGET_S else "MISSED"
    memory_ok = "OK" if peak / 2**20 < TARGET_MB else "MISSED"
    print(f"{time_ok}: national workbook {seconds:.1f} s (target {TARGET_S})")
    print(f"{memory_ok}: peak {peak / 2**20:.0f} MB tracemalloc (target {TARGET_MB})")
    return figures


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
        measure_workbook(Organisation.objects.get(kind=Organisation.Kind.DIRECTORATE))
    finally:
        drop_database(server, BENCH_DB)


if __name__ == "__main__":
    main()
