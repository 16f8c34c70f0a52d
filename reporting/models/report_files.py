"""A results report as PDF, made once and served again for as long as what it shows is the
same (reporting/exports/report_files.py): a county's report takes WeasyPrint seconds to lay
out, and the board's members download the same one many times.

A file is found by the digest of the report's HTML, so a changed figure, finding rule,
expectation or template gives a new digest and the old file is never served again; the
file goes with the publication it was made from (or last year's, which it also shows), so
no figure outlives a publication computed again."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet


class ReportFileQuerySet(OrganisationScopedQuerySet):
    """A file holds what its organisation may read: no one else is served it, as with
    Export."""

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class ReportFile(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    publication = models.ForeignKey(
        "reporting.Publication", on_delete=models.CASCADE, related_name="+"
    )
    earlier = models.ForeignKey(
        "reporting.Publication", on_delete=models.CASCADE, null=True, related_name="+"
    )
    scope = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    language = models.CharField(max_length=8)
    # sha256 of the HTML with the day it was made left out (reporting/exports/pdf.py).
    digest = models.CharField(max_length=64)
    content = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("lagret rapport")
        verbose_name_plural = _("lagrede rapporter")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "digest"], name="one_file_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.publication_id} {self.language}"
