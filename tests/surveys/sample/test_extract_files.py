"""Extract files: CSV in its encodings, XLSX, and every broken file an administrator may
upload, each with a clear message and the database left as it was; the command's exit
status and JSON report."""

import contextlib
import datetime
import io
import json

import pytest
from django.core.management import ManagementUtility

from accounts.models import AuditEvent, Organisation
from surveys.models import Participant, RejectedRow, Round, SampleImport
from surveys.rounds import schedule
from surveys.rounds.creation import create_rounds, questionnaire_for
from surveys.sample import extract_file
from surveys.sample.extract_file import COLUMNS
from surveys.sample.importing import ExtractError, import_extract
from tests.sample_helpers import COMPANY, csv_bytes, open_round, row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return open_round(2026)


def _state():
    return (
        list(Participant.objects.order_by("pk").values()),
        SampleImport.objects.count(),
        RejectedRow.objects.count(),
        Organisation.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def imported_before(round_):
    """A sample already there, which a broken file must leave as it is."""
    import_extract(csv_bytes([row(person_id="A")]), round_=round_, file_name="first.csv")
    return _state()


def _refused(round_, content: bytes) -> str:
    with pytest.raises(ExtractError) as raised:
        import_extract(content, round_=round_, file_name="broken")
    return str(raised.value)


def _full_xlsx(values: dict) -> bytes:
    return xlsx_bytes([list(COLUMNS), [values[column] for column in COLUMNS]])


def test_a_windows_1252_file_with_ae_oe_aa_imports_correctly(round_):
    content = csv_bytes(
        [row(fornavn="Ærlend Øystein", etternavn="Åsmundsen", programomraade_navn="Tømrerfaget")],
        encoding="cp1252",
    )
    assert "Æ".encode("cp1252") in content
    report, _entry = import_extract(content, round_=round_, file_name="vigo.csv")
    participant = Participant.objects.get(round=round_)
    assert (participant.first_name, participant.last_name) == ("Ærlend Øystein", "Åsmundsen")
    assert participant.trade_name == "Tømrerfaget" and report.in_sample == 1


def test_a_utf8_file_with_a_byte_order_mark_imports_correctly(round_):
    content = "\ufeff".encode() + csv_bytes([row(fornavn="Ørjan")])
    import_extract(content, round_=round_, file_name="vigo.csv")
    assert Participant.objects.get(round=round_).first_name == "Ørjan"


def test_an_xlsx_file_imports_with_its_dates_and_numbers_as_cells(round_):
    values = row(
        kontrakt_start=datetime.datetime(2024, 8, 1),
        kontrakt_slutt=datetime.date(2028, 6, 30),
        mobil=91234567,
        fodselsaar=2005,
        kontrakteier=46,
        laerebedrift_orgnr=int(COMPANY),
        fornavn="Åse",
    )
    report, _entry = import_extract(_full_xlsx(values), round_=round_, file_name="vigo.xlsx")
    participant = Participant.objects.get(round=round_)
    assert report.in_sample == 1 and report.file_format == "xlsx"
    assert participant.contract_start == datetime.date(2024, 8, 1)
    assert participant.contract_end == datetime.date(2028, 6, 30)
    assert participant.mobile == "+4791234567" and participant.company.orgnr == COMPANY


def test_a_truncated_xlsx_is_refused_as_damaged(round_, imported_before):
    content = _full_xlsx(row())
    message = _refused(round_, content[: len(content) // 2])
    assert "skadet eller ufullstendig" in message
    assert _state() == imported_before


DAMAGED = "skadet eller ufullstendig"


def _read_all(content: bytes) -> list[tuple[int, tuple[str, ...]]]:
    return list(extract_file.read(content).rows)


def test_a_csv_cut_in_the_middle_of_a_row_is_refused_as_damaged_and_changes_nothing(round_):
    rows = [row(person_id=f"P{n}") for n in range(10)]
    import_extract(csv_bytes(rows), round_=round_, file_name="hel.csv")
    before = _state()
    content = csv_bytes(rows)
    cut = content[: content.index(b"P7;") + 20]  # the first 7 rows and part of the 8th
    message = _refused(round_, cut)
    assert DAMAGED in message and "linje 9" in message
    assert _state() == before


# A file with what makes CSV hard: quoted fields holding the delimiter, a quote and a line
# break, letters of two bytes in UTF-8, an empty last field.
_AWKWARD = [
    row(person_id="A", fornavn="Åse; Ørjan", etternavn='Ødegård "Bamse"'),
    row(person_id="B", laerebedrift_navn="Fjord\r\nkraft AS", faglig_leder_mobil=""),
    row(person_id="C", fornavn="Ærlend", faglig_leder_navn="Kari Ås"),
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_csv_cut_anywhere_is_refused_or_reads_exactly_the_whole_rows_before_the_cut(encoding):
    content = csv_bytes(_AWKWARD, encoding=encoding)
    whole = _read_all(content)
    assert [values[0] for _line, values in whole] == ["A", "B", "C"]
    # Where a row ends (as csv.writer wrote it, each row ends with CRLF outside quotes).
    ends = {}
    for count in range(len(_AWKWARD) + 1):
        prefix = csv_bytes(_AWKWARD[:count], encoding=encoding)
        ends[len(prefix)] = count
    header_end = min(ends)
    for length in range(1, len(content)):
        cut = content[:length]
        if length in ends:
            assert _read_all(cut) == whole[: ends[length]], length
        elif length < header_end:
            # A header cut short is refused, or whole but for its line end: no rows
            # (which the import refuses as a file without data rows).
            with contextlib.suppress(ExtractError):
                assert _read_all(cut) == [], length
        else:
            with pytest.raises(ExtractError) as raised:
                _read_all(cut)
            assert DAMAGED in str(raised.value), (length, cut[-20:], str(raised.value))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda line: line.rpartition(b";")[0], "linje 3 har 23 felt"),  # a field short
        (lambda line: line.replace(b"Elektro AS", b"Elek;tro AS"), "linje 3 har 25 felt"),
        # A quoted field with something after its closing quote.
        (lambda line: line.replace(b"Fjordkraft Elektro AS", b'"Fjordkraft"x'), "linje 3"),
    ],
    ids=["a field short", "a field too many", "text after a closing quote"],
)
def test_a_row_with_too_few_or_too_many_fields_is_refused_as_damaged(
    round_, imported_before, change, words
):
    lines = csv_bytes([row(person_id="A"), row(person_id="B"), row(person_id="C")]).split(b"\r\n")
    lines[2] = change(lines[2])
    message = _refused(round_, b"\r\n".join(lines))
    assert DAMAGED in message and words in message, message
    assert _state() == imported_before


def test_a_csv_ending_in_half_a_line_end_is_damaged_but_one_with_lf_line_ends_is_whole():
    content = csv_bytes([row(person_id="A")])
    with pytest.raises(ExtractError, match=DAMAGED):
        _read_all(content[:-1])  # CR without its LF
    assert len(_read_all(content.replace(b"\r\n", b"\n"))) == 1
    with pytest.raises(ExtractError, match=DAMAGED):
        _read_all(content.replace(b"\r\n", b"\n")[:-1])


def test_an_xlsx_cut_anywhere_is_refused_as_damaged():
    content = _full_xlsx(row())
    lengths = {*range(2, 40), *range(40, len(content), 97), *range(len(content) - 60, len(content))}
    for length in sorted(lengths):
        with pytest.raises(ExtractError) as raised:
            _read_all(content[:length])
        assert DAMAGED in str(raised.value), (length, str(raised.value))


def test_an_xlsx_whose_compressed_sheet_is_garbled_is_refused_as_damaged(round_, imported_before):
    import zipfile

    content = bytearray(_full_xlsx(row()))
    info = zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + info.compress_size - 10, 7):
        content[offset] ^= 0x5A
    assert DAMAGED in _refused(round_, bytes(content))
    assert _state() == imported_before


