"""The public lost-link page (/lenke/) and a gathering's page for those in the room
(/m/<code>): one form, the mobile number or e-mail address, and one answer whatever it
matched. Thin: the rules are distribution/lost_link.py's. No cache may keep either page."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.client_address import client_address
from distribution import lost_link
from distribution.models import Gathering
from surveys.rounds import schedule


class LostLinkForm(forms.Form):
    address = forms.CharField(
        label=_("Mobilnummer eller e-postadresse"),
        help_text=_("Det du fikk invitasjonen på, for eksempel 912 34 567 eller navn@example.no."),
        max_length=254,
        error_messages={"required": _("Skriv mobilnummeret eller e-postadressen din.")},
        widget=forms.TextInput(attrs={"class": "ds-input", "autocomplete": "email"}),
    )

    def clean_address(self):
        found = lost_link.parse(self.cleaned_data["address"])
        if found is None:
            raise forms.ValidationError(
                _(
                    "Dette er verken et mobilnummer eller en e-postadresse. Skriv for eksempel "
                    "912 34 567 eller navn@example.no."
                )
            )
        return found


def _answer(request, template: str, context: dict, gathering: Gathering | None = None):
    form = LostLinkForm(request.POST or None)
    context |= {"form": form, "gathering": gathering}
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, template, context, status=status)
    asked = lost_link.ask(
        form.cleaned_data["address"], client_address(request), gathering.pk if gathering else None
    )
    if asked != lost_link.Asked.QUEUED:
        context["too_many"] = True
        return render(request, "distribution/public/lost_link_wait.html", context, status=429)
    return render(request, "distribution/public/lost_link_asked.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def lost_link_page(request):
    return _answer(request, "distribution/public/lost_link.html", {})


@never_cache
@require_http_methods(["GET", "POST"])
def gathering_page(request, code: str):
    """What the apprentices at a gathering open from the QR code: the lost-link form, for
    the gathering's organisation's apprentices in its round, while the round is open."""
    gathering = get_object_or_404(
        Gathering.objects.select_related("organisation", "round"), code=code.lower()
    )
    if schedule.state_on(gathering.round) != schedule.RoundState.OPEN:
        return render(
            request,
            "distribution/public/gathering_closed.html",
            {"gathering": gathering},
            status=410,
        )
    return _answer(request, "distribution/public/lost_link.html", {}, gathering)
