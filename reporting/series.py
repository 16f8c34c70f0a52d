"""Results over time: per theme the index (bullying as a share) per year over every
published round the viewer may read, and per comparable item its headline share, beside
the country. Read from the stored cells in one query (Cell.objects.for_organisation, by=""),
in a number of queries that does not grow with the years or the themes: before, a query per
published round (its state) and a model instance per cell, with every item's cells on a
theme's page. `bench/results.py` with BENCH_ANSWERS=2000 (ten years, one run each on a
shared machine): Udir's national page p95 105 -> 48 ms, a county's 184 -> 61 ms.

Where a series breaks: between two rounds answered on different questionnaire versions,
an item continues only if it has the same non-empty comparability key in both; a theme
continues only if it has the same key and the set of its items' comparability keys is the
same in both (a theme whose questions changed is a different index). 2018 always breaks
(the seeds: 2012-2017 and 2018 onwards are told apart).

A hidden cell is a gap (its point is hidden, no line through it). Results stay on the
organisation that existed when they were collected: a successor never gets its
predecessors' figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import get_language

from accounts.models import Organisation
from reporting import figures, results
from reporting.models import Cell
from surveys.models import Item, Round, Survey, Theme

ALWAYS_BREAKS = 2018


@dataclass
class Point:
    year: int
    own: results.Figure | None
    country: results.Figure | None
    breaks: bool = False  # a new questionnaire not comparable with the year before


@dataclass
class Series:
    key: str
    title: str
    is_share: bool
    points: list[Point] = field(default_factory=list)


def _rounds(viewer: Organisation, scope: Organisation | None = None) -> list[Round]:
    """The apprentice rounds the viewer may read, oldest first; for an organisation only
    the years it existed (Viken 2020-2023, Akershus from 2024)."""
    found = [r for r, _state in results.visible_rounds(viewer) if r.survey == Survey.APPRENTICE]
    if scope is not None:
        found = [
            r
            for r in found
            if (scope.valid_from is None or scope.valid_from.year <= r.year)
            and (scope.valid_to is None or r.year <= scope.valid_to.year)
        ]
    return sorted(found, key=lambda r: r.year)


def _theme_keys(versions: list[int]) -> dict[tuple[int, str], frozenset]:
    keys: dict[tuple[int, str], set] = {}
    for version, theme_key, key in Item.objects.filter(theme__version__in=versions).values_list(
        "theme__version", "theme__key", "comparability_key"
    ):
        keys.setdefault((version, theme_key), set()).add(key or None)
    return {k: frozenset(v) for k, v in keys.items()}


def _breaks(year: int, version: int, before: int | None, same: bool) -> bool:
    if before is None:
        return False
    if year == ALWAYS_BREAKS:
        return True
    return version != before and not same


def themes(viewer: Organisation, scope: Organisation | None) -> list[Series]:
    """Each theme of the newest round, over the years. Three queries whatever the number of
    years and themes: the cells, the items' keys, the themes."""
    rounds = _rounds(viewer, scope)
    if not rounds:
        return []
    cells = _cells(viewer, rounds, scope)
    versions = [r.questionnaire_id for r in rounds]
    keys = _theme_keys(versions)
    all_themes = list(Theme.objects.filter(version__in=versions).order_by("order"))
    theme_keys = {t.pk: t.key for t in all_themes}
    orders = {(t.version_id, t.order): (t.version_id, t.key) for t in all_themes}
    index = {(r, s, theme_keys.get(t)): c for (r, s, t), c in cells.items()}
    language = get_language()
    out = []
    for theme in (t for t in all_themes if t.version_id == rounds[-1].questionnaire_id):
        series = Series(theme.key, theme.title(language), theme.key == figures.BULLYING)
        before = None
        mine = keys.get((rounds[-1].questionnaire_id, theme.key), frozenset())
        for round_ in rounds:
            version = round_.questionnaire_id
            match = _match(keys, version, theme.key, mine, orders, theme.order)
            if match is None:
                continue
            same = before is not None and keys.get(before) == keys[match]
            series.points.append(
                Point(
                    round_.year,
                    index.get((round_.pk, scope.pk if scope else None, match[1])),
                    index.get((round_.pk, None, match[1])),
                    _breaks(round_.year, version, before and before[0], same),
                )
            )
            before = match
        out.append(series)
    return out