def test_a_file_with_more_rows_than_any_extract_is_refused(round_, imported_before, monkeypatch):
    from surveys.sample import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    rows = [row(person_id=f"P{n}") for n in range(4)]
    assert "flere enn 3 rader" in _refused(round_, csv_bytes(rows))
    assert _state() == imported_before
    report, _entry = import_extract(
        csv_bytes(rows[:3]), round_=round_, file_name="3.csv", withdrawals_confirmed=True
    )
    assert report.rows == 3


def test_a_binary_file_is_refused_as_neither_csv_nor_xlsx(round_, imported_before):
    message = _refused(round_, bytes(range(256)) * 40)
    assert "verken en CSV-fil eller en Excel-fil" in message
    assert _state() == imported_before


def test_random_bytes_without_nul_are_refused_too(round_, imported_before):
    import random

    noise = bytes(random.Random(1).randrange(1, 256) for _ in range(5000))
    assert "verken en CSV-fil eller en Excel-fil" in _refused(round_, noise)
    assert _state() == imported_before


def test_a_comma_separated_file_is_refused_with_how_to_save_it(round_, imported_before):
    message = _refused(round_, csv_bytes([row()], delimiter=","))
    assert "semikolon" in message
    assert _state() == imported_before


def test_missing_columns_are_all_named(round_, imported_before):
    columns = [c for c in COLUMNS if c not in ("epost", "kontrakt_start", "faglig_leder_navn")]
    message = _refused(round_, csv_bytes([row()], columns=columns))
    assert "epost, kontrakt_start, faglig_leder_navn" in message
    assert _state() == imported_before


