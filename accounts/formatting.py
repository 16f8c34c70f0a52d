"""Dates, counts and mobile numbers as a reader of the active language writes them, for
Python code (messages, management commands) and templates (`{% load formatting %}`) alike.

The formats themselves live in laerling/formats/ (FORMAT_MODULE_PATH). Counts are grouped
here, explicitly, rather than by USE_THOUSAND_SEPARATOR: that setting would also group
years ("2 026" in the admin's lists), ids and every other integer a template prints,
including those that are read by machines (form values, URLs, attributes).
"""

from __future__ import annotations

import datetime

import phonenumbers
from django.utils import formats, timezone


def day(value: datetime.date) -> str:
    """ "2. desember 2026" / "2 December 2026"."""
    return formats.date_format(value, "DATE_FORMAT")


def moment(value: datetime.datetime) -> str:
    """ "30. september 2026 kl. 12.00" / "30 September 2026 at 12:00", in Norwegian time."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def count(value: int) -> str:
    """ "3 451" (a non-breaking space) / "3,451"."""
    return formats.number_format(value, force_grouping=True)


def mobile(value: str) -> str:
    """A number stored in E.164 as people read it: "403 91 458" for a Norwegian mobile
    number, "+46 70 123 45 67" for a foreign one, with non-breaking spaces so that it never
    wraps. Anything that is not a valid number is shown as it was given."""
    try:
        number = phonenumbers.parse(value, "NO")
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    if phonenumbers.region_code_for_number(number) == "NO":
        # Norwegian mobile numbers are written 3-2-3 (Nkom, Språkrådet); phonenumbers'
        # metadata writes every 8-digit Norwegian number 2-2-2-2, as for fixed lines.
        digits = phonenumbers.national_significant_number(number)
        if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE:
            text = f"{digits[:3]} {digits[3:5]} {digits[5:]}"
        else:
            text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return text.replace(" ", "\N{NO-BREAK SPACE}")
