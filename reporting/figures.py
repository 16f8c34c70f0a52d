"""The figures of a round's results, counted from the stored responses only
(surveys.models.Response and Answer, written after the round by surveys/responses/storing.py):
never drafts, never participants.

The responses are first counted per *atom* - one stored combination of dimensions (county,
office, company, trade, programme, contract type), already generalised so that each holds
at least 6 - and every cell of every table is a set of atoms whose counts are summed. So
the groups of a breakdown add up to its total by construction, a cell is the same cell in
every table that shows the same people, and reporting/anonymity.py can test what the shown
cells fix.

The measures, per cell:
- a theme's index: each respondent's mean over the theme's items they answered, on the
  1-5 scale (a 3-point scale spread to 1, 3, 5; yes/no to 1, 5), reversed (6 - x) for items
  where a high answer is bad; the index is the mean of those, with n the respondents who
  answered any item of the theme;
- the bullying theme is no mean: the share bullied "about once a week" or more on any of
  its items. (The seeds' measure is "two to three times a month or more"; our frequency
  scale has "about once a month" and then "about once a week", so once a week is the first
  value that is two to three times a month or more);
- per item: the count of each answer value, and the share who agree (4-5 on the agreement
  scale), the share bullied (4-5 on a bullying item) or the share "yes" (other scales).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection

from surveys.models import Answer, Item, Response, Round
from surveys.questionnaires.scales import Scale

# The theme whose index is a share, not a mean; and themes whose "bad" answers are
# sensitive: where every answer of a group is the bad one, the group's figures of the item
# would tell each of them (reporting/anonymity.py, "also").
BULLYING = "bullying"
SENSITIVE_THEMES = {"bullying", "if-bullied"}
BULLIED_FROM = 4  # "about once a week" on the frequency scale
AGREE_FROM = 4

# The group keys every breakdown shares: responses generalised away from the breakdown's
# value ("another company", "another office", a trade given way to its programme, "both"
# contract types, "another county") are one group, and those with no value another.
SMALL_GROUPS = "*"
NO_VALUE = "-"

# The atom's fields, in the order of its tuple.
DIMENSIONS = (
    "county_id",
    "other_county",
    "office_id",
    "other_office",
    "company_id",
    "other_company",
    "trade_code",
    "programme",
    "contract_type",
)
_COUNTY, _OTHER_COUNTY, _OFFICE, _OTHER_OFFICE, _COMPANY, _OTHER_COMPANY = range(6)
_TRADE, _PROGRAMME, _CONTRACT = 6, 7, 8


def _organisation_group(organisation: int | None, other: bool) -> str:
    if other:
        return SMALL_GROUPS
    return str(organisation) if organisation else NO_VALUE


def group_of(by: str, atom: tuple) -> str:
    """The group an atom falls in for a breakdown."""
    if by == "county":
        return SMALL_GROUPS if atom[_OTHER_COUNTY] else str(atom[_COUNTY])
    if by == "office":
        return _organisation_group(atom[_OFFICE], atom[_OTHER_OFFICE])
    if by == "company":
        return _organisation_group(atom[_COMPANY], atom[_OTHER_COMPANY])
    if by == "trade":
        return atom[_TRADE] or SMALL_GROUPS
    if by == "contract_type":
        if atom[_CONTRACT] == Response.BOTH:
            return SMALL_GROUPS
        return atom[_CONTRACT] or NO_VALUE
    raise ValueError(by)


# Which breakdowns each kind of scope has (the list): the country's, a county's,
# an office's.
COUNTRY_BREAKDOWNS = ("county", "trade", "contract_type")
COUNTY_BREAKDOWNS = ("trade", "office", "company", "contract_type")
OFFICE_BREAKDOWNS = ("company", "county", "contract_type")
BREAKDOWNS = ("county", "trade", "office", "company", "contract_type")


def breakdowns_of(kind: str) -> tuple[str, ...]:
    return {
        "country": COUNTRY_BREAKDOWNS,
        "county": COUNTY_BREAKDOWNS,
        "office": OFFICE_BREAKDOWNS,
    }[kind]


def on_five(item: Item, value: int) -> float:
    """An answer on the 1-5 scale, turned so that high is good."""
    if item.scale == Scale.YES_PARTLY_NO:
        spread = 1 + 2 * (value - 1)
    elif item.scale == Scale.YES_NO:
        spread = 1 + 4 * (value - 1)
    else:
        spread = value
    return spread if item.high_is_good else 6 - spread


def is_sensitive(item: Item, theme_key: str) -> bool:
    return theme_key in SENSITIVE_THEMES and not item.high_is_good


def bad_values(item: Item) -> set[int]:
    """The values of a sensitive item that say something happened to the person."""
    if item.scale == Scale.FREQUENCY:
        return {value for value in range(BULLIED_FROM, 6)}
    if item.scale == Scale.YES_NO:
        return {2}
    if item.scale == Scale.YES_PARTLY_NO:
        return {2, 3}
    return {4, 5}


def top_values(item: Item, theme_key: str) -> tuple[str, set[int]]:
    """The item's headline share: which measure, and the values it counts."""
    if item.scale == Scale.AGREEMENT:
        return "agree", {4, 5}
    if item.scale == Scale.FREQUENCY and theme_key == BULLYING:
        return "bullied", set(range(BULLIED_FROM, 6))
    if item.scale == Scale.FREQUENCY:
        return "often", {4, 5}
    top = 3 if item.scale == Scale.YES_PARTLY_NO else 2
    return "yes", {top}


