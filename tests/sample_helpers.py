"""Building small VIGO extracts in tests, and a round that is open today."""

from __future__ import annotations

import csv
import datetime
import io

from accounts.orgnr import complete
from surveys.models import Round
from surveys.rounds import schedule
from surveys.rounds.creation import create_rounds
from surveys.sample.extract_file import COLUMNS


def orgnr(first_eight: str) -> str:
    number = complete(first_eight)
    assert number, first_eight
    return number


COMPANY = orgnr("91000001")
COMPANY_2 = orgnr("91000002")
COMPANY_3 = orgnr("91000003")
OFFICE = orgnr("92000001")
OFFICE_2 = orgnr("92000002")


def open_round(year: int = 2026) -> Round:
    """The year's apprentice round with the default reference date (1 October), kept open
    today by moving its last day to answer a month ahead (the supervisor round too)."""
    create_rounds(year)
    last = schedule.today() + datetime.timedelta(days=30)
    Round.objects.filter(year=year).update(
        last_answer_day=last, publication_date=last + datetime.timedelta(days=30)
    )
    return Round.objects.get(survey="apprentice", year=year)


def row(**values: str) -> dict[str, str]:
    """A row that lands in the 2026 sample, changed by `values`."""
    base = {
        "person_id": "P1",
        "fodselsaar": "2005",
        "kjonn": "K",
        "fornavn": "Åse",
        "etternavn": "Ødegård",
        "epost": "ase@example.no",
        "mobil": "912 34 567",
        "kontrakteier": "46",
        "kontraktstype": "Lærling",
        "programomraade_kode": "ELELE3----",
        "programomraade_navn": "Elektrikerfaget",
        "kontrakt_start": "01.08.2024",
        "kontrakt_slutt": "",
        "avbrudd": "N",
        "avslutningskode": "",
        "laerebedrift_orgnr": COMPANY,
        "laerebedrift_navn": "Fjordkraft Elektro AS",
        "laerebedrift_nlr": "J",
        "opplaeringskontor_orgnr": "",
        "opplaeringskontor_navn": "",
        "opplaeringskontor_nor": "",
        "faglig_leder_navn": "Kari Leder",
        "faglig_leder_epost": "kari@example.no",
        "faglig_leder_mobil": "41234567",
    }
    base.update(values)
    return base


def csv_bytes(
    rows: list[dict[str, str]],
    columns: tuple[str, ...] | list[str] = COLUMNS,
    encoding: str = "utf-8",
    delimiter: str = ";",
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for values in rows:
        writer.writerow([values.get(column, "") for column in columns])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
