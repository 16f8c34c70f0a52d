"""The VIGO sample import's records: its history, the rows it rejected, and admin uploads.

Imported by surveys/models.py. The import itself is surveys/sample/importing.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet


class ExtractKind(models.TextChoices):
    PRELIMINARY = "preliminary", _("Foreløpig")
    FINAL = "final", _("Endelig")


class SampleImport(models.Model):
    """One import of a round's extract, kept for the history: who, when, which file (its
    name and SHA-256, never its content) and what came of it."""

    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.PROTECT,
        related_name="sample_imports",
        verbose_name=_("gjennomføring"),
    )
    kind = models.CharField(_("uttrekk"), max_length=16, choices=ExtractKind.choices)
    file_name = models.CharField(_("filnavn"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 av filen"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importert av"),
    )
    imported_at = models.DateTimeField(_("importert"), auto_now_add=True)
    report = models.JSONField(_("rapport"), default=dict)

    class Meta:
        verbose_name = _("import av uttrekk")
        verbose_name_plural = _("importer av uttrekk")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.round} – {self.get_kind_display()} – {self.file_name}"


class RejectedRowQuerySet(OrganisationScopedQuerySet):
    """Seen as participants are (accounts/visibility.py)."""


class RejectedRow(models.Model):
    """A row of the latest import that did not come into the sample, with the personal data
    the county or office needs to fix it in VIGO before the deadline.

    Retention: only the latest import's rows of a round are kept (each import replaces
    them), and `purge_rejected_rows` deletes them once the round's last day to answer has
    passed, when there is nothing left to fix (DESIGN.md, retention)."""

    sample_import = models.ForeignKey(
        SampleImport, on_delete=models.CASCADE, related_name="rejected_rows"
    )
    round = models.ForeignKey("surveys.Round", on_delete=models.CASCADE, related_name="+")
    row_number = models.PositiveIntegerField(_("rad i filen"))
    reason = models.CharField(_("årsak"), max_length=32)
    person_key = models.CharField(_("personnøkkel"), max_length=200, blank=True)
    first_name = models.CharField(_("fornavn"), max_length=200, blank=True)
    last_name = models.CharField(_("etternavn"), max_length=200, blank=True)
    email = models.CharField(_("e-post"), max_length=254, blank=True)
    mobile = models.CharField(_("mobil"), max_length=40, blank=True)
    trade_name = models.CharField(_("programområde"), max_length=200, blank=True)
    company_orgnr = models.CharField(_("lærebedrift (orgnr)"), max_length=20, blank=True)
    company_name = models.CharField(_("lærebedrift"), max_length=200, blank=True)
    office_orgnr = models.CharField(_("opplæringskontor (orgnr)"), max_length=20, blank=True)
    office_name = models.CharField(_("opplæringskontor"), max_length=200, blank=True)
    county = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    office = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )

    objects = RejectedRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("avvist rad")
        verbose_name_plural = _("avviste rader")
        ordering = ["row_number"]
        indexes = [
            models.Index(fields=["round", "county"]),
            models.Index(fields=["round", "office"]),
        ]

    def __str__(self) -> str:
        return f"{self.sample_import} – rad {self.row_number}: {self.reason}"


class UploadStatus(models.TextChoices):
    WAITING = "waiting", _("Venter")
    RUNNING = "running", _("Importerer")
    CONFIRM = "confirm", _("Venter på bekreftelse")
    DONE = "done", _("Ferdig")
    FAILED = "failed", _("Feilet")
    DISCARDED = "discarded", _("Forkastet")
    # Not confirmed within UPLOAD_CONFIRM_HOURS: file and report deleted.
    EXPIRED = "expired", _("Slettet uten bekreftelse")


class SampleUpload(models.Model):
    """A file uploaded in the admin, waiting for or being imported by the Celery task. Its
    bytes are deleted as soon as the import has finished, whatever its outcome, or is
    discarded. An import that would withdraw more than IMPORT_WITHDRAWAL_CONFIRM_SHARE of
    the sample waits (CONFIRM) with its file and `pending`, the report of the changes it
    would make, until an administrator confirms those changes (`fingerprint`) or discards
    the file."""

    round = models.ForeignKey(
        "surveys.Round", on_delete=models.CASCADE, related_name="+", verbose_name=_("runde")
    )
    kind = models.CharField(_("uttrekk"), max_length=16, choices=ExtractKind.choices, blank=True)
    file_name = models.CharField(_("filnavn"), max_length=255)
    content = models.BinaryField(null=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=UploadStatus.choices, default=UploadStatus.WAITING
    )
    error = models.TextField(blank=True)
    result = models.ForeignKey(SampleImport, on_delete=models.SET_NULL, null=True, related_name="+")
    pending = models.JSONField(null=True, editable=False)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("opplastet uttrekk")
        verbose_name_plural = _("opplastede uttrekk")

    def __str__(self) -> str:
        return f"{self.round} – {self.file_name}"
