"""The page of county and training office in step: a county's offices (what each sent to
the county's apprentices, who answered, and who sends by agreement, which the county sets
here), or an office's counties (what each county sent to its apprentices). Thin: the counts
and the agreement are distribution/in_step.py's, for `request.organisation`."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Organisation
from accounts.scoping import organisation_required
from distribution import in_step, rates
from distribution.models import Sender
from distribution.rules import Refused
from surveys import disclosure


def _round(request):
    year, _dash, survey = (request.POST.get("runde") or request.GET.get("runde", "")).partition("-")
    round_ = rates.chosen_round(year, survey)
    if round_ is None:
        raise Http404
    return round_


@organisation_required
@require_http_methods(["GET", "POST"])
def in_step_page(request):
    organisation = request.organisation
    kind = organisation.kind
    if kind not in (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE):
        raise Http404
    round_ = _round(request)
    query = f"runde={round_.year}-{round_.survey}"
    if request.method == "POST":
        office = request.POST.get("office", "")
        try:
            if not office.isdigit():
                raise Refused(_("Velg et opplæringskontor."))
            in_step.record_agreement(
                organisation, int(office), round_, request.POST.get("sender", ""), request.user
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Avtalen er lagret."))
        return redirect(f"{request.path}?{query}")
    county = kind == Organisation.Kind.COUNTY
    rows = (
        in_step.offices_of_county(organisation, round_)
        if county
        else in_step.counties_of_office(organisation, round_)
    )
    return render(
        request,
        "distribution/in_step.html",
        {
            "round": round_,
            "rounds": rates.rounds(),
            "round_query": query,
            "rows": rows,
            "county": county,
            "senders": Sender.choices,
            "limit": disclosure.default_limit(),
        },
    )
