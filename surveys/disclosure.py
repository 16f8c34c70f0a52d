"""The rule that hides small groups: which groups of a table may show how many of them
answered (or, for results, what they answered), and whether the table's total may.

One pure function, shared by response rates (distribution/rates.py) and, later, results
(reporting/anonymity.py extends it across every published table of a round): neither app
may import the other, so the rule lives here, below both. It takes sizes only, never
people, and returns the groups to hide.

The rules, with `limit` the smallest group shown (5 by default: DISCLOSURE_LIMIT), a
group's size being how many of it are in the sample:

1. Primary suppression: a group of `limit` or fewer is hidden.
2. Never exactly one hidden group beside a shown total: the total less the shown groups
   would give it away. Another group is hidden, the smallest first.
3. The hidden groups together hold more than `limit`: else the total less the shown groups
   tells how many of a small set answered. More groups are hidden, smallest first, until
   they do.
4. The total itself is hidden when it is `limit` or fewer, or when hiding every group
   would still leave one hidden group alone (a table of one small group).

With sizes alone, rule 2 follows from rule 3 (a group hidden by rule 1 holds `limit` or
fewer); it stands on its own when a caller hides a group for a reason of its own (`also`:
results hide a group with 5 or fewer answers, or one hidden in another table).

Groups of equal size are taken in the order of their keys (as text), so the same table is
always hidden the same way. Those without a value for the breakdown (no company, no office)
are a group like any other, under the same rules.

Worked examples, with limit 5:

>>> hidden_groups({"A": 40, "B": 30, "C": 12}, limit=5)
Hidden(groups=frozenset(), total=False)

Rule 1 hides D (3); D alone beside the total breaks rule 2 and holds 3, not more than 5,
breaking rule 3: the smallest shown group, C (12), is hidden with it (15 together):

>>> sorted(hidden_groups({"A": 40, "B": 30, "C": 12, "D": 3}, limit=5).groups)
['C', 'D']

Two small groups (2 and 3) together hold 5, not more than 5: one more is hidden:

>>> sorted(hidden_groups({"A": 40, "B": 9, "C": 2, "D": 3}, limit=5).groups)
['B', 'C', 'D']

Two small groups holding 7 between them are enough:

>>> sorted(hidden_groups({"A": 40, "C": 4, "D": 3}, limit=5).groups)
['C', 'D']

A group of exactly the limit is hidden; one more than it is shown:

>>> hidden_groups({"A": 6, "B": 5, "C": 6}, limit=5).groups == {"A", "B"}
True

A table of one group of 4: the group and the total are hidden:

>>> hidden_groups({"A": 4}, limit=5)
Hidden(groups=frozenset({'A'}), total=True)

A group hidden for the caller's reason (`also`) is never left alone beside the total:

>>> sorted(hidden_groups({"A": 40, "B": 30, "C": 7}, limit=5, also={"C"}).groups)
['B', 'C']

A table of one large group shows it:

>>> hidden_groups({"A": 40}, limit=5)
Hidden(groups=frozenset(), total=False)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Hidden:
    groups: frozenset
    total: bool


def default_limit() -> int:
    return settings.DISCLOSURE_LIMIT


def hidden_groups(
    sizes: Mapping[Hashable, int],
    limit: int | None = None,
    also: Iterable[Hashable] = (),
) -> Hidden:
    """The groups of a table whose answered counts are hidden, and whether its total is.
    `sizes` maps each group's key to how many of it are in the sample; `also` are groups
    the caller hides for its own reasons (rules 2 and 3 then hold for them too)."""
    limit = default_limit() if limit is None else limit
    total = sum(sizes.values())
    order = sorted(sizes, key=lambda key: (sizes[key], str(key)))
    hidden = {key for key in order if sizes[key] <= limit} | (set(also) & set(sizes))
    for key in order:
        held = sum(sizes[k] for k in hidden)
        if not hidden or (len(hidden) >= 2 and held > limit):
            break
        hidden.add(key)
    alone = len(hidden) == 1 and len(sizes) == 1
    return Hidden(groups=frozenset(hidden), total=total <= limit or alone)
