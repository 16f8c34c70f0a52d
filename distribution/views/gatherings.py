"""The portal's gatherings: the list with a form to make one, and a gathering's page to show
on a screen in the room (the QR code and the short address). Thin: distribution/gatherings.py
makes and draws them; every gathering is fetched through the active organisation."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Organisation
from accounts.scoping import organisation_required
from distribution import gatherings
from distribution.forms import open_rounds
from distribution.models import Gathering
from distribution.rules import Refused


def _may_hold(request) -> None:
    kinds = (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE)
    if request.organisation.kind not in kinds:
        raise Http404


@organisation_required
@require_http_methods(["GET", "POST"])
def gathering_list(request):
    _may_hold(request)
    rounds = list(open_rounds())
    if request.method == "POST":
        try:
            round_ = next((r for r in rounds if str(r.pk) == request.POST.get("round")), None)
            if round_ is None:
                raise Refused(_("Velg en gjennomføring som er åpen."))
            try:
                day = datetime.date.fromisoformat(request.POST.get("day", ""))
            except ValueError:
                raise Refused(_("Skriv en gyldig dato.")) from None
            made = gatherings.create(
                request.organisation, round_, request.POST.get("title", ""), day, request.user
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect("distribution:gatherings")
        return redirect("distribution:gathering", pk=made.pk)
    held = Gathering.objects.for_organisation(request.organisation).select_related("round")
    return render(
        request,
        "distribution/gatherings.html",
        {"gatherings": held[:100], "rounds": rounds},
    )


@organisation_required
def gathering_detail(request, pk: int):
    _may_hold(request)
    gathering = get_object_or_404(
        Gathering.objects.for_organisation(request.organisation).select_related("round"), pk=pk
    )
    return render(
        request,
        "distribution/gathering.html",
        {
            "gathering": gathering,
            "address": gatherings.short_address(gathering),
            # segno's own SVG of our own address: no user input reaches it.
            "qr": mark_safe(gatherings.qr_svg(gathering)),  # noqa: S308
            "open": gatherings.is_open(gathering),
        },
    )
