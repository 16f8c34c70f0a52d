"""Waiting for something another process or thread does (a Celery worker, a subprocess)."""

import time


def wait_for(condition, timeout: float = 30.0, interval: float = 0.05):
    """Polls until `condition()` gives something truthy and returns it; fails on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s")
