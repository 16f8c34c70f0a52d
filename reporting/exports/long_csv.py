"""Every table an organisation can see of a round, in long form: one row per cell, read from
the stored cells through reporting/results.py's scoping, so a file holds the same figures
and the same hidden cells as the pages (`manage.py export_results`; XLSX and PDF later).

Columns: `table` (overview, by_company, ..., and the comparisons country and last_year),
`group` (`total` for the table's own total; the other groups add up to it), `measure`,
`n`, `value` and `hidden` (true where hidden; then n and value are empty). Measures:
`index:<theme>` (the 1-5 index), `bullying_share:<theme>` (the bullying theme), per item
`agree:<item>`, `bullied:<item>`, `often:<item>` or `yes:<item>` (the headline share) and
`share:<item>:<value>` (one answer value's share); shares in per cent. Items are named by
their comparability key, themes by their key.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from reporting import figures, results
from reporting.models import Cell, Publication
from surveys.models import Round

COLUMNS = ("table", "group", "measure", "n", "value", "hidden")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def _cell_rows(table: str, group: str, cell: Cell, form: figures.Questionnaire) -> Iterator[dict]:
    theme_key = form.theme_key[cell.theme_id]
    if cell.item_id is None:
        kind = "bullying_share" if theme_key == figures.BULLYING else "index"
        measures = [(f"{kind}:{theme_key}", cell.n, cell.value)]
    else:
        item = form.items[cell.item_id]
        name = item.comparability_key or str(item.pk)
        measure, _values = figures.top_values(item, theme_key)
        measures = [(f"{measure}:{name}", cell.n, cell.value)]
        scale_size = {"yes_no": 2, "yes_partly_no": 3}.get(item.scale, 5)
        for value in range(1, scale_size + 1):
            share = None
            if not cell.hidden and cell.n:
                share = 100 * cell.counts[value - 1] / cell.n
            measures.append((f"share:{name}:{value}", cell.n, share))
    for measure, n, value in measures:
        yield {
            "table": table,
            "group": group,
            "measure": measure,
            "n": "" if cell.hidden or n is None else str(n),
            "value": "" if cell.hidden else _number(value),
            "hidden": "true" if cell.hidden else "false",
        }


def _previous(round_: Round) -> Publication | None:
    return Publication.objects.filter(
        round__survey=round_.survey, round__year=round_.year - 1
    ).first()


def rows(viewer, round_: Round, scope) -> Iterator[dict]:
    """The rows of every table the viewer sees for `scope` (None: the country)."""
    form = figures.questionnaire(round_)
    published = round_.publication
    own = Cell.objects.for_organisation(viewer).filter(
        publication=published, scope=scope.pk if scope else None
    )
    order = ("theme__order", "item__order")
    totals = list(own.filter(by="").order_by(*order))
    for cell in totals:
        yield from _cell_rows("overview", "total", cell, form)
    for by in figures.breakdowns_of(results.kind_of(scope)):
        groups = list(own.filter(by=by).order_by("group", *order))
        labels = results.group_labels(by, sorted({cell.group for cell in groups}))
        for cell in totals:
            yield from _cell_rows(f"by_{by}", "total", cell, form)
        for cell in groups:
            yield from _cell_rows(f"by_{by}", labels[cell.group], cell, form)
    if scope is not None:
        country = Cell.objects.for_organisation(viewer).filter(
            publication=published, scope=None, by=""
        )
        for cell in country.order_by(*order):
            yield from _cell_rows("country", "total", cell, form)
    earlier = _previous(round_)
    if earlier is not None:
        before = figures.questionnaire(earlier.round)
        last = Cell.objects.for_organisation(viewer).filter(
            publication=earlier, scope=scope.pk if scope else None, by=""
        )
        for cell in last.order_by(*order):
            yield from _cell_rows("last_year", "total", cell, before)


def write(file, viewer, round_: Round, scope) -> int:
    writer = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in rows(viewer, round_, scope):
        writer.writerow(row)
        written += 1
    return written
