"""E-mail bounces reported after sending, by the mail service (or a script reading the
bounce mailbox), as one JSON object per bounce (documented in the README, "Sending"):

    {"address": "ola@example.no", "message_id": "<melding-123@laerling.udir.no>",
     "type": "permanent" | "temporary", "reason": "mailbox_unknown"}

`message_id` is the bounced e-mail's Message-ID header, which carries our Message's id
(distribution/texts.py). The same shape of answer as the gateway's delivery reports:
403 for a wrong secret, 400 for a body we cannot read, 503 when the task cannot be
queued, else 200 at once, the bounce applied by a task.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from distribution import texts
from distribution.backends.shared_secret import authorised

log = logging.getLogger(__name__)


@csrf_exempt  # a server posts it, with the shared secret; no session, no cookie
@require_POST
def bounce(request):
    from distribution.sending.tasks import apply_bounce

    if not authorised(request, settings.EMAIL_BOUNCE_SECRET):
        return HttpResponseForbidden()
    try:
        report = json.loads(request.body)
        message_pk = texts.message_pk_from_header(str(report["message_id"]))
        kind = report["type"]
        address = str(report.get("address") or "")[:254]
        reason = "".join(c for c in str(report.get("reason") or "") if c.isalnum() or c == "_")
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponse(status=400)
    if kind not in ("permanent", "temporary"):
        return HttpResponse(status=400)
    if message_pk is None:
        return HttpResponse(status=200)  # not one of ours: nothing to change
    try:
        apply_bounce.apply_async(
            (message_pk, address, kind == "permanent", reason[:20]), retry=False
        )
    except Exception:  # noqa: BLE001 - any broker error: the sender posts it again
        log.warning("Broker unreachable: a bounce is refused for the sender to resend")
        return HttpResponse(status=503)
    return HttpResponse(status=200)
