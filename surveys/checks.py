"""`manage.py check`: the sealing secret (surveys/responses/sealing.py) is set, long and
its own before anyone answers.

Outside DEBUG a missing secret would only show when the first apprentice saves a page, and
a short or reused one would let whoever holds another secret (or guesses) open every
sealed answer; this check names it at deploy time instead. README.md, "Going live".
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

MINIMUM_LENGTH = 32
OTHER_SECRETS = ["SECRET_KEY", "LINK_SECRET_KEY", "PID_HASH_KEY"]


@checks.register(checks.Tags.security)
def sealing_secret_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    errors = []
    for name in ("SEALING_SECRET", "SEALING_SECRET_PREVIOUS"):
        value = getattr(settings, name, None)
        if not value:
            if name == "SEALING_SECRET":
                errors.append(
                    checks.Error(
                        "SEALING_SECRET is not set: answers are sealed under a key derived "
                        "from it while a round is open.",
                        hint="Set SEALING_SECRET to a random secret of 32 characters or more "
                        "(README.md, 'Going live').",
                        id="surveys.E001",
                    )
                )
            continue
        reused = [other for other in OTHER_SECRETS if getattr(settings, other, None) == value]
        if len(value) < MINIMUM_LENGTH or reused:
            why = f"the same as {', '.join(reused)}" if reused else "shorter than 32 characters"
            errors.append(
                checks.Error(
                    f"{name} is weak: {why}.",
                    hint='Make it with `python -c "import secrets; '
                    'print(secrets.token_urlsafe(48))"`, used for nothing else.',
                    id="surveys.E002",
                )
            )
    return errors
