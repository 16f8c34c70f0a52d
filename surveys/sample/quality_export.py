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
    """A sheet per group (no valid contact, could not be reached, rejected), each with its
    header frozen, a filter on every column and columns wide enough for what they hold."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    groups = (
        ("warning", _("Mangelfull kontaktinformasjon")),
        ("unreachable", _("Kunne ikke nås")),
        ("rejected", _("Avvist fra utvalget")),
    )
    for group, title in groups:
        sheet = workbook.create_sheet(title[:31])  # Excel's limit for a sheet's name
        rows = [header()] + [_cells(line) for line in lines if line.group == group]
        for values in rows:
            sheet.append(values)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.data_type = "s"  # always text, never a formula or a number
        sheet.freeze_panes = "A2"
        last_column = get_column_letter(len(rows[0]))
        sheet.auto_filter.ref = f"A1:{last_column}{len(rows)}"
        for index, column in enumerate(zip(*rows, strict=True), start=1):
            # Room for the filter's button beside the header; a long problem text wraps
            # at 60 characters rather than making a column of 200.
            width = max(len(str(value)) for value in column) + 4
            sheet.column_dimensions[get_column_letter(index)].width = min(width, 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
