"""Benchmark: one dispatch of 30,000 e-mails through a real Celery worker on Redis and
PostgreSQL to a local SMTP server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
    REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/dispatch.py

Uses the server of DATABASE_URL but its own database, `laerling_dispatch_bench` (dropped,
created and migrated at the start, dropped at the end), and the Redis database of
REDIS_URL (emptied first). 30,000 apprentices of one county at independent companies are
made; the county confirms one invitation by e-mail; a worker (prefork, 2 processes, as on
the 2-core machine) sends it to an aiosmtpd server in a process of its own that writes
every recipient it accepts to a file. It prints the confirm's time, and messages per second
from the confirm to the last message handed over, and checks that every participant got
exactly one. Targets: at least 500 messages per second, the confirm under 2 seconds.

`--sms`: the same dispatch by SMS, to the LINK Mobility fake (tests/fakes/sms_gateway.py) in
a process of its own, which writes every destination it accepts to a file; then one
delivery report per message posted to the webhook on gunicorn (BENCH_REPORT_PROCESSES
processes of BENCH_REPORT_CLIENTS threads, bench/report_poster.py, as the gateway's gate
would), applied by the worker. It prints SMS per
second from the confirm to the last handed over, and reports per second from the first post
to the last message delivered. Targets: 500 SMS per second, 1,000 reports per second.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = os.environ.get("BENCH_DB", "laerling_dispatch_bench")
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "30000"))
TARGET_RATE = 500
TARGET_CONFIRM = 2.0
TARGET_REPORTS = 1000
REPORT_CLIENTS = int(os.environ.get("BENCH_REPORT_CLIENTS", "8"))
REPORT_PROCESSES = int(os.environ.get("BENCH_REPORT_PROCESSES", "3"))
SINK = """
import sys, time
from aiosmtpd.controller import Controller
out = open(sys.argv[2], "a", buffering=1)
class Handler:
    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            out.write(rcpt + "\\n")
        return "250 OK"
controller = Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
"""


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _people(round_, county) -> None:
    from surveys.models import Participant
    from surveys.respondents import links
    from surveys.sample import bulk_rows

    secret = links.secret()
    rows = []
    for n in range(PEOPLE):
        key = secrets.token_hex(16)
        rows.append(
            (
                round_.pk,
                f"B{n:06d}",
                key,
                links.token_hash(links.token_from(key, secret)),
                f"laerling{n:06d}@bench.example",
                f"+4790{n:06d}",
                "Lærling",
                county.pk,
            )
        )
    bulk_rows.insert(
        Participant,
        [
            "round_id",
            "person_key",
            "link_key",
            "token_hash",
            "email",
            "mobile",
            "first_name",
            "county_id",
        ],
        rows,
    )


def _profile(dispatching, county, round_, port) -> None:
    """`--profile`: the confirm and the sending in this process, under cProfile."""
    import cProfile
    import pstats

    from django.conf import settings

    from distribution.sending import pipeline

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    request = dispatching.Request(county, round_, "invitation", ("email",))
    for name, call in (
        (
            "confirm",
            lambda: dispatching.confirm(request, request_key=dispatching.new_request_key()),
        ),
        ("send_due", pipeline.send_due),
    ):
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.runcall(call)
        print(f"== {name}: {time.perf_counter() - started:.2f} s")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


def _sms_env(port: int) -> dict:
    from tests.fakes import sms_gateway

    return {
        "SMS_BACKEND": "distribution.backends.sms_gateway.backend.SmsBackend",
        "SMS_GATEWAY_URL": f"http://127.0.0.1:{port}",
        "SMS_GATEWAY_USERNAME": sms_gateway.USERNAME,
        "SMS_GATEWAY_PASSWORD": sms_gateway.PASSWORD,
        "SMS_GATEWAY_PLATFORM_PARTNER_ID": sms_gateway.PARTNER_ID,
        "SMS_GATEWAY_REPORT_GATE": "bench",
        "SMS_REPORT_SECRET": sms_gateway.REPORT_SECRET,
    }


def _start_web(env: dict):
    """gunicorn with the webhook, as in production (sync workers), on a port of its own."""
    import requests

    port = _free_port()
    web_env = {**env, "EMBEDDED": "false", "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "gunicorn", "laerling.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", os.environ.get("BENCH_WEB_WORKERS", "3")]
    command += ["--log-level", "warning", "--access-logfile", "/dev/null"]
    server = subprocess.Popen(command, cwd=ROOT, env=web_env)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/helse/", timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.2)
    return server, url


def _post_reports(webhook: str, ids: list[str], secret: str) -> Counter:
    """One report per id, posted by REPORT_PROCESSES processes of REPORT_CLIENTS threads
    each (bench/report_poster.py), as the gate's many connections would."""
    folder = Path(tempfile.mkdtemp())
    posters = []
    for n in range(REPORT_PROCESSES):
        path = folder / f"ids-{n}.txt"
        path.write_text("\n".join(ids[n::REPORT_PROCESSES]))
        command = [sys.executable, str(ROOT / "bench/report_poster.py"), webhook, secret]
        command += [str(REPORT_CLIENTS), str(path)]
        posters.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))  # noqa: S603
    statuses: Counter = Counter()
    for poster in posters:
        out, _err = poster.communicate(timeout=1800)
        statuses.update(json.loads(out))
    return statuses


