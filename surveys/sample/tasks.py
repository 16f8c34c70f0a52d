"""Celery tasks of the sample import: the admin's extract upload, the purge of rejected rows.

Tasks take ids and are enqueued with transaction.on_commit by their callers.
"""

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils.translation import gettext as _

from accounts import audit
from surveys.models import SampleUpload, UploadStatus
from surveys.sample import importing, uploads

log = logging.getLogger(__name__)


def progress_key(upload_id: int) -> str:
    # In the cache, not the database: the import is one transaction, so a progress
    # column would stay invisible to the page until the import was over.
    return f"surveys:sample-upload:{upload_id}:progress"


def progress_of(upload_id: int) -> int:
    """Per cent done, as last reported by the running import."""
    return int(100 * (cache.get(progress_key(upload_id)) or 0))


@shared_task
def import_upload(upload_id: int) -> None:
    """Imports an uploaded extract. A conditional update claims the upload, so a task
    delivered twice imports it once. The file's bytes are deleted whatever the outcome,
    unless the import waits for a confirmation of its withdrawals: then the upload keeps
    them, with the changes to confirm, and is imported again once confirmed (applying
    those changes only: if the sample has changed meanwhile, the new changes wait)."""
    claimed = SampleUpload.objects.filter(pk=upload_id, status=UploadStatus.WAITING).update(
        status=UploadStatus.RUNNING
    )
    if not claimed:
        return
    upload = SampleUpload.objects.select_related("round", "uploaded_by", "confirmed_by").get(
        pk=upload_id
    )

    def progress(fraction: float) -> None:
        cache.set(progress_key(upload_id), fraction, timeout=3600)

    confirmed = upload.confirmed_by_id is not None and upload.fingerprint
    try:
        _report, entry = importing.import_extract(
            bytes(upload.content),
            round_=upload.round,
            file_name=upload.file_name,
            actor=upload.confirmed_by if confirmed else upload.uploaded_by,
            kind=upload.kind or None,
            withdrawals_confirmed=upload.fingerprint if confirmed else False,
            progress=progress,
        )
    except importing.NeedsConfirmation as pending:
        SampleUpload.objects.filter(pk=upload_id).update(
            status=UploadStatus.CONFIRM,
            pending=pending.report.as_json() | {"changed_since_seen": pending.changed_since_seen},
            fingerprint=pending.fingerprint,
            confirmed_by=None,
        )
        cache.delete(progress_key(upload_id))
        audit.record(
            "surveys.sample.confirmation_asked",
            actor=upload.uploaded_by,
            target=upload,
            withdrawn=pending.report.withdrawn,
            sample_before=pending.report.sample_before,
        )
        return
    except importing.ExtractError as error:
        _finish(upload_id, UploadStatus.FAILED, error=str(error))
        return
    except Exception:
        log.exception("Sample upload %s failed", upload_id)
        _finish(
            upload_id,
            UploadStatus.FAILED,
            error=_("Importen stoppet på en uventet feil. Ingenting er endret. Feilen er logget."),
        )
        audit.record("surveys.sample.import_failed", actor=upload.uploaded_by, target=upload)
        raise
    _finish(upload_id, UploadStatus.DONE, result=entry)


def _finish(upload_id: int, status: str, error: str = "", result=None) -> None:
    SampleUpload.objects.filter(pk=upload_id).update(
        status=status, error=error, result=result, content=None
    )
    cache.delete(progress_key(upload_id))


@shared_task
def purge_rejected_rows() -> int:
    """Daily: the retention rule for rejected rows (see RejectedRow)."""
    return importing.purge_rejected_rows()


@shared_task
def discard_unconfirmed_uploads() -> int:
    """Hourly: uploads nobody confirmed within UPLOAD_CONFIRM_HOURS lose their file."""
    return uploads.discard_unconfirmed_uploads()
