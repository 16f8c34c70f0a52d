"""Which items of a questionnaire version continue a time series from the version before.

An item continues one when the previous version has an item with the same comparability
key, the same scale and the same direction; anything else breaks the series there.
"""

from __future__ import annotations

from surveys.models import Item, QuestionnaireVersion


def _items(version: QuestionnaireVersion):
    return Item.objects.filter(theme__version=version)


def predecessors(version: QuestionnaireVersion) -> dict[int, Item]:
    """Item id in `version` -> the item of the previous version it is comparable with."""
    previous = version.previous()
    if previous is None:
        return {}
    earlier = {
        item.comparability_key: item for item in _items(previous).exclude(comparability_key="")
    }
    pairs = {}
    for item in _items(version).exclude(comparability_key=""):
        before = earlier.get(item.comparability_key)
        if (
            before is not None
            and before.scale == item.scale
            and before.high_is_good == item.high_is_good
        ):
            pairs[item.pk] = before
    return pairs


def not_comparable(version: QuestionnaireVersion) -> set[int]:
    """Ids of the items of `version` that start a new series (empty when there is no
    previous version to compare with: then nothing is a break)."""
    if version.previous() is None:
        return set()
    return set(_items(version).values_list("pk", flat=True)) - set(predecessors(version))