def _sms_run(dispatching, county, round_, received: Path, web) -> tuple[dict, str]:
    from django.db import connections
    from django.urls import reverse

    from distribution.models import Message, Status
    from tests.fakes import sms_gateway

    request = dispatching.Request(county, round_, "invitation", ("sms",))
    started = time.perf_counter()
    dispatch = dispatching.confirm(request, request_key=dispatching.new_request_key())
    confirmed = time.perf_counter() - started
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if not dispatch.messages.exclude(status=Status.SENT).exists():
            break
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    counts = Counter(received.read_text().split())
    sent = dispatch.sms_count
    ids = list(dispatch.messages.values_list("gateway_id", flat=True))
    connections.close_all()

    webhook = web[1] + reverse("distribution:sms_report")
    reports_started = time.perf_counter()
    statuses = _post_reports(webhook, [str(i) for i in ids], sms_gateway.REPORT_SECRET)
    posted = time.perf_counter() - reports_started
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if not Message.objects.filter(dispatch=dispatch).exclude(status=Status.DELIVERED).exists():
            break
        time.sleep(0.2)
    applied = time.perf_counter() - reports_started
    delivered = Message.objects.filter(dispatch=dispatch, status=Status.DELIVERED).count()
    rate, report_rate = sent / elapsed, len(ids) / applied
    load = os.getloadavg()
    result = {
        "sms": sent,
        "confirm_seconds": round(confirmed, 2),
        "seconds_to_last_handed_over": round(elapsed, 1),
        "sms_per_second": round(rate),
        "accepted_by_gateway": sum(counts.values()),
        "recipients": len(counts),
        "received_twice_or_more": sum(1 for n in counts.values() if n > 1),
        "reports_posted": sum(statuses.values()),
        "report_answers": dict(statuses),
        "seconds_to_post_reports": round(posted, 1),
        "seconds_to_last_report_applied": round(applied, 1),
        "reports_per_second": round(report_rate),
        "delivered": delivered,
        "load_average_after": [round(x, 2) for x in load],
    }
    exactly_once = len(counts) == PEOPLE == sent and max(counts.values()) == 1
    ok = exactly_once and delivered == PEOPLE and rate >= 500 and report_rate >= TARGET_REPORTS
    summary = (
        f"{'OK' if ok else 'MISSED'}: {rate:.0f} SMS/s (target 500), {report_rate:.0f} "
        f"reports/s (target {TARGET_REPORTS}), every participant exactly one: {exactly_once}, "
        f"all reports applied: {delivered == PEOPLE}"
    )
    return result, summary


