"""The results as an XLSX workbook: the same tables as the results pages, read from the
stored cells through reporting/results.py (scoped to the viewer), a sheet per table.

Numbers are numbers (an index with two decimals, a share as a percent); a hidden cell is
"." with a note saying why, since the stored cell holds no figure to write. The first sheet
explains the figures. Udir's national workbook holds the country's tables and each county's
overview. Written in openpyxl's write-only mode (rows streamed, a sheet at a time), so the
national workbook stays small in memory; a sheet's rows are built first only to fit its
column widths.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Organisation
from reporting import figures, results
from reporting.models import Cell
from surveys import disclosure

HIDDEN = "."
INDEX_FORMAT = "0.00"
SHARE_FORMAT = "0%"


def hidden_note() -> str:
    return _(
        "Skjult: %(limit)s eller færre har svart, eller tallet er skjult for å verne en "
        "annen skjult gruppe."
    ) % {"limit": disclosure.default_limit()}


def _value(figure, *, share: bool):
    """(value, number format) of a figure: None when there is no cell or no value (nobody
    answered the item, as "–" on the page), HIDDEN when hidden."""
    if figure is None:
        return None, None
    if figure.hidden:
        return HIDDEN, None
    if figure.value is None:
        return None, None
    if share:
        return figure.value / 100, SHARE_FORMAT
    return figure.value, INDEX_FORMAT


def _n(figure):
    return None if figure is None or figure.hidden else figure.n


class _Sheet:
    """One table: a title, a header row and rows of (value, number format) pairs."""

    def __init__(self, title: str, header: list[str]):
        self.title = title
        self.header = header
        self.rows: list[list[tuple]] = []

    def add(self, *cells):
        self.rows.append([c if isinstance(c, tuple) else (c, None) for c in cells])


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31]
    name, count = clean, 2
    while name.casefold() in used:
        suffix = f" ({count})"
        name, count = clean[: 31 - len(suffix)] + suffix, count + 1
    used.add(name.casefold())
    return name


def _overview(viewer, round_, scope, name: str) -> _Sheet:
    rows = results.overview(viewer, round_, scope)
    header = [_("Tema"), _("Mål")]
    if scope is not None:
        header += [name, _("Antall svar")]
    header += [_("Hele landet"), _("Antall svar, landet")]
    sheet = _Sheet(_("Oversikt") + (f" {name}" if scope is not None else ""), header)
    for row in rows:
        measure = _("Andel mobbet (prosent)") if row.is_share else _("Indeks (1–5)")
        cells = [row.title, measure]
        if scope is not None:
            cells += [_value(row.own, share=row.is_share), _n(row.own)]
        cells += [_value(row.country, share=row.is_share), _n(row.country)]
        sheet.add(*cells)
    return sheet


def _theme(viewer, round_, scope, theme) -> _Sheet:
    rows = results.items(viewer, round_, scope, theme)
    width = max((len(row.labels) for row in rows), default=0)
    header = [_("Spørsmål"), _("Mål"), _("Andel (prosent)"), _("Antall svar")]
    header += [_("Svar %(n)s (prosent)") % {"n": i} for i in range(1, width + 1)]
    header += [_("Hele landet, andel (prosent)"), _("Antall svar, landet")]
    sheet = _Sheet(theme.title(get_language()), header)
    for row in rows:
        shares = []
        own = row.own
        for i in range(width):
            if own is None or i >= len(row.labels):
                shares.append(None)
            elif own.hidden:
                shares.append(HIDDEN)
            else:
                shares.append((own.shares[i] / 100, SHARE_FORMAT) if own.shares else None)
        sheet.add(
            row.text,
            row.measure,
            _value(own, share=True),
            _n(own),
            *shares,
            _value(row.country, share=True),
            _n(row.country),
        )
    return sheet


def _breakdown(viewer, round_, scope, by: str, label: str) -> _Sheet:
    table = results.breakdown(viewer, round_, scope, by)
    header = [str(label)]
    for theme, title in zip(table.themes, table.titles, strict=True):
        unit = _("prosent") if theme.key == figures.BULLYING else _("indeks")
        header += [f"{title} ({unit})", _("Antall svar: %(theme)s") % {"theme": title}]
    sheet = _Sheet(str(label), header)
    for row in [*table.groups, table.total]:
        cells = [row.label]
        for _title, figure, share in row.cells:
            cells += [_value(figure, share=share), _n(figure)]
        sheet.add(*cells)
    return sheet


def sheets(viewer, round_, scope):
    """The workbook's tables for the scope (None: the country), in the pages' order."""
    name = scope.name if scope else _("hele landet")
    yield _overview(viewer, round_, scope, name)
    for theme in results.themes(round_):
        yield _theme(viewer, round_, scope, theme)
    for by, label in results.breakdowns_of(scope):
        yield _breakdown(viewer, round_, scope, by, label)
    if scope is None and viewer.kind == Organisation.Kind.DIRECTORATE:
        # The national workbook: each county's own overview beside the country's tables.
        ids = Cell.objects.filter(
            publication=round_.publication, by="", scope__isnull=False
        ).values_list("scope", flat=True)
        counties = Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.COUNTY).order_by(
            "name"
        )
        for county in counties:
            yield _overview(viewer, round_, county, county.name)


def _about(round_, scope) -> list[list[str]]:
    name = scope.name if scope else _("hele landet")
    return [
        [_("Om tallene")],
        [_("Resultater for %(name)s, %(round)s.") % {"name": name, "round": round_}],
        [_("Hvert ark er en tabell fra resultatsidene i portalen.")],
        [_("Indeksen går fra 1 til 5; høyere er bedre. Andeler er i prosent av dem som svarte.")],
        [
            _(
                "Et punktum (.) betyr at tallet er skjult. Vi viser ikke resultater for grupper "
                "der %(limit)s eller færre har svart, eller der alle svarte at de er blitt mobbet. "
                "Der en skjult gruppe ellers kunne regnes ut fra andre tall, skjules også flere "
                "grupper. Et notat på cellen sier det samme."
            )
            % {"limit": disclosure.default_limit()}
        ],
        [_("«Små grupper samlet» er svar fra grupper med for få svar til å vises hver for seg.")],
    ]


def sheet_count(viewer, round_, scope) -> int:
    """How many tables sheets() gives, for a background export's progress."""
    count = 1 + len(results.themes(round_)) + len(results.breakdowns_of(scope))
    if scope is None and viewer.kind == Organisation.Kind.DIRECTORATE:
        count += (
            Cell.objects.filter(
                publication=round_.publication,
                by="",
                item=None,
                scope__kind=Organisation.Kind.COUNTY,
            )
            .values("scope")
            .distinct()
            .count()
        )
    return count


