"""Bar charts of the results pages as geometry: what templates/reporting/charts/_bars*.html
draw as inline SVG. Pure functions of figures already read (reporting/results.py), so
nothing here queries or hides: a hidden figure is a dot with the word for it and never a
bar; a missing figure is a dash and nothing drawn.

Coordinates are in the SVG's own units. The drawing is 400 wide and scales to the page
(viewBox, width 100 %): at a phone's 360 px its 14-unit text is still about 12 px. Labels
stand above their bars rather than beside them so long names keep the bars' full width.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

WIDTH = 400
LEFT = 8
VALUE_ROOM = 64  # right of the longest bar: its value as text
RIGHT = WIDTH - VALUE_ROOM
LABEL = 18  # a row's label line above its bars
BAR = 14
GAP = 3  # between a row's own and country bars
ROW_GAP = 10
AXIS = 26  # the tick labels' band at the bottom
LONGEST_LABEL = 52  # characters; the full name is in the table beside

# Fills that pass 3:1 against white (WCAG 1.4.11), with white text on them passing 4.5:1
# (1.4.3); tests/reporting/test_charts.py checks. Own bars are solid, the country's are
# hatched and outlined, so the two differ without colour too.
OWN = "#1f4e8c"
COUNTRY = "#a0410d"
TEXT = "#1e1e1e"
# Answer options from the lowest value to the highest; neighbours differ in lightness as
# well as hue, and a white gap separates every segment.
SEGMENTS = {
    2: ["#9e2a2b", "#1f4e8c"],
    3: ["#9e2a2b", "#595959", "#1f4e8c"],
    4: ["#9e2a2b", "#b3470a", "#2f6f3e", "#1f4e8c"],
    5: ["#9e2a2b", "#b3470a", "#595959", "#2f6f3e", "#1f4e8c"],
}
SEGMENT_TEXT = "#ffffff"
SEGMENT_TEXT_ROOM = 30  # a segment narrower than this has its share in the table only


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    share: bool  # 0-100 %, else an index

    def x(self, value: float) -> float:
        value = min(max(value, self.low), self.high)
        return LEFT + (RIGHT - LEFT) * (value - self.low) / (self.high - self.low)

    def text(self, value: float) -> str:
        if self.share:
            return f"{floatformat(value, 0)}\u00a0%"
        # Rounded as the tables beside the chart round (floatformat), never cut off.
        return floatformat(value, 2)


INDEX = Scale(1, 5, share=False)
SHARE = Scale(0, 100, share=True)


@dataclass(frozen=True)
class Mark:
    """One figure in a row: a bar (width > 0), a hidden dot, or nothing (a dash)."""

    series: str  # "own" or "country"
    name: str  # whose figure, for the text beside
    y: float
    height: float
    width: float
    value: float | None
    text: str  # the value, "skjult" or "–", drawn at text_x
    text_x: float
    hidden: bool

    @property
    def bar(self) -> bool:
        return self.width > 0

    @property
    def percent(self) -> float:
        """The bar's length as a share of the axis: the PDF draws it as an HTML box."""
        return round(100 * self.width / (RIGHT - LEFT), 1)

    @property
    def middle(self) -> float:
        return round(self.y + self.height / 2 + 4.5, 1)

    @property
    def dot_x(self) -> float:
        return LEFT + 2


@dataclass(frozen=True)
class Row:
    label: str
    label_y: float
    marks: list[Mark]


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    line: int = 0  # the legend's line: one per series, as long names would overlap

    x = LEFT
    text_x = LEFT + 18

    @property
    def y(self) -> float:
        return 20 + 18 * self.line

    @property
    def text_y(self) -> float:
        return self.y + 10


@dataclass
class BarChart:
    """Horizontal bars, a row per theme or group, an axis with its ticks at the bottom."""

    key: str  # unique on the page: the SVG's ids start with it
    title: str
    scale: Scale
    rows: list[Row]
    series: list[Series]
    height: float
    ticks: list[Tick] = field(default_factory=list)
    width: int = WIDTH
    left: int = LEFT
    right: int = RIGHT
    top: float = 26
    own_fill: str = OWN
    country_fill: str = COUNTRY

    @property
    def baseline(self) -> float:
        return self.height - AXIS

    @property
    def tick_y(self) -> float:
        return self.height - 8


def _short(label: str) -> str:
    return label if len(label) <= LONGEST_LABEL else label[: LONGEST_LABEL - 1] + "…"


def _mark(series: str, name: str, figure, y: float, scale: Scale) -> Mark:
    if figure is not None and figure.hidden:
        # The dot sits at the axis, where a bar would start; the word says what it is.
        return Mark(series, name, y, BAR, 0, None, _("skjult"), LEFT + 12, True)
    value = None if figure is None else figure.value
    if value is None:
        return Mark(series, name, y, BAR, 0, None, "–", LEFT + 4, False)
    end = scale.x(value)
    width = round(end - LEFT, 1)
    return Mark(series, name, y, BAR, width, value, scale.text(value), round(end + 4, 1), False)


def _ticks(scale: Scale) -> list[Tick]:
    steps = [1, 2, 3, 4, 5] if not scale.share else [0, 25, 50, 75, 100]
    return [
        Tick(round(scale.x(step), 1), scale.text(step) if scale.share else str(step))
        for step in steps
    ]


def _chart(key, title, scale, entries, series) -> BarChart:
    """`entries`: (label, [(series key, name, figure), ...]) per row, in drawing order."""
    top = 26 + 18 * len(series)  # below the title and the legend's lines
    rows, y = [], top
    for label, figures in entries:
        label_y = y + LABEL - 5
        y += LABEL
        marks = []
        for series_key, name, figure in figures:
            marks.append(_mark(series_key, name, figure, y, scale))
            y += BAR + GAP
        y += ROW_GAP - GAP
        rows.append(Row(_short(label), label_y, marks))
    return BarChart(key, title, scale, rows, series, y + AXIS, _ticks(scale), top=top)