def main() -> None:
    from bench.database import admin_connection, database_url

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
    url = database_url(base, BENCH_DB)
    with admin_connection(base) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(DATABASE_URL=url, REDIS_URL=redis_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")
    import django

    django.setup()
    import datetime

    from accounts.models import Organisation
    from distribution import dispatching
    from distribution.models import Message, Status
    from laerling.celery import app
    from surveys.models import Round
    from surveys.rounds import schedule
    from surveys.rounds.creation import create_rounds

    create_rounds(2026)
    last = schedule.today() + datetime.timedelta(days=30)
    Round.objects.filter(year=2026).update(
        last_answer_day=last,
        publication_date=last + datetime.timedelta(days=14),
    )
    round_ = Round.objects.get(survey="apprentice", year=2026)
    county = Organisation.objects.get(county_number="46")
    _people(round_, county)
    app.control.purge()

    received = Path(tempfile.mkdtemp()) / "received.txt"
    port = _free_port()
    sms = "--sms" in sys.argv
    sink_command = [sys.executable, "-c", SINK, str(port), str(received)]
    if sms:
        sink_command = [sys.executable, str(ROOT / "tests/fakes/sms_gateway.py")]
        sink_command += [str(port), str(received)]
    sink = subprocess.Popen(sink_command, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603
    sink.stdout.readline()
    worker_env = {
        **env,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        **(_sms_env(port) if sms else {}),
    }
    from tests.worker import worker_command

    worker = subprocess.Popen(  # noqa: S603
        worker_command(int(os.environ.get("BENCH_CONCURRENCY", "2"))),
        cwd=ROOT,
        env=worker_env,
        start_new_session=True,
    )
    web = None
    try:
        if sms:
            web = _start_web(worker_env)
            result, summary = _sms_run(dispatching, county, round_, received, web)
            print(json.dumps(result, indent=2))
            print(summary)
            return
        if "--profile" in sys.argv:
            _profile(dispatching, county, round_, port)
            return
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1) and time.monotonic() < deadline:
            pass
        request = dispatching.Request(county, round_, "invitation", ("email",))
        started = time.perf_counter()
        dispatch = dispatching.confirm(request, request_key=dispatching.new_request_key())
        confirmed = time.perf_counter() - started
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if not dispatch.messages.exclude(status=Status.SENT).exists():
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        last_handed = (
            Message.objects.filter(dispatch=dispatch).order_by("-handed_over_at").first()
        ).handed_over_at
        counts = Counter(received.read_text().split())
    finally:
        if web is not None:
            web[0].terminate()
            web[0].wait(timeout=30)
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
        sink.terminate()
        sink.wait(timeout=10)
        from django.db import connections

        connections.close_all()
        with admin_connection(base) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')

    sent = dispatch.email_count
    rate = sent / elapsed
    result = {
        "messages": sent,
        "confirm_seconds": round(confirmed, 2),
        "seconds_to_last_handed_over": round(elapsed, 1),
        "messages_per_second": round(rate),
        "received_by_smtp": sum(counts.values()),
        "recipients": len(counts),
        "received_twice_or_more": sum(1 for n in counts.values() if n > 1),
        "last_handed_over": last_handed.isoformat(),
    }
    print(json.dumps(result, indent=2))
    ok = (
        len(counts) == PEOPLE == sent
        and max(counts.values()) == 1
        and rate >= TARGET_RATE
        and confirmed < TARGET_CONFIRM
    )
    print(
        f"{'OK' if ok else 'MISSED'}: {rate:.0f} messages/s (target {TARGET_RATE}), confirm "
        f"{confirmed:.2f} s (target {TARGET_CONFIRM}), every participant exactly one: "
        f"{len(counts) == PEOPLE and max(counts.values()) == 1}"
    )


if __name__ == "__main__":
    main()
