"""Udir's research extracts: record the project and its signed declaration, then make the
extract once from the record's page. The list is every extract made and for whom."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from surveys.models import ResearchExtract, Round
from surveys.responses import research


class ResearchExtractForm(forms.ModelForm):
    class Meta:
        model = ResearchExtract
        fields = [*research.RECORD_FIELDS, "rounds"]
        widgets = {"rounds": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "rounds" in self.fields:
            self.fields["rounds"].queryset = Round.objects.filter(
                responses_stored_on__isnull=False
            ).order_by("-year", "survey")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_until")
        if start and end and end < start:
            self.add_error("period_until", _("Slutten av perioden kan ikke være før starten."))
        return data


@admin.register(ResearchExtract)
class ResearchExtractAdmin(admin.ModelAdmin):
    form = ResearchExtractForm
    list_display = [
        "project",
        "institution",
        "researcher_list",
        "round_list",
        "declaration_reference",
        "recorded_at",
        "made_at",
        "rows",
    ]
    search_fields = ["project", "institution", "researchers", "declaration_reference"]
    change_form_template = "admin/surveys/researchextract/change_form.html"
    made_fields = ["recorded_by", "recorded_at", "made_by", "made_at", "rows", "sha256"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rounds")

    def get_urls(self):
        make = self.admin_site.admin_view(self.make_view)
        return [
            path("<int:pk>/lag/", make, name="surveys_researchextract_make"),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.made_at is not None:
            # What was handed out stays as it was recorded.
            return [*research.RECORD_FIELDS, "rounds", *self.made_fields]
        return self.made_fields if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # the list is the record of every extract made

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def make_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        extract = get_object_or_404(ResearchExtract, pk=pk)
        if not self.has_change_permission(request, extract):
            raise PermissionDenied
        try:
            made = research.make(extract, request.user)
        except research.Refused as refused:
            messages.error(request, str(refused))
            return redirect(reverse("admin:surveys_researchextract_change", args=[pk]))
        response = HttpResponse(made.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extract = self.get_object(request, object_id)
        extra = {"refusal": research.refusal(extract) if extract else None}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @admin.display(description=_("forskere"))
    def researcher_list(self, extract: ResearchExtract) -> str:
        return ", ".join(line.strip() for line in extract.researchers.splitlines() if line.strip())

    @admin.display(description=_("gjennomføringer"))
    def round_list(self, extract: ResearchExtract) -> str:
        return ", ".join(str(round_) for round_ in extract.rounds.all())
