"""The expectations page (forventninger): before a round opens, a county or office records
per theme the index it expects, with last year's published figure beside each as the
seeds advise starting from, and the target response rate of its round plan above. Here in
reporting, since last year's figures are stored results; the rules are
surveys/rounds/expectations.py's, the record the round plan's."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.scoping import organisation_required
from reporting import comparison
from surveys.models import Round
from surveys.rounds import expectations
from surveys.rounds import plan as round_plan


def _round(request) -> Round:
    raw = request.POST.get("runde") or request.GET.get("runde", "")
    year, _dash, survey = raw.partition("-")
    round_ = expectations.chosen_round(year, survey)
    if round_ is None:
        raise Http404
    return round_


@organisation_required
@require_http_methods(["GET", "POST"])
def expectations_page(request):
    organisation = request.organisation
    try:
        round_plan.may_plan(organisation)
    except round_plan.PlanRefused:
        raise Http404 from None
    round_ = _round(request)
    query = f"runde={round_.year}-{round_.survey}"
    if request.method == "POST":
        plan = round_plan.plan_for(organisation, round_)
        keys = [row.key for row in expectations.rows(round_, plan)]
        try:
            expectations.record(
                plan,
                {key: request.POST.get(f"expect-{key}", "") for key in keys},
                {key: request.POST.get(f"version-{key}", "0") for key in keys},
                request.user,
            )
        except round_plan.PlanRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Forventningene er lagret."))
        return redirect(f"{request.path}?{query}")
    plan = round_plan.existing_plan(organisation, round_)
    before = comparison.last_year(organisation, round_, organisation)
    context = {
        "round": round_,
        "rounds": Round.objects.order_by("-year", "survey"),
        "round_query": query,
        "plan": plan,
        "expectations": [(row, before.get(row.key)) for row in expectations.rows(round_, plan)],
        "expectations_locked": expectations.is_locked(round_),
    }
    return render(request, "reporting/expectations.html", context)
