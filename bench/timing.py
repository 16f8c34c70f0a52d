"""Timing a page in-process with Django's test Client, as the page benchmarks report it."""

from __future__ import annotations

import statistics
import time


def measure(client, path: str, requests: int) -> dict:
    """p50, p95 and max of `requests` GETs of `path`, after one to warm up (templates and
    translations loaded once); every answer must be a 200."""
    times = []
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "max_ms": round(times[-1], 1),
    }
