"""Which cells of a round's published tables are hidden: one pure function of the counts,
run once per round and measure when results are published (reporting/publication.py),
whose answer is stored, so that every page and every export reads the same hidden cells.

It extends the response rates' rule (surveys/disclosure.py, `hidden_groups`) from one table
to every table any organisation can see, linked where they share people. A *cell* is a set
of *atoms*: the finest groups the stored responses tell apart (one stored combination of
county, office, company, trade, programme and contract type). Two tables that show the same
people show the same cell - a county's office O and office O's county are one cell - so a
cell hidden in one table is hidden in every table where it appears. A *table* is a total
and groups that add up to it (a county and its offices; the country and its counties; an
office and its counties, where an office spans several).

The rules, with `limit` the largest group hidden (DISCLOSURE_LIMIT, 5):

1. Primary: a cell with `limit` or fewer answers is hidden (the caller counts answers per
   item, since people skip items), and so is one the caller names in `also` (every answer
   the sensitive one: 100 % bullied).
2. Secondary, per table, as surveys/disclosure.py does it: where the total is shown, the
   hidden groups together hold more than `limit` answers and are never one alone; where
   the total is hidden, at least one group is hidden with it (else the groups add up to
   it). More groups are hidden, the smallest first.
3. Secondary, across tables: a hidden cell must not be fixed by the linear equations the
   shown cells make (each shown cell says: the sum over its atoms is this). A cell is
   fixed exactly when its atoms' indicator lies in the span of the shown cells'
   indicators; then the smallest of the shown cells that combine to it is hidden too,
   and rules 2 and 3 run again. This catches what no single table shows: the country less
   one county whose counties are otherwise all shown, an office spanning two counties
   whose share in one is given away by that county's table.
4. Cells in `never` are never hidden (the country).

The same equations hold for a cell's count, its sum of answers and its count of each answer
value, so hiding what fixes the count hides what fixes the mean and the distribution too.

Worked example (docs/anonymity.md has more): atoms a-e; a county X = {a, b, c} with offices
A = {a}, B = {b}, C = {c}; a county Y = {d, e}; the country {a, b, c, d, e} = X + Y.

>>> a, b, c, X, Y = (frozenset(s) for s in ("a", "b", "c", "abc", "de"))
>>> country = X | Y
>>> tables = [(country, [X, Y]), (X, [a, b, c])]
>>> n = {country: 100, X: 40, Y: 60, a: 3, b: 17, c: 20}
>>> sorted("".join(sorted(cell)) for cell in hidden_cells(tables, n, limit=5, never={country}))
['a', 'b']

Office A (3) is hidden; alone beside X it would be X - B - C, so B, the smallest shown,
is hidden with it (20 together). Had Y been hidden for a reason of its own, X would be the
country less Y: X is hidden too (rule 2), never the country. Then A needs no companion:
X less B and C is A, but X is unknown, and so is Y beside it.

>>> hidden = hidden_cells(tables, n, limit=5, also={Y}, never={country})
>>> sorted("".join(sorted(cell)) for cell in hidden)
['a', 'abc', 'de']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence

from surveys import disclosure

Cell = frozenset
Table = tuple[Cell, Sequence[Cell]]

# Exact arithmetic for the span test, modulo a prime: the indicators are 0/1 vectors, and
# a combination fixing a cell over the rationals fixes it modulo this prime too. The
# reverse (fixed modulo the prime but not over the rationals) would need the prime to
# divide a minor of the matrix, which has entries 0 and 1 and thousands of rows: at worst
# it hides a cell more.
PRIME = 2**61 - 1


@functools.lru_cache(maxsize=1 << 18)
def _key(cell: Cell) -> str:
    # A stable order for "smallest first" ties: the cell's atoms, sorted. Cached: rules 2
    # and 3 ask for the same cells' keys on every pass (a fifth of a national publication's
    # time before); bounded, as a worker publishes round after round.
    return repr(sorted(map(str, cell)))


def hidden_cells(
    tables: Iterable[Table],
    n: Mapping[Cell, int],
    *,
    limit: int | None = None,
    also: Iterable[Cell] = (),
    never: Iterable[Cell] = (),
) -> frozenset[Cell]:
    """The cells to hide. `tables` are (total, groups) of cells (frozensets of atoms);
    `n` gives each cell's answers (every cell of every table must be in it); `also`
    cells hidden for the caller's reasons; `never` cells always shown."""
    limit = disclosure.default_limit() if limit is None else limit
    # Each table with its groups by key and their sizes, once: n does not change.
    tables = [_table(total, [g for g in groups if g != total], n) for total, groups in tables]
    never = frozenset(never)
    hidden = {cell for cell in n if n[cell] <= limit} | (set(also) & set(n))
    hidden -= never
    while True:
        changed = _tables(tables, n, hidden, limit, never)
        if not changed:
            changed = _span(n, hidden, never)
        if not changed:
            return frozenset(hidden)


