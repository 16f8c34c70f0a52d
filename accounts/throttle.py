"""Events counted per key in Django's cache (Redis, or files when embedded) within a window;
past a limit the key is held back for a while. Used by the wrong-link limit
(surveys/respondents/rate_limit.py) and by refused organisation switches (accounts/views.py).
"""

from __future__ import annotations

import enum

from django.core.cache import cache


class Hit(enum.Enum):
    COUNTED = "counted"  # within the limit
    LIMIT_PASSED = "limit passed"  # this event passed it: held back from now on
    HELD_BACK = "held back"  # held back already, and not counted


def hit(count_key: str, block_key: str, *, limit: int, window: int, block: int) -> Hit:
    """Counts one event. The first event past `limit` within `window` seconds holds the key
    back for `block` seconds, and is the only one told LIMIT_PASSED."""
    if cache.get(block_key) is not None:
        return Hit.HELD_BACK
    # add() starts a window only if none is running; incr() is atomic in Redis.
    cache.add(count_key, 0, timeout=window)
    try:
        count = cache.incr(count_key)
    except ValueError:  # the window expired between add() and incr(): a new one
        cache.add(count_key, 1, timeout=window)
        count = 1
    if count <= limit:
        return Hit.COUNTED
    cache.set(block_key, 1, timeout=block)
    cache.delete(count_key)
    # Requests at the same moment get different counts: only one of them passed the limit.
    return Hit.LIMIT_PASSED if count == limit + 1 else Hit.HELD_BACK