def _match(keys, version, theme_key, mine, orders, position):
    """The version's theme that is this theme: the same key, else the one sharing most
    item comparability keys with it (themes were renamed between versions)."""
    if (version, theme_key) in keys:
        return (version, theme_key)
    best, overlap = None, 0
    for (v, key), found in keys.items():
        shared = len((found & mine) - {None})
        if v == version and shared > overlap:
            best, overlap = (v, key), shared
    # No shared question: the theme in the same place of the older questionnaire, as a
    # break (its key set differs).
    return best or orders.get((version, position))


def items(viewer: Organisation, scope: Organisation | None, theme_key: str) -> list[Series]:
    """Each item of the newest round's theme, over the years, joined by comparability key.
    Three queries whatever the number of years: the theme, the items, and the cells of
    only the items that are this theme's (not every item of every round)."""
    rounds = _rounds(viewer, scope)
    if not rounds:
        return []
    newest = rounds[-1].questionnaire.themes.filter(key=theme_key).first()
    if newest is None:
        return []
    mine = list(newest.items.order_by("order"))
    wanted = {item.comparability_key for item in mine if item.comparability_key}
    by_version: dict[tuple[int, str], Item] = {}
    for item in Item.objects.select_related("theme").filter(
        theme__version__in=[r.questionnaire_id for r in rounds], comparability_key__in=wanted
    ):
        by_version[(item.theme.version_id, item.comparability_key)] = item
    cells = _cells(viewer, rounds, scope, items=[*mine, *by_version.values()])
    language = get_language()
    out = []
    for item in mine:
        series = Series(item.comparability_key or str(item.pk), item.text(language), True)
        before = None
        for round_ in rounds:
            version = round_.questionnaire_id
            found = by_version.get((version, item.comparability_key))
            if version == newest.version_id:
                found = item
            if found is None:
                before = None
                continue
            series.points.append(
                Point(
                    round_.year,
                    cells.get((round_.pk, scope.pk if scope else None, found.pk)),
                    cells.get((round_.pk, None, found.pk)),
                    _breaks(round_.year, version, before, bool(item.comparability_key)),
                )
            )
            before = version
        out.append(series)
    return out


def _cells(viewer, rounds, scope, *, items: list[Item] | None = None) -> dict:
    """The scope's and the country's own figures of the rounds in one query: the themes'
    indexes, or the given items' shares. Only the columns a point shows (values_list): no
    model instance and no distribution (counts) is built per row, and a theme's page reads
    its own items' cells, not every item's of every round."""
    query = Cell.objects.for_organisation(viewer).filter(publication__round__in=rounds, by="")
    if scope:
        query = query.filter(Q(scope=scope) | Q(scope__isnull=True))
    else:
        query = query.filter(scope__isnull=True)
    if items is None:
        query, key = query.filter(item__isnull=True), "theme_id"
    else:
        query, key = query.filter(item__in=[item.pk for item in items]), "item_id"
    return {
        (round_id, scope_id, key_id): results.Figure(n, value, None, hidden)
        for round_id, scope_id, key_id, n, value, hidden in query.values_list(
            "publication__round_id", "scope_id", key, "n", "value", "hidden"
        )
    }


@dataclass
class History:
    valid_from: object
    valid_to: object
    predecessors: list[Organisation]
    successors: list[Organisation]


def history(scope: Organisation | None) -> History | None:
    """Where the organisation's history begins or ends and who came before or after."""
    if scope is None:
        return None
    return History(
        scope.valid_from,
        scope.valid_to,
        list(scope.predecessors.order_by("name")),
        list(scope.successors.order_by("name")),
    )
