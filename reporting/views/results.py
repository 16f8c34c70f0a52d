"""The portal's results pages: the overview (each theme against the country), a theme's
items, and a breakdown. Thin: what is shown and hidden is reporting/results.py's reading of
the stored cells, always for `request.organisation` (Udir may name a county or office)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from accounts.scoping import organisation_required
from reporting import comparison, findings, publication, results
from surveys import disclosure


def _context(request) -> dict:
    viewer = request.organisation
    year, _dash, survey = request.GET.get("runde", "").partition("-")
    scope = results.scope_for(viewer, request.GET.get("org"))
    chosen = results.chosen_round(viewer, year, survey, scope)
    context = {
        "scope": scope,
        "scope_name": scope.name if scope else None,
        "rounds": [round_ for round_, _state in results.visible_rounds(viewer)],
        "limit": disclosure.default_limit(),
        "breakdowns": results.breakdowns_of(scope),
        "org_query": f"&org={scope.orgnr}" if scope and viewer.kind == "directorate" else "",
    }
    if chosen is None:
        return context | {"round": None}
    round_, state = chosen
    return context | {
        "round": round_,
        "preview": state == publication.PREVIEW,
        "round_query": f"runde={round_.year}-{round_.survey}",
    }


@organisation_required
def overview(request):
    context = _context(request)
    round_ = context["round"]
    if round_ is not None:
        rows = results.overview(request.organisation, round_, context["scope"])
        context["rows"] = rows
        context["no_own"] = context["scope"] is not None and all(row.own is None for row in rows)
        context |= _follow_up(request.organisation, round_, context["scope"], rows)
        if context["scope"] is None:
            context["counties"] = results.breakdown(request.organisation, round_, None, "county")
    return render(request, "reporting/overview.html", context)


def _follow_up(viewer, round_, scope, rows) -> dict:
    """The findings to list first, and each theme against its expectation and last year
    (reporting/findings.py, reporting/comparison.py); the two columns only where there is
    something to compare with."""
    compared = {found.theme_key: found for found in comparison.expectations(viewer, round_, scope)}
    for row in rows:
        row.compared = compared.get(row.theme.key)
    comparing = any(
        found.expected is not None or found.last_year is not None for found in compared.values()
    )
    return {
        "findings": findings.findings(viewer, round_, scope),
        "advice": findings.advice(),
        "comparing": comparing,
    }


@organisation_required
def theme(request, key: str):
    context = _context(request)
    round_ = context["round"]
    if round_ is None:
        return render(request, "reporting/overview.html", context)
    found = get_object_or_404(round_.questionnaire.themes, key=key)
    context |= {
        "theme": found,
        "title": found.title(request.LANGUAGE_CODE),
        "items": results.items(request.organisation, round_, context["scope"], found),
    }
    return render(request, "reporting/theme.html", context)


@organisation_required
def breakdown(request, by: str):
    context = _context(request)
    round_ = context["round"]
    if round_ is None:
        return render(request, "reporting/overview.html", context)
    table = results.breakdown(request.organisation, round_, context["scope"], by)
    context |= {"table": table, "heading": results.BREAKDOWN_LABELS[by]}
    return render(request, "reporting/breakdown.html", context)
