"""Benchmark: the VIGO sample import on PostgreSQL at four times national scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/sample_import.py

Uses the server of DATABASE_URL but its own database, `laerling_bench`, which it drops and
creates (migrated) at the start and drops at the end. It generates a 100,000-row extract
(surveys/sample/demo_extract.py; 800 training offices, 20,000 companies, the demo's error rates),
writes it as CSV and as XLSX, and imports it: first import into an empty round, re-import
of the same file (nothing changes), and re-import of a changed file (5% of e-mails
changed, 2% of people gone, 2% new), for each format. The XLSX is written by openpyxl,
which puts every string inline in the sheet (the most XML per cell); the same extract
saved the way Excel saves it, with a shared strings table (written by XlsxWriter), is
imported too, first import and same-file re-import. Beside them, the time PostgreSQL's
own COPY takes to load the same CSV into a bare table of text columns.

Each import runs in a fresh child process, and its peak memory is that process's peak
resident set size (VmHWM in /proc/self/status), so it includes Python, Django and the
file's bytes, not only the import's own allocations.
Targets (issue 6): CSV under 10 s, XLSX under 20 s, peak memory under 400 MB.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "laerling_bench"
ROWS = 100_000
OFFICES, COMPANIES = 800, 20_000
SEED = 2026
YEAR = 2026
TARGET_SECONDS = {"csv": 10.0, "xlsx": 20.0, "xlsx-shared": 20.0}
TARGET_MB = 400


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")
    import django

    django.setup()


def _open_round():
    """The year's rounds, open today (as the demo makes them): imports need an open round."""
    from surveys.models import Round
    from surveys.rounds import schedule
    from surveys.rounds.creation import create_rounds

    create_rounds(YEAR)
    last = schedule.today() + datetime.timedelta(days=30)
    Round.objects.filter(year=YEAR).update(
        last_answer_day=last, publication_date=last + datetime.timedelta(days=30)
    )
    return Round.objects.get(survey="apprentice", year=YEAR)


