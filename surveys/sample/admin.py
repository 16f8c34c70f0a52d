"""The admin's extract upload and import history.

Udir uploads a VIGO extract; the file waits in the database while a Celery task imports it
(surveys/sample/tasks.py), and a page shows its progress (polled with htmx, or refreshed without
JavaScript), then the report and the difference from the previous import. An import that
would withdraw more than IMPORT_WITHDRAWAL_CONFIRM_SHARE of the sample stops before it
changes anything: the page shows the changes it would make and asks for a confirmation of
exactly those (or to discard the file); a conditional update takes the answer once, so a
double click or two administrators at once import it once.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import audit, formatting
from surveys.models import ExtractKind, Round, SampleImport, SampleUpload, Survey, UploadStatus
from surveys.rounds import schedule
from surveys.sample import importing, rules, tasks

MAX_UPLOAD_BYTES = 100 * 1024 * 1024


class UploadForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("Gjennomføring"),
        queryset=Round.objects.filter(survey=Survey.APPRENTICE).order_by("-year"),
    )
    kind = forms.ChoiceField(
        label=_("Uttrekk"),
        required=False,
        choices=[
            ("", _("Etter datoen: foreløpig før referansedatoen, ellers endelig")),
            *ExtractKind.choices,
        ],
    )
    file = forms.FileField(
        label=_("Fil fra VIGO"), help_text=_("CSV med semikolon som skilletegn, eller XLSX.")
    )

    def clean_round(self):
        round_ = self.cleaned_data["round"]
        try:
            importing.check_round(round_)
        except importing.ExtractError as error:
            raise ValidationError(str(error)) from error
        return round_

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen er større enn 100 MB. Et uttrekk er mye mindre."))
        return upload


@admin.register(SampleImport)
class SampleImportAdmin(admin.ModelAdmin):
    list_display = [
        "imported_at",
        "round",
        "kind",
        "file_name",
        "imported_by",
        "rows",
        "in_sample",
        "added",
        "updated",
        "withdrawn",
        "taken_back",
    ]
    list_filter = ["round", "kind"]
    list_select_related = ["round", "imported_by"]
    fields = [
        "round",
        "kind",
        "file_name",
        "file_sha256",
        "imported_by",
        "imported_at",
        "report_view",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # imports come through the upload page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("rapport"))
    def report_view(self, entry: SampleImport) -> str:
        """The same report as after the upload, not the stored JSON."""
        return render_to_string(
            "admin/surveys/sampleimport/_import_report.html", _report_context(entry)
        )

    @admin.display(description=_("rader"))
    def rows(self, entry: SampleImport) -> str:
        return formatting.count(entry.report.get("rows", 0))

    @admin.display(description=_("i utvalget"))
    def in_sample(self, entry: SampleImport) -> str:
        return formatting.count(entry.report.get("in_sample", 0))

    @admin.display(description=_("nye"))
    def added(self, entry: SampleImport) -> str:
        return formatting.count(entry.report.get("added", 0))

    @admin.display(description=_("endret"))
    def updated(self, entry: SampleImport) -> str:
        return formatting.count(entry.report.get("updated", 0))

    @admin.display(description=_("trukket ut"))
    def withdrawn(self, entry: SampleImport) -> str:
        return formatting.count(entry.report.get("withdrawn", 0))

    @admin.display(description=_("tatt inn igjen"))
    def taken_back(self, entry: SampleImport) -> int:
        return entry.report.get("taken_back", 0)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "upload_link": format_html(
                '<a class="addlink" href="{}">{}</a>',
                reverse("admin:surveys_sampleimport_upload"),
                _("Last opp uttrekk fra VIGO"),
            ),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("last-opp/", view(self.upload_view), name="surveys_sampleimport_upload"),
            path(
                "last-opp/<int:pk>/",
                view(self.upload_status_view),
                name="surveys_sampleimport_upload_status",
            ),
            path(
                "last-opp/<int:pk>/bekreft/",
                view(self.upload_decision_view),
                name="surveys_sampleimport_upload_decision",
            ),
            *super().get_urls(),
        ]

    def _require_permission(self, request) -> None:
        if not request.user.has_perm("surveys.add_sampleimport"):
            raise PermissionDenied

    def upload_view(self, request):
        self._require_permission(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            file = form.cleaned_data["file"]
            upload = SampleUpload.objects.create(
                round=form.cleaned_data["round"],
                kind=form.cleaned_data["kind"],
                file_name=file.name[:255],
                content=file.read(),
                uploaded_by=request.user,
            )
            audit.record(
                "surveys.sample.uploaded", actor=request.user, target=upload, file_name=file.name
            )
            transaction.on_commit(lambda: tasks.import_upload.delay(upload.pk))
            return redirect("admin:surveys_sampleimport_upload_status", pk=upload.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Last opp uttrekk fra VIGO"),
            "opts": self.model._meta,
            "form": form,
            "today": schedule.today(),
            "limit": importing.share_percent(settings.IMPORT_WITHDRAWAL_CONFIRM_SHARE, 1),
        }
        return render(request, "admin/surveys/sampleimport/upload.html", context)

    def upload_status_view(self, request, pk: int):
        """The whole page, or (for htmx's polling) only its status part."""
        self._require_permission(request)
        upload = get_object_or_404(SampleUpload.objects.select_related("round", "result"), pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import av uttrekk"),
            "opts": self.model._meta,
            "upload": upload,
            "UPLOAD_CONFIRM_HOURS": settings.UPLOAD_CONFIRM_HOURS,
            "finished": upload.status not in (UploadStatus.WAITING, UploadStatus.RUNNING),
            "percent": 100 if upload.status == UploadStatus.DONE else tasks.progress_of(pk),
            **_report_context(upload.result),
            **_pending_context(upload),
        }
        if getattr(request, "htmx", False):
            return render(request, "admin/surveys/sampleimport/_upload_status.html", context)
        return render(request, "admin/surveys/sampleimport/upload_status.html", context)

    def upload_decision_view(self, request, pk: int):
        """Confirms the changes shown (the form's fingerprint) or discards the file. Each
        is a conditional update of a waiting upload: the first answer counts, a second
        (a double click, another administrator) changes nothing, and a confirmation of
        changes other than those now waiting is refused."""
        self._require_permission(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        upload = get_object_or_404(SampleUpload, pk=pk)
        waiting = SampleUpload.objects.filter(pk=pk, status=UploadStatus.CONFIRM)
        if "discard" in request.POST:
            if waiting.update(status=UploadStatus.DISCARDED, content=None):
                audit.record("surveys.sample.upload_discarded", actor=request.user, target=upload)
        else:
            fingerprint = request.POST.get("fingerprint", "")
            shown = waiting.filter(fingerprint=fingerprint) if fingerprint else waiting.none()
            if shown.update(status=UploadStatus.WAITING, confirmed_by=request.user):
                audit.record(
                    "surveys.sample.withdrawals_confirmed",
                    actor=request.user,
                    target=upload,
                    fingerprint=fingerprint,
                    withdrawn=(upload.pending or {}).get("withdrawn"),
                )
                transaction.on_commit(lambda: tasks.import_upload.delay(pk))
            elif waiting.exists():
                messages.warning(
                    request,
                    _(
                        "Endringene er ikke lenger de samme som da siden ble vist, så ingenting "
                        "er importert. Se over endringene slik de er nå."
                    ),
                )
        return redirect("admin:surveys_sampleimport_upload_status", pk=pk)


def _report_context(entry: SampleImport | None) -> dict:
    """What _import_report.html shows of an import: the report beside the one before."""
    if entry is None:
        return {}
    previous = _previous(entry)
    report = entry.report
    return {
        "entry": entry,
        "report": report,
        "comparison": _comparison(entry, previous),
        "previous": previous,
        # More rows rejected than taken: most likely the wrong round or the wrong file.
        "mostly_rejected": sum(report.get("rejected", {}).values()) > report.get("in_sample", 0),
        "same_file": previous is not None and previous.file_sha256 == entry.file_sha256,
    }


def _pending_context(upload: SampleUpload) -> dict:
    """What the confirmation asks about: the changes the import would make."""
    if upload.status != UploadStatus.CONFIRM or not upload.pending:
        return {}
    pending = upload.pending
    return {
        "pending": pending,
        "share": importing.share_percent(pending["withdrawn"], pending["sample_before"]),
        "limit": importing.share_percent(settings.IMPORT_WITHDRAWAL_CONFIRM_SHARE, 1),
    }


def _previous(entry: SampleImport) -> SampleImport | None:
    return SampleImport.objects.filter(round=entry.round, pk__lt=entry.pk).order_by("-pk").first()


def _comparison(entry: SampleImport, previous: SampleImport | None) -> list[tuple]:
    """(label, this import, the previous import) for each count of the report."""
    now, before = entry.report, previous.report if previous else {}
    lines = [
        (_("Rader i filen"), now.get("rows", 0), before.get("rows")),
        (_("I utvalget"), now.get("in_sample", 0), before.get("in_sample")),
        (
            _("Avvist i alt"),
            sum(now.get("rejected", {}).values()),
            sum(before["rejected"].values()) if before else None,
        ),
        (_("Faglige ledere"), now.get("supervisors", 0), before.get("supervisors")),
        (
            _("Lærebedrifter uten faglig leder"),
            len(now.get("companies_without_supervisor", [])),
            len(before["companies_without_supervisor"]) if before else None,
        ),
    ]
    for code, label in rules.REASONS.items():
        lines.append(
            (
                _("Avvist: %(reason)s") % {"reason": label},
                now.get("rejected", {}).get(code, 0),
                before.get("rejected", {}).get(code, 0) if before else None,
            )
        )
    for code, label in rules.WARNINGS.items():
        lines.append(
            (
                _("Advarsel: %(warning)s") % {"warning": label},
                now.get("warnings", {}).get(code, 0),
                before.get("warnings", {}).get(code, 0) if before else None,
            )
        )
    return lines
