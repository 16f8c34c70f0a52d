"""The benchmarks' own databases on the server of DATABASE_URL: each benchmark drops and
creates one of its own, through a connection to the server's `postgres` database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def database_url(url: str, name: str) -> str:
    """`url` with its database changed to `name`."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin_connection(url: str):
    """An autocommit connection to the server's `postgres` database (DROP/CREATE DATABASE
    cannot run inside a transaction, nor on the database being dropped)."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _drop(admin, name: str) -> None:
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_on_fresh_database(name: str) -> str:
    """Drops and creates the benchmark's own database `name` on the server of DATABASE_URL,
    migrates it (in a process of its own, as a deployment would) and sets Django up on it,
    with the test Client's host allowed. Returns the server's URL, for drop_database()."""
    server = os.environ.get("DATABASE_URL", SERVER)
    url = database_url(server, name)
    with admin_connection(server) as admin:
        _drop(admin, name)
        admin.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(  # noqa: S603 - this interpreter and manage.py, with our own arguments
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    return server


def django_on_existing_database(name: str) -> str:
    """Sets Django up on the benchmark's database `name` as an earlier run left it
    (BENCH_KEEP=1), migrated to the current code; returns the server's URL."""
    server = os.environ.get("DATABASE_URL", SERVER)
    url = database_url(server, name)
    subprocess.run(  # noqa: S603 - this interpreter and manage.py, with our own arguments
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    return server


def drop_database(server: str, name: str) -> None:
    """Closes Django's connections and drops the benchmark's database."""
    from django.db import connections

    connections.close_all()
    with admin_connection(server) as admin:
        _drop(admin, name)
