"""The portal's response-rate pages: the overview (total, the curve of answers per day with
the dispatches marked, earlier rounds and the national rate; for Udir every county and
office with its SMS quota left) and one breakdown, sorted and paged. Thin: the figures and
their suppression are distribution/rates.py's, always for `request.organisation`."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from accounts.models import Organisation
from accounts.scoping import organisation_required
from distribution import rates
from distribution.models import Purpose
from surveys import disclosure
from surveys.rounds import plan as round_plan

PAGE_SIZE = 50
# The chart's drawing area, in the SVG's own units (it scales to the page's width).
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 48, 32, 16


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _round_context(request) -> dict:
    year, _dash, survey = request.GET.get("runde", "").partition("-")
    round_ = rates.chosen_round(year, survey)
    if round_ is None:
        raise Http404
    return {
        "round": round_,
        "rounds": rates.rounds(),
        "limit": disclosure.default_limit(),
        "breakdowns": [(key, label) for key, (label, _none) in rates.BREAKDOWNS.items()],
        "round_query": f"runde={round_.year}-{round_.survey}",
    }


def chart(days: list[rates.Day], in_sample: int = 0, target: int | None = None) -> dict:
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


def _rate(day: rates.Day, in_sample: int) -> float | None:
    return 100 * day.cumulative / in_sample if in_sample else None


def _labels(purposes: list[str]) -> str:
    names = dict(Purpose.choices)
    return ", ".join(str(names.get(purpose, purpose)) for purpose in purposes)


@organisation_required
def response_rates(request):
    context = _round_context(request)
    round_, organisation = context["round"], request.organisation
    total = rates.total(organisation, round_)
    context |= {
        "total": total,
        "national": rates.national(round_),
        "earlier": rates.earlier_rounds(organisation, round_),
        "lost_links": rates.lost_links(organisation, round_),
    }
    if not total.hidden:
        days = rates.curve(organisation, round_, total.in_sample)
        target = round_plan.target_rate(organisation, round_)
        drawn = chart(days, total.in_sample, target)
        numbered = {mark["day"].day: mark["number"] for mark in drawn["marks"]}
        rows = [
            (day, numbered.get(day.day), _labels(day.dispatches), _rate(day, total.in_sample))
            for day in days
        ]
        context |= {"days": rows, "chart": drawn, "target": target}
    if organisation.kind == Organisation.Kind.DIRECTORATE:
        left = rates.sms_left(round_)
        counties = rates.breakdown(organisation, round_, "county")
        offices = rates.breakdown(organisation, round_, "office")
        context |= {
            "counties": [(row, left.get(int(row.key))) for row in counties.groups],
            "offices": [
                (row, left.get(int(row.key)) if row.key else None) for row in offices.groups
            ],
        }
    return render(request, "distribution/rates.html", context)


@organisation_required
def rates_breakdown(request, by: str):
    if by not in rates.BREAKDOWNS:
        raise Http404
    context = _round_context(request)
    table = rates.breakdown(request.organisation, context["round"], by)
    sort = request.GET.get("sorter", "group")
    sort = sort if sort in rates.SORTS else "group"
    descending = request.GET.get("retning") == "synkende"
    rows = rates.sorted_rows(table.groups, sort, descending)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    context |= {
        "by": by,
        "heading": rates.BREAKDOWNS[by][0],
        "table": table,
        "page": page,
        "sort": sort,
        "descending": descending,
        "columns": rates.SORTS,
        "query_for_pages": _query_without(request, "side"),
        "query_for_sorting": _query_without(request, "side", "sorter", "retning"),
    }
    return render(request, "distribution/rates_breakdown.html", context)
