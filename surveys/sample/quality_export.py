"""The quality report as a spreadsheet (XLSX) or CSV file to fix in VIGO.

Every text cell that a spreadsheet could read as a formula (starting with =, +, -, @, a
tab or a carriage return) is neutralised with a leading apostrophe, so a name or address
written as "=HYPERLINK(...)" in the extract stays text. A phone number such as +4791234567
is left as it is: a spreadsheet reads it as a number at worst, never as a formula.
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

from surveys.sample.quality_report import Line

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE_LIKE = re.compile(r"[+-]?[\d ]+")


def neutralise(value: str) -> str:
    if value.startswith(FORMULA_START) and not _PHONE_LIKE.fullmatch(value):
        return "'" + value
    return value


def header() -> list[str]:
    return [
        _("Gjelder"),
        _("Person-id"),
        _("Fornavn"),
        _("Etternavn"),
        _("E-post i uttrekket"),
        _("Mobil i uttrekket"),
        _("Lærebedrift"),
        _("Opplæringskontor"),
        _("Programområde"),
        _("Problem"),
        _("Rad i uttrekket"),
    ]


def _cells(line: Line) -> list[str]:
    values = [
        line.who,
        line.person_key,
        line.first_name,
        line.last_name,
        line.email,
        line.mobile,
        line.company,
        line.office,
        line.trade,
        line.problem,
        str(line.row_number or ""),
    ]
    return [neutralise(str(value)) for value in values]


def to_csv(lines: list[Line]) -> bytes:
    """Semicolon-separated, UTF-8 with a byte-order mark, so Excel shows æ, ø and å."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    for line in lines:
        writer.writerow(_cells(line))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(lines: list[Line]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Kvalitetsrapport"))
    sheet.append(header())
    for line in lines:
        row = []
        for value in _cells(line):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # always text, never a formula or a number
            row.append(cell)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
