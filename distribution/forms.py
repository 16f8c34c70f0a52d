"""The dispatch form of the portal: what the sender chooses, read into a dispatching.Request."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from distribution.dispatching import Request
from distribution.models import Channel, Purpose
from surveys.models import Round, Survey
from surveys.rounds import schedule


def open_rounds():
    """The rounds one may send in today (the supervisor survey's sending comes later)."""
    today = schedule.today()
    return Round.objects.filter(
        survey=Survey.APPRENTICE, sending_starts_on__lte=today, last_answer_day__gte=today
    ).order_by("-year")


class DispatchForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("Gjennomføring"), queryset=Round.objects.none(), empty_label=None
    )
    purpose = forms.ChoiceField(
        label=_("Hva slags utsending"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        initial=Purpose.INVITATION,
    )
    channels = forms.MultipleChoiceField(
        label=_("Send på"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Channel.EMAIL],
        error_messages={"required": _("Velg e-post, SMS eller begge.")},
    )
    include_offices = forms.BooleanField(
        label=_("Send også til lærlinger i opplæringskontor (etter avtale med kontorene)"),
        required=False,
    )
    trade_code = forms.ChoiceField(label=_("Bare ett programområde"), required=False)
    company = forms.CharField(
        label=_("Bare én lærebedrift (organisasjonsnummer)"),
        required=False,
        max_length=11,
    )
    language = forms.ChoiceField(
        label=_("Målform i meldingen"),
        choices=[("nb", _("Bokmål")), ("nn", _("Nynorsk"))],
        help_text=_("Den som har valgt språk på svarsidene, får meldingen på det språket."),
    )
    request_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation: Organisation, trades: list[tuple[str, str]], **kw):
        super().__init__(*args, **kw)
        self.organisation = organisation
        self.fields["round"].queryset = open_rounds()
        self.fields["trade_code"].choices = [("", _("Alle"))] + trades
        self.fields["language"].initial = organisation.language
        if organisation.kind != Organisation.Kind.COUNTY:
            del self.fields["include_offices"]
        self.fields["request_key"].initial = uuid.uuid4()

    def clean_company(self):
        number = "".join(self.cleaned_data["company"].split())
        if not number:
            return None
        company = Organisation.objects.filter(
            orgnr=number, kind=Organisation.Kind.TRAINING_COMPANY
        ).first()
        if company is None:
            raise forms.ValidationError(
                _("Fant ingen lærebedrift med dette organisasjonsnummeret.")
            )
        return company

    def to_request(self) -> Request:
        data = self.cleaned_data
        return Request(
            organisation=self.organisation,
            round=data["round"],
            purpose=data["purpose"],
            channels=tuple(c for c in Channel.values if c in data["channels"]),
            include_offices=data.get("include_offices", False),
            trade_code=data["trade_code"],
            company=data["company"],
            language=data["language"],
        )