def write(file, viewer, round_, scope, progress=None) -> int:
    """Writes the workbook to `file` (a path or a binary file); returns the sheets written.
    `progress(done, total)` is called after each sheet, where given."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    about = workbook.create_sheet(_sheet_title(_("Om tallene"), used))
    about.column_dimensions["A"].width = 100
    for line in _about(round_, scope):
        about.append(line)
    note = hidden_note()
    bold = Font(bold=True)
    written = 1
    total = sheet_count(viewer, round_, scope) if progress else 0
    for table in sheets(viewer, round_, scope):
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        for index, heading in enumerate(table.header, start=1):
            longest = max(
                [len(str(heading)) + 4]
                + [
                    len(
                        f"{row[index - 1][0]:.2f}"
                        if isinstance(row[index - 1][0], float)
                        else str(row[index - 1][0] or "")
                    )
                    + 2
                    for row in table.rows
                    if index - 1 < len(row)
                ]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(longest, 60)
        sheet.freeze_panes = "B2"
        last = get_column_letter(len(table.header))
        sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
        header = []
        for heading in table.header:
            cell = WriteOnlyCell(sheet, value=str(heading))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            out = []
            for value, number_format in row:
                cell = WriteOnlyCell(sheet, value=value)
                if number_format:
                    cell.number_format = number_format
                if value == HIDDEN:
                    cell.comment = Comment(note, "Udir")
                out.append(cell)
            sheet.append(out)
        written += 1
        if progress:
            progress(written - 1, total)
    workbook.save(file)
    return written
