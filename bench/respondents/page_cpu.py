"""CPU per respondent page, in-process: Django's test client against a real PostgreSQL
database with production settings (DEBUG=false), no HTTP server, no load generator.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/laerling_x \
        .venv/bin/python bench/respondents/page_cpu.py [N]

The database is migrated (not dropped); an open round of the newest apprentice
questionnaire and one participant are made for the run. Prints milliseconds of this
process's CPU time (and wall time) per theme page GET, per theme page POST (the save and
its redirect are one request) and per summary, the median over N rounds (default 300).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")
os.environ |= {
    "DEBUG": "false",
    "EMBEDDED": "true",
    "SECRET_KEY": "benchmark-only-" + "k" * 40,
    "LINK_SECRET_KEY": "benchmark-links-" + "k" * 40,
    "SEALING_SECRET": "benchmark-sealing-" + "s" * 40,
    "PID_HASH_KEY": "benchmark-pid-" + "k" * 40,
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
}
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="laerling-page-cpu-"))


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from tests.respondents import a_participant, a_round, items_of, path, themes_of

    call_command("migrate", "--noinput", "-v", "0")
    call_command("build_respondent_css")
    call_command("collectstatic", "--noinput", "-v", "0")
    from surveys.models import Round
    from surveys.questionnaires.scales import options

    round_ = Round.objects.filter(survey="apprentice").first() or a_round()
    person = a_participant(round_, person_key=f"bench-{time.time_ns()}")
    themes = themes_of(round_)
    items = items_of(round_)
    client = Client()
    rounds_n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    pages = len(themes)
    # Answer every other item so the pages show checked state, as a returning respondent.
    for number, theme in enumerate(themes, start=1):
        on_page = [item for item in items[::2] if item.theme_id == theme.pk]
        data = {f"item-{i.pk}": str(options(i.scale)[0].value) for i in on_page}
        client.post(path(person, f"/side/{number}"), data | {"navigate": "next"})

    def timed(request) -> tuple[float, float]:
        cpu, wall = [], []
        for _ in range(rounds_n):
            for number in range(1, pages + 1):
                c0, w0 = time.process_time(), time.perf_counter()
                response = request(number)
                cpu.append(time.process_time() - c0)
                wall.append(time.perf_counter() - w0)
                assert response.status_code in (200, 302), response.status_code
        return statistics.median(cpu) * 1000, statistics.median(wall) * 1000

    def get(number):
        return client.get(path(person, f"/side/{number}"))

    def post(number):
        theme = themes[number - 1]
        on_page = [item for item in items[1::2] if item.theme_id == theme.pk]
        data = {f"item-{i.pk}": str(options(i.scale)[-1].value) for i in on_page}
        return client.post(path(person, f"/side/{number}"), data | {"navigate": "next"})

    def summary(_number):
        return client.get(path(person, "/oppsummering"))

    for request in (get, post):  # warm up: templates compiled, pages built
        request(1)
    size = len(get(2).content)
    print(f"{pages} theme pages, {len(items)} items; page 2 is {size} bytes; N={rounds_n}")
    for name, request in (("theme page GET", get), ("theme page POST", post)):
        cpu, wall = timed(request)
        print(f"{name:16} {cpu:6.2f} ms CPU (median)  {wall:6.2f} ms wall (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
