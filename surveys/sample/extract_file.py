"""Reading a VIGO extract file: CSV (`;`, UTF-8 with or without BOM, or Windows-1252 /
Latin-1) or XLSX, into rows of the columns the import needs, in a fixed order.

Anything wrong with the file as a whole is an ExtractError whose message tells an
administrator what is wrong and what to do; the import then changes nothing. A file cut
short (inside a row, a quoted field or a letter, or without the line end every line before
had) or with a row of too few or too many fields is damaged, and refused as such: read as
far as it goes, it would withdraw everyone after the damage from the sample.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

COLUMNS = (
    "person_id",
    "fodselsaar",
    "kjonn",
    "fornavn",
    "etternavn",
    "epost",
    "mobil",
    "kontrakteier",
    "kontraktstype",
    "programomraade_kode",
    "programomraade_navn",
    "kontrakt_start",
    "kontrakt_slutt",
    "avbrudd",
    "avslutningskode",
    "laerebedrift_orgnr",
    "laerebedrift_navn",
    "laerebedrift_nlr",
    "opplaeringskontor_orgnr",
    "opplaeringskontor_navn",
    "opplaeringskontor_nor",
    "faglig_leder_navn",
    "faglig_leder_epost",
    "faglig_leder_mobil",
)
# Positions in the tuples that rows() yields.
COL = {name: index for index, name in enumerate(COLUMNS)}

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (.xls)


class ExtractError(Exception):
    """The file cannot be imported; str() is the message for the administrator."""


@dataclass
class Extract:
    format: str  # "csv" or "xlsx"
    encoding: str  # for CSV; "" for XLSX
    rows: Iterator[tuple[int, tuple[str, ...]]]  # (row number in the file, values)
    estimated_rows: int


def read(content: bytes) -> Extract:
    """The extract in `content`, whose rows are read lazily (a file-level error found while
    reading them, such as a damaged XLSX part, is raised by the iterator)."""
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    if len(content) >= 2 and XLSX_MAGIC.startswith(content):
        raise _damaged_xlsx()  # the first bytes of an Excel file, and nothing more
    if content.startswith(OLE_MAGIC):
        raise ExtractError(
            _(
                "Filen er i det gamle Excel-formatet (.xls). Åpne den i Excel og lagre den "
                "som Excel-arbeidsbok (.xlsx) eller som CSV med semikolon."
            )
        )
    return _read_csv(content)


def _not_csv_or_xlsx() -> ExtractError:
    return ExtractError(
        _(
            "Filen er verken en CSV-fil eller en Excel-fil (.xlsx). Last opp uttrekket fra "
            "VIGO slik det ble levert: CSV med semikolon som skilletegn, eller .xlsx."
        )
    )


def _encoding(content: bytes) -> str:
    """The file's text encoding: UTF-8 (with or without BOM) if it decodes as such, else
    Windows-1252, else Latin-1. Checked without keeping the decoded text: a 100,000-row
    extract is 50 MB as a Python string, and the rows are decoded again as they are read."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractError(
            _(
                "Filen er lagret som UTF-16, som importen ikke kan lese. Lagre den som CSV "
                "(UTF-8) eller CSV (Windows) med semikolon, og prøv igjen."
            )
        )
    if b"\x00" in content[:65536]:
        raise _not_csv_or_xlsx()
    # utf-8-sig reads UTF-8 with or without the byte order mark, and drops the mark.
    for encoding in ("utf-8-sig", "windows-1252"):
        try:
            codecs.decode(content, encoding)
        except UnicodeDecodeError as error:
            if encoding == "utf-8-sig" and error.reason == "unexpected end of data":
                # Valid UTF-8 up to a letter cut in half at the very end: a cut file.
                raise _damaged(_("den slutter midt i et tegn")) from error
            continue
        break
    else:
        # Latin-1 has a character for every byte; Windows-1252 lacks five of them.
        encoding = "latin-1"
    # Any bytes decode as Latin-1: text with control characters is a binary file.
    sample = content[:65536].decode(encoding, errors="ignore")
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n" or "\x7f" <= ch < "\xa0")
    if controls > max(2, len(sample) // 200):
        raise _not_csv_or_xlsx()
    return encoding


def _header_positions(header: list[str]) -> list[int]:
    """For each of COLUMNS, its position in the file (any order, any letter case)."""
    names = [name.strip().lstrip("\ufeff").casefold() for name in header]
    positions = {}
    for index, name in enumerate(names):
        positions.setdefault(name, index)
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        raise ExtractError(
            _("Filen mangler disse kolonnene: %(columns)s. Ingenting er importert.")
            % {"columns": ", ".join(missing)}
        )
    return [positions[column] for column in COLUMNS]


def _damaged(detail: str) -> ExtractError:
    """A CSV file that has been cut short or whose rows do not hold together."""
    return ExtractError(
        _(
            "Filen er skadet eller ufullstendig: %(detail)s. Ingenting er importert. Last ned "
            "uttrekket fra VIGO på nytt og prøv igjen."
        )
        % {"detail": detail}
    )


def _csv_error(error: csv.Error, line: int) -> ExtractError:
    if "unexpected end of data" in str(error):
        detail = _("den slutter inne i et felt i anførselstegn (linje %(line)s)")
    else:
        detail = _("linje %(line)s kan ikke leses som CSV")
    return _damaged(detail % {"line": line})


def _check_last_line_end(content: bytes) -> None:
    """A file whose header line ends with a line end must end with the same: without it,
    the last row was cut off, and a cut file read as far as it goes would withdraw
    everyone after the cut. A CR left without its LF is a line end cut in half."""
    lf = content.find(b"\n")
    cr = content.find(b"\r", 0, lf if lf >= 0 else len(content))  # in the first line only
    if lf < 0 and cr < 0:
        return  # one line, the header alone: no rows, which the import refuses
    if cr >= 0 and (lf < 0 or cr < lf) and content[cr + 1 : cr + 2] != b"\n":
        line_end = b"\r"  # old Mac line ends
    else:
        line_end = b"\n"  # LF, or CRLF
    if content.endswith(line_end):
        return
    raise _damaged(
        _("den slutter midt i linje %(line)s, som mangler linjeskift")
        % {"line": content.count(line_end) + 1}
    )


def _read_csv(content: bytes) -> Extract:
    encoding = _encoding(content)
    end = content.find(b"\n")
    first_line = content[: end if end >= 0 else len(content)].decode(encoding)
    if ";" not in first_line:
        if "," in first_line or "\t" in first_line:
            raise ExtractError(
                _(
                    "Filen bruker ikke semikolon som skilletegn. Uttrekket skal være CSV med "
                    "semikolon (;) mellom kolonnene: lagre det som «CSV (semikolondelt)» og "
                    "prøv igjen."
                )
            )
        if not first_line.strip():
            raise ExtractError(_("Filen er tom. Ingenting er importert."))
        raise _not_csv_or_xlsx()
    _check_last_line_end(content)
    # Decoded as it is read, a block at a time. Strict: a quoted field still open at the
    # end of the file (cut inside it) or followed by anything but `;` is an error.
    text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=";", strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise _csv_error(error, reader.line_num) from error
    positions = _header_positions(header)
    estimated = content.count(b"\n")

    def rows() -> Iterator[tuple[int, tuple[str, ...]]]:
        width = len(header)
        try:
            for values in reader:
                if len(values) != width:
                    if not values or (len(values) == 1 and not values[0].strip()):
                        continue  # an empty line
                    # A field lost or one too many (a `;` in a value without quotes): the
                    # columns after it would be read as the wrong ones.
                    raise _damaged(
                        _("linje %(line)s har %(count)s felt, men overskriften har %(width)s")
                        % {"line": reader.line_num, "count": len(values), "width": width}
                    )
                row = tuple([values[p].strip() for p in positions])
                if any(row):
                    yield reader.line_num, row
        except csv.Error as error:
            raise _csv_error(error, reader.line_num) from error

    return Extract("csv", encoding.removesuffix("-sig"), rows(), estimated)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "J" if value else "N"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _damaged_xlsx() -> ExtractError:
    return ExtractError(
        _(
            "Excel-filen er skadet eller ufullstendig og kan ikke leses. Last den ned fra "
            "VIGO på nytt, eller lagre den på nytt i Excel, og prøv igjen."
        )
    )


def _read_xlsx(content: bytes) -> Extract:
    from surveys.sample import xlsx_rows

    try:
        values = xlsx_rows.rows(content)
        first = next(values, None)
    except xlsx_rows.XlsxError as error:
        raise _damaged_xlsx() from error
    if first is None:
        raise ExtractError(_("Filen har ingen rader. Ingenting er importert."))
    positions = _header_positions([_cell(name) for name in first[1]])

    def rows() -> Iterator[tuple[int, tuple[str, ...]]]:
        try:
            for number, cells in values:
                width = len(cells)
                row = tuple(_cell(cells[p]) if p < width else "" for p in positions)
                if any(row):
                    yield number, row
        except xlsx_rows.XlsxError as error:
            raise _damaged_xlsx() from error

    # The row count is not known before reading; the share of bytes would do, roughly.
    return Extract("xlsx", "", rows(), len(content) // 160)
