"""The admin of rounds: new rounds start from the default dates; dates that decide what is
frozen are read-only once the round has opened."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from surveys.models import Round
from surveys.questionnaires.admin import NoBulkDeleteMixin
from surveys.rounds import retention, schedule


@admin.register(Round)
class RoundAdmin(NoBulkDeleteMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "state_display",
        "sending_starts_on",
        "last_answer_day",
        "publication_date",
        "questionnaire",
        "preview_link",
    ]
    list_filter = ["survey", "year"]
    list_select_related = ["questionnaire"]
    change_list_template = "admin/surveys/round/change_list.html"

    def get_urls(self):
        held = self.admin_site.admin_view(self.personal_data_view)
        return [
            path("personopplysninger/", held, name="surveys_round_personal_data"),
            *super().get_urls(),
        ]

    def personal_data_view(self, request):
        """Udir's page: per round, what personal data is held now and when it goes."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personopplysninger per gjennomføring"),
            "opts": self.model._meta,
            "held": retention.held(),
        }
        return TemplateResponse(request, "admin/surveys/round/personal_data.html", context)

    readonly_fields = ["state_display", "preview_link"]
    fieldsets = [
        (None, {"fields": ["survey", "year", "questionnaire", "state_display", "preview_link"]}),
        (
            _("Datoer"),
            {
                "fields": [
                    "vigo_correction_deadline",
                    "reference_date",
                    "sending_starts_on",
                    "last_answer_day",
                    "publication_date",
                ]
            },
        ),
    ]

    def get_changeform_initial_data(self, request):
        """A new round starts from the default dates of the year asked for (or next year)."""
        initial = super().get_changeform_initial_data(request)
        try:
            year = int(initial.get("year") or schedule.today().year + 1)
        except ValueError:
            return initial
        defaults = schedule.default_dates(year)
        return {"year": year, **defaults, **initial}

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and schedule.has_opened(obj):
            # Moving these after opening would unfreeze its questionnaire (the model refuses).
            fields += ["survey", "year", "questionnaire", "sending_starts_on"]
        return fields

    def has_delete_permission(self, request, obj=None):
        opened = obj is not None and schedule.has_opened(obj)
        return super().has_delete_permission(request, obj) and not opened

    @admin.display(description=_("status"))
    def state_display(self, round_: Round) -> str:
        return round_.get_state_display() if round_.pk else ""

    @admin.display(description=_("forhåndsvisning"))
    def preview_link(self, round_: Round) -> str:
        if round_.pk is None:
            return ""
        url = reverse("surveys:preview", args=[round_.pk])
        return format_html('<a href="{}">{}</a>', url, _("Forhåndsvis spørreskjemaet"))
