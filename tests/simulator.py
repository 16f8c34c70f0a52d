"""The ID-porten/Maskinporten/Altinn simulator as a real process, for end-to-end tests.

Started once per session on a free port with its own database in a temporary folder,
seeded with the demo persons and the live server as its registered client.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def simulator_process(live_server, tmp_path_factory):
    from accounts import signing_keys

    # The app's Maskinporten key must exist for the simulator to read its public half.
    signing_keys.load_private_key(settings.MASKINPORTEN_KEY, create_if_missing=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accounts.simulator.settings",
        "SIMULATOR_DIR": str(tmp_path_factory.mktemp("simulator")),
        "SIMULATOR_URL": url,
        "SIMULATOR_MASKINPORTEN_KEY": settings.MASKINPORTEN_KEY,
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [
            *manage,
            "simulator_seed",
            "--seed",
            str(settings.DEMO_SEED),
            "--app-url",
            live_server.url,
            "--client-id",
            "test-app",
            "--client-secret",
            "test-app-secret",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/idporten/.well-known/openid-configuration", timeout=1)  # noqa: S310
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("The simulator did not start") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture
def simulator(simulator_process, live_server, settings):
    """Points the application's ID-porten, Maskinporten and Altinn settings at the simulator."""
    url = simulator_process
    settings.SOCIALACCOUNT_PROVIDERS = {
        "idporten": {
            "APPS": [
                {
                    "provider_id": "idporten",
                    "name": "ID-porten",
                    "client_id": "test-app",
                    "secret": "test-app-secret",
                    "settings": {
                        "server_url": f"{url}/idporten",
                        "token_auth_method": "client_secret_post",
                    },
                }
            ]
        }
    }
    settings.MASKINPORTEN_ISSUER = f"{url}/maskinporten/"
    settings.ALTINN_PLATFORM_URL = url
    # ID-porten sends the person back here after logout (a registered post-logout URI).
    settings.SITE_URL = live_server.url
    return url
