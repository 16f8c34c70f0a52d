"""Settings come from the environment through strict helpers; bad values stop start-up."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ImproperlyConfigured

from laerling import env

ROOT = Path(__file__).resolve().parents[2]

_KEY_PEM = (
    rsa.generate_private_key(public_exponent=65537, key_size=2048)
    .private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    .decode()
    .replace("\n", "\\n")  # one line, as a secret store hands it over
)
NATIONAL_SERVICES = {
    "IDPORTEN_ISSUER": "https://test.idporten.no/",
    "IDPORTEN_CLIENT_ID": "a1b2c3d4-idporten",
    "IDPORTEN_CLIENT_KEY": _KEY_PEM,
    "IDPORTEN_CLIENT_KID": "laerling-2026",
    "MASKINPORTEN_ISSUER": "https://test.maskinporten.no/",
    "MASKINPORTEN_CLIENT_ID": "a1b2c3d4-maskinporten",
    "MASKINPORTEN_KEY": _KEY_PEM,
    "MASKINPORTEN_KID": "laerling-2026",
    "ALTINN_PLATFORM_URL": "https://platform.tt02.altinn.no",
    "ALTINN_SUBSCRIPTION_KEY": "0123456789abcdef",
}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
    "PID_HASH_KEY": "another-long-random-secret-" + "p1d" * 20,
    "LINK_SECRET_KEY": "a-third-long-random-secret-" + "l1nk" * 15,
    "SEALING_SECRET": "a-fourth-long-random-secret-" + "s3al" * 15,
    "ALLOWED_HOSTS": "laerling.udir.no",
    "DATABASE_URL": "postgres://laerling:secret@db.example:5432/laerling",
    "REDIS_URL": "redis://redis.example:6379/0",
    **NATIONAL_SERVICES,
}


@pytest.fixture
def environ(monkeypatch):
    def set_(name, value):
        monkeypatch.setenv(name, value)

    return set_


@pytest.mark.parametrize("value", ["maybe", "2", "ja"])
def test_a_boolean_that_is_neither_true_nor_false_is_refused(environ, value):
    environ("SOME_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be true or false"):
        env.boolean("SOME_FLAG", False)


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("0", False), ("", True)])
def test_a_boolean_reads_the_usual_words_and_an_empty_value_is_the_default(
    environ, value, expected
):
    environ("SOME_FLAG", value)
    assert env.boolean("SOME_FLAG", True) is expected


def test_an_integer_that_is_not_a_number_is_refused(environ):
    environ("SOME_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="SOME_PORT must be a whole number"):
        env.integer("SOME_PORT", 25)


def test_an_integer_below_its_minimum_is_refused(environ):
    environ("SOME_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="SOME_PORT must be at least 1"):
        env.integer("SOME_PORT", 25, minimum=1)


@pytest.mark.parametrize("value", ["10%", "0,10", "1.5", "-0.1", "nan", "ti"])
def test_a_share_that_is_no_decimal_from_0_to_1_is_refused(environ, value):
    environ("SOME_SHARE", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_SHARE must be a share from 0 to 1"):
        env.fraction("SOME_SHARE", 0.10)


@pytest.mark.parametrize(("value", "expected"), [("0.25", 0.25), ("1", 1.0), ("", 0.10)])
def test_a_share_is_read_and_an_empty_value_is_the_default(environ, value, expected):
    environ("SOME_SHARE", value)
    assert env.fraction("SOME_SHARE", 0.10) == expected


def test_a_required_string_that_is_missing_is_refused(monkeypatch):
    monkeypatch.delenv("SOME_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET must be set"):
        env.string("SOME_SECRET", required=True)


@pytest.mark.parametrize("value", ["mysql://db/x", "postgres://host", "sqlite://", "nonsense"])
def test_a_database_url_of_another_kind_is_refused(environ, value):
    environ("SOME_DB", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_DB"):
        env.database("SOME_DB", "x.sqlite3")


def test_a_postgres_url_becomes_a_postgresql_database(environ):
    environ("SOME_DB", "postgres://u:p%40ss@db.example:6543/laerling?sslmode=require")
    db = env.database("SOME_DB", "x.sqlite3")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "laerling",
        "u",
        "p@ss",
        "db.example",
        "6543",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_no_database_url_is_the_sqlite_file_in_wal_mode_with_immediate_transactions(
    monkeypatch,
):
    monkeypatch.delenv("SOME_DB", raising=False)
    db = env.database("SOME_DB", "x.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_a_redis_url_of_another_scheme_is_refused(environ):
    environ("SOME_REDIS", "http://redis:6379")
    with pytest.raises(ImproperlyConfigured, match="SOME_REDIS must start with redis://"):
        env.redis_url("SOME_REDIS")


def _manage(*args, **environment):
    # The test process's own DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright) is no production setting.
    skip = {*PRODUCTION, "EMBEDDED", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    clean.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_bad_value_stops_start_up_with_a_message_naming_the_variable():
    result = _manage("check", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'perhaps'" in result.stderr


def test_production_without_a_secret_key_does_not_start():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="x.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy_with_no_warning():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["MASKINPORTEN_CLIENT_ID", "ALTINN_SUBSCRIPTION_KEY"])
def test_production_without_a_national_service_setting_fails_the_check_naming_it(missing):
    environment = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _manage("check", **environment)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_production_with_a_key_file_that_is_not_there_fails_the_check(tmp_path):
    result = _manage("check", **{**PRODUCTION, "MASKINPORTEN_KEY": str(tmp_path / "nope.pem")})
    assert result.returncode != 0
    assert "MASKINPORTEN_KEY: No key file can be read" in result.stderr


def test_the_embedded_mode_needs_no_national_service_setting():
    result = _manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_production_without_a_sealing_secret_fails_the_check():
    environment = {k: v for k, v in PRODUCTION.items() if k != "SEALING_SECRET"}
    result = _manage("check", "--deploy", **environment)
    assert result.returncode != 0
    assert "SEALING_SECRET is not set" in result.stderr


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("short-sealing-secret", "shorter than 32 characters"),
        (PRODUCTION["LINK_SECRET_KEY"], "the same as LINK_SECRET_KEY"),
    ],
)
def test_production_with_a_weak_or_reused_sealing_secret_fails_the_check(value, why):
    result = _manage("check", "--deploy", **{**PRODUCTION, "SEALING_SECRET": value})
    assert result.returncode != 0
    assert f"SEALING_SECRET is weak: {why}" in result.stderr


@pytest.mark.parametrize("debug", [True, False])
def test_static_files_are_hashed_compressed_and_cached_for_a_year_in_every_mode(
    settings, client, debug
):
    """The embedded mode (DEBUG, `make run`) included: WhiteNoise serves collectstatic's
    hashed, compressed copies, and the page names the hashed file."""
    from django.templatetags.static import static

    settings.DEBUG = debug
    url = static("surveys/respondent-ds.css")
    assert re.search(r"respondent-ds\.[0-9a-f]{12}\.css$", url), url
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"])[1])
    assert max_age >= 365 * 24 * 60 * 60


def test_the_embedded_mode_outside_development_fails_check_deploy():
    # Embedded, the development outbox (personal links in every message) is a public page.
    result = _manage("check", "--deploy", **{**PRODUCTION, "EMBEDDED": "true"})
    assert result.returncode != 0
    assert "accounts.E003" in result.stderr and "EMBEDDED" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LINK_SECRET_KEY", "x"),
        ("LINK_SECRET_KEY", "x" * 64),  # long, but one character
        ("LINK_SECRET_KEY", "0123456789" * 2),  # varied, but short
        ("PID_HASH_KEY", "pid"),
    ],
)
def test_check_deploy_refuses_a_weak_key(name, value):
    result = _manage("check", "--deploy", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert "accounts.E004" in result.stderr and name in result.stderr


@pytest.mark.parametrize(
    ("name", "same_as"),
    [
        ("LINK_SECRET_KEY", "SECRET_KEY"),
        ("LINK_SECRET_KEY", "PID_HASH_KEY"),
        ("PID_HASH_KEY", "SECRET_KEY"),
    ],
)
def test_check_deploy_refuses_a_key_reused_from_another(name, same_as):
    for value in (PRODUCTION[same_as], PRODUCTION[same_as] + "-links"):
        result = _manage("check", "--deploy", **{**PRODUCTION, name: value})
        assert result.returncode != 0
        assert "accounts.E005" in result.stderr and name in result.stderr
