"""Reading the first worksheet of an XLSX file as rows of cell values, fast.

openpyxl's read-only mode takes about 48 seconds for a 100,000-row extract (2.4 million
cells); ElementTree's pull parser, which builds an element for every cell, about 15.
This module hands the sheet's XML straight to expat (the parser under ElementTree) and
keeps only the cell values, in about a third of that. python-calamine reads the same sheet
in 2.4 seconds, but holds the whole sheet in memory first (about 160 MB more for 100,000
rows, which took the import over its 400 MB budget).

Values come out as openpyxl would give them with data_only: str, int/float, bool,
datetime for numbers in a date format, None for empty cells. Formulas give their cached
value. Shared strings come stripped of surrounding whitespace (see _shared_strings).

A small file must not take the worker's memory (a 1 MB upload held 1 GB of XML in
workbook.xml and took a worker from 345 MB to 2.4 GB): every part is read as a stream
under a budget of decompressed bytes, counted as read rather than taken from the sizes
the zip declares; the central directory, the shared strings (count and characters), a
cell's text and a row's columns have limits of their own; and a document type
declaration, and so any entity trick, is refused by the parser itself in every part
and every encoding expat reads (UTF-8, UTF-16 with a byte order mark). Any of these is
an XlsxError, which the import reports as a damaged file.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from xml.parsers import expat

MAIN_URI = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Names in the small parts as expat gives them with namespace processing: "uri}local".
MAIN = f"{MAIN_URI}}}"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships}"
# Excel's built-in number formats that are dates or times.
BUILTIN_DATE_FORMATS = {*range(14, 23), *range(45, 48)}
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
EPOCH = datetime.datetime(1899, 12, 30)
CHUNK = 1 << 16
MB = 1 << 20

# Budgets of decompressed bytes, per part. A real extract's workbook, relationships and
# styles are a few kB; its sheet is 1.35 kB of XML a row with every string inline (40 MB
# for the national 30,000 rows, 135 MB for the benchmark's 100,000).
SMALL_PART_BYTES = 16 * MB
SHARED_STRINGS_BYTES = 256 * MB
SHEET_BYTES = 256 * MB
# The central directory, which zipfile reads whole when it opens the file (some 560
# bytes of memory an entry): an XLSX file has a dozen parts, 2 kB of directory.
DIRECTORY_BYTES = 1 * MB
# The shared strings table is held in memory: about 150,000 strings for the national
# extract, 500,000 for the benchmark's.
MAX_SHARED_STRINGS = 2_000_000
MAX_SHARED_CHARACTERS = 50_000_000
# Excel's own limits: characters in a cell, columns in a sheet (A to XFD).
MAX_CELL_CHARACTERS = 32_767
MAX_COLUMNS = 16_384


class XlsxError(ValueError):
    """The file is not a readable XLSX workbook."""


def _parser(namespaces: bool = False) -> expat.XMLParserType:
    """An expat parser that refuses any document type declaration (no part of an XLSX file
    has one, so entity tricks cannot reach it), whatever the part's encoding: the parser
    sees the declaration after decoding, where a search of the bytes would not. The
    sheet's and the shared strings' names come unprocessed ("c", or "x:c" where the file
    gives the main namespace a prefix): namespace processing cost a second per 100,000
    rows, so the prefix is read once from the root element (_prefix). The small parts,
    read once, have their names as "uri}local" (`namespaces`)."""
    parser = expat.ParserCreate(namespace_separator="}" if namespaces else None)
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args):
        raise XlsxError("DTD in workbook part")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _open_part(archive: zipfile.ZipFile, name: str):
    info = archive.getinfo(name)
    if info.flag_bits & 0x1:
        raise XlsxError(f"{name}: encrypted")
    # OOXML allows only these two; bzip2 and LZMA would decompress a whole read unbounded.
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise XlsxError(f"{name}: compression method {info.compress_type}")
    return archive.open(info)


def _parse_part(
    parser: expat.XMLParserType, archive: zipfile.ZipFile, name: str, budget: int
) -> Iterator[None]:
    """Feeds the part to the parser a block at a time, yielding after each block; an
    XlsxError once more than `budget` bytes have come out of the decompressor."""
    read = 0
    with _open_part(archive, name) as stream:
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            if read > budget:
                raise XlsxError(f"{name}: more than {budget} bytes")
            parser.Parse(chunk, False)
            yield
    parser.Parse(b"", True)
    yield


def _read_small_part(archive: zipfile.ZipFile, name: str, start, end=None) -> None:
    """Parses a small part with `start(name, attrs)` and `end(name)` for each element
    (names, and the attributes' names, as "uri}local")."""
    parser = _parser(namespaces=True)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    for _block in _parse_part(parser, archive, name, SMALL_PART_BYTES):
        pass


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    rel_ids: list[str] = []

    def sheet(name: str, attrs: dict) -> None:
        if name == f"{MAIN}sheet" and not rel_ids:
            rel_ids.append(attrs.get(f"{REL}id", ""))

    _read_small_part(archive, "xl/workbook.xml", sheet)
    if not rel_ids:
        raise XlsxError("no worksheet")
    targets: list[str] = []

    def relationship(name: str, attrs: dict) -> None:
        if name == f"{PACKAGE_REL}Relationship" and attrs.get("Id") == rel_ids[0] and not targets:
            targets.append(attrs.get("Target", ""))

    _read_small_part(archive, "xl/_rels/workbook.xml.rels", relationship)
    if not targets:
        raise XlsxError("worksheet not found")
    target = targets[0]
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _prefix(name: str, attrs: dict, root: str) -> str:
    """The prefix ("" or "x:") of the main namespace, from the part's root element."""
    prefix, _colon, local = name.rpartition(":")
    declared = attrs.get(f"xmlns:{prefix}" if prefix else "xmlns")
    if local != root or declared != MAIN_URI:
        raise XlsxError(f"not a {root} part")
    return f"{prefix}:" if prefix else ""


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The shared strings table, read as a stream: plain text is one <t>; rich text is
    runs <r><t>; phonetic hints (<rPh><t>) are not text.

    Each string is stripped here, once: the import strips every value it reads, and a
    copy stripped for each cell would turn one string shared by a million cells into a
    million strings (a few MB of file into gigabytes)."""
    try:
        archive.getinfo("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings: list[str] = []
    parts: list[str] = []
    parser = _parser()

    def root(name, attrs):
        prefix = _prefix(name, attrs, "sst")
        item, text, phonetic = f"{prefix}si", f"{prefix}t", f"{prefix}rPh"
        state = {"text": False, "phonetic": 0}

        def start(name, _attrs):
            if name == text:
                state["text"] = not state["phonetic"]
            elif name == phonetic:
                state["phonetic"] += 1

        def end(name):
            if name == text:
                state["text"] = False
            elif name == phonetic:
                state["phonetic"] -= 1
            elif name == item:
                strings.append("".join(parts).strip())
                parts.clear()

        def characters(data):
            if state["text"]:
                parts.append(data)

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = characters

    parser.StartElementHandler = root
    total = counted = 0
    blocks = _parse_part(parser, archive, "xl/sharedStrings.xml", SHARED_STRINGS_BYTES)
    for _block in blocks:
        # Checked a block at a time, not a string at a time: the same bound, no cost per string.
        total += sum(map(len, strings[counted:]))
        counted = len(strings)
        pending = sum(map(len, parts))
        if counted > MAX_SHARED_STRINGS or total + pending > MAX_SHARED_CHARACTERS:
            raise XlsxError("shared strings over their limits")
        if pending > MAX_CELL_CHARACTERS:
            raise XlsxError("a shared string over Excel's limit for a cell")
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell formats (the `s` attribute) that show a date or time."""
    try:
        archive.getinfo("xl/styles.xml")
    except KeyError:
        return set()
    custom_dates: set[int] = set()
    formats: list[int] = []  # the number format of each cell format (cellXfs), in order
    depth = {"cellXfs": 0}

    def start(name: str, attrs: dict) -> None:
        if name == f"{MAIN}numFmt":
            code = _QUOTED.sub("", attrs.get("formatCode", ""))
            if _DATE_CODE.search(code):
                custom_dates.add(int(attrs.get("numFmtId", "0")))
        elif name == f"{MAIN}cellXfs":
            depth["cellXfs"] += 1
        elif name == f"{MAIN}xf" and depth["cellXfs"]:
            formats.append(int(attrs.get("numFmtId", "0")))

    def end(name: str) -> None:
        if name == f"{MAIN}cellXfs":
            depth["cellXfs"] -= 1

    _read_small_part(archive, "xl/styles.xml", start, end)
    dates = BUILTIN_DATE_FORMATS | custom_dates
    return {index for index, number in enumerate(formats) if number in dates}


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char.upper()) - 64
    return index - 1


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        return float(text)


