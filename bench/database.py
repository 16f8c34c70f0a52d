"""The benchmarks' own databases on the server of DATABASE_URL: each benchmark drops and
creates one of its own, through a connection to the server's `postgres` database."""

from __future__ import annotations

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
