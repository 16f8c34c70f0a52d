"""Who is in a round's sample: the rules one extract row is judged by.

A row lands in the sample, or is rejected with exactly one reason: the first in REASONS
that applies. A row in the sample may carry warnings about its contact data. Pure
functions of the row and the round's dates, so each rule and boundary has its own test.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.utils.translation import gettext_lazy as _

from accounts import orgnr
from surveys.models.participants import ContractType
from surveys.sample import contact_checks
from surveys.sample.extract_file import COL

# In the order they are tried: a row gets the first that applies.
REASONS = {
    "invalid_row": _("Ugyldig rad (mangler person-id, eller en dato eller verdi er ugyldig)"),
    "duplicate": _("Personen står flere ganger i filen"),
    "contract_type": _("Verken lærling eller lærekandidat"),
    "unknown_county": _("Ukjent kontrakteier (fylke)"),
    "invalid_orgnr": _("Ugyldig organisasjonsnummer"),
    "no_workplace": _("Verken lærebedrift eller opplæringskontor"),
    "company_not_approved": _("Lærebedriften er ikke godkjent i NLR"),
    "office_not_approved": _("Opplæringskontoret er ikke godkjent i NOR"),
    "interrupted": _("Kontrakten er avbrutt"),
    "terminated": _("Kontrakten er avsluttet"),
    "too_short": _("I opplæring 11 måneder eller kortere på referansedatoen"),
    "ends_before_close": _("Kontrakten slutter før siste svardag"),
}
WARNINGS = {
    "invalid_email": _("Ugyldig e-postadresse"),
    "invalid_mobile": _("Ugyldig mobilnummer"),
    "no_contact": _("Verken gyldig e-post eller mobilnummer"),
}
CONTRACT_TYPES = {
    "lærling": ContractType.APPRENTICE,
    "lærekandidat": ContractType.CANDIDATE,
}
MONTHS_IN_TRAINING = 11


class BadValue(ValueError):
    pass


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day where the
    month is shorter: 31 March less one month is 28 or 29 February)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def start_cutoff(reference_date: datetime.date) -> datetime.date:
    """A contract must start before this day to be in the sample: the reference date less
    11 calendar months (1 October 2026 gives 1 November 2025)."""
    return months_before(reference_date, MONTHS_IN_TRAINING)


def parse_date(text: str) -> datetime.date | None:
    """`dd.mm.yyyy` or ISO `yyyy-mm-dd`; empty is None; anything else is a BadValue."""
    if not text:
        return None
    try:
        if len(text) == 10 and text[2] == "." and text[5] == ".":
            return datetime.date(int(text[6:]), int(text[3:5]), int(text[:2]))
        return datetime.date.fromisoformat(text[:10])
    except ValueError as error:
        raise BadValue(text) from error


def _yes_no(text: str) -> bool | None:
    """J is True, N False, empty None; anything else is a BadValue."""
    value = text.upper()
    if value in ("J", "JA"):
        return True
    if value in ("N", "NEI"):
        return False
    if not value:
        return None
    raise BadValue(text)


@dataclass(frozen=True)
class Frame:
    """What judging a row needs to know about the round."""

    reference_date: datetime.date
    last_answer_day: datetime.date
    county_ids: dict[str, int]  # county number -> organisation id, counties of the year

    @cached_property  # asked for every row
    def cutoff(self) -> datetime.date:
        return start_cutoff(self.reference_date)


@dataclass(slots=True)
class Contact:
    email: str = ""
    email_in_extract: str = ""
    mobile: str = ""
    mobile_in_extract: str = ""
    warnings: list[str] = field(default_factory=list)


def check_contact(email_text: str, mobile_text: str) -> Contact:
    """Valid values kept (mobile in E.164); invalid ones kept aside for the quality report.
    An empty field is missing, not invalid."""
    contact = Contact()
    if email_text:
        valid = contact_checks.email(email_text)
        if valid:
            contact.email = valid
        else:
            contact.email_in_extract = email_text
            contact.warnings.append("invalid_email")
    if mobile_text:
        valid = contact_checks.mobile(mobile_text)
        if valid:
            contact.mobile = valid
        else:
            contact.mobile_in_extract = mobile_text
            contact.warnings.append("invalid_mobile")
    if not contact.email and not contact.mobile:
        contact.warnings.append("no_contact")
    return contact


@dataclass(slots=True)
class InSample:
    """A row that came into the sample, parsed."""

    row_number: int
    person_key: str
    first_name: str
    last_name: str
    contact: Contact
    birth_year: int | None
    gender: str
    contract_type: str
    trade_code: str
    trade_name: str
    start: datetime.date
    end: datetime.date | None
    county_id: int
    company_orgnr: str
    company_name: str
    office_orgnr: str
    office_name: str
    supervisor_name: str
    supervisor_email: str
    supervisor_mobile: str


# Training companies recur on many rows: check each number once.
_valid_orgnr = lru_cache(maxsize=65536)(orgnr.is_valid)


def county_number(text: str) -> str:
    return text.zfill(2) if text.isdigit() else text


# Column positions looked up once, not per row.
_PERSON_ID = COL["person_id"]
_KONTRAKT_START = COL["kontrakt_start"]
_KONTRAKT_SLUTT = COL["kontrakt_slutt"]
_FODSELSAAR = COL["fodselsaar"]
_AVBRUDD = COL["avbrudd"]
_LAEREBEDRIFT_NLR = COL["laerebedrift_nlr"]
_OPPLAERINGSKONTOR_NOR = COL["opplaeringskontor_nor"]
_KONTRAKTSTYPE = COL["kontraktstype"]
_KONTRAKTEIER = COL["kontrakteier"]
_LAEREBEDRIFT_ORGNR = COL["laerebedrift_orgnr"]
_OPPLAERINGSKONTOR_ORGNR = COL["opplaeringskontor_orgnr"]
_AVSLUTNINGSKODE = COL["avslutningskode"]
_FORNAVN = COL["fornavn"]
_ETTERNAVN = COL["etternavn"]
_EPOST = COL["epost"]
_MOBIL = COL["mobil"]
_KJONN = COL["kjonn"]
_PROGRAMOMRAADE_KODE = COL["programomraade_kode"]
_PROGRAMOMRAADE_NAVN = COL["programomraade_navn"]
_LAEREBEDRIFT_NAVN = COL["laerebedrift_navn"]
_OPPLAERINGSKONTOR_NAVN = COL["opplaeringskontor_navn"]
_FAGLIG_LEDER_NAVN = COL["faglig_leder_navn"]
_FAGLIG_LEDER_EPOST = COL["faglig_leder_epost"]
_FAGLIG_LEDER_MOBIL = COL["faglig_leder_mobil"]


@dataclass(frozen=True, slots=True)
class NamedOrganisation:
    """An office or company a row names, as VIGO's copy of NOR or NLR gives it."""

    orgnr: str
    name: str
    approved: bool


