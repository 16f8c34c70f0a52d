"""DEMO AND BENCHMARK ONLY: believable answers for generated respondents, shared by the
demo's answered rounds (surveys/demo.py) and the results' generated years
(reporting/generated.py), so national figures move plausibly from year to year.

Each person has a level around a national mean that rises slowly over the years, with their
county's own offset; an item's answer is that level with noise, turned where a high answer
is bad. About 6-7 % are bullied "about once a week" or more; only those bullied at all
answer the "if bullied" items; about 4 % of items are skipped.
"""

from __future__ import annotations

import random

from surveys.questionnaires.scales import Scale

FIRST_YEAR = 2019


def _value(scale: str, high_is_good: bool, level: float, rng: random.Random) -> int:
    score = level + rng.gauss(0, 0.9)
    if not high_is_good:
        score = 6 - score
    if scale == Scale.YES_NO:
        return 2 if score >= 3.2 else 1
    if scale == Scale.YES_PARTLY_NO:
        return 3 if score >= 3.8 else (2 if score >= 2.6 else 1)
    return min(5, max(1, round(score)))


def _bullied(rng: random.Random, share: float) -> int:
    draw = rng.random()
    if draw < share:
        return rng.choice([4, 4, 4, 5])
    if draw < share + 0.05:
        return 3
    if draw < share + 0.17:
        return 2
    return 1


def answers(items: list[tuple], year: int, county_offset: float, rng: random.Random) -> dict:
    """One person's answers: {"<item id>": value} for `items` given as (id, scale,
    high_is_good, theme key, comparability key)."""
    trend = 0.03 * (year - FIRST_YEAR)
    level = 3.6 + trend + county_offset + rng.gauss(0, 0.5)
    bullied = _bullied(rng, 0.07 - 0.002 * (year - FIRST_YEAR))
    given = {}
    for item_id, scale, high_is_good, theme, key in items:
        if theme == "if-bullied" and bullied < 2:
            continue
        if rng.random() < 0.04:
            continue  # skipped
        if key == "bullying-how-often":
            value = bullied
        elif theme == "bullying":
            value = _bullied(rng, 0.02)  # bullied digitally (from 2020)
        elif theme == "if-bullied" and not high_is_good:
            value = 2 if rng.random() < 0.35 else 1
        else:
            value = _value(scale, high_is_good, level, rng)
        given[str(item_id)] = value
    return given


def items_of(version) -> list[tuple]:
    from surveys.models import Item

    return list(
        Item.objects.filter(theme__version=version).values_list(
            "id", "scale", "high_is_good", "theme__key", "comparability_key"
        )
    )