def _table(total: Cell, groups: list[Cell], n: Mapping[Cell, int]):
    keys = {_key(group): group for group in groups}
    return total, groups, keys, {key: n[group] for key, group in keys.items()}


def _tables(tables, n, hidden: set, limit: int, never: frozenset) -> bool:
    """Rule 2 over every table until it holds everywhere. True if anything was hidden."""
    changed_any = False
    changed = True
    while changed:
        changed = False
        for total, groups, keys, sizes in tables:
            if not groups:
                continue
            if total in hidden:
                if any(group in hidden for group in groups):
                    continue
                candidates = [key for key in sizes if keys[key] not in never]
                if not candidates:
                    continue
                smallest = min(candidates, key=lambda key: (sizes[key], key))
                hidden.add(keys[smallest])
                changed = True
                continue
            already = {key for key, group in keys.items() if group in hidden}
            if not already:
                continue
            # surveys/disclosure.py's rules 2 and 3 for one table: the same code hides
            # the response rates' groups, so the two can never drift apart.
            chosen = disclosure.hidden_groups(sizes, limit, also=already).groups
            for key in chosen:
                group = keys[key]
                if group not in hidden and group not in never:
                    hidden.add(group)
                    changed = True
        changed_any |= changed
    return changed_any


def recoverable(shown: Iterable[Cell], hidden: Iterable[Cell]) -> list[Cell]:
    """The hidden cells whose atoms' indicator is a combination of the shown cells': those
    the shown figures fix exactly (a rank test, by elimination modulo PRIME)."""
    return list(_fixing(shown, hidden))


def _fixing(shown: Iterable[Cell], hidden: Iterable[Cell]) -> dict[Cell, list[Cell]]:
    """Each fixed hidden cell, with the shown cells whose combination fixes it."""
    shown = list(shown)
    hidden = list(hidden)
    atoms = sorted({atom for cell in shown + hidden for atom in cell}, key=str)
    index = {atom: i for i, atom in enumerate(atoms)}
    # pivot -> (row, the shown cells it was made of)
    basis: dict[int, tuple[dict[int, int], set[int]]] = {}

    def reduce(row: dict[int, int], made_of: set[int]) -> dict[int, int]:
        while row:
            pivot = max(row)
            base = basis.get(pivot)
            if base is None:
                return row
            factor = row[pivot]
            for column, value in base[0].items():
                new = (row.get(column, 0) - factor * value) % PRIME
                if new:
                    row[column] = new
                else:
                    row.pop(column, None)
            made_of |= base[1]
        return row

    # Small cells first keep the rows sparse while the basis grows.
    order = sorted(range(len(shown)), key=lambda i: len(shown[i]))
    for number in order:
        made_of = {number}
        row = reduce({index[atom]: 1 for atom in shown[number]}, made_of)
        if row:
            pivot = max(row)
            inverse = pow(row[pivot], PRIME - 2, PRIME)
            scaled = {column: value * inverse % PRIME for column, value in row.items()}
            basis[pivot] = (scaled, made_of)
    fixed = {}
    for cell in hidden:
        made_of: set[int] = set()
        if not reduce({index[atom]: 1 for atom in cell}, made_of):
            fixed[cell] = [shown[number] for number in sorted(made_of)]
    return fixed


def _span(n: Mapping[Cell, int], hidden: set, never: frozenset) -> bool:
    """Rule 3: for each hidden cell the shown ones fix, hides the smallest shown cell of
    those that fix it. True if anything was hidden."""
    shown = [cell for cell in n if cell not in hidden]
    changed = False
    for _cell, made_of in _fixing(shown, sorted(hidden, key=_key)).items():
        candidates = [other for other in made_of if other not in never and other not in hidden]
        if candidates:
            hidden.add(min(candidates, key=lambda other: (n[other], _key(other))))
            changed = True
    return changed
