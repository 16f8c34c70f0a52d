"""Strict readers for settings taken from environment variables.

A value that cannot be understood stops start-up with a message naming the
variable: a typo in production must never fall back to a silent default.
Every name read goes into READ, so a test can check that docker-compose.yml
sets no variable the settings ignore.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

READ: set[str] = set()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    READ.add(name)
    value = os.environ.get(name)
    if value is None:
        return None
    return value.strip()


def string(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"{name} must be set.")
        return default
    return value


def boolean(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def integer(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def fraction(name: str, default: float) -> float:
    """A share from 0 to 1, written as a decimal number such as 0.10."""
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is None or not 0 <= number <= 1:  # also refuses nan
        raise ImproperlyConfigured(
            f"{name} must be a share from 0 to 1 such as 0.10, not {value!r}."
        )
    return number


def string_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None or value == "":
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def database(name: str, default_sqlite_path: str) -> dict:
    """A Django DATABASES entry from a URL: sqlite:///path or postgres://user:pw@host/db."""
    value = _raw(name)
    if value is None or value == "":
        return _sqlite(default_sqlite_path)
    url = urlsplit(value)
    if url.scheme == "sqlite":
        path = unquote(url.path)
        if path.startswith("/") and not url.netloc and value.startswith("sqlite:///"):
            # sqlite:///relative.db and sqlite:////absolute.db, as dj-database-url reads them.
            path = path[1:]
        if not path:
            raise ImproperlyConfigured(f"{name} names no SQLite file: {value!r}.")
        return _sqlite(path)
    if url.scheme in {"postgres", "postgresql", "pgsql"}:
        if not url.path.strip("/"):
            raise ImproperlyConfigured(f"{name} names no database: {value!r}.")
        options = {key: values[-1] for key, values in parse_qs(url.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(url.path.lstrip("/")),
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": url.hostname or "",
            "PORT": str(url.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"{name} must start with sqlite:/// or postgres://, not {url.scheme or value!r}."
    )


def _sqlite(path: str) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets the web process read while the worker writes; IMMEDIATE takes
            # the write lock at BEGIN so two writers wait instead of failing mid-way.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def redis_url(name: str) -> str | None:
    value = _raw(name)
    if value is None or value == "":
        return None
    if urlsplit(value).scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(f"{name} must start with redis:// or rediss://, not {value!r}.")
    return value


def pem(name: str, default: str | None = None) -> str | None:
    """A PEM-encoded key or certificate given inline, or the path of a file that holds one.

    Containers pass secrets as variables, hosts as files; both are accepted. An inline
    value may have its line breaks written as the two characters backslash-n, as many
    secret stores require one line. Whether a file exists is checked when the key is
    loaded (and by `manage.py check`), since the embedded mode creates its keys on first use.
    """
    value = _raw(name)
    if value is None or value == "":
        return default
    if "-----BEGIN" in value:
        value = value.replace("\\n", "\n")
        if "-----END" not in value:
            raise ImproperlyConfigured(f"{name} holds the start of a PEM block but not its end.")
        return value
    if "\n" in value:
        raise ImproperlyConfigured(f"{name} must be a PEM block or the path of a PEM file.")
    return value


def url(name: str, default: str | None = None) -> str | None:
    """An http(s) address; anything else is refused."""
    value = _raw(name)
    if value is None or value == "":
        return default
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"{name} must be an http:// or https:// address, not {value!r}.")
    return value
