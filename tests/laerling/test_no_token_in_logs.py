"""No personal-link token reaches any log. SHA-256 of a token finds its participant, so a
logged `/s/<token>` with its time and address says who answered when and from where.

The main test runs production's web process as docker-compose.yml starts it (its gunicorn
command, config file and environment, DEBUG=false) on a free loopback port, asks for a real
participant's pages, and reads everything gunicorn and Django wrote.
"""

import logging
import os
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from laerling import log_masking
from surveys.respondents import links
from tests.laerling.test_docker_compose import COMPOSE, service_environment
from tests.respondents import a_participant, a_round
from tests.simulator import _free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MASK = log_masking.MASK


def _web_command(port: int) -> list[str]:
    """docker-compose.yml's gunicorn command, on a loopback port with one worker (and no
    control socket: its default path is one per machine, and other test runs may use it)."""
    shell = shlex.split(COMPOSE["services"]["web"]["command"])[-1]
    gunicorn = shlex.split(shell.split("&&")[-1])
    assert gunicorn[0] == "gunicorn", shell
    local = ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"]
    return [str(BIN / "gunicorn"), *gunicorn[1:], *local]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """Production serves collected, hashed static files; the pages name them."""
    var = tmp_path_factory.mktemp("var")
    environment = {
        **os.environ,
        **service_environment("web"),
        "VAR_DIR": str(var),
    }
    # As the image is built: the respondent's stylesheet first, then the collected files.
    subprocess.run(
        [sys.executable, "manage.py", "build_respondent_css"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    return var


def _request(url: str, method: str = "GET", **headers) -> int:
    request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise AssertionError("gunicorn stopped: " + server.stderr.read())
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"gunicorn did not answer on {url}")


@pytest.mark.django_db(transaction=True)
def test_production_web_logs_no_personal_link_token(collected_static, organisations):
    person = a_participant(a_round())
    token = links.token_for(person)
    typo = token[:-1] + ("A" if token[-1] != "A" else "B")  # a mistyped link: nearly the token
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **service_environment("web"),
        "VAR_DIR": str(collected_static),
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        # The test process made the link: the server must derive the same tokens.
        "LINK_SECRET_KEY": settings.LINK_SECRET_KEY,
    }
    server = subprocess.Popen(
        _web_command(port),
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(f"{base}/helse/", server)
        assert _request(f"{base}/s/{token}") == 200
        assert _request(f"{base}/s/{token}/side/1") == 200
        # The next request from that page names it as the referrer (same-origin policy).
        assert _request(f"{base}/helse/", Referer=f"{base}/s/{token}/side/1") == 200
        assert _request(f"{base}/s/{typo}/side/1") == 404  # Django logs "Not Found: <path>"
        # A form posted from another site is refused (our own page), and Django logs it.
        assert (
            _request(f"{base}/s/{token}/sprak", method="POST", Origin="https://evil.example") == 403
        )
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    logs = out + err
    # The requests were logged, with the link masked...
    assert f'"GET /s/{MASK} HTTP/1.1" 200' in out
    assert f'"GET /s/{MASK}/side/1 HTTP/1.1" 200' in out
    assert f"Not Found: /s/{MASK}/side/1" in err
    assert f"Forbidden: /s/{MASK}/sprak" in err
    # ...and no token, nor the mistyped one, is anywhere.
    assert token not in logs and typo not in logs
    assert token[:8] not in logs and typo[:8] not in logs


def test_gunicorns_error_log_masks_a_token_in_a_failed_request_and_its_traceback(capsys):
    from gunicorn.config import Config

    config = Config()
    config.set("errorlog", "-")
    logger = log_masking.GunicornLogger(config)
    try:
        raise ValueError("while reading /s/AbCdEfGhIjKlMnOpQrStUv/side/2")
    except ValueError:
        logger.exception("Error handling request %s", "/s/AbCdEfGhIjKlMnOpQrStUv/side/2")
    err = capsys.readouterr().err
    assert "Error handling request /s/" in err and "ValueError" in err
    assert "AbCdEfGh" not in err


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("GET /s/AbCdEfGhIjKlMnOpQrStUv/side/1 HTTP/1.1", f"GET /s/{MASK}/side/1 HTTP/1.1"),
        ("https://laerling.udir.no/s/AbC-d_E", f"https://laerling.udir.no/s/{MASK}"),
        ("/s/AbC?x=1", f"/s/{MASK}?x=1"),
        ("/logg-inn/?next=%2Fs%2FAbCdEf%2Fside", f"/logg-inn/?next=%2Fs%2F{MASK}%2Fside"),
        ("/static/css/app.css", "/static/css/app.css"),
    ],
)
def test_a_token_is_masked_wherever_a_path_or_address_names_one(text, masked):
    assert log_masking.mask(text) == masked


def test_every_handler_djangos_logging_writes_through_masks_messages_and_tracebacks():
    handlers = [
        handler
        for name in ("", "django", "django.request", "django.server")
        for handler in logging.getLogger(name).handlers
        if not type(handler).__module__.startswith("_pytest")  # pytest's own capture
    ]
    assert handlers
    try:
        raise RuntimeError("/s/AbCdEfGhIjKlMnOpQrStUv failed")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/s/AbCdEfGhIjKlMnOpQrStUv/side/1",),
            sys.exc_info(),
        )
    for handler in handlers:
        text = handler.format(record)
        assert "Internal Server Error: /s/" in text and "RuntimeError" in text
        assert "AbCdEfGh" not in text, handler


def test_celerys_worker_and_beat_log_through_masking_handlers_too():
    """Celery's logging setup (worker and beat run it) puts handlers of its own on the root
    and task loggers, in place of Django's."""
    script = "\n".join(
        [
            "import logging, django",
            "django.setup()",
            "from celery.utils.log import get_task_logger",
            "from laerling.celery import app",
            "app.log.setup(loglevel='INFO')",
            "logging.getLogger('django.request').warning('Not Found: /s/AbCdEfGhIjKlMnOpQrStUv')",
            "get_task_logger('distribution.tasks').warning('sent /s/AbCdEfGhIjKlMnOpQrStUv')",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"Not Found: /s/{MASK}" in result.stderr and f"sent /s/{MASK}" in result.stderr
    assert "AbCdEfGh" not in result.stderr