def _against_country(rows, own_name: str | None, country_name: str, label) -> list:
    """Entries of rows that have an `own` and a `country` figure, labelled by `label(row)`."""
    return [
        (
            label(row),
            ([("own", own_name, row.own)] if own_name else [])
            + [("country", country_name, row.country)],
        )
        for row in rows
    ]


def _series(own_name: str | None, country_name: str) -> list[Series]:
    series = [Series("own", own_name)] if own_name else []
    series.append(Series("country", country_name, len(series)))
    return series


def overview(rows, own_name: str | None, country_name: str) -> list[BarChart]:
    """The overview's themes against the country: the indexes on their 1-5 scale, and the
    bullying theme, a share, on its own 0-100 % scale (one axis never carries both)."""
    series = _series(own_name, country_name)

    def entries(chosen):
        return _against_country(chosen, own_name, country_name, lambda row: row.title)

    indexes = [row for row in rows if not row.is_share]
    shares = [row for row in rows if row.is_share]
    charts = []
    if indexes:
        charts.append(
            _chart(
                "themes-index", _("Indeks 1–5, høyere er bedre"), INDEX, entries(indexes), series
            )
        )
    if shares:
        charts.append(_chart("themes-share", scale_title(True), SHARE, entries(shares), series))
    return charts


def items(key: str, rows, own_name: str | None, country_name: str) -> BarChart:
    """A theme's items against the country, each by its headline share (0-100 %), in the
    questionnaire's order: the PDF report's chart of a theme."""
    entries = _against_country(rows, own_name, country_name, lambda row: row.text)
    return _chart(key, scale_title(True), SHARE, entries, _series(own_name, country_name))


def breakdown(groups, index: int, share: bool, key: str = "groups") -> BarChart:
    """A breakdown's groups for one theme (column `index`), highest first; the hidden groups
    after them as dots, then those without a figure, each set by name."""

    def order(row):
        figure = row.figures[index]
        if figure is not None and figure.hidden:
            return (1, 0, row.label.casefold())
        if figure is None or figure.value is None:
            return (2, 0, row.label.casefold())
        return (0, -figure.value, row.label.casefold())

    ordered = sorted(groups, key=order)
    entries = [(row.label, [("own", row.label, row.figures[index])]) for row in ordered]
    scale = SHARE if share else INDEX
    title = scale_title(share)
    return _chart(key, title, scale, entries, [])


def scale_title(share: bool) -> str:
    if share:
        return _("Andel i prosent, 0–100 %")
    return _("Indeks 1–5, høyere er bedre")


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    fill: str
    share: float
    text: str  # the share, where the segment has room for it, else ""
    label: str  # the answer option

    @property
    def text_x(self) -> float:
        return round(self.x + 4, 1)


@dataclass(frozen=True)
class StackRow:
    name: str
    label_y: float
    y: float
    segments: list[Segment]
    hidden: bool
    missing: bool

    @property
    def text_y(self) -> float:
        return self.y + 15

    @property
    def dot_x(self) -> float:
        return LEFT + 2

    @property
    def word_x(self) -> float:
        return LEFT + 14


@dataclass(frozen=True)
class Legend:
    x: float
    y: float
    fill: str
    label: str

    @property
    def rect_y(self) -> float:
        return self.y - 9

    @property
    def text_x(self) -> float:
        return self.x + 18

    @property
    def text_y(self) -> float:
        return self.y + 2


@dataclass
class StackChart:
    """An item's answers as one 100 % bar per whose (the scope's, the country's)."""

    key: str
    rows: list[StackRow]
    legend: list[Legend]
    height: float
    width: int = WIDTH
    left: int = LEFT
    right: int = RIGHT
    bar: int = BAR + 6
    text_fill: str = SEGMENT_TEXT
    heading_id: str = ""  # the item's heading, read before the caption: which item it is

    @property
    def hidden_word(self) -> str:
        return _("skjult")


def distribution(
    key: str, labels: list[str], whose: list[tuple[str, object]], heading_id: str = ""
) -> StackChart:
    """`whose`: (name, figure) per bar. Segments in the order of the answer options, from
    the lowest value; a hidden figure is a dot and the word, no figure a dash."""
    palette = SEGMENTS.get(len(labels)) or [SEGMENTS[5][i % 5] for i in range(len(labels))]
    legend, x, y = [], LEFT, 12.0
    for label, fill in zip(labels, palette, strict=False):
        room = 22 + 7.2 * len(label)
        if x + room > WIDTH and x > LEFT:
            x, y = LEFT, y + 20
        legend.append(Legend(x, y, fill, label))
        x += room + 10
    rows, top = [], y + 20
    span = RIGHT + VALUE_ROOM - 8 - LEFT
    for name, figure in whose:
        shares = [] if figure is None else figure.shares[: len(labels)]
        hidden = figure is not None and figure.hidden
        segments, start = [], LEFT
        for label, share, fill in zip(labels, shares, palette, strict=False):
            width = span * (share or 0) / 100
            text = SHARE.text(share) if width >= SEGMENT_TEXT_ROOM else ""
            segments.append(Segment(round(start, 1), round(width, 1), fill, share, text, label))
            start += width
        rows.append(StackRow(name, top + LABEL - 5, top + LABEL, segments, hidden, not shares))
        top += LABEL + BAR + 6 + ROW_GAP
    return StackChart(key, rows, legend, top + 4, heading_id=heading_id)