# What reading a damaged or hostile file can raise, besides XlsxError (a ValueError).
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    OSError,
    EOFError,
    expat.ExpatError,
    ValueError,
    IndexError,
)


def rows(content: bytes) -> Iterator[tuple[int, tuple]]:
    """The first worksheet's rows as (row number, cell values); empty cells are None and
    rows with no cells are left out."""
    try:
        _check_directory(content)
        archive = zipfile.ZipFile(io.BytesIO(content))
        sheet_path = _first_sheet_path(archive)
        archive.getinfo(sheet_path)
        strings = _shared_strings(archive)
        date_styles = _date_styles(archive)
    except _READ_ERRORS as error:
        raise XlsxError(str(error)) from error
    return _sheet_rows(archive, sheet_path, strings, date_styles)


def _check_directory(content: bytes) -> None:
    """zipfile reads the whole central directory into memory when it opens a file, about
    560 bytes for each entry: 88 MB listing a million empty entries took 560 MB. The size
    is checked first, from the end record as zipfile itself finds it (zip64 too)."""
    end = zipfile._EndRecData(io.BytesIO(content))  # noqa: SLF001 - zipfile's own reading
    if end is not None and end[zipfile._ECD_SIZE] > DIRECTORY_BYTES:  # noqa: SLF001
        raise XlsxError("central directory over its limit")


