"""Findings that need follow-up at once (the seeds: "Vær oppmerksom på spesielle funn som
krever umiddelbar oppfølging"): the scope's companies, offices and trades whose figure on a
theme Udir marks (reporting.models.FindingRule, set in the admin) is at or beyond Udir's
threshold. Only groups the anonymity rules show: a hidden cell has no figure and is never
read here, and "small groups together" (and "without a company") is no group one could
agree measures with, so it is never named."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from reporting import figures
from reporting.models import Cell, FindingRule
from reporting.results import BREAKDOWN_LABELS, group_labels, kind_of
from surveys.models import Round

# The breakdowns whose groups can be followed up: companies, offices and trades.
FOLLOWED_UP = ("company", "office", "trade")
NOT_A_GROUP = (figures.SMALL_GROUPS, figures.NO_VALUE)

# What the seeds advise doing with a finding (Oppfølging av lærebedrifter og
# opplæringskontor; God oppfølging bidrar til høyere svarprosent på sikt).
ADVICE = [
    _(
        "Gjennomgå resultatene med lærebedriften eller opplæringskontoret, og drøft og "
        "prioriter tiltak."
    ),
    _("Sett mål for områder som bør forbedres, og finn tiltak for å nå målene."),
    _("Følg opp resultatene neste gang undersøkelsen gjennomføres."),
]


@dataclass(frozen=True)
class Finding:
    by: str
    by_label: str
    group: str
    label: str
    theme_key: str
    theme_title: str
    is_share: bool
    value: float
    n: int | None
    threshold: Decimal
    direction: str

    @property
    def above(self) -> bool:
        return self.direction == FindingRule.Direction.ABOVE


def findings(viewer: Organisation, round_: Round, scope: Organisation | None) -> list[Finding]:
    """The scope's shown groups beyond an active rule, the worst first within each rule."""
    rules = list(FindingRule.objects.filter(active=True))
    bys = [by for by in figures.breakdowns_of(kind_of(scope)) if by in FOLLOWED_UP]
    if not rules or not bys or not hasattr(round_, "publication"):
        return []
    themes = {theme.key: theme for theme in round_.questionnaire.themes.all()}
    cells = (
        Cell.objects.for_organisation(viewer)
        .filter(
            publication=round_.publication,
            scope=scope.pk if scope else None,
            by__in=bys,
            item=None,
            hidden=False,
            value__isnull=False,
            theme__key__in=[rule.theme for rule in rules],
        )
        .exclude(group__in=NOT_A_GROUP)
        .select_related("theme")
    )
    by_theme: dict[str, list[Cell]] = {}
    for cell in cells:
        by_theme.setdefault(cell.theme.key, []).append(cell)
    labels = {
        by: group_labels(
            by, [cell.group for found in by_theme.values() for cell in found if cell.by == by]
        )
        for by in bys
    }
    language = get_language()
    found = []
    for rule in rules:
        theme = themes.get(rule.theme)
        if theme is None:
            continue
        beyond = [cell for cell in by_theme.get(rule.theme, []) if rule.beyond(cell.value)]
        beyond.sort(
            key=lambda cell: -cell.value if rule.direction == rule.Direction.ABOVE else cell.value
        )
        found += [
            Finding(
                cell.by,
                str(BREAKDOWN_LABELS[cell.by]),
                cell.group,
                labels[cell.by][cell.group],
                theme.key,
                theme.title(language),
                theme.key == figures.BULLYING,
                cell.value,
                cell.n,
                rule.threshold,
                rule.direction,
            )
            for cell in beyond
        ]
    return found


def advice() -> list[str]:
    return [str(line) for line in ADVICE]
