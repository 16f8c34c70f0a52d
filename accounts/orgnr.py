"""Norwegian organisation numbers: 9 digits, the last a mod-11 check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(first_eight: str) -> int | None:
    """The check digit for eight digits, or None where no digit fits (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS, strict=True)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit


def is_valid(value: str) -> bool:
    if len(value) != 9 or not value.isdigit():
        return False
    return check_digit(value[:8]) == int(value[8])


def normalise(value: str) -> str:
    """Drops the spaces people write ("974 760 673")."""
    return "".join(value.split())


def validate(value: str) -> None:
    if not is_valid(value):
        raise ValidationError(
            _("%(value)s er ikke et gyldig organisasjonsnummer (9 siffer med kontrollsiffer)."),
            params={"value": value},
            code="invalid_orgnr",
        )


def complete(first_eight: str) -> str | None:
    """Eight digits made into a valid number, or None where no check digit fits."""
    digit = check_digit(first_eight)
    return None if digit is None else f"{first_eight}{digit}"