def _sheet_handlers(prefix: str, strings: list[str], date_styles: set[int], done: list):
    """The expat handlers for a worksheet: each finished <row> is appended to `done` as
    (row number, cell values). About two and a half million cells pass through them in a
    100,000-row extract, so they are closures over locals, and do as little as they can."""
    row_tag, cell_tag = f"{prefix}row", f"{prefix}c"
    value_tag, text_tag, phonetic_tag = f"{prefix}v", f"{prefix}t", f"{prefix}rPh"
    date_style_texts = {str(style) for style in date_styles}
    columns: dict[str, int] = {}  # "AB" -> 27, learnt as met
    cells: list = []
    parts: list[str] = []
    kind = style = None
    collecting = False
    phonetic = 0
    number = 0

    def start(name: str, attrs: dict) -> None:
        nonlocal kind, style, collecting, phonetic, number, cells
        if name == cell_tag:
            reference = attrs.get("r")
            if reference:
                letters = reference.rstrip("0123456789")
                position = columns.get(letters)
                if position is None:
                    position = _column_index(letters)
                    if position >= MAX_COLUMNS or len(letters) > 3:
                        # Past Excel's last column: "ZZZZZZ1" alone would make a row of
                        # 300 million cells.
                        raise XlsxError(f"cell {reference} past the last column")
                    columns[letters] = position
                if position > len(cells):
                    cells.extend([None] * (position - len(cells)))
            kind = attrs.get("t", "n")
            style = attrs.get("s")
            parts.clear()
        elif name == value_tag:
            collecting = True
        elif name == text_tag:
            # Inline strings: <is><t>, or runs <is><r><t>; not the phonetic hints.
            collecting = not phonetic
        elif name == row_tag:
            given = attrs.get("r")
            number = int(given) if given else number + 1
            cells = []
        elif name == phonetic_tag:
            phonetic += 1

    def end(name: str) -> None:
        nonlocal collecting, phonetic
        if name == cell_tag:
            cells.append(value() if parts else None)
        elif name in (value_tag, text_tag):
            collecting = False
        elif name == row_tag:
            done.append((number, tuple(cells)))
        elif name == phonetic_tag:
            phonetic -= 1

    def characters(data: str) -> None:
        if collecting:
            parts.append(data)

    def value():
        text = "".join(parts)
        if kind == "s":
            return strings[int(text)]
        if kind in ("inlineStr", "str", "e"):
            return text
        if kind == "b":
            return text == "1"
        number = _number(text)
        if style in date_style_texts:
            # To the millisecond, as Excel stores them.
            return EPOCH + datetime.timedelta(milliseconds=round(number * 86_400_000))
        return number

    def pending() -> tuple[int, int]:
        """The cells of the row being read, and the characters of the cell being read."""
        return len(cells), sum(map(len, parts))

    return start, end, characters, pending


def _sheet_rows(archive, sheet_path, strings, date_styles) -> Iterator[tuple[int, tuple]]:
    done: list[tuple[int, tuple]] = []
    parser = _parser()
    handlers = []

    def root(name, attrs):
        prefix = _prefix(name, attrs, "worksheet")
        handlers[:] = _sheet_handlers(prefix, strings, date_styles, done)
        parser.StartElementHandler, parser.EndElementHandler = handlers[:2]
        parser.CharacterDataHandler = handlers[2]

    parser.StartElementHandler = root
    try:
        with archive:
            for _block in _parse_part(parser, archive, sheet_path, SHEET_BYTES):
                # A block at a time, off the handlers' path: one row or one cell without
                # end would otherwise grow until the sheet's budget.
                cells, characters = handlers[3]() if handlers else (0, 0)
                if cells > MAX_COLUMNS or characters > MAX_CELL_CHARACTERS:
                    raise XlsxError("a row or a cell over Excel's limits")
                yield from done
                done.clear()
    except _READ_ERRORS as error:
        raise XlsxError(str(error)) from error
