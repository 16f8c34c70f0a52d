"""The cost of one bar chart: computing its geometry (reporting/charts/bars.py) and
rendering its SVG template, in-process, on made-up figures (no database: the figures are
read once per page anyway, and a chart adds no query).

    .venv/bin/python bench/chart_cost.py [--repeat 2000]

Prints the mean per chart, in milliseconds, for the overview's themes (8 themes against
the country), an item's distribution (5 options, own and country) and a breakdown's groups
(50 groups, five of them hidden).
"""

from __future__ import annotations

import argparse
import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from django.utils import translation  # noqa: E402

from reporting.charts import bars  # noqa: E402
from reporting.results import Figure, GroupRow, ThemeRow  # noqa: E402

HIDDEN = Figure(None, None, None, True)


def _figure(value: float) -> Figure:
    return Figure(40, value, [4, 6, 10, 12, 8], False)


THEMES = [ThemeRow(None, f"Tema {i}", _figure(3 + i / 10), _figure(3.5), i == 7) for i in range(8)]
GROUPS = [
    GroupRow(str(i), f"Lærebedrift {i}", [HIDDEN if i % 10 == 0 else _figure(1 + i / 13)])
    for i in range(50)
]
LABELS = ["Helt uenig", "Litt uenig", "Verken eller", "Litt enig", "Helt enig"]


def overview() -> str:
    charts = bars.overview(THEMES, "Vestland", "Hele landet")
    return "".join(
        render_to_string("reporting/charts/_bars.html", {"chart": c, "caption_id": "c"})
        for c in charts
    )


def distribution() -> str:
    chart = bars.distribution("i", LABELS, [("Vestland", _figure(0)), ("Landet", _figure(0))])
    return render_to_string(
        "reporting/charts/_bars_stack.html", {"chart": chart, "caption_id": "c"}
    )


def breakdown() -> str:
    chart = bars.breakdown(GROUPS, 0, share=False)
    return render_to_string("reporting/charts/_bars.html", {"chart": chart, "caption_id": "c"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2000)
    repeat = parser.parse_args().repeat
    with translation.override("nb"):
        for name, chart in (
            ("overview (8 themes)", overview),
            ("distribution (5 options)", distribution),
            ("breakdown (50 groups)", breakdown),
        ):
            chart()  # templates loaded and compiled once, as in a running server
            best = min(timeit.repeat(chart, number=repeat, repeat=3)) / repeat
            size = len(chart().encode())
            print(f"{name}: {best * 1000:.3f} ms per chart, {size / 1024:.1f} KiB of SVG")


if __name__ == "__main__":
    main()
