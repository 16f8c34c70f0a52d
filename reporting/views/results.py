"""The portal's results pages: the overview (each theme against the country), a theme's
items, and a breakdown. Thin: what is shown and hidden is reporting/results.py's reading of
the stored cells, always for `request.organisation` (Udir may name a county or office)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts.scoping import organisation_required
from reporting import comparison, figures, findings, publication, results
from reporting.charts import bars
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
        scope = context["scope"]
        context["charts"] = bars.overview(rows, scope.name if scope else None, _("Hele landet"))
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
    context["item_charts"] = [
        (row, _distribution(row, context["scope"])) for row in context["items"]
    ]
    return render(request, "reporting/theme.html", context)


@organisation_required
def breakdown(request, by: str):
    context = _context(request)
    round_ = context["round"]
    if round_ is None:
        return render(request, "reporting/overview.html", context)
    table = results.breakdown(request.organisation, round_, context["scope"], by)
    context |= {"table": table, "heading": results.BREAKDOWN_LABELS[by]}
    context |= _group_chart(request, table)
    return render(request, "reporting/breakdown.html", context)


def _distribution(row: results.ItemRow, scope) -> bars.StackChart:
    whose = ([(scope.name, row.own)] if scope else []) + [(_("Hele landet"), row.country)]
    return bars.distribution(
        f"item-{row.item.pk}-chart", row.labels, whose, heading_id=f"item-{row.item.pk}"
    )


def _group_chart(request, table: results.Breakdown) -> dict:
    """The groups for the theme chosen with ?tema=KEY (else the first) as sorted bars."""
    if not table.groups or not table.themes:
        return {}
    keys = [theme.key for theme in table.themes]
    chosen = request.GET.get("tema")
    index = keys.index(chosen) if chosen in keys else 0
    share = table.themes[index].key == figures.BULLYING
    return {
        "group_chart": bars.breakdown(table.groups, index, share),
        "chart_theme": table.themes[index],
        "chart_title": table.titles[index],
        "chart_themes": list(zip(keys, table.titles, strict=True)),
        "chart_query": [(k, v) for k, v in request.GET.items() if k != "tema"],
    }
