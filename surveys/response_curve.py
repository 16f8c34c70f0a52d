"""The geometry of the curve of answers per day (bars, dispatch marks, the rate so far and
the plan's target), in SVG coordinates: one function, drawn by the portal's response-rate
page (distribution/) and by the results PDF (reporting/exports/pdf.py), so both show the
same curve."""

from __future__ import annotations

from surveys import response_rates

# The chart's drawing area, in the SVG's own units (it scales to the page's width).
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 48, 32, 16


def chart(days: list[response_rates.Day], in_sample: int = 0, target: int | None = None) -> dict:
    """Bars of answers per day and a line at each day with a dispatch, in SVG coordinates;
    with `in_sample`, the response rate so far as a line on a 0-100 % scale (the right
    axis), and the plan's target rate as a dashed line on the same scale."""
    highest = max([day.answered for day in days] + [1])
    plot_width, plot_height = WIDTH - LEFT - 8, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(days), 1)
    bars, marks, rate_points = [], [], []
    number = 0
    for index, day in enumerate(days):
        x = LEFT + index * step
        if in_sample:
            y = TOP + plot_height * (1 - day.cumulative / in_sample)
            rate_points.append(f"{round(x + step / 2, 1)},{round(y, 1)}")
        height = plot_height * day.answered / highest
        bars.append(
            {
                "x": round(x + step * 0.1, 1),
                "width": round(step * 0.8, 1),
                "y": round(TOP + plot_height - height, 1),
                "height": round(height, 1),
            }
        )
        if day.dispatches:
            number += 1
            marks.append({"x": round(x + step / 2, 1), "number": number, "day": day})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "top": TOP,
        "baseline": TOP + plot_height,
        "right": WIDTH - 8,
        "highest": highest,
        "bars": bars,
        "marks": marks,
        "first": days[0].day if days else None,
        "last": days[-1].day if days else None,
        "label_y": HEIGHT - 10,
        "rate_points": " ".join(rate_points),
        "target": target,
        "target_y": round(TOP + plot_height * (1 - target / 100), 1) if target else None,
    }
