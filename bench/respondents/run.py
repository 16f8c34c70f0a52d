"""The respondent benchmark: gunicorn on PostgreSQL, locust headless on loopback.

    .venv/bin/python bench/respondents/run.py            # both scenarios, about 5 minutes

(a) 300 respondents with 3-8 seconds between pages for 3 minutes: p50/p95/p99 per page
    and errors. Target: p95 under 150 ms, no errors.
(b) closed loop (no pauses): pages and completed surveys per second, beside the trivial
    view /helse/ on the same server in the same run. Target: at least 20% of its rate.
After each scenario the round is closed and mixed, and every submitted survey must be in
the response table exactly once.

It drops and recreates the database BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/laerling_bench) and uses Redis BENCH_REDIS_URL (default
redis://127.0.0.1:6379/14) for the Celery broker, the cache and the list of links.
BENCH_USERS, BENCH_DURATION, BENCH_CLOSED_USERS, BENCH_CLOSED_DURATION and BENCH_WORKERS
change the sizes. Production settings (DEBUG=false) except HTTPS, which loopback lacks.
"""

from __future__ import annotations

import csv
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = sys.executable
BIN = Path(PY).parent

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/laerling_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PORT = int(os.environ.get("BENCH_PORT", "8911"))
USERS = int(os.environ.get("BENCH_USERS", "300"))
DURATION = os.environ.get("BENCH_DURATION", "3m")
CLOSED_USERS = int(os.environ.get("BENCH_CLOSED_USERS", "40"))
CLOSED_DURATION = os.environ.get("BENCH_CLOSED_DURATION", "45s")
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "20000"))
VAR = Path(tempfile.mkdtemp(prefix="laerling-bench-"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")

ENV = os.environ | {
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DEBUG": "false",
    "EMBEDDED": "true",  # the local simulators' defaults; no login happens here
    "SECRET_KEY": "benchmark-only-" + "k" * 40,
    "LINK_SECRET_KEY": "benchmark-links-" + "k" * 40,
    "SEALING_SECRET": "benchmark-sealing-" + "s" * 40,
    "PID_HASH_KEY": "benchmark-pid-" + "k" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "VAR_DIR": str(VAR),
    "LOG_LEVEL": "WARNING",
}


def main() -> int:
    _fresh_database()
    _manage("migrate", "--noinput", "-v", "0")
    _manage("build_respondent_css")
    _manage("collectstatic", "--noinput", "-v", "0")
    os.environ.update(ENV)
    import django

    django.setup()
    round_id = _make_sample()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "laerling.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
            # gunicorn.conf.py (read from the working folder) turns the access log on: its
            # cost stays in the figures, its lines out of the report.
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=ENV,
    )
    ok = True
    try:
        _wait_for_server()
        print(f"\n== (a) {USERS} respondents, 3-8 s between pages, {DURATION}")
        rows, completed = _scenario("a", USERS, DURATION, "3,8", ["Respondent"], round_id)
        ok &= _report_latency(rows, completed)
        print(f"\n== (b) closed loop, {CLOSED_USERS} users, {CLOSED_DURATION} each")
        trivial, _ = _scenario("b-trivial", CLOSED_USERS, CLOSED_DURATION, "0,0", ["Trivial"])
        rows, completed = _scenario(
            "b-respondents", CLOSED_USERS, CLOSED_DURATION, "0,0", ["Respondent"], round_id
        )
        ok &= _report_throughput(trivial, rows, completed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("\nRESULT:", "all targets met" if ok else "a target was missed")
    return 0 if ok else 1


def _manage(*args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def _fresh_database() -> None:
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = DATABASE_URL.replace(parts.path, "/postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _make_sample() -> int:
    """An open apprentice round with PARTICIPANTS participants spread over the counties and
    the demo's companies and offices, as the sample import would make them."""
    from accounts import demo
    from accounts.models import Organisation
    from surveys.models import Participant, QuestionnaireVersion, Round
    from surveys.respondents import links
    from surveys.rounds import schedule

    demo.build(2026, lambda message: None)
    today = schedule.today()
    round_ = Round.objects.create(
        survey="apprentice",
        year=today.year,
        reference_date=today - datetime.timedelta(days=20),
        sending_starts_on=today - datetime.timedelta(days=10),
        last_answer_day=today + datetime.timedelta(days=20),
        publication_date=today + datetime.timedelta(days=40),
        vigo_correction_deadline=datetime.datetime.combine(
            today - datetime.timedelta(days=21), datetime.time(12), tzinfo=schedule.OSLO
        ),
        questionnaire=QuestionnaireVersion.objects.filter(survey="apprentice").latest("year"),
    )
    rng = random.Random(2026)
    counties = list(Organisation.objects.counties().valid_on(today))
    companies = list(Organisation.objects.training_companies().values_list("pk", "training_office"))
    trades = ["ELELE3----", "BABYG3----", "HSHEA3----", "TPKJT3----", "RMRMF3----"]
    people = []
    for number in range(PARTICIPANTS):
        company, office = rng.choice(companies)
        people.append(
            Participant(
                round=round_,
                person_key=f"bench-{number}",
                county=rng.choice(counties),
                company_id=company,
                office_id=office,
                contract_type=rng.choice(["apprentice", "candidate"]),
                trade_code=rng.choice(trades),
            )
        )
    for person in people:  # the token hash, as save() would make it
        person.token_hash = links.token_hash(links.token_for(person))
    Participant.objects.bulk_create(people, batch_size=2000)
    store = redis.Redis.from_url(REDIS_URL)
    store.delete("bench:tokens", "bench:completed")
    store.rpush("bench:tokens", *[links.token_for(person) for person in people])
    print(f"{PARTICIPANTS} participants in an open round; gunicorn with {WORKERS} workers")
    return round_.pk


def _wait_for_server() -> None:
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/helse/", timeout=1)  # noqa: S310
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _scenario(name, users, duration, wait, classes, round_id=None):
    """Runs locust; then closes the round, stores its responses (the step beat runs the day
    after the last day) and checks every submit is there exactly once."""
    store = redis.Redis.from_url(REDIS_URL)
    store.set("bench:completed", 0)
    prefix = VAR / name
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(users // 10, 1)),
            "--run-time",
            duration,
            "--stop-timeout",
            "0",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            *classes,
        ],
        cwd=ROOT,
        env=ENV | {"BENCH_WAIT": wait},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    completed = int(store.get("bench:completed") or 0)
    if round_id is not None:
        _check_exactly_once(round_id)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats)), completed


def _check_exactly_once(round_id: int) -> None:
    """Each answered participant (one submit each) has one response after the store step;
    drafts never submitted (users stopped mid-survey) are gone. The round is then reopened
    (and marked not stored, so the next scenario's answers are stored in their turn)."""
    from surveys.models import Draft, Participant, Response, Round
    from surveys.responses import storing
    from surveys.rounds import schedule

    day = schedule.today()
    Round.objects.filter(pk=round_id).update(last_answer_day=day - datetime.timedelta(days=1))
    storing.store_round(Round.objects.get(pk=round_id))
    answered = Participant.objects.filter(round_id=round_id, answered_on__isnull=False).count()
    responses = Response.objects.filter(round_id=round_id).count()
    left = Draft.objects.filter(participant__round_id=round_id).count()
    print(f"   stored: {answered} answered, {responses} responses, {left} drafts left")
    if answered != responses or left:
        raise SystemExit("FAILED: a submitted survey is missing or doubled after storing")
    Round.objects.filter(pk=round_id).update(
        last_answer_day=day + datetime.timedelta(days=20), responses_stored_on=None
    )


def _report_latency(rows, completed: int) -> bool:
    print(f"   {'page':<22}{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    worst, errors = 0.0, 0
    for row in rows:
        label = "all pages" if row["Name"] == "Aggregated" else row["Name"]
        p95 = float(row["95%"])
        print(
            f"   {label:<22}{row['Request Count']:>9}{row['Failure Count']:>8}"
            f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
        )
        if row["Name"] != "Aggregated":
            worst = max(worst, p95)
        else:
            errors = int(row["Failure Count"])
    print(f"   completed surveys: {completed}; worst page p95 {worst:.0f} ms, errors {errors}")
    met = worst < 150 and errors == 0
    print(f"   target p95 < 150 ms and no errors: {'met' if met else 'MISSED'}")
    return met


def _report_throughput(trivial, rows, completed: int) -> bool:
    def aggregated(table):
        return next(row for row in table if row["Name"] == "Aggregated")

    base = float(aggregated(trivial)["Requests/s"])
    pages = float(aggregated(rows)["Requests/s"])
    errors = int(aggregated(rows)["Failure Count"])
    seconds = _seconds(CLOSED_DURATION)
    print(f"   trivial view:      {base:8.1f} pages/s")
    print(
        f"   respondent pages:  {pages:8.1f} pages/s ({pages / base:.0%} of the trivial view), "
        f"{completed / seconds:.1f} completed surveys/s, {errors} errors"
    )
    met = pages >= 0.2 * base and errors == 0
    print(f"   target >= 20% of the trivial view: {'met' if met else 'MISSED'}")
    return met


def _seconds(duration: str) -> float:
    unit = {"s": 1, "m": 60, "h": 3600}[duration[-1]]
    return float(duration[:-1]) * unit


if __name__ == "__main__":
    sys.exit(main())
