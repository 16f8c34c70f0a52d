"""A time series as a line chart's geometry: the own line and the country's, a gap at a
hidden year (a dot on the axis, no segment through it), and a vertical dashed line where a
questionnaire change breaks the series (no segment across it). Drawn as inline SVG by
templates/reporting/charts/_lines.html; no JavaScript, so it prints and renders in
WeasyPrint."""

from __future__ import annotations

from dataclasses import dataclass, field

from reporting.series import Series

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass
class Line:
    name: str
    segments: list[list[tuple[float, float]]] = field(default_factory=list)
    dots: list[tuple[float, float]] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)  # x of hidden years, drawn on the axis

    @property
    def paths(self) -> list[str]:
        return [" ".join(f"{x:.1f},{y:.1f}" for x, y in seg) for seg in self.segments if seg]


@dataclass
class Chart:
    caption: str
    own: Line
    country: Line
    years: list[tuple[float, int]]
    ticks: list[tuple[float, str]]
    breaks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: float = HEIGHT - BOTTOM
    left: int = LEFT
    right: int = WIDTH - RIGHT


def _scale(series: Series):
    if series.is_share:
        low, high = 0.0, 100.0
    else:
        low, high = 1.0, 5.0

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)

    ticks = [low + (high - low) * k / 4 for k in range(5)]
    labels = [f"{t:.0f}" if series.is_share else f"{t:.0f}" for t in ticks]
    return y, [(y(t), label) for t, label in zip(ticks, labels, strict=True)]


def _line(name: str, points, xs, y, pick) -> Line:
    line = Line(name)
    current: list[tuple[float, float]] = []
    for point, x in zip(points, xs, strict=True):
        figure = pick(point)
        if point.breaks:
            line.segments.append(current)
            current = []
        if figure is None or figure.hidden or figure.value is None:
            if figure is not None and figure.hidden:
                line.gaps.append(x)
            line.segments.append(current)
            current = []
            continue
        spot = (x, y(figure.value))
        current.append(spot)
        line.dots.append(spot)
    line.segments.append(current)
    line.segments = [seg for seg in line.segments if len(seg) > 1]
    return line


def chart(series: Series, caption: str, own_name: str | None, country_name: str) -> Chart:
    points = series.points
    span = WIDTH - LEFT - RIGHT
    count = max(len(points) - 1, 1)
    xs = [LEFT + span * k / count for k in range(len(points))]
    y, ticks = _scale(series)
    own = _line(own_name or "", points, xs, y, lambda p: p.own) if own_name else Line("")
    country = _line(country_name, points, xs, y, lambda p: p.country)
    breaks = [((xs[k - 1] + xs[k]) / 2, p.year) for k, p in enumerate(points) if p.breaks and k > 0]
    return Chart(
        caption, own, country, list(zip(xs, [p.year for p in points], strict=True)), ticks, breaks
    )
