"""Reading published results: what the pages and `manage.py export_results` show, always
from the stored cells (reporting/models: figures and suppression computed once by
reporting/publication.py), always through Cell.objects.for_organisation, so a county
reads its own tables and the country's and nothing else.

Nothing here counts or hides: a hidden cell has no figure to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from reporting import figures, publication
from reporting.models import Cell, Publication
from surveys.models import ContractType, Item, Round, Survey, Theme
from surveys.questionnaires.scales import options
from surveys.responses.programmes import PROGRAMMES
from surveys.rounds import schedule

BREAKDOWN_LABELS = {
    "county": _("Fylke"),
    "trade": _("Utdanningsprogram og programområde"),
    "office": _("Opplæringskontor"),
    "company": _("Lærebedrift"),
    "contract_type": _("Kontraktstype"),
}
NO_VALUE_LABELS = {
    "office": _("Uten opplæringskontor"),
    "company": _("Uten lærebedrift"),
    "contract_type": _("Uten kontraktstype"),
}
SMALL_GROUPS_LABEL = _("Små grupper samlet")
MEASURE_LABELS = {
    "agree": _("Andel enige (4–5)"),
    "bullied": _("Andel mobbet to til tre ganger i måneden eller mer"),
    "often": _("Andel ukentlig eller oftere"),
    "yes": _("Andel ja"),
}


@dataclass(frozen=True)
class Figure:
    n: int | None
    value: float | None
    counts: list | None
    hidden: bool

    @classmethod
    def of(cls, cell: Cell | None) -> Figure | None:
        if cell is None:
            return None
        return cls(cell.n, cell.value, cell.counts, cell.hidden)

    @property
    def shares(self) -> list[float | None]:
        if self.hidden or not self.counts or not self.n:
            return []
        return [100 * count / self.n for count in self.counts]


def kind_of(scope: Organisation | None) -> str:
    if scope is None:
        return "country"
    return {"county": "county", "office": "office"}.get(scope.kind, "country")


def breakdowns_of(scope: Organisation | None) -> list[tuple[str, str]]:
    return [(by, BREAKDOWN_LABELS[by]) for by in figures.breakdowns_of(kind_of(scope))]


def visible_rounds(viewer: Organisation) -> list[tuple[Round, str]]:
    """The rounds whose results the viewer may read, newest first, with their state."""
    found = []
    today = schedule.today()
    published = Round.objects.filter(publication__isnull=False).select_related("questionnaire")
    for round_ in published.order_by("-year", "survey"):
        state = publication.state_of_published(round_, viewer, today)
        if state:
            found.append((round_, state))
    return found


def chosen_round(viewer: Organisation, year: str | None, survey: str | None, scope=None):
    """The round asked for, else the newest apprentice round the viewer may read that has
    figures of the scope (an office whose responses were all generalised in the newest
    round reads the round before), else the newest; with its state. None when there is
    none."""
    rounds = visible_rounds(viewer)
    survey = survey if survey in Survey.values else Survey.APPRENTICE
    if year and year.isdigit():
        for round_, state in rounds:
            if round_.year == int(year) and round_.survey == survey:
                return round_, state
        return None
    candidates = [(round_, state) for round_, state in rounds if round_.survey == survey]
    if scope is not None:
        with_figures = set(
            Cell.objects.filter(scope=scope, by="").values_list("publication__round", flat=True)
        )
        for round_, state in candidates:
            if round_.pk in with_figures:
                return round_, state
    return candidates[0] if candidates else None


def scope_for(viewer: Organisation, orgnr: str | None) -> Organisation | None:
    """Whose tables the viewer reads: its own; for Udir the country, or any county or office
    it names. Anything else is a 404 (never another county's results)."""
    if viewer.kind == Organisation.Kind.DIRECTORATE:
        if not orgnr:
            return None
        found = Organisation.objects.filter(
            orgnr=orgnr, kind__in=[Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE]
        ).first()
        if found is None:
            raise Http404
        return found
    if viewer.kind in (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE):
        if orgnr and orgnr != viewer.orgnr:
            raise Http404
        return viewer
    raise Http404


def _cells(viewer: Organisation, published: Publication, scope: Organisation | None):
    return Cell.objects.for_organisation(viewer).filter(
        publication=published, scope=scope.pk if scope else None
    )


def themes(round_: Round) -> list[Theme]:
    return list(round_.questionnaire.themes.order_by("order"))


@dataclass
class ThemeRow:
    theme: Theme
    title: str
    own: Figure | None
    country: Figure | None
    is_share: bool


def overview(viewer, round_: Round, scope) -> list[ThemeRow]:
    """Per theme the scope's index (or the bullying share) and the country's beside it."""
    published = round_.publication
    language = get_language()
    own = {c.theme_id: c for c in _cells(viewer, published, scope).filter(by="", item=None)}
    country = {c.theme_id: c for c in _cells(viewer, published, None).filter(by="", item=None)}
    return [
        ThemeRow(
            theme,
            theme.title(language),
            Figure.of(own.get(theme.pk)),
            Figure.of(country.get(theme.pk)),
            theme.key == figures.BULLYING,
        )
        for theme in themes(round_)
    ]


@dataclass
class ItemRow:
    item: Item
    text: str
    measure: str
    own: Figure | None
    country: Figure | None
    labels: list[str] = field(default_factory=list)

    @staticmethod
    def _paired(labels: list[str], figure: Figure | None) -> list[tuple[str, float]]:
        if figure is None or figure.hidden:
            return []
        return list(zip(labels, figure.shares[: len(labels)], strict=False))

    @property
    def own_shares(self) -> list[tuple[str, float]]:
        return self._paired(self.labels, self.own)

    @property
    def country_shares(self) -> list[tuple[str, float]]:
        return self._paired(self.labels, self.country)


def items(viewer, round_: Round, scope, theme: Theme) -> list[ItemRow]:
    """Each item of a theme: its distribution and headline share, the country's beside."""
    return items_by_theme(viewer, round_, scope, [theme])[theme.pk]


def items_by_theme(viewer, round_: Round, scope, chosen: list[Theme]) -> dict[int, list[ItemRow]]:
    """items() for each of `chosen` (by theme id) in three queries, however many themes: the
    PDF reads every theme of two rounds."""
    published = round_.publication
    language = get_language()
    cells = {
        whose: {
            c.item_id: c
            for c in _cells(viewer, published, of).filter(
                by="", theme__in=chosen, item__isnull=False
            )
        }
        for whose, of in (("own", scope), ("country", None))
    }
    rows = {theme.pk: [] for theme in chosen}
    keys = {theme.pk: theme.key for theme in chosen}
    for item in Item.objects.filter(theme__in=chosen).order_by("theme_id", "order"):
        measure, _values = figures.top_values(item, keys[item.theme_id])
        scale = sorted(options(item.scale), key=lambda option: option.value)
        rows[item.theme_id].append(
            ItemRow(
                item,
                item.text(language),
                str(MEASURE_LABELS[measure]),
                Figure.of(cells["own"].get(item.pk)),
                Figure.of(cells["country"].get(item.pk)),
                [option.label(language) for option in scale],
            )
        )
    return rows


def group_labels(by: str, keys: list[str]) -> dict[str, str]:
    """What a page calls each group of a breakdown."""
    labels = {}
    ids = (
        [int(key) for key in keys if key.isdigit()] if by in ("county", "office", "company") else []
    )
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    contract = dict(ContractType.choices)
    for key in keys:
        if key == figures.SMALL_GROUPS:
            labels[key] = str(SMALL_GROUPS_LABEL)
        elif key == figures.NO_VALUE:
            labels[key] = str(NO_VALUE_LABELS.get(by, "–"))
        elif by in ("county", "office", "company"):
            labels[key] = names.get(int(key), key)
        elif by == "trade":
            programme = PROGRAMMES.get(key[:2].upper())
            labels[key] = f"{programme}: {key}" if programme else key
        elif by == "contract_type":
            labels[key] = str(contract.get(key, key))
        else:
            labels[key] = key
    return labels


@dataclass
class GroupRow:
    key: str
    label: str
    figures: list[Figure | None]
    # (theme title, figure, whether it is a share) per column, for the templates.
    cells: list[tuple[str, Figure | None, bool]] = field(default_factory=list)
    # A county's or office's own organisation number, where Udir may open its results.
    orgnr: str = ""


@dataclass
class Breakdown:
    by: str
    themes: list[Theme]
    titles: list[str]
    total: GroupRow
    groups: list[GroupRow]

    @property
    def hidden_any(self) -> bool:
        return any(f is not None and f.hidden for row in self.groups for f in row.figures)


def breakdown(viewer, round_: Round, scope, by: str) -> Breakdown:
    """The scope's groups along `by`, a theme per column, the scope's total below; the small
    groups together last, the others by name."""
    if by not in figures.breakdowns_of(kind_of(scope)):
        raise Http404
    published = round_.publication
    ordered = themes(round_)
    language = get_language()
    cells = _cells(viewer, published, scope).filter(item=None)
    by_group: dict[str, dict[int, Cell]] = {}
    total: dict[int, Cell] = {}
    for cell in cells.filter(by__in=["", by]):
        if cell.by == "":
            total[cell.theme_id] = cell
        else:
            by_group.setdefault(cell.group, {})[cell.theme_id] = cell
    labels = group_labels(by, list(by_group))
    numbers = {}
    if by in ("county", "office") and viewer.kind == Organisation.Kind.DIRECTORATE:
        ids = [int(key) for key in by_group if key.isdigit()]
        numbers = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "orgnr"))
    rows = [
        GroupRow(
            key,
            labels[key],
            [Figure.of(found.get(t.pk)) for t in ordered],
            orgnr=numbers.get(int(key), "") if key.isdigit() else "",
        )
        for key, found in by_group.items()
    ]
    rows.sort(key=lambda row: (row.key == figures.SMALL_GROUPS, row.label.casefold(), row.key))
    titles = [theme.title(language) for theme in ordered]
    shares = [theme.key == figures.BULLYING for theme in ordered]
    total_row = GroupRow("", str(_("I alt")), [Figure.of(total.get(t.pk)) for t in ordered])
    for row in [*rows, total_row]:
        row.cells = list(zip(titles, row.figures, shares, strict=True))
    return Breakdown(by, ordered, titles, total_row, rows)
