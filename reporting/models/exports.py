"""An export asked for in the portal that is too large to make while the browser waits
(reporting/exports/jobs.py): made by a Celery task, followed on a progress page, and
downloaded by the organisation that asked for it only. Read it without `content` where the
file is not served (`.defer("content")`): the national workbook is megabytes."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet


class ExportQuerySet(OrganisationScopedQuerySet):
    """An export is its asking organisation's alone, Udir's too: the file holds what that
    organisation may read, so no one else sees it, not even another Udir account's
    organisation."""

    county_field = "organisation"
    office_field = "organisation"

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class Export(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("i kø")
        RUNNING = "running", _("lages")
        DONE = "done", _("ferdig")
        FAILED = "failed", _("feilet")
        # The file is deleted EXPORT_KEEP_HOURS after it was asked for; the row stays so the
        # progress page can say so instead of a bare 404 to someone who comes back for it.
        EXPIRED = "expired", _("slettet")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    round = models.ForeignKey("surveys.Round", on_delete=models.CASCADE, related_name="+")
    scope = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    format = models.CharField(max_length=8)
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    # The file itself, in the database as an uploaded extract is (surveys.SampleUpload): the
    # worker that makes it and the web process that serves it share no disk in docker-compose
    # or on a platform. Emptied once it expires.
    content = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("eksport")
        verbose_name_plural = _("eksporter")
        constraints = [
            # A double click, or two tabs, while one is being made gives the same export.
            models.UniqueConstraint(
                fields=["organisation", "round", "scope", "format", "language"],
                condition=Q(status__in=["queued", "running"]),
                nulls_distinct=False,
                name="one_active_export_per_table_set",
            )
        ]

    def __str__(self) -> str:
        return f"{self.format} {self.round} ({self.status})"
