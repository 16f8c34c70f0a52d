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
from surveys.response_curve import chart
from surveys.rounds import plan as round_plan

PAGE_SIZE = 50


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
        days = rates.curve(organisation, round_)
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
