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
- POST {base}/sms/sendbatch takes up to 1,000 messages at once: the common fields
  (`platformId`, `platformPartnerId`, `useDeliveryReport`, `deliveryReportGates`) and
  `sendRequestMessages`, a list of message objects as above; the answer is a list of the
  same results, in the same order. The pipeline hands over SMS_GATEWAY_BATCH at a time
  (distribution/sending/pipeline.py says what that costs when a worker dies).

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

    def _common(self) -> dict:
        body = {
            "platformId": settings.SMS_GATEWAY_PLATFORM_ID,
            "platformPartnerId": settings.SMS_GATEWAY_PLATFORM_PARTNER_ID,
            "useDeliveryReport": bool(settings.SMS_GATEWAY_REPORT_GATE),
        }
        if settings.SMS_GATEWAY_REPORT_GATE:
            body["deliveryReportGates"] = [settings.SMS_GATEWAY_REPORT_GATE]
        return body

    def send_batch(self, messages: list[tuple[str, str, str, str]]) -> list[SubmitResult]:
        """Hands over (destination, text, source, reference) messages in one request; one
        result each, in order. GatewayUnavailable: none of them is known to have gone."""
        body = {
            **self._common(),
            "sendRequestMessages": [
                {
                    "source": source,
                    "sourceTON": "ALPHANUMERIC",
                    "destination": destination,
                    "destinationTON": "MSISDN",
                    "userData": text,
                    "refId": reference,
                }
                for destination, text, source, reference in messages
            ],
        }
        response = self._post("/sms/sendbatch", body)
        if 400 <= response.status_code < 500:
            # LINK refuses the request (not the service): these messages will not go as they are.
            reason = f"http_{response.status_code}"
            return [SubmitResult("", codes.Outcome.PERMANENT, None, reason)] * len(messages)
        try:
            answers = response.json()
            if not isinstance(answers, list) or len(answers) != len(messages):
                raise ValueError("one result per message")
            return [self._result(answer) for answer in answers]
        except (ValueError, KeyError, TypeError) as error:
            raise GatewayUnavailable("malformed_answer") from error

    def _post(self, path: str, body: dict):
        try:
            response = self.session.post(
                f"{self.base}{path}", json=body, timeout=settings.SMS_GATEWAY_TIMEOUT
            )
        except requests.RequestException as error:
            raise GatewayUnavailable(type(error).__name__) from error
        if response.status_code in (401, 403):
            log.error("The SMS gateway refused our credentials (HTTP %s)", response.status_code)
            raise GatewayUnavailable(f"http_{response.status_code}")
        if response.status_code == 429 or response.status_code >= 500:
            raise GatewayUnavailable(f"http_{response.status_code}")
        return response

    def _result(self, answer: dict) -> SubmitResult:
        gateway_id, code = str(answer["messageId"]), int(answer["resultCode"])
        outcome, reason = codes.outcome(code)
        if reason == "unknown_code":
            log.warning("The SMS gateway answered with an unknown result code %s", code)
        return SubmitResult(gateway_id, outcome, code, reason)

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