def in_register(text: str) -> bool:
    """Whether NLR or NOR approves an organisation: anything but an explicit no, as judge()
    rejects only a row whose company or office is explicitly not approved."""
    try:
        return _yes_no(text) is not False
    except BadValue:
        return True


def organisations_named(
    row: tuple[str, ...],
) -> tuple[NamedOrganisation | None, NamedOrganisation | None]:
    """The training office and the training company a row names with a valid number, whether
    or not the row came into the sample: the import knows every organisation of the file."""
    office_number = orgnr.normalise(row[_OPPLAERINGSKONTOR_ORGNR])
    company_number = orgnr.normalise(row[_LAEREBEDRIFT_ORGNR])
    office = company = None
    if _valid_orgnr(office_number):
        office = NamedOrganisation(
            office_number, row[_OPPLAERINGSKONTOR_NAVN], in_register(row[_OPPLAERINGSKONTOR_NOR])
        )
    if _valid_orgnr(company_number):
        company = NamedOrganisation(
            company_number, row[_LAEREBEDRIFT_NAVN], in_register(row[_LAEREBEDRIFT_NLR])
        )
    return office, company


def judge(row_number: int, row: tuple[str, ...], seen: set[str], frame: Frame) -> str | InSample:
    """The reason the row is rejected, or the row parsed for the sample. `seen` collects the
    person ids met so far in the file: the first row of a person is judged, whatever its
    outcome; every later one is a duplicate."""
    person_key = row[_PERSON_ID]
    if not person_key:
        return "invalid_row"
    try:
        start = parse_date(row[_KONTRAKT_START])
        end = parse_date(row[_KONTRAKT_SLUTT])
        birth_text = row[_FODSELSAAR]
        if birth_text and not (birth_text.isdigit() and len(birth_text) == 4):
            raise BadValue(birth_text)
        interrupted = _yes_no(row[_AVBRUDD])
        nlr = _yes_no(row[_LAEREBEDRIFT_NLR])
        nor = _yes_no(row[_OPPLAERINGSKONTOR_NOR])
        if start is None:
            raise BadValue("kontrakt_start")
    except BadValue:
        seen.add(person_key)
        return "invalid_row"
    if person_key in seen:
        return "duplicate"
    seen.add(person_key)

    contract_type = CONTRACT_TYPES.get(row[_KONTRAKTSTYPE].casefold())
    if contract_type is None:
        return "contract_type"
    county_id = frame.county_ids.get(county_number(row[_KONTRAKTEIER]))
    if county_id is None:
        return "unknown_county"
    company = orgnr.normalise(row[_LAEREBEDRIFT_ORGNR])
    office = orgnr.normalise(row[_OPPLAERINGSKONTOR_ORGNR])
    if (company and not _valid_orgnr(company)) or (office and not _valid_orgnr(office)):
        return "invalid_orgnr"
    if not company and not office:
        return "no_workplace"
    if company and nlr is False:
        return "company_not_approved"
    if office and nor is False:
        return "office_not_approved"
    if interrupted:
        return "interrupted"
    if row[_AVSLUTNINGSKODE]:
        return "terminated"
    if start >= frame.cutoff:
        return "too_short"
    if end is not None and end < frame.last_answer_day:
        return "ends_before_close"

    return InSample(
        row_number=row_number,
        person_key=person_key,
        first_name=row[_FORNAVN],
        last_name=row[_ETTERNAVN],
        contact=check_contact(row[_EPOST], row[_MOBIL]),
        birth_year=int(birth_text) if birth_text else None,
        gender=row[_KJONN][:1].upper(),
        contract_type=contract_type,
        trade_code=row[_PROGRAMOMRAADE_KODE],
        trade_name=row[_PROGRAMOMRAADE_NAVN],
        start=start,
        end=end,
        county_id=county_id,
        company_orgnr=company,
        company_name=row[_LAEREBEDRIFT_NAVN],
        office_orgnr=office,
        office_name=row[_OPPLAERINGSKONTOR_NAVN],
        supervisor_name=" ".join(row[_FAGLIG_LEDER_NAVN].split()),
        supervisor_email=row[_FAGLIG_LEDER_EPOST],
        supervisor_mobile=row[_FAGLIG_LEDER_MOBIL],
    )
