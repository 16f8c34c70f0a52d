"""The HTTP client of LINK Mobility's SMS REST API.

What it relies on (LINK Mobility, "SMS REST API MT and DLR" 1.18, and the OpenAPI document
made from it, github.com/deveel/deveel.lm.client docs/openapi/link-api-v1.json):
- POST {base}/sms/send with HTTP Basic authentication (the account's user name and
  password) and a JSON body: `source` (our sender id, alphanumeric: `sourceTON`
  ALPHANUMERIC), `destination` (E.164, `destinationTON` MSISDN), `userData` (the text),
  `platformId` and `platformPartnerId` (given by LINK), `refId` (ours: the Message's id),
  `useDeliveryReport` and `deliveryReportGates` (the gate that posts reports to us).
- The answer is 200 with {"messageId": ..., "resultCode": ..., "description": ...}; the
  result code is in codes.py. A 4xx is a request LINK refuses; 401/403 our credentials.
- /sms/sendbatch takes up to 1,000 messages at once; we do not use it: the pipeline hands
  over one message at a time so that at most one message of a worker is ever "sending"
  (a worker killed mid-batch could otherwise leave a thousand possibly sent).

One `requests.Session` per backend connection keeps the TCP (and TLS) connection open for
a batch. Credentials never reach a log: errors are logged by status code only.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings

from distribution.backends.results import GatewayUnavailable, SubmitResult
from distribution.backends.sms_gateway import codes

log = logging.getLogger(__name__)


class Client:
    def __init__(self) -> None:
        if not settings.SMS_GATEWAY_URL:
            raise GatewayUnavailable("SMS_GATEWAY_URL is not set")
        self.base = settings.SMS_GATEWAY_URL.rstrip("/")
        self.session = requests.Session()
        self.session.auth = (settings.SMS_GATEWAY_USERNAME, settings.SMS_GATEWAY_PASSWORD)
        self.session.headers["Accept"] = "application/json"

    def close(self) -> None:
        self.session.close()

    def send(self, destination: str, text: str, source: str, reference: str) -> SubmitResult:
        body = {
            "source": source,
            "sourceTON": "ALPHANUMERIC",
            "destination": destination,
            "destinationTON": "MSISDN",
            "userData": text,
            "platformId": settings.SMS_GATEWAY_PLATFORM_ID,
            "platformPartnerId": settings.SMS_GATEWAY_PLATFORM_PARTNER_ID,
            "refId": reference,
            "useDeliveryReport": bool(settings.SMS_GATEWAY_REPORT_GATE),
        }
        if settings.SMS_GATEWAY_REPORT_GATE:
            body["deliveryReportGates"] = [settings.SMS_GATEWAY_REPORT_GATE]
        try:
            response = self.session.post(
                f"{self.base}/sms/send", json=body, timeout=settings.SMS_GATEWAY_TIMEOUT
            )
        except requests.RequestException as error:
            raise GatewayUnavailable(type(error).__name__) from error
        if response.status_code in (401, 403):
            log.error("The SMS gateway refused our credentials (HTTP %s)", response.status_code)
            raise GatewayUnavailable(f"http_{response.status_code}")
        if response.status_code == 429 or response.status_code >= 500:
            raise GatewayUnavailable(f"http_{response.status_code}")
        if 400 <= response.status_code < 500:
            # LINK refuses this request (not the service): the message will not go as it is.
            return SubmitResult("", codes.Outcome.PERMANENT, None, f"http_{response.status_code}")
        try:
            answer = response.json()
            gateway_id, code = str(answer["messageId"]), int(answer["resultCode"])
        except (ValueError, KeyError, TypeError) as error:
            raise GatewayUnavailable("malformed_answer") from error
        outcome, reason = codes.outcome(code)
        if reason == "unknown_code":
            log.warning("The SMS gateway answered with an unknown result code %s", code)
        return SubmitResult(gateway_id, outcome, code, reason)