@dataclass
class ThemeSums:
    n: int = 0
    score: float = 0.0
    bullied: int = 0

    def add(self, other: ThemeSums) -> None:
        self.n += other.n
        self.score += other.score
        self.bullied += other.bullied


@dataclass
class Counts:
    """One atom's (or cell's) sums: per item the count of each value (index value - 1), per
    theme the respondents, their scores and how many of them were bullied."""

    responses: int = 0
    items: dict[int, list[int]] = field(default_factory=dict)
    themes: dict[int, ThemeSums] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.responses += other.responses
        for item, values in other.items.items():
            mine = self.items.setdefault(item, [0] * len(values))
            for index, count in enumerate(values):
                mine[index] += count
        for theme, sums in other.themes.items():
            self.themes.setdefault(theme, ThemeSums()).add(sums)


@dataclass
class Questionnaire:
    """A round's themes and items as the figures need them."""

    themes: list  # Theme objects in order
    items: dict[int, Item]
    theme_of: dict[int, int]  # item id -> theme id
    theme_key: dict[int, str]  # theme id -> key
    items_of: dict[int, list[int]]  # theme id -> item ids in order


def questionnaire(round_: Round) -> Questionnaire:
    themes = list(round_.questionnaire.themes.order_by("order"))
    items = {
        item.pk: item
        for item in Item.objects.filter(theme__version=round_.questionnaire_id).order_by(
            "theme__order", "order"
        )
    }
    items_of: dict[int, list[int]] = defaultdict(list)
    for item in items.values():
        items_of[item.theme_id].append(item.pk)
    return Questionnaire(
        themes=themes,
        items=items,
        theme_of={pk: item.theme_id for pk, item in items.items()},
        theme_key={theme.pk: theme.key for theme in themes},
        items_of=dict(items_of),
    )


def count_atoms(round_: Round, form: Questionnaire) -> dict[tuple, Counts]:
    """Every atom of the round with its counts, from one pass over the stored answers."""
    atom_of: dict = {}
    atoms: dict[tuple, Counts] = {}
    for row in _raw(Response.objects.filter(round=round_).values_list("id", *DIMENSIONS)):
        atom = tuple(row[1:])
        atom_of[row[0]] = atom
        atoms.setdefault(atom, Counts()).responses += 1
    current, per_theme = None, {}

    def close(response_id) -> None:
        if response_id is None:
            return
        counts = atoms[atom_of[response_id]]
        for theme, (total, answered, bullied) in per_theme.items():
            sums = counts.themes.setdefault(theme, ThemeSums())
            sums.n += 1
            sums.score += total / answered
            sums.bullied += bullied

    answers = (
        Answer.objects.filter(response__round=round_)
        .order_by("response_id")
        .values_list("response_id", "item_id", "value")
    )
    for response_id, item_id, value in _raw(answers):
        item = form.items.get(item_id)
        if item is None:
            continue
        if response_id != current:
            close(current)
            current, per_theme = response_id, {}
        counts = atoms[atom_of[response_id]]
        values = counts.items.setdefault(item_id, [0] * 5)
        if 1 <= value <= 5:
            values[value - 1] += 1
        theme = form.theme_of[item_id]
        total, answered, bullied = per_theme.get(theme, (0.0, 0, 0))
        bad = item.scale == Scale.FREQUENCY and value >= BULLIED_FROM
        per_theme[theme] = (total + on_five(item, value), answered + 1, bullied or int(bad))
    close(current)
    return atoms


def _raw(query) -> Iterator[tuple]:
    """A query's rows as the database driver gives them. Measured on the demo's round of
    10,935 responses (SQLite): turning 450,000 response ids into UUID objects took 2.7 of
    the 5.2 s the counting took, and the ids serve here only to tell responses apart (the
    same value, raw, on both queries). Booleans come raw too: 0/1 on SQLite."""
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(20000):
            yield from rows


@dataclass(frozen=True)
class TableSpec:
    """One table: a scope (the country: None; else an organisation's id and its kind),
    its breakdown ("" for the scope's own figures) and its groups' atoms."""

    scope: int | None
    kind: str
    by: str
    total: frozenset
    groups: tuple[tuple[str, frozenset], ...]


def tables(atoms: list[tuple]) -> list[TableSpec]:
    """Every table any organisation can see, over atoms numbered by their place in
    `atoms`: the country's, each county's (its apprentices as contract owner) and each
    office's (its own, in any county)."""
    scopes: dict[tuple[str, int | None], set[int]] = defaultdict(set)
    for index, atom in enumerate(atoms):
        scopes[("country", None)].add(index)
        if atom[_COUNTY] is not None:
            scopes[("county", atom[_COUNTY])].add(index)
        if atom[_OFFICE] is not None:
            scopes[("office", atom[_OFFICE])].add(index)
    found = []
    for (kind, scope), members in scopes.items():
        total = frozenset(members)
        found.append(TableSpec(scope, kind, "", total, ()))
        for by in breakdowns_of(kind):
            groups: dict[str, set[int]] = defaultdict(set)
            for index in members:
                groups[group_of(by, atoms[index])].add(index)
            ordered = tuple(sorted((key, frozenset(cell)) for key, cell in groups.items()))
            found.append(TableSpec(scope, kind, by, total, ordered))
    return found


def cell_counts(cell: frozenset, atoms: list[Counts]) -> Counts:
    summed = Counts()
    for index in cell:
        summed.add(atoms[index])
    return summed
