"""The languages questionnaires are written in and respondents answer in (bokmål, nynorsk,
English, as settings.LANGUAGES lists them), and the one fallback for anything else."""

from django.conf import settings

CODES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT = settings.LANGUAGE_CODE


def supported(language: str | None, fallback: str = DEFAULT) -> str:
    """`language` if the questionnaires have it, else `fallback` (bokmål)."""
    return language if language in CODES else fallback