def _write_files(directory: Path) -> dict[str, Path]:
    from surveys.sample import demo_extract

    round_ = _open_round()
    frame = demo_extract.Frame(YEAR, round_.reference_date, round_.last_answer_day)
    organisations = demo_extract.extra_organisations(SEED, OFFICES, COMPANIES)
    rows = list(demo_extract.generate(SEED, frame, ROWS, organisations))
    changed = []
    for index, values in enumerate(rows):
        if index % 50 == 0:
            continue  # gone from the final extract
        if index % 20 == 0:
            values = list(values)
            values[5] = f"endret{index}@example.no"
        changed.append(values)
    changed += list(demo_extract.generate(SEED + 1, frame, ROWS // 50, organisations))
    paths = {
        "csv": directory / "extract.csv",
        "csv-changed": directory / "extract-changed.csv",
        "xlsx": directory / "extract.xlsx",
        "xlsx-changed": directory / "extract-changed.xlsx",
    }
    paths["csv"].write_bytes(demo_extract.to_csv(iter(rows)))
    paths["csv-changed"].write_bytes(demo_extract.to_csv(iter(changed)))
    paths["xlsx"].write_bytes(demo_extract.to_xlsx(iter(rows)))
    paths["xlsx-changed"].write_bytes(demo_extract.to_xlsx(iter(changed)))
    paths["xlsx-shared"] = directory / "extract-shared.xlsx"
    _write_shared_strings_xlsx(paths["xlsx-shared"], rows)
    return paths


def _write_shared_strings_xlsx(path: Path, rows: list) -> None:
    import xlsxwriter

    from surveys.sample.extract_file import COLUMNS

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Uttrekk")
    sheet.write_row(0, 0, COLUMNS)
    for index, values in enumerate(rows, start=1):
        sheet.write_row(index, 0, values)
    workbook.close()


def _reset() -> None:
    """An empty sample again, as before the first import of the other format."""
    from accounts.models import Organisation
    from surveys.models import Participant, RejectedRow, SampleImport

    RejectedRow.objects.all().delete()
    Participant.objects.all().delete()
    SampleImport.objects.all().delete()
    Organisation.objects.filter(kind__in=["company", "office"]).delete()
    from django.db import connection

    # Without this the deleted rows' index entries stay until autovacuum comes by, and
    # every insert of the next first import checks them: a first import does not meet them.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _copy_seconds(path: Path) -> float:
    """PostgreSQL's COPY of the same CSV into a bare table of text columns."""
    from django.db import connection

    from surveys.sample.extract_file import COLUMNS

    columns = ", ".join(f"{name} text" for name in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(f"CREATE UNLOGGED TABLE bench_copy ({columns})")  # noqa: S608
        started = time.perf_counter()
        sql = "COPY bench_copy FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        with cursor.cursor.copy(sql) as copy:
            copy.write(path.read_bytes())
        seconds = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM bench_copy")
        loaded = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_copy")
    assert loaded == ROWS, loaded
    return seconds


def child(url: str, step: str, path: str) -> None:
    """One measured import, in a process of its own; prints one JSON line."""
    _setup_django(url)
    from surveys.models import Round
    from surveys.sample.importing import import_extract

    round_ = Round.objects.get(survey="apprentice", year=YEAR)
    content = Path(path).read_bytes()
    started = time.perf_counter()
    report, _entry = import_extract(content, round_=round_, file_name=Path(path).name)
    seconds = time.perf_counter() - started
    peak_mb = _peak_mb()
    print(
        json.dumps(
            {
                "step": step,
                "seconds": seconds,
                "rows": report.rows,
                "rows_per_second": report.rows / seconds,
                "peak_mb": peak_mb,
                "in_sample": report.in_sample,
                "added": report.added,
                "updated": report.updated,
                "withdrawn": report.withdrawn,
                "unchanged": report.unchanged,
                "supervisors": report.supervisors,
            }
        )
    )


def _peak_mb() -> float:
    """This process's peak resident set size (VmHWM). Not getrusage's ru_maxrss: Linux
    carries that over from the parent through fork and exec, so a child of this script
    (which holds the generated extract) reported the parent's size, not its own."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    raise RuntimeError("no VmHWM in /proc/self/status")


def _measure(url: str, step: str, path: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(  # noqa: S603 - this script, with arguments it made itself
        [sys.executable, __file__, "--child", step, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    from bench.database import admin_connection, database_url

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (its database is not touched).")
    bench_url = database_url(url, BENCH_DB)
    with admin_connection(url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    try:
        _setup_django(bench_url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        with tempfile.TemporaryDirectory() as directory:
            started = time.perf_counter()
            paths = _write_files(Path(directory))
            print(f"Generated the {ROWS:,}-row extract in {time.perf_counter() - started:.1f} s")
            for name, path in paths.items():
                print(f"  {name}: {path.stat().st_size / 1e6:.1f} MB")
            copy_seconds = _copy_seconds(paths["csv"])
            print(f"PostgreSQL COPY of the CSV into a bare table: {copy_seconds:.2f} s")
            results = []
            for file_format in ("csv", "xlsx", "xlsx-shared"):
                _reset()
                steps = [
                    (f"{file_format} first import", paths[file_format]),
                    (f"{file_format} re-import, same file", paths[file_format]),
                ]
                if f"{file_format}-changed" in paths:
                    changed = paths[f"{file_format}-changed"]
                    steps.append((f"{file_format} re-import, changed file", changed))
                for step, path in steps:
                    result = _measure(bench_url, step, path)
                    result["target_seconds"] = TARGET_SECONDS[file_format]
                    results.append(result)
                    _print(result)
        print(f"COPY: {copy_seconds:.2f} s ({ROWS / copy_seconds:,.0f} rows/s)")
        slow = [r["step"] for r in results if r["seconds"] > r["target_seconds"]]
        heavy = [r["step"] for r in results if r["peak_mb"] > TARGET_MB]
        print("Targets met." if not slow and not heavy else f"Over target: {slow + heavy}")
        print(json.dumps({"copy_seconds": copy_seconds, "imports": results}))
    finally:
        from django.db import connections

        connections.close_all()
        with admin_connection(url) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def _print(result: dict) -> None:
    speed = f"{result['seconds']:6.2f} s  {result['rows_per_second']:>9,.0f} rows/s"
    counts = ", ".join(f"{key} {result[key]}" for key in ("added", "updated", "withdrawn"))
    print(f"{result['step']:<36} {speed}  peak {result['peak_mb']:5.0f} MB  ({counts})")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(os.environ["DATABASE_URL"], sys.argv[2], sys.argv[3])
    else:
        main()
