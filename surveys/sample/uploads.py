"""What becomes of an upload nobody decides on (the admin's upload pages are in admin.py)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from accounts import audit
from surveys.models import SampleUpload, UploadStatus


def discard_unconfirmed_uploads(now: datetime.datetime | None = None) -> int:
    """Discards uploads still waiting for confirmation UPLOAD_CONFIRM_HOURS after they were
    uploaded, with their file and the report of what they would change: a VIGO extract is
    personal data, and one nobody confirmed is not to lie in the database. The upload's page
    then says why, and the file is uploaded again."""
    now = now or timezone.now()
    hours = settings.UPLOAD_CONFIRM_HOURS
    stale = SampleUpload.objects.filter(
        status=UploadStatus.CONFIRM, created_at__lt=now - datetime.timedelta(hours=hours)
    )
    discarded = 0
    for upload in stale.only("pk", "uploaded_by"):
        # Conditional, like a click on "discard": a confirmation that came first wins.
        if SampleUpload.objects.filter(pk=upload.pk, status=UploadStatus.CONFIRM).update(
            status=UploadStatus.EXPIRED, content=None, pending=None
        ):
            audit.record("surveys.sample.upload_expired", target=upload, hours=hours)
            discarded += 1
    return discarded
