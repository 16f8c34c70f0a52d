"""Each theme's result against what the organisation expected before the round (its round
plan, surveys/rounds/expectations.py) and against last year (its published round of the
year before, the same theme key), for the overview and the PDF. Read from the stored cells
through Cell.objects.for_organisation: a hidden cell has no figure, so neither has its
difference ("–" on the page)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

from accounts.models import Organisation
from reporting import figures, publication
from reporting.models import Cell
from reporting.results import Figure
from surveys.models import Round
from surveys.rounds import expectations as recorded


@dataclass(frozen=True)
class Comparison:
    theme_key: str
    title: str
    is_share: bool
    result: Figure | None
    expected: Decimal | None
    last_year: Figure | None

    @staticmethod
    def _shown(figure: Figure | None) -> float | None:
        if figure is None or figure.hidden or figure.value is None:
            return None
        return figure.value

    @property
    def result_value(self) -> float | None:
        return self._shown(self.result)

    @property
    def last_year_value(self) -> float | None:
        return self._shown(self.last_year)

    @property
    def against_expected(self) -> float | None:
        if self.result_value is None or self.expected is None:
            return None
        return self.result_value - float(self.expected)

    @property
    def against_last_year(self) -> float | None:
        if self.result_value is None or self.last_year_value is None:
            return None
        return self.result_value - self.last_year_value


def previous_round(viewer: Organisation, round_: Round) -> Round | None:
    """The same survey's round of the year before, if its results are visible to the viewer."""
    found = Round.objects.filter(year=round_.year - 1, survey=round_.survey).first()
    if found is None or not publication.state(found, viewer):
        return None
    return found


def theme_figures(
    viewer: Organisation, round_: Round | None, scope: Organisation | None
) -> dict[str, Figure]:
    """The scope's own figure per theme key in a published round, as the viewer may read."""
    if round_ is None:
        return {}
    cells = (
        Cell.objects.for_organisation(viewer)
        .filter(publication__round=round_, scope=scope.pk if scope else None, by="", item=None)
        .select_related("theme")
    )
    return {cell.theme.key: Figure.of(cell) for cell in cells}


def last_year(viewer: Organisation, round_: Round, scope: Organisation | None) -> dict[str, Figure]:
    """Last year's figure per theme key: guidance when setting expectations, and the
    comparison after publication."""
    return theme_figures(viewer, previous_round(viewer, round_), scope)


def expectations(
    viewer: Organisation, round_: Round, scope: Organisation | None
) -> list[Comparison]:
    """Per theme of the round: the result, the expectation the scope recorded, last year's,
    and the differences (None where any side is missing or hidden)."""
    language = get_language()
    now = theme_figures(viewer, round_, scope)
    before = last_year(viewer, round_, scope)
    expected = recorded.expected(scope, round_) if scope is not None else {}
    return [
        Comparison(
            theme.key,
            theme.title(language),
            theme.key == figures.BULLYING,
            now.get(theme.key),
            expected.get(theme.key),
            before.get(theme.key),
        )
        for theme in recorded.themes(round_)
    ]
