"""Exports too large to make while the browser waits: Udir's national workbook and a county's
or office's workbook when its breakdown by company has many groups. They are made by a Celery
task (reporting.tasks.make_export) into the export's row, followed on a progress page and
downloaded by the organisation that asked; a file is deleted after EXPORT_KEEP_HOURS (the
row stays, marked expired, so its page can say so).

A double click or a second tab while one is being made gives the same export: the database
holds at most one active export per organisation, round, scope, format and language.
"""

from __future__ import annotations

import datetime
import logging
import tempfile

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts import audit
from accounts.models import Organisation
from reporting.exports.formats import FORMATS
from reporting.models import Cell, Export

log = logging.getLogger(__name__)


def is_large(viewer: Organisation, round_, scope: Organisation | None, format: str) -> bool:
    """Whether the export is made in the background: the workbook of the whole country
    (every county's tables in it), or one whose breakdown by company has more groups than
    EXPORT_BACKGROUND_COMPANIES."""
    if format != "xlsx":
        return False
    if scope is None:
        return viewer.kind == Organisation.Kind.DIRECTORATE
    companies = (
        Cell.objects.filter(publication=round_.publication, scope=scope, by="company", item=None)
        .values("group")
        .distinct()
        .count()
    )
    return companies > settings.EXPORT_BACKGROUND_COMPANIES


def request(viewer, user, round_, scope, format: str, language: str) -> Export:
    """The active export of these tables, or a new one queued."""
    fields = {
        "organisation": viewer,
        "round": round_,
        "scope": scope,
        "format": format,
        "language": language,
    }
    active = Export.objects.filter(status__in=Export.ACTIVE, **fields).first()
    if active is not None:
        return active
    try:
        with transaction.atomic():
            export = Export.objects.create(requested_by=user, **fields)
    except IntegrityError:  # the other click won
        return Export.objects.get(status__in=Export.ACTIVE, **fields)
    from reporting.tasks import make_export

    audit.record(
        "reporting.export.requested",
        actor=user,
        organisation=viewer,
        target=round_,
        format=format,
        scope=scope.orgnr if scope else "",
        via="background",
    )
    transaction.on_commit(lambda: make_export.delay(str(export.pk)))
    return export


def make(export_id: str) -> None:
    """Writes the export's file, noting its progress as each table is written."""
    claimed = Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(
        status=Export.Status.RUNNING
    )
    if not claimed:  # run already, or by another worker
        return
    export = Export.objects.select_related("organisation", "round", "scope", "requested_by").get(
        pk=export_id
    )
    chosen = FORMATS[export.format]

    def progress(done: int, total: int) -> None:
        percent = min(99, int(100 * done / max(total, 1)))
        Export.objects.filter(pk=export.pk).update(progress=percent)

    # A file on disk past a megabyte while it is written, so the national workbook is in
    # memory only once, as the bytes stored.
    with tempfile.SpooledTemporaryFile(max_size=1 << 20) as file:
        try:
            with translation.override(export.language):
                chosen.write(
                    file, export.organisation, export.round, export.scope, progress=progress
                )
        except Exception:
            log.exception("Export %s failed", export.pk)
            Export.objects.filter(pk=export.pk).update(
                status=Export.Status.FAILED, finished_at=timezone.now()
            )
            _record_failure(export)
            return
        file.seek(0)
        content = file.read()
    # Only if still running: purge_old may have given it up as lost meanwhile.
    finished = Export.objects.filter(pk=export.pk, status=Export.Status.RUNNING).update(
        status=Export.Status.DONE, progress=100, finished_at=timezone.now(), content=content
    )
    if not finished:
        return
    audit.record(
        "reporting.export.written",
        actor=export.requested_by,
        organisation=export.organisation,
        target=export.round,
        format=export.format,
        scope=export.scope.orgnr if export.scope else "",
        via="background",
    )


def _record_failure(export: Export) -> None:
    audit.record(
        "reporting.export.failed",
        actor=export.requested_by,
        organisation=export.organisation,
        target=export.round,
        format=export.format,
        scope=export.scope.orgnr if export.scope else "",
        via="background",
    )


# Udir's national workbook at ten years of national data takes under 30 seconds
# (bench/results.py): an export still queued or running after an hour was lost with its
# worker or with the broker's queue (Redis keeps nothing on disk). Left active, it would
# hold its table set's one active place for good, and every new click would land on it.
LOST_AFTER = datetime.timedelta(hours=1)


def purge_old() -> int:
    """Deletes the files of exports asked for more than EXPORT_KEEP_HOURS ago, marking them
    expired, and fails exports lost on the way; returns how many files went."""
    now = timezone.now()
    lost = list(
        Export.objects.filter(
            status__in=Export.ACTIVE, created_at__lt=now - LOST_AFTER
        ).select_related("organisation", "round", "scope", "requested_by")
    )
    for export in lost:
        failed = Export.objects.filter(pk=export.pk, status__in=Export.ACTIVE).update(
            status=Export.Status.FAILED, finished_at=now
        )
        if failed:
            _record_failure(export)
    before = now - datetime.timedelta(hours=settings.EXPORT_KEEP_HOURS)
    return (
        Export.objects.filter(created_at__lt=before)
        .exclude(status__in=[*Export.ACTIVE, Export.Status.EXPIRED])
        .update(status=Export.Status.EXPIRED, content=None)
    )
