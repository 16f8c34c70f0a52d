"""LINK Mobility's delivery reports: the gate posts one JSON object per report,

    {"id": "<messageId>", "refId": "<our Message id>", "resultCode": 1001,
     "operator": "no.telenor", "operatorResultCode": "...", "segments": 2,
     "sendTimestamp": "...", "timestamp": "...", "customParameters": {...}}

(LINK Mobility, "SMS REST API MT and DLR" 1.18, the DLR section; the same fields as
`SmsDeliveryReport` in github.com/deveel/deveel.lm.client). We answer at once and apply
the report in a task: with Redis, reports wait on a list and are applied in batches
(distribution/sending/report_queue.py), else one task each (sending/reports.py). A wrong
secret is 403 and changes nothing; a report we cannot read is 400; if the report cannot be
queued the answer is 503, so the gate posts it again later.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from distribution.backends.shared_secret import authorised

log = logging.getLogger(__name__)


@csrf_exempt  # a server posts it, with the shared secret; no session, no cookie
@require_POST
def delivery_report(request):
    from distribution.sending import report_queue
    from distribution.sending.tasks import apply_sms_report

    if not authorised(request, settings.SMS_REPORT_SECRET):
        return HttpResponseForbidden()
    try:
        report = json.loads(request.body)
        gateway_id, code = str(report["id"]), int(report["resultCode"])
    except (ValueError, KeyError, TypeError):
        return HttpResponse(status=400)
    try:
        if report_queue.available():
            report_queue.push(gateway_id[:64], code)  # applied in batches
        else:
            apply_sms_report.apply_async((gateway_id[:64], code), retry=False)
    except Exception:  # noqa: BLE001 - any broker error: the gate posts the report again
        log.warning("Broker unreachable: a delivery report is refused for the gate to resend")
        return HttpResponse(status=503)
    return HttpResponse(status=200)
