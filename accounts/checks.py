"""`manage.py check`: the national services are configured before anyone tries to log in,
and (`--deploy`) nothing of the development setup or a weak secret is left in production.

Embedded, every setting has a default pointing at the local simulator. Otherwise a
missing piece would only show when the first person logs in; this check names it at
deploy time instead. README.md, "Going live", says where each value comes from.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from accounts import signing_keys

REQUIRED = [
    "IDPORTEN_ISSUER",
    "IDPORTEN_CLIENT_ID",
    "MASKINPORTEN_ISSUER",
    "MASKINPORTEN_CLIENT_ID",
    "MASKINPORTEN_KEY",
    "ALTINN_PLATFORM_URL",
    "ALTINN_SUBSCRIPTION_KEY",
    "ALTINN_RESOURCE_ID",
]


def _missing(name: str) -> checks.Error:
    return checks.Error(
        f"{name} is not set: the national services (ID-porten, Maskinporten, Altinn) "
        "need it outside the embedded mode.",
        hint=f"Set the environment variable {name}; README.md, 'Going live', says where "
        "its value comes from.",
        id="accounts.E001",
    )


@checks.register(checks.Tags.security)
def national_services_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.EMBEDDED:
        return []
    errors = [_missing(name) for name in REQUIRED if not getattr(settings, name, None)]
    if not settings.IDPORTEN_CLIENT_SECRET and not settings.IDPORTEN_CLIENT_KEY:
        errors.append(_missing("IDPORTEN_CLIENT_KEY (or IDPORTEN_CLIENT_SECRET)"))
    errors += _key_errors("IDPORTEN_CLIENT", settings.IDPORTEN_CLIENT_KEY)
    errors += _key_errors("MASKINPORTEN", settings.MASKINPORTEN_KEY)
    return errors


def _key_errors(prefix: str, source: str | None) -> list[checks.CheckMessage]:
    if not source:
        return []
    key_name = "IDPORTEN_CLIENT_KEY" if prefix == "IDPORTEN_CLIENT" else "MASKINPORTEN_KEY"
    kid_name = f"{prefix}_KID"
    certificate_name = f"{prefix}_CERTIFICATE"
    errors = []
    try:
        signing_keys.load_private_key(source)
    except signing_keys.KeyUnavailable as error:
        errors.append(checks.Error(f"{key_name}: {error}", id="accounts.E002"))
    kid = getattr(settings, kid_name)
    certificate = getattr(settings, certificate_name)
    if not kid and not certificate:
        errors.append(_missing(f"{kid_name} (or {certificate_name})"))
    elif certificate and not kid:
        try:
            signing_keys.load_certificate_chain(certificate)
        except signing_keys.KeyUnavailable as error:
            errors.append(checks.Error(f"{certificate_name}: {error}", id="accounts.E002"))
    return errors


# Secrets besides SECRET_KEY (which Django's own deploy check judges): personal links are
# HMACs under LINK_SECRET_KEY, national identity numbers are hashed under PID_HASH_KEY.
# Each stands alone, so that one leaked key gives nothing of what the others protect.
KEYS = ["LINK_SECRET_KEY", "PID_HASH_KEY"]
KEY_MIN_LENGTH = 32
KEY_MIN_DISTINCT_CHARACTERS = 10


@checks.register(checks.Tags.security, deploy=True)
def production_is_not_development(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    if settings.EMBEDDED and not settings.DEBUG:
        errors.append(
            checks.Error(
                "EMBEDDED is true outside development (DEBUG is false): the development "
                "outbox, with the personal link of every message sent, is a public page, and "
                "logins go to the local simulator.",
                hint="Set EMBEDDED=false in production.",
                id="accounts.E003",
            )
        )
    for name in KEYS:
        value = getattr(settings, name) or ""
        if len(value) < KEY_MIN_LENGTH or len(set(value)) < KEY_MIN_DISTINCT_CHARACTERS:
            errors.append(
                checks.Error(
                    f"{name} is too weak: it needs at least {KEY_MIN_LENGTH} characters, "
                    f"{KEY_MIN_DISTINCT_CHARACTERS} of them different.",
                    hint=f"Set {name} to a new random value, e.g. from "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`.",
                    id="accounts.E004",
                )
            )
    names = ["SECRET_KEY", *KEYS]
    for index, name in enumerate(names):
        for other in names[:index]:
            if _reused(getattr(settings, name) or "", getattr(settings, other) or ""):
                errors.append(
                    checks.Error(
                        f"{name} is {other}, or made from it: one leaked key would give both.",
                        hint=f"Set {name} to a random value of its own.",
                        id="accounts.E005",
                    )
                )
    return errors


def _reused(key: str, other: str) -> bool:
    """The same key, or one made from the other (the development default is SECRET_KEY
    with "-links" appended)."""
    shorter, longer = sorted((key, other), key=len)
    return bool(shorter) and (key == other or len(shorter) >= KEY_MIN_LENGTH and shorter in longer)
