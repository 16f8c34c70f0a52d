"""The results' bar charts: geometry (a hidden group is a dot and never a bar, groups
sorted highest first, bars as long as their values, the bullying share on its own 0-100 %
scale, colours that pass contrast) and the pages that draw them beside their tables."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reporting.charts import bars
from reporting.results import Figure, GroupRow, ThemeRow
from tests.reporting.helpers import publish, stored_round
from tests.reporting.test_pages import _a_county_with_companies, _rows


def shown(value, n=30):
    return Figure(n, value, None, False)


HIDDEN = Figure(None, None, None, True)


def _group(label, figure):
    return GroupRow(label, label, [figure])


def test_a_breakdown_is_sorted_highest_first_with_hidden_groups_as_dots_and_no_bar():
    groups = [
        _group("Alfa", shown(3.0)),
        _group("Beta", HIDDEN),
        _group("Gamma", shown(4.5)),
        _group("Delta", None),
        _group("Epsilon", shown(2.0)),
    ]
    chart = bars.breakdown(groups, 0, share=False)
    assert [row.label for row in chart.rows] == ["Gamma", "Alfa", "Epsilon", "Beta", "Delta"]
    beta = chart.rows[3].marks[0]
    assert beta.hidden and not beta.bar and beta.width == 0 and beta.text == "skjult"
    delta = chart.rows[4].marks[0]
    assert not delta.hidden and not delta.bar and delta.text == "–"
    assert all(row.marks[0].bar for row in chart.rows[:3])


def test_bar_lengths_are_proportional_to_the_value_above_the_scales_start():
    groups = [_group(str(v), shown(v)) for v in (5.0, 3.0, 2.0, 1.0)]
    widths = [row.marks[0].width for row in bars.breakdown(groups, 0, share=False).rows]
    full = bars.RIGHT - bars.LEFT
    assert widths == [pytest.approx(full), pytest.approx(full / 2), pytest.approx(full / 4), 0]
    assert [row.marks[0].text for row in bars.breakdown(groups, 0, False).rows][:2] == [
        "5,00",
        "3,00",
    ]


def test_a_bar_says_the_same_figure_as_the_table_beside_it():
    """The tables round (Django's floatformat); a chart that cut the digits off instead
    said 65 % beside a table's 66 %."""
    from django.template.defaultfilters import floatformat

    groups = [_group(str(v), shown(v)) for v in (3.8279, 3.825, 2.004)]
    texts = [row.marks[0].text for row in bars.breakdown(groups, 0, share=False).rows]
    assert texts == [floatformat(v, 2) for v in (3.8279, 3.825, 2.004)] == ["3,83", "3,83", "2,00"]
    shares = [_group(str(v), shown(v)) for v in (65.8, 64.5, 7.2)]
    texts = [row.marks[0].text for row in bars.breakdown(shares, 0, share=True).rows]
    assert texts == ["66\u00a0%", "65\u00a0%", "7\u00a0%"]


def test_the_bullying_theme_is_a_share_on_its_own_scale():
    rows = [
        ThemeRow(None, "Motivasjon", shown(4.0), shown(3.0), False),
        ThemeRow(None, "Mobbing", shown(10.0), HIDDEN, True),
    ]
    index, share = bars.overview(rows, "Vestland", "Hele landet")
    assert [row.label for row in index.rows] == ["Motivasjon"]
    assert [row.label for row in share.rows] == ["Mobbing"]
    assert share.scale.share and not index.scale.share
    own, country = share.rows[0].marks
    assert own.width == pytest.approx((bars.RIGHT - bars.LEFT) * 0.10)
    assert own.text == "10\u00a0%"
    assert country.hidden and not country.bar
    assert [tick.text for tick in share.ticks][-1] == "100\u00a0%"
    assert [s.key for s in index.series] == ["own", "country"]


def test_an_items_distribution_is_one_hundred_per_cent_wide_and_a_hidden_one_a_dot():
    chart = bars.distribution(
        "x",
        ["Nei", "Delvis", "Ja"],
        [("Vestland", HIDDEN), ("Landet", Figure(40, 1, [10, 10, 20], False))],
    )
    own, country = chart.rows
    assert own.hidden and own.segments == []
    widths = [segment.width for segment in country.segments]
    assert sum(widths) == pytest.approx(bars.WIDTH - 2 * bars.LEFT, abs=0.2)
    assert widths[2] == pytest.approx(2 * widths[0], abs=0.1)
    assert [segment.text for segment in country.segments] == ["25\u00a0%", "25\u00a0%", "50\u00a0%"]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_colours_pass_contrast():
    white = "#ffffff"
    for colour in (bars.OWN, bars.COUNTRY):
        assert _contrast(colour, white) >= 3, colour
    assert _contrast(bars.TEXT, white) >= 4.5
    for palette in bars.SEGMENTS.values():
        for colour in palette:
            assert _contrast(colour, white) >= 4.5, colour  # white text on it, and 3:1 graphic


@pytest.mark.django_db
def test_the_overview_draws_the_themes_against_the_country_beside_the_table(county_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    page = county_admin.client.get(reverse("reporting:overview")).content.decode()
    figure = page.split('data-testid="overview-chart"', 1)[1].split("</figure>", 1)[0]
    assert 'role="img"' in figure and 'aria-labelledby="overview-chart-caption' in figure
    assert "Tallene står i tabellen" in figure
    rows = _rows(page, "themes")
    own, _n, country, _nc = rows["Motivasjon"]
    motivation = figure.split(">Motivasjon<", 1)[1].split("</g>", 1)[0]
    values = re.findall(r'class="chart-text chart-value"[^>]*>([^<]+)<', motivation)
    assert values == [own, country]
    own_bar = re.search(r'<rect[^>]*data-series="own"[^>]*>', motivation).group(0)
    country_bar = re.search(r'<rect[^>]*data-series="country"[^>]*>', motivation).group(0)
    # Not by colour alone: the scope's bar is solid, the country's hatched and outlined.
    assert f'fill="{bars.OWN}"' in own_bar and "hatch)" not in own_bar
    assert "-hatch)" in country_bar and f'stroke="{bars.COUNTRY}"' in country_bar
    assert "skravert" in figure and "heltrukket" in figure


@pytest.mark.django_db
def test_a_breakdowns_chart_has_the_hidden_group_as_a_dot_and_no_bar(county_admin):
    round_ = stored_round()
    o = _a_county_with_companies(round_)
    publish(round_)
    url = reverse("reporting:breakdown", args=["company"])
    page = county_admin.client.get(url, {"tema": "motivation"}).content.decode()
    assert _rows(page, "breakdown")[o["company_3"].name][0] == "•skjult, se forklaringen"
    svg = page.split('data-testid="chart-groups"', 1)[1].split("</svg>", 1)[0]
    groups = re.findall(r'<g class="chart-row">(.*?)</g>', svg, re.S)
    labels = [re.search(r'chart-label"[^>]*>([^<]+)<', g).group(1) for g in groups]
    assert labels[:2] == [o["company_2"].name, o["company"].name]  # 5,00 before 4,00
    hidden = groups[labels.index(o["company_3"].name)]
    assert 'data-hidden="true"' in hidden and ">•<" in hidden and ">skjult<" in hidden
    assert "<rect" not in hidden
    shown_group = groups[labels.index(o["company"].name)]
    assert "<rect" in shown_group and ">4,00<" in shown_group
    assert 'name="tema"' in page and 'value="motivation" selected' in page


@pytest.mark.django_db
def test_a_themes_items_are_drawn_as_their_distribution(county_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    page = county_admin.client.get(reverse("reporting:theme", args=["motivation"])).text
    charts = re.findall(r'<figure class="results-chart" data-testid="chart-item-([^"]+)"', page)
    tables = re.findall(r'data-testid="item-([^"]+)"', page)
    assert charts and charts == tables
    svg = page.split('<svg class="chart chart-bars" data-testid="chart-item-', 1)[1].split(
        "</svg>", 1
    )[0]
    assert 'role="img"' in svg and "Vestland" in svg and "Hele landet" in svg
    # Named by the item's heading first: a page has one such chart per item.
    assert re.search(r'aria-labelledby="item-\d+ item-\d+-chart-caption"', svg)
