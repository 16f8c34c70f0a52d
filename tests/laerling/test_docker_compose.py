"""docker-compose.yml has the production-like stack, and the settings read all it sets.

No Docker engine runs on the test machines, so the file is checked, not started.
"""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# ${NAME:?message} must come from the operator, ${NAME:-default} may: stand-ins for both.
_REQUIRED = re.compile(r"\$\{\w+:\?[^}]*\}")
_DEFAULTED = re.compile(r"\$\{\w+:-([^}]*)\}")
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_has_postgres_redis_gunicorn_worker_beat_and_a_mail_catcher():
    services = COMPOSE["services"]
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert "mailpit" in services["mailpit"]["image"]
    assert "gunicorn laerling.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A laerling worker")
    assert services["beat"]["command"].startswith("celery -A laerling beat")


def test_the_web_service_and_the_image_run_gunicorn_with_its_production_config():
    # Its logger masks personal-link tokens (tests/laerling/test_no_token_in_logs.py).
    command = "gunicorn laerling.wsgi --config gunicorn.conf.py"
    assert command in COMPOSE["services"]["web"]["command"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert f"CMD {json.dumps(command.split())}" in dockerfile


def service_environment(service: str) -> dict[str, str]:
    """The service's environment as the file sets it, with stand-ins for the operator's values."""
    return {
        key: _DEFAULTED.sub(r"\1", _REQUIRED.sub("x" * 50, str(value)))
        for key, value in COMPOSE["services"][service]["environment"].items()
    }


def test_the_settings_read_every_variable_it_sets_and_start_with_them():
    for name in ("web", "worker", "beat"):
        environment = service_environment(name)
        clean = {k: v for k, v in os.environ.items() if k not in environment}
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import json, django; django.setup();"
                "from laerling import env; print(json.dumps(sorted(env.READ)))",
            ],
            cwd=ROOT,
            env={**clean, **environment, "DJANGO_SETTINGS_MODULE": "laerling.settings"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        read = set(json.loads(result.stdout))
        assert set(environment) - read == set(), f"{name} sets variables nothing reads"


def test_the_image_collects_its_static_files_with_settings_that_start(tmp_path):
    """The Dockerfile runs collectstatic with stand-in secrets; every required one is given."""
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    line = re.search(r"&& ((?:\w+=\S+\s+)+)python manage\.py collectstatic", dockerfile)
    assert line, "the Dockerfile no longer collects static files as this test expects"
    build = dict(part.split("=", 1) for part in shlex.split(line[1]))
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "laerling.settings",
            **build,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
