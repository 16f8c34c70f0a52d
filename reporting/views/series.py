"""The results over time page: themes over the years, or one theme's items. Thin: the
series are reporting/series.py's reading of the stored cells, scoped to the viewer."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.scoping import organisation_required
from reporting import results, series
from reporting.charts import lines
from surveys import disclosure


@organisation_required
def series_page(request, key: str | None = None):
    viewer = request.organisation
    scope = results.scope_for(viewer, request.GET.get("org"))
    if key is None:
        found = series.themes(viewer, scope)
    else:
        found = series.items(viewer, scope, key)
        if not found:
            raise Http404
    own = scope.name if scope else None
    country = _("Hele landet")
    charts = [(s, lines.chart(s, s.title, own, country)) for s in found]
    context = {
        "scope": scope,
        "theme_key": key,
        "charts": charts,
        "history": series.history(scope),
        "limit": disclosure.default_limit(),
        "org_query": f"?org={scope.orgnr}" if scope and viewer.kind == "directorate" else "",
    }
    return render(request, "reporting/series.html", context)
