"""The round plan page (gjennomføringsplan): the round's dates, the target response rate,
the dispatches planned beside those made, and the check-list of duties with who marked each
done and when. Thin: the plan's rules are surveys/rounds/plan.py's; the dispatches made are
read through the active organisation."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.scoping import organisation_required
from distribution import rates
from distribution.models import Dispatch
from surveys.rounds import plan as round_plan


def _round(request):
    year, _dash, survey = (request.POST.get("runde") or request.GET.get("runde", "")).partition("-")
    round_ = rates.chosen_round(year, survey)
    if round_ is None:
        raise Http404
    return round_


def _change(request, plan) -> None:
    action = request.POST.get("action")
    if action == "duty":
        round_plan.mark_duty(
            plan, request.POST.get("duty", ""), request.POST.get("done") == "1", request.user
        )
    elif action == "target":
        raw = request.POST.get("target", "").strip()
        if raw and not raw.isdigit():
            raise round_plan.PlanRefused(
                _("Målet for svarprosent må være et helt tall fra 1 til 100.")
            )
        round_plan.set_target(plan, int(raw) if raw else None, request.user)
    elif action == "plan_dispatch":
        try:
            day = datetime.date.fromisoformat(request.POST.get("day", ""))
        except ValueError:
            raise round_plan.PlanRefused(_("Skriv en gyldig dato.")) from None
        round_plan.plan_dispatch(
            plan, day, request.POST.get("purpose", ""), request.POST.get("note", ""), request.user
        )
    elif action == "unplan_dispatch" and request.POST.get("pk", "").isdigit():
        round_plan.remove_planned_dispatch(plan, int(request.POST["pk"]), request.user)
    else:
        raise round_plan.PlanRefused(_("Ukjent endring."))


@organisation_required
@require_http_methods(["GET", "POST"])
def plan_page(request):
    round_ = _round(request)
    organisation = request.organisation
    try:
        round_plan.may_plan(organisation)
    except round_plan.PlanRefused:
        raise Http404 from None
    query = f"runde={round_.year}-{round_.survey}"
    if request.method == "POST":
        plan = round_plan.plan_for(organisation, round_)
        try:
            _change(request, plan)
        except round_plan.PlanRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Planen er lagret."))
        return redirect(f"{request.path}?{query}")
    plan = round_plan.existing_plan(organisation, round_)
    sent = (
        Dispatch.objects.for_organisation(organisation)
        .filter(round=round_)
        .select_related("created_by")
        .order_by("created_at")
    )
    context = {
        "round": round_,
        "rounds": rates.rounds(),
        "round_query": query,
        "dates": round_plan.dates(round_),
        "plan": plan,
        "planned": list(plan.dispatches.all()) if plan else [],
        "sent": sent,
        "duties": round_plan.duties(plan)
        if plan
        else [
            round_plan.Duty(key, str(label), "", None) for key, label in round_plan.DUTIES.items()
        ],
        "purposes": round_plan.PlannedDispatch.Purpose.choices,
    }
    return render(request, "distribution/plan.html", context)
