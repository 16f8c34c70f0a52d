"""XLSX files made to exhaust the worker's memory or to smuggle entities in: each is
refused with the damaged-file message, changes nothing, and the reading stays within a
bounded amount of memory (measured in a process of its own)."""

import datetime
import io
import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from surveys.models import Participant, RejectedRow, SampleImport
from surveys.sample import extract_file, xlsx_rows
from surveys.sample.extract_file import COLUMNS, ExtractError
from surveys.sample.importing import import_extract
from tests.sample_helpers import csv_bytes, open_round, row, xlsx_bytes

ROOT = Path(__file__).resolve().parents[3]
DAMAGED = "skadet eller ufullstendig"
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MB = 1 << 20


def _extract(rows: int = 1) -> bytes:
    """A small extract as Excel saves it: a shared strings table, and styles with a date
    format for the contract's start (written by XlsxWriter; openpyxl writes inline)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Uttrekk")
    day = workbook.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, COLUMNS)
    start = COLUMNS.index("kontrakt_start")
    for number in range(1, rows + 1):
        sheet.write_row(number, 0, [row(person_id=f"P{number}")[c] for c in COLUMNS])
        sheet.write_datetime(number, start, datetime.datetime(2024, 8, 1), day)
    workbook.close()
    return buffer.getvalue()


def _values(content: bytes) -> list[tuple]:
    return [cells for _number, cells in xlsx_rows.rows(content)]


def _rebuilt(content: bytes, part: str, chunks, path: Path | None = None) -> bytes | Path:
    """The file with `part` replaced by the bytes `chunks` yields, compressed as they come
    (so a bomb of hundreds of MB is never held in memory), to `path` or as bytes."""
    source = zipfile.ZipFile(io.BytesIO(content))
    target = path or io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        names = [item.filename for item in source.infolist()]
        for name in names if part in names else [*names, part]:
            if name == part:
                with archive.open(name, "w", force_zip64=True) as stream:
                    for chunk in chunks:
                        stream.write(chunk)
            else:
                archive.writestr(source.getinfo(name), source.read(name))
    return path or target.getvalue()


def _part(content: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(content)).read(name)


def _padded(xml: bytes, filler: bytes, size: int):
    """`xml` with `size` bytes of `filler` right after its root element's start tag."""
    at = xml.index(b">", re.search(rb"<[A-Za-z]", xml).start()) + 1
    yield xml[:at]
    block = filler * (MB // len(filler))
    for _ in range(size // len(block)):
        yield block
    yield xml[at:]


def _giant_text(head: bytes, tail: bytes, size: int):
    yield head
    for _ in range(size // MB):
        yield b"a" * MB
    yield tail


SHEET = b'<worksheet xmlns="%s"><sheetData><row r="1">' % MAIN
SST = b'<sst xmlns="%s">' % MAIN
BOMB = 64 * MB


def _bombs():
    """Each a file whose parts decompress to far more than any extract (or, for the last,
    a cell that would make a row of 300 million cells)."""
    base = _extract()
    workbook, styles = _part(base, "xl/workbook.xml"), _part(base, "xl/styles.xml")
    rels = _part(base, "xl/_rels/workbook.xml.rels")
    sheet = "xl/worksheets/sheet1.xml"
    return {
        # Blank space: what the parser gets through fastest, so the test is quick.
        "workbook.xml": (base, "xl/workbook.xml", lambda: _padded(workbook, b" ", BOMB)),
        "styles.xml": (base, "xl/styles.xml", lambda: _padded(styles, b" ", BOMB)),
        "workbook.xml.rels": (
            base,
            "xl/_rels/workbook.xml.rels",
            lambda: _padded(rels, b" ", BOMB),
        ),
        "one long shared string": (
            base,
            "xl/sharedStrings.xml",
            lambda: _giant_text(SST + b"<si><t>", b"</t></si></sst>", BOMB),
        ),
        "many shared strings": (
            base,
            "xl/sharedStrings.xml",
            lambda: _padded(SST + b"<si><t>x</t></si></sst>", b"<si/>", BOMB),
        ),
        "one long cell": (
            base,
            sheet,
            lambda: _giant_text(
                SHEET + b'<c r="A1" t="inlineStr"><is><t>',
                b"</t></is></c></row></sheetData></worksheet>",
                BOMB,
            ),
        ),
        "a cell in column ZZZZZZ": (
            base,
            sheet,
            lambda: iter([SHEET + b'<c r="ZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>']),
        ),
    }


# Runs in a process of its own, with its address space capped so that a reader without
# limits fails (MemoryError) rather than takes the machine's memory.
_MEASURE = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    import django
    django.setup()
    from surveys.sample import extract_file

    def peak_kb():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])

    content = open(sys.argv[1], "rb").read()
    before = peak_kb()
    try:
        rows = len(list(extract_file.read(content).rows))
        message = f"read {rows} rows"
    except extract_file.ExtractError as error:
        message = str(error)
    except MemoryError:
        message = "MemoryError"
    print(json.dumps({"message": message, "grew_mb": (peak_kb() - before) / 1024}))
    """
)


@pytest.mark.parametrize("bomb", list(_bombs()))
def test_a_zip_bomb_in_any_part_is_refused_as_damaged_within_bounded_memory(tmp_path, bomb):
    content, part, chunks = _bombs()[bomb]
    path = _rebuilt(content, part, chunks(), tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 2 * MB
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "laerling.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert DAMAGED in result["message"], result
    # The file's 64 MB of XML, or a list of 300 million cells, never come into memory.
    assert result["grew_mb"] < 40, result


@pytest.mark.django_db
def test_a_bomb_changes_nothing(monkeypatch):
    round_ = open_round(2026)
    import_extract(csv_bytes([row(person_id="A")]), round_=round_, file_name="first.csv")
    before = (list(Participant.objects.values()), SampleImport.objects.count())
    rejected = RejectedRow.objects.count()
    monkeypatch.setattr(xlsx_rows, "SMALL_PART_BYTES", 64 * 1024)
    base = _extract()
    bomb = _rebuilt(base, "xl/styles.xml", _padded(_part(base, "xl/styles.xml"), b"<x/>", MB))
    with pytest.raises(ExtractError, match=DAMAGED):
        import_extract(bomb, round_=round_, file_name="bomb.xlsx")
    assert (list(Participant.objects.values()), SampleImport.objects.count()) == before
    assert RejectedRow.objects.count() == rejected


def test_each_part_is_read_within_its_budget_of_decompressed_bytes(monkeypatch):
    content = _extract(rows=40)
    sizes = {
        item.filename: item.file_size for item in zipfile.ZipFile(io.BytesIO(content)).infolist()
    }
    assert len(_values(content)) == 41
    for budget, part in [
        ("SMALL_PART_BYTES", "xl/styles.xml"),
        ("SHARED_STRINGS_BYTES", "xl/sharedStrings.xml"),
        ("SHEET_BYTES", "xl/worksheets/sheet1.xml"),
    ]:
        with monkeypatch.context() as patched:
            patched.setattr(xlsx_rows, budget, sizes[part])
            assert len(_values(content)) == 41  # exactly the budget: read
            patched.setattr(xlsx_rows, budget, sizes[part] - 1)
            with pytest.raises(xlsx_rows.XlsxError):
                _values(content)


def test_the_shared_strings_are_limited_in_count_and_in_characters(monkeypatch):
    content = _extract()
    assert _values(content)
    table = xlsx_rows._shared_strings(zipfile.ZipFile(io.BytesIO(content)))
    strings, characters = len(table), sum(map(len, table))
    assert strings > 20
    monkeypatch.setattr(xlsx_rows, "MAX_SHARED_STRINGS", strings - 1)
    with pytest.raises(xlsx_rows.XlsxError):
        _values(content)
    monkeypatch.setattr(xlsx_rows, "MAX_SHARED_STRINGS", strings)
    monkeypatch.setattr(xlsx_rows, "MAX_SHARED_CHARACTERS", characters // 2)
    with pytest.raises(xlsx_rows.XlsxError):
        _values(content)


def test_a_shared_string_is_stripped_once_so_cells_sharing_it_share_one_string():
    base = xlsx_bytes([["a", "b"], ["c", "d"]])
    padded = " " + "x" * 1000 + " "
    sst = SST + b"<si><t xml:space='preserve'>%s</t></si></sst>" % padded.encode()
    content = _rebuilt(base, "xl/sharedStrings.xml", iter([sst]))
    content = _rebuilt(
        content,
        "xl/worksheets/sheet1.xml",
        iter([SHEET + b'<c t="s"><v>0</v></c>' * 3 + b"</row></sheetData></worksheet>"]),
    )
    (cells,) = _values(content)
    assert cells == ("x" * 1000,) * 3
    assert len({id(cell) for cell in cells}) == 1


def test_a_zip_listing_more_entries_than_any_workbook_has_is_refused_as_damaged():
    base = io.BytesIO(_extract())
    with zipfile.ZipFile(base, "a") as archive:
        for number in range(20_000):
            archive.writestr(f"customXml/item{number:05}-{'x' * 40}.xml", b"")
    with pytest.raises(ExtractError, match=DAMAGED):
        list(extract_file.read(base.getvalue()).rows)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "lzma"])
def test_a_part_compressed_other_than_by_deflate_is_refused(method):
    # bzip2 and LZMA decompress a whole read at once: a few kB could become gigabytes.
    source = zipfile.ZipFile(io.BytesIO(_extract()))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for item in source.infolist():
            archive.writestr(item.filename, source.read(item.filename), compress_type=method)
    with pytest.raises(ExtractError, match=DAMAGED):
        list(extract_file.read(target.getvalue()).rows)


# Document type declarations: refused by the parser, so in any encoding.

PARTS = [
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml",
]
ENCODINGS = {
    "utf-8": ("UTF-8", b"", "utf-8"),
    "utf-16-le": ("UTF-16", b"\xff\xfe", "utf-16-le"),
    "utf-16-be": ("UTF-16", b"\xfe\xff", "utf-16-be"),
}
ENTITIES = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'


def _reencoded(xml: bytes, encoding: str, doctype: str = "") -> bytes:
    name, bom, codec = ENCODINGS[encoding]
    text = re.sub(r"^<\?xml[^>]*\?>", "", xml.decode("utf-8"))
    return bom + f'<?xml version="1.0" encoding="{name}"?>{doctype}{text}'.encode(codec)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("part", PARTS)
def test_a_document_type_declaration_is_refused_in_every_part_and_encoding(part, encoding):
    content = _extract()
    expected = _values(content)
    xml = _part(content, part)
    plain = _rebuilt(content, part, iter([_reencoded(xml, encoding)]))
    assert _values(plain) == expected  # the part in this encoding reads as it did
    declared = _rebuilt(content, part, iter([_reencoded(xml, encoding, ENTITIES)]))
    with pytest.raises(ExtractError, match=DAMAGED):
        list(extract_file.read(declared).rows)
