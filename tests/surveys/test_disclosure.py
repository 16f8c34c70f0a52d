"""The rule that hides small groups (surveys/disclosure.py): its worked examples, and its
three rules held over many random tables (property-style, seeded so a failure repeats)."""

from __future__ import annotations

import doctest
import random

import pytest

from surveys import disclosure
from surveys.disclosure import hidden_groups

LIMIT = 5


def test_the_worked_examples_in_the_docstring_hold():
    result = doctest.testmod(disclosure)
    assert result.attempted > 5 and result.failed == 0


def _tables(count: int = 2000):
    rng = random.Random(20261001)
    for _ in range(count):
        groups = rng.randint(1, 8)
        yield {f"g{n}": rng.choice([rng.randint(0, 7), rng.randint(0, 60)]) for n in range(groups)}


@pytest.mark.parametrize("limit", [LIMIT, 1, 10])
def test_every_group_of_the_limit_or_fewer_is_hidden(limit):
    for sizes in _tables():
        hidden = hidden_groups(sizes, limit)
        assert {key for key, size in sizes.items() if size <= limit} <= hidden.groups, sizes


def test_a_shown_total_never_stands_beside_exactly_one_hidden_group():
    for sizes in _tables():
        hidden = hidden_groups(sizes, LIMIT)
        assert hidden.total or len(hidden.groups) != 1, sizes


def test_a_group_hidden_by_the_caller_is_not_left_alone_beside_the_total():
    hidden = hidden_groups({"A": 40, "B": 30, "C": 7}, LIMIT, also={"C"})
    assert hidden.groups == {"B", "C"} and not hidden.total


def test_the_hidden_groups_of_a_shown_total_hold_more_than_the_limit():
    for sizes in _tables():
        hidden = hidden_groups(sizes, LIMIT)
        if hidden.groups and not hidden.total:
            assert sum(sizes[key] for key in hidden.groups) > LIMIT, sizes


def test_a_total_of_the_limit_or_fewer_is_hidden():
    for sizes in _tables():
        if sum(sizes.values()) <= LIMIT:
            assert hidden_groups(sizes, LIMIT).total, sizes


def test_it_hides_no_more_than_it_must_smallest_first():
    """Each group hidden beyond the small ones was the smallest still shown."""
    for sizes in _tables():
        hidden = hidden_groups(sizes, LIMIT)
        shown = [sizes[key] for key in sizes if key not in hidden.groups]
        beyond = [sizes[key] for key in hidden.groups if sizes[key] > LIMIT]
        assert not shown or not beyond or max(beyond) <= min(shown), sizes


def test_the_same_table_is_hidden_the_same_way_in_any_order():
    for sizes in _tables(300):
        backwards = dict(reversed(list(sizes.items())))
        assert hidden_groups(sizes, LIMIT) == hidden_groups(backwards, LIMIT)
