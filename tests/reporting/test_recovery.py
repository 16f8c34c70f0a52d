"""Property-based: hypothesis generates stored responses over counties, offices spanning
them, companies, trades and contract types, with items skipped and some groups all
bullied; the round is published; then an attacker who sees every shown cell of every table
(as every county, office and Udir together would) tries to recover a hidden cell's count
or sum exactly. It must fail to.

The attacker is written apart from the module: it finds the people behind each published
row from the stored responses itself (its own reading of scope, breakdown and group), and
knows the finest combinations the responses tell apart (more than any page shows). Two
attacks: subtraction (a table whose total is shown with exactly one group hidden, or every
group shown and the total hidden), and the rank test - a hidden cell is recoverable when
its indicator over the finest combinations lies in the span of the shown cells'
indicators, solved in exact fractions.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.models import Cell
from surveys.models import Response
from tests.distribution.rates_helpers import county
from tests.reporting.helpers import orgs, publish, respond, stored_round

pytestmark = pytest.mark.django_db

COUNTIES = ("46", "11", "42")
TRADES = (("ELELE3", "EL"), ("BABYG3", "BA"), ("", "EL"))


class _Rollback(Exception):
    pass


def _group_of(response: Response, by: str) -> str:
    """The attacker's own reading of a row's group key (docs/anonymity.md describes it)."""
    if by == "county":
        return "*" if response.other_county else str(response.county_id)
    if by in ("office", "company"):
        if getattr(response, f"other_{by}"):
            return "*"
        return str(getattr(response, f"{by}_id") or "-")
    if by == "trade":
        return response.trade_code or "*"
    if by == "contract_type":
        return "*" if response.contract_type == "both" else (response.contract_type or "-")
    return ""


def _people(cell: Cell, responses: list[Response]) -> frozenset:
    """The finest combinations behind a published row."""
    found = set()
    for response in responses:
        if cell.scope_id is not None and cell.scope_id not in (
            response.county_id,
            response.office_id,
        ):
            continue
        if cell.by and _group_of(response, cell.by) != cell.group:
            continue
        found.add(_combination(response))
    return frozenset(found)


def _combination(response: Response) -> tuple:
    return (
        response.county_id,
        response.other_county,
        response.office_id,
        response.other_office,
        response.company_id,
        response.other_company,
        response.trade_code,
        response.programme,
        response.contract_type,
    )


def _in_span(rows: list[frozenset], target: frozenset, columns: list) -> bool:
    """Exact: is the target's indicator a rational combination of the rows'?"""
    index = {column: i for i, column in enumerate(columns)}
    matrix = [[Fraction(0)] * len(columns) for _ in rows]
    for r, row in enumerate(rows):
        for column in row:
            matrix[r][index[column]] = Fraction(1)
    vector = [Fraction(0)] * len(columns)
    for column in target:
        vector[index[column]] = Fraction(1)

    def rank(m):
        m = [list(row) for row in m]
        rank_, col = 0, 0
        width = len(columns)
        while rank_ < len(m) and col < width:
            pivot = next((r for r in range(rank_, len(m)) if m[r][col] != 0), None)
            if pivot is None:
                col += 1
                continue
            m[rank_], m[pivot] = m[pivot], m[rank_]
            for r in range(len(m)):
                if r != rank_ and m[r][col] != 0:
                    f = m[r][col] / m[rank_][col]
                    m[r] = [a - f * b for a, b in zip(m[r], m[rank_], strict=True)]
            rank_ += 1
            col += 1
        return rank_

    return rank(matrix) == rank(matrix + [vector])


group_strategy = st.fixed_dictionaries(
    {
        "county": st.sampled_from(COUNTIES + ("other",)),
        "office": st.sampled_from(("office", "office_2", None, "other")),
        "company": st.sampled_from(("company", "company_2", "company_3", None, "other")),
        "trade": st.sampled_from(range(len(TRADES))),
        "contract": st.sampled_from(("apprentice", "candidate", "both")),
        "size": st.integers(min_value=1, max_value=14),
        "skip": st.integers(min_value=0, max_value=8),
        "bullied": st.booleans(),
    }
)


def _make(round_, groups: list[dict], o: dict) -> None:
    for group in groups:
        trade, programme = TRADES[group["trade"]]
        dims = {
            "county": None if group["county"] == "other" else county(group["county"]),
            "other_county": group["county"] == "other",
            "office": o.get(group["office"]),
            "other_office": group["office"] == "other",
            "company": o.get(group["company"]),
            "other_company": group["company"] == "other",
            "trade_code": trade,
            "programme": programme,
            "contract_type": group["contract"],
        }
        skipped = min(group["skip"], group["size"])
        bullying = {"bullying-how-often": 4 if group["bullied"] else 1}
        respond(round_, group["size"] - skipped, 4, answers=bullying, **dims)
        if skipped:
            answers = {**bullying, "motivation-likes-trade": None}
            respond(round_, skipped, 2, answers=answers, **dims)


def _attack(theme: str) -> list[str]:
    """What the attacker recovers of one theme's hidden cells (empty: nothing)."""
    responses = list(Response.objects.all())
    rows = list(Cell.objects.filter(item=None, theme__key=theme))
    cells = {row.pk: _people(row, responses) for row in rows}
    shown = {cells[row.pk] for row in rows if not row.hidden}
    hidden = {cells[row.pk] for row in rows if row.hidden} - shown
    tables = defaultdict(list)
    totals = {}
    for row in rows:
        if row.by:
            tables[(row.scope_id, row.by)].append(cells[row.pk])
        else:
            totals[row.scope_id] = cells[row.pk]
    found = []
    for (scope, _by), groups in tables.items():
        total = totals[scope]
        unknown = [group for group in groups if group in hidden and group != total]
        if total in shown and len(unknown) == 1:
            found.append(f"subtraction in {scope}/{_by}")
        if total in hidden and not unknown and any(g != total for g in groups):
            found.append(f"sum of groups in {scope}/{_by}")
    columns = sorted({c for cell in cells.values() for c in cell}, key=repr)
    shown_rows = sorted(shown, key=lambda cell: sorted(map(repr, cell)))
    for cell in hidden:
        if _in_span(shown_rows, cell, columns):
            found.append(f"rank: {sorted(map(repr, cell))}")
    return found


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(groups=st.lists(group_strategy, min_size=1, max_size=9))
def test_no_hidden_cell_is_recovered_by_subtraction_or_by_the_equations(db, groups):
    try:
        with transaction.atomic():
            round_ = stored_round()
            _make(round_, groups, orgs())
            publish(round_)
            for theme in ("motivation", "bullying"):
                assert _attack(theme) == [], groups
            raise _Rollback
    except _Rollback:
        pass
