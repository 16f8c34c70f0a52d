"""Is this an e-mail address we can write to, and a mobile number we can text?

Used by the sample import for every apprentice and supervisor. An empty value is missing,
not invalid: the caller decides what a missing one means (`no_contact` when both are).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

_email_validator = EmailValidator()
# The common shape of an address (dot-atom local part, a domain of ordinary labels and a
# letter TLD), which Django's validator always accepts (a test checks they agree); it is
# twenty times faster. Anything else goes to Django's validator.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}")

# Norway's mobile ranges as phonenumbers' own metadata states them, so the fast path below
# can never disagree with the library (a test compares them on every range).
_NO_MOBILE = re.compile(
    phonenumbers.PhoneMetadata.metadata_for_region("NO").mobile.national_number_pattern
)
_SEPARATORS = re.compile(r"[\s\-./()]")
_MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    # Some countries (the USA, Canada) cannot tell mobile from fixed-line numbers.
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def email(value: str) -> str | None:
    """The address, trimmed, or None if it is not a valid address."""
    value = value.strip()
    if len(value) <= 254 and _PLAIN_EMAIL.fullmatch(value):
        return value
    try:
        _email_validator(value)
    except ValidationError:
        return None
    return value


def mobile(value: str) -> str | None:
    """The number in E.164 (+4791234567), or None if it is not a mobile number. Norwegian
    numbers may be written with or without +47 or 0047 and with spaces; a number in another
    country needs its country code and must be a mobile number there."""
    return _mobile(value.strip())


@lru_cache(maxsize=65536)
def _mobile(value: str) -> str | None:
    digits = _SEPARATORS.sub("", value)
    # Fast path for how nearly every Norwegian number is written: phonenumbers takes about
    # 50 microseconds a number, five seconds of a 100,000-row import.
    national = digits
    for prefix in ("+47", "0047"):
        if digits.startswith(prefix):
            national = digits[len(prefix) :]
            break
    if len(national) == 8 and national.isdigit():
        return f"+47{national}" if _NO_MOBILE.fullmatch(national) else None
    try:
        number = phonenumbers.parse(value, "NO")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def why_not_mobile(value: str) -> str:
    """Why `mobile()` refused this number, in words a county can act on in VIGO ("Ugyldig
    mobilnummer" alone did not say that 25777716 is a landline or 9170897 one digit short).
    """
    from django.utils.translation import gettext as _

    digits = _SEPARATORS.sub("", value.strip())
    national = digits
    for prefix in ("+47", "0047"):
        if digits.startswith(prefix):
            national = digits[len(prefix) :]
            break
    if not digits.lstrip("+").isdigit():
        return _("inneholder tegn som ikke hører til et telefonnummer")
    if national.startswith(("+", "00")):  # another country's number
        try:
            number = phonenumbers.parse(value, "NO")
        except phonenumbers.NumberParseException:
            return _("ikke et gyldig telefonnummer")
        if not phonenumbers.is_valid_number(number):
            return _("ikke et gyldig nummer for landskode +%(code)s") % {
                "code": number.country_code
            }
        return _("ikke et mobilnummer")
    if len(national) != 8:
        return _("%(count)s sifre (et norsk mobilnummer har 8, uten +47)") % {
            "count": len(national)
        }
    if national[0] in "23567":
        return _("et fasttelefonnummer (norske mobilnumre begynner på 4 eller 9)")
    if national[0] == "8":
        return _("et spesialnummer (norske mobilnumre begynner på 4 eller 9)")
    if national[0] in "01":
        return _("ikke et norsk telefonnummer (norske mobilnumre begynner på 4 eller 9)")
    return _("ikke et mobilnummer som er i bruk")


def why_not_email(value: str) -> str:
    """Why `email()` refused this address, in words."""
    from django.utils.translation import gettext as _

    value = value.strip()
    if value.count("@") != 1:
        return _("mangler @") if "@" not in value else _("har mer enn én @")
    if " " in value:
        return _("inneholder mellomrom")
    local, domain = value.split("@")
    if not local:
        return _("mangler navnet foran @")
    if "." not in domain:
        return _("domenet etter @ mangler punktum")
    return _("har en form som ikke er en e-postadresse")
