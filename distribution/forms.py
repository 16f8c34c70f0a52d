"""The dispatch form of the portal: what the sender chooses, read into a dispatching.Request."""

from __future__ import annotations

import uuid

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from distribution.dispatching import Request
from distribution.models import Channel, Purpose
from distribution.models.dispatches import GREETING_MAX_LENGTH
from surveys.models import Round, Survey
from surveys.rounds import schedule


def sendable_rounds():
    """The open rounds, and those not yet open whose sample is imported (information before
    opening); the rules say which purpose each allows."""
    today = schedule.today()
    return (
        Round.objects.filter(
            Q(sending_starts_on__lte=today, last_answer_day__gte=today)
            | Q(sending_starts_on__gt=today, sample_imports__isnull=False)
        )
        .distinct()
        .order_by("-year", "survey")
    )


def open_rounds():
    """The apprentice rounds open today: those a gathering can be held for."""
    today = schedule.today()
    return Round.objects.filter(
        survey=Survey.APPRENTICE, sending_starts_on__lte=today, last_answer_day__gte=today
    ).order_by("-year")


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def planned_time_field(required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=_("Planlagt tidspunkt (norsk tid)"),
        required=required,
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("La stå tomt for å sende med en gang. SMS sendes ikke mellom 21 og 08."),
        error_messages={"invalid": _("Skriv dato og klokkeslett, for eksempel 07.10.2026 09:00.")},
    )


def greeting_field() -> forms.CharField:
    return forms.CharField(
        label=_("Egen hilsen i e-posten (valgfri)"),
        required=False,
        max_length=GREETING_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Høyst %(max)s tegn. Står i e-posten, ikke i SMS-en.")
        % {"max": GREETING_MAX_LENGTH},
    )


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
    greeting = greeting_field()
    scheduled_for = planned_time_field(required=False)
    request_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation: Organisation, trades: list[tuple[str, str]], **kw):
        super().__init__(*args, **kw)
        self.organisation = organisation
        self.fields["round"].queryset = sendable_rounds()
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
            greeting=data.get("greeting", ""),
            scheduled_for=data.get("scheduled_for"),
        )


class RescheduleForm(forms.Form):
    """Moving a planned dispatch, or changing its greeting, before it starts."""

    scheduled_for = planned_time_field(required=True)
    greeting = greeting_field()


class TestMessageForm(forms.Form):
    """Where a dispatch's test message goes: the administrator's own address or number."""

    email = forms.CharField(label=_("Din e-postadresse"), required=False, max_length=254)
    mobile = forms.CharField(label=_("Ditt mobilnummer"), required=False, max_length=20)
    language = forms.ChoiceField(
        label=_("Målform"),
        choices=[("nb", _("Bokmål")), ("nn", _("Nynorsk")), ("en", _("Engelsk"))],
    )