def test_a_file_with_only_the_header_has_no_data_rows(round_, imported_before):
    assert "ingen datarader" in _refused(round_, csv_bytes([]))
    assert "ingen datarader" in _refused(round_, xlsx_bytes([list(COLUMNS)]))
    assert _state() == imported_before


def test_an_empty_file_is_refused(round_, imported_before):
    assert "tom" in _refused(round_, b"")
    assert _state() == imported_before


def test_a_utf16_file_is_refused_with_how_to_save_it(round_, imported_before):
    content = csv_bytes([row()]).decode().encode("utf-16")
    assert "UTF-16" in _refused(round_, content)
    assert _state() == imported_before


def test_an_old_xls_file_is_refused_with_how_to_save_it(round_, imported_before):
    assert ".xlsx" in _refused(round_, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert _state() == imported_before


def test_a_closed_round_takes_no_import(imported_before):
    create_rounds(2025)  # default dates: closed since 1 November 2025
    closed = Round.objects.get(survey="apprentice", year=2025)
    before = _state()
    message = _refused(closed, csv_bytes([row()]))
    assert "er avsluttet" in message
    assert _state() == before


def test_a_missing_supervisor_round_is_named(db):
    alone = Round.objects.create(
        survey="apprentice",
        year=2027,
        questionnaire=questionnaire_for("apprentice", 2027),
        **schedule.default_dates(2027),
    )
    assert "Faglig leder-undersøkelsen 2027 finnes ikke" in _refused(alone, csv_bytes([row()]))
    assert not Participant.objects.exists()


# The command.


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """A command run from the command line closes the database connections when it ends;
    here that would close the connection holding the test's transaction."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def _command(*argv):
    try:
        ManagementUtility(["manage.py", "import_extract", *argv]).execute()
    except SystemExit as exit:
        return exit.code
    return 0


def test_the_command_prints_one_json_object_with_the_counts(round_, tmp_path, capsys):
    path = tmp_path / "uttrekk.csv"
    path.write_bytes(
        csv_bytes(
            [
                row(person_id="A"),
                row(person_id="B", epost="", mobil=""),
                row(person_id="C", avbrudd="J"),
                row(person_id="C"),
            ]
        )
    )
    assert _command(str(path), "--round", "2026", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert {key: report[key] for key in ("rows", "in_sample", "rejected", "warnings")} == {
        "rows": 4,
        "in_sample": 2,
        "rejected": {"interrupted": 1, "duplicate": 1},
        "warnings": {"no_contact": 1},
    }
    assert (report["added"], report["updated"], report["withdrawn"], report["unchanged"]) == (
        2,
        0,
        0,
        0,
    )
    assert report["supervisors"] == 1


def test_the_command_dry_run_reports_and_changes_nothing(round_, tmp_path, capsys):
    path = tmp_path / "uttrekk.csv"
    path.write_bytes(csv_bytes([row()]))
    assert _command(str(path), "--round", "2026", "--dry-run", "--json") == 0
    assert json.loads(capsys.readouterr().out)["added"] == 1
    assert not Participant.objects.exists() and not SampleImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"person_id,fornavn\n1,Ola\n", "semikolon"),
        (bytes(range(256)), "verken en CSV-fil"),
        (b"person_id;fornavn\n1;Ola\n", "mangler disse kolonnene"),
    ],
)
def test_the_command_exits_with_status_2_and_the_message_on_stderr(
    round_, tmp_path, capsys, content, words
):
    path = tmp_path / "uttrekk.csv"
    path.write_bytes(content)
    assert _command(str(path), "--round", "2026") == 2
    captured = capsys.readouterr()
    assert words in captured.err and captured.out == ""
    assert not Participant.objects.exists()


def test_the_command_refuses_a_cut_extract_with_status_2_and_changes_nothing(
    round_, tmp_path, capsys
):
    rows = [row(person_id=f"P{n}") for n in range(30)]
    import_extract(csv_bytes(rows), round_=round_, file_name="hel.csv")
    before = _state()
    path = tmp_path / "uttrekk.csv"
    content = csv_bytes(rows)
    path.write_bytes(content[: content.index(b"P11;") + 40])
    assert _command(str(path), "--round", "2026") == 2
    captured = capsys.readouterr()
    assert DAMAGED in captured.err and captured.out == ""
    assert _state() == before


def test_the_command_refuses_withdrawing_more_than_the_share_unless_confirmed(
    round_, tmp_path, capsys
):
    rows = [row(person_id=f"P{n}") for n in range(10)]
    import_extract(csv_bytes(rows), round_=round_, file_name="hel.csv")
    before = _state()
    path = tmp_path / "ett-fylke.csv"
    path.write_bytes(csv_bytes(rows[:6]))

    assert _command(str(path), "--round", "2026") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "trukket ut 4 av de 10 i utvalget (40 %)" in captured.err
    assert "trukket ut: 4, tatt inn igjen: 0, uendret: 6" in captured.err
    assert "--confirm-withdrawals" in captured.err
    assert _state() == before

    assert _command(str(path), "--round", "2026", "--json") == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert (report["withdrawn"], report["sample_before"], report["confirmation_needed"]) == (
        4,
        10,
        True,
    )
    assert "--confirm-withdrawals" in captured.err
    assert _state() == before

    assert _command(str(path), "--round", "2026", "--dry-run") == 0
    assert "--confirm-withdrawals" in capsys.readouterr().out
    assert _state() == before

    assert _command(str(path), "--round", "2026", "--confirm-withdrawals") == 0
    assert "trukket ut: 4" in capsys.readouterr().out
    assert Participant.objects.filter(round=round_).active().count() == 6


def test_the_command_counts_those_taken_back_in_on_their_own(round_, tmp_path, capsys):
    rows = [row(person_id=f"P{n}") for n in range(10)]
    import_extract(csv_bytes(rows), round_=round_, file_name="hel.csv")
    import_extract(csv_bytes(rows[:9]), round_=round_, file_name="ni.csv")
    path = tmp_path / "uttrekk.csv"
    path.write_bytes(csv_bytes(rows))
    assert _command(str(path), "--round", "2026") == 0
    assert "endret: 0, trukket ut: 0, tatt inn igjen: 1, uendret: 9" in capsys.readouterr().out
    import_extract(csv_bytes(rows[:9]), round_=round_, file_name="ni.csv")
    assert _command(str(path), "--round", "2026", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["updated"], report["taken_back"]) == (0, 1)


def test_the_command_names_a_year_without_a_round(db, tmp_path, capsys):
    path = tmp_path / "uttrekk.csv"
    path.write_bytes(csv_bytes([row()]))
    assert _command(str(path), "--round", "2031") == 2
    assert "ingen gjennomføring" in capsys.readouterr().err


def test_the_xlsx_reader_gives_what_openpyxl_gives():
    import io

    from openpyxl import Workbook, load_workbook

    from surveys.sample import xlsx_rows

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["tekst", "tall", "desimal", "dato", "tid", "tom", "sann", "æøå & <>"])
    sheet.append(["Ørjan", 91234567, 1.5, datetime.date(2024, 8, 1), None, None, True, "x"])
    sheet.append([])
    sheet.append([None, None, None, datetime.datetime(2025, 1, 2, 12, 30), "A", None, False])
    buffer = io.BytesIO()
    workbook.save(buffer)
    opened = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    expected = [
        tuple(row)
        for row in opened.active.iter_rows(values_only=True)
        if any(value is not None for value in row)
    ]
    got = [
        cells + (None,) * (len(expected[0]) - len(cells))
        for _number, cells in xlsx_rows.rows(buffer.getvalue())
        if any(value is not None for value in cells)
    ]
    assert got == expected


def _rewritten(content: bytes, part: str, change, added: dict | None = None) -> bytes:
    """The XLSX file with one part's XML passed through `change`, and `added` parts."""
    import io
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            archive.writestr(item, change(data) if item.filename == part else data)
        for name, data in (added or {}).items():
            archive.writestr(name, data)
    return target.getvalue()


def _with_shared_strings(content: bytes, items: list[bytes]) -> bytes:
    """The file with its sheet's inline strings replaced, in order, by references to a
    shared strings table of `items` (<si> contents), as Excel saves a workbook."""
    import re

    counter = iter(range(len(items)))

    def shared(xml: bytes) -> bytes:
        return re.sub(
            rb't="inlineStr"><is>.*?</is>',
            lambda _match: b't="s"><v>%d</v>' % next(counter),
            xml,
        )

    table = b"".join(b"<si>%s</si>" % item for item in items)
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>'
    return _rewritten(
        content, "xl/worksheets/sheet1.xml", shared, {"xl/sharedStrings.xml": sst % table}
    )


def _xlsx_values(content: bytes) -> list[tuple]:
    from surveys.sample import xlsx_rows

    return [cells for _number, cells in xlsx_rows.rows(content)]


def test_the_xlsx_reader_reads_inline_strings_as_written_by_a_streaming_writer():
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Uttrekk")
    sheet.append(["person_id", "fornavn", "kontrakt_start"])
    sheet.append(["P1", "Åse & <Ørjan>", datetime.date(2024, 8, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _xlsx_values(buffer.getvalue()) == [
        ("person_id", "fornavn", "kontrakt_start"),
        ("P1", "Åse & <Ørjan>", datetime.datetime(2024, 8, 1)),
    ]


def test_the_xlsx_reader_reads_a_sheet_whose_namespace_has_a_prefix():
    import re

    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    def prefixed(xml: bytes) -> bytes:
        xml = re.sub(rb"<(/?)(?![?!])([A-Za-z]\w*)\b", rb"<\1x:\2", xml)
        return xml.replace(b'xmlns="' + main, b'xmlns:x="' + main)

    content = _rewritten(
        xlsx_bytes([["person_id", "fornavn"], ["P1", "Åse"]]), "xl/worksheets/sheet1.xml", prefixed
    )
    assert _xlsx_values(content) == [("person_id", "fornavn"), ("P1", "Åse")]


def test_the_xlsx_reader_reads_shared_strings_joining_rich_text_and_leaving_out_hints():
    items = [
        b"<t>Plain</t>",
        b"<r><t>\xc3\x98r</t></r><r><rPr><b/></rPr><t>jan</t></r>",
        b'<t>Kanji</t><rPh sb="0" eb="1"><t>kana</t></rPh>',
    ]
    content = _with_shared_strings(xlsx_bytes([["a", "b", "c"]]), items)
    assert _xlsx_values(content) == [("Plain", "Ørjan", "Kanji")]


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_an_xlsx_part_with_a_document_type_declaration_is_refused(part):
    from surveys.sample import xlsx_rows

    def with_entities(xml: bytes) -> bytes:
        declaration = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        head, _sep, rest = xml.partition(b"?>")
        return head + b"?>" + declaration + rest

    content = _with_shared_strings(xlsx_bytes([["a", "b"]]), [b"<t>a</t>", b"<t>b</t>"])
    assert _xlsx_values(content) == [("a", "b")]
    content = _rewritten(content, part, with_entities)
    with pytest.raises(xlsx_rows.XlsxError):
        _xlsx_values(content)


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml"])
def test_an_xlsx_with_a_broken_small_part_is_refused_as_damaged(part):
    from surveys.sample import xlsx_rows

    content = _rewritten(xlsx_bytes([["a", "b"]]), part, lambda xml: xml[: len(xml) // 2])
    with pytest.raises(xlsx_rows.XlsxError):
        _xlsx_values(content)
