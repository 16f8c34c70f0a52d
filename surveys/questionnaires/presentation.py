"""A questionnaire as a respondent sees it: theme pages of items with their options, in one
language, for Udir's preview and for the respondent flow behind personal links."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.db.models import Prefetch

from surveys.models import Item, QuestionnaireVersion, Theme
from surveys.questionnaires.scales import options


@dataclass(frozen=True)
class OptionView:
    value: int
    label: str


@dataclass(frozen=True)
class ItemView:
    id: int
    text: str
    options: list[OptionView]
    marked_not_comparable: bool = False
    answer: int | None = None  # the respondent flow fills this in when going back a page
    # The item's rendered _item.html, when the respondent flow has it
    # (surveys/respondents/item_markup.py).
    markup: str = ""

    @property
    def field_name(self) -> str:
        return f"item-{self.id}"

    @property
    def answer_label(self) -> str:
        """The chosen option's label, for the summary; empty when unanswered."""
        return next((o.label for o in self.options if o.value == self.answer), "")


@dataclass(frozen=True)
class ThemePage:
    number: int
    title: str
    intro: str
    items: list[ItemView] = field(default_factory=list)


def theme_pages(
    version: QuestionnaireVersion, language: str, mark: set[int] = frozenset()
) -> list[ThemePage]:
    """All theme pages of `version` in `language`; items whose id is in `mark` are flagged."""
    themes = Theme.objects.filter(version=version).prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("order"))
    )
    return [
        ThemePage(
            number=number,
            title=theme.title(language),
            intro=theme.intro(language),
            items=[
                ItemView(
                    id=item.pk,
                    text=item.text(language),
                    options=[OptionView(o.value, o.label(language)) for o in options(item.scale)],
                    marked_not_comparable=item.pk in mark,
                )
                for item in theme.items.all()
            ],
        )
        for number, theme in enumerate(themes.order_by("order"), start=1)
    ]


def with_answers(pages: list[ThemePage], answers: dict[str, int]) -> list[ThemePage]:
    """The same pages with each item's saved answer (draft answers are keyed by item id)."""
    return [
        replace(
            page, items=[replace(item, answer=answers.get(str(item.id))) for item in page.items]
        )
        for page in pages
    ]


@lru_cache(maxsize=64)
def _frozen_pages(version_id: int, language: str) -> tuple[ThemePage, ...]:
    return tuple(theme_pages(QuestionnaireVersion.objects.get(pk=version_id), language))


def frozen_theme_pages(version_id: int, language: str) -> list[ThemePage]:
    """theme_pages() of a version that a round has opened with, kept in memory: such a
    version never changes again (it is frozen), and ids are never reused, so the pages
    respondents see are built once per process instead of on every request. Only for
    versions known to be frozen - the respondent flow shows pages only in open rounds."""
    return list(_frozen_pages(version_id, language))
