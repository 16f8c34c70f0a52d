"""A local stand-in for LINK Mobility's SMS REST API (distribution/backends/sms_gateway/
client.py cites the documentation it follows): POST /sms/send with HTTP Basic
authentication and the documented JSON, answered with {"messageId", "resultCode",
"description"}. It records every message it takes, answers each destination with the
result codes a test sets (`codes[destination] = [3, 3, 1005]`: throttled twice, then
queued; 1005 when none is set), can fail as a whole (`fault = "500"` or `"drop"`), and
posts delivery reports to our webhook as LINK's gate does (`report`).

/sms/sendbatch takes up to 1,000 messages (the batch's common fields and
`sendRequestMessages`) and answers a list of results in the same order.

Run as a process of its own for the benchmark: `python tests/fakes/sms_gateway.py PORT
FILE` writes each destination it takes, one a line, to FILE.
"""

from __future__ import annotations

import base64
import itertools
import json
import sys
import threading
import uuid
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

USERNAME, PASSWORD = "laerling", "gateway-password-for-tests"
PLATFORM_ID, PARTNER_ID = "COMMON_API", "12345"
REPORT_SECRET = "sms-report-secret-for-tests"
DESCRIPTIONS = {1005: "Queued", 1000: "Sent"}


@dataclass
class Received:
    message_id: str
    destination: str
    text: str
    source: str
    ref_id: str
    body: dict


class FakeSmsGateway:
    def __init__(self, port: int = 0, out=None) -> None:
        self.received: list[Received] = []
        self.codes: dict[str, list[int]] = {}
        self.fault = ""
        self.refused_auth = 0
        self.batches = 0
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._out = out
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self.server.daemon_threads = True
        self.server.fake = self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def by_destination(self) -> Counter:
        with self._lock:
            return Counter(r.destination for r in self.received if r.message_id)

    def attempts(self, destination: str) -> int:
        with self._lock:
            return sum(1 for r in self.received if r.destination == destination)

    def accepted(self, destination: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.destination == destination and r.message_id]

    def _refused(self, headers) -> tuple[int, dict] | None:
        if self.fault == "500":
            return 500, {"error": "internal"}
        expected = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        if headers.get("Authorization") != f"Basic {expected}":
            self.refused_auth += 1
            return 401, {"error": "unauthorized"}
        return None

    def send_batch(self, headers, body: dict) -> tuple[int, list | dict]:
        """/sms/sendbatch: the batch's common fields with each of `sendRequestMessages`,
        answered with one result per message, in order."""
        refused = self._refused(headers)
        if refused is not None:
            return refused
        messages = body.get("sendRequestMessages")
        if not isinstance(messages, list) or not 0 < len(messages) <= 1000:
            return 400, {"error": "bad request"}
        common = {k: v for k, v in body.items() if k != "sendRequestMessages"}
        with self._lock:
            self.batches += 1
        answers = []
        for message in messages:
            status, answer = self._one({**common, **message})
            if status != 200:
                return status, answer
            answers.append(answer)
        return 200, answers

    def send(self, headers, body: dict) -> tuple[int, dict]:
        refused = self._refused(headers)
        if refused is not None:
            return refused
        return self._one(body)

    def _one(self, body: dict) -> tuple[int, dict]:
        missing = [k for k in ("source", "destination", "platformId", "platformPartnerId")]
        if any(not body.get(k) for k in missing) or body["platformId"] != PLATFORM_ID:
            return 400, {"error": "bad request"}
        destination = body["destination"]
        with self._lock:
            planned = self.codes.get(destination)
            code = planned.pop(0) if planned and len(planned) > 1 else (planned or [1005])[0]
            accepted = code in (1000, 1005, 1008, 1011, 1012, 1013)
            message_id = f"lm-{next(self._ids)}-{uuid.uuid4().hex[:8]}" if accepted else ""
            self.received.append(
                Received(
                    message_id,
                    destination,
                    body.get("userData", ""),
                    body["source"],
                    str(body.get("refId", "")),
                    body,
                )
            )
        if self._out is not None and accepted:
            self._out.write(destination + "\n")
        answer = {"resultCode": code, "description": DESCRIPTIONS.get(code, "Failed")}
        if message_id:
            answer["messageId"] = message_id
        else:
            answer["messageId"] = f"lm-refused-{uuid.uuid4().hex[:8]}"
        return 200, answer

    def report(
        self, webhook: str, message_id: str, code: int, *, secret=REPORT_SECRET, session=None
    ):
        """Posts one delivery report as LINK's gate does; returns the HTTP status."""
        import requests

        body = {
            "id": message_id,
            "refId": "",
            "resultCode": code,
            "operator": "no.telenor",
            "operatorResultCode": "0",
            "segments": 1,
            "sendTimestamp": "2026-10-05T10:00:00Z",
            "timestamp": "2026-10-05T10:00:05Z",
        }
        poster = session or requests
        return poster.post(webhook, json=body, auth=("link", secret), timeout=10).status_code


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real API over a session
    # The headers and the body go in two writes: with Nagle's algorithm the second waits for
    # the client's delayed ACK, 40 ms an answer (measured: 43 SMS a second from 2 workers).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def do_POST(self):
        fake: FakeSmsGateway = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if fake.fault == "drop":
            self.close_connection = True
            return
        if self.path not in ("/sms/send", "/sms/sendbatch"):
            status, answer = 404, {"error": "not found"}
        else:
            try:
                body = json.loads(raw)
            except ValueError:
                status, answer = 400, {"error": "bad json"}
            else:
                send = fake.send if self.path == "/sms/send" else fake.send_batch
                status, answer = send(self.headers, body)
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def sms_gateway(settings):
    """The fake, started, and the settings pointing the gateway backend at it."""
    fake = FakeSmsGateway()
    fake.start()
    settings.SMS_BACKEND = "distribution.backends.sms_gateway.backend.SmsBackend"
    settings.SMS_GATEWAY_URL = fake.url
    settings.SMS_GATEWAY_USERNAME, settings.SMS_GATEWAY_PASSWORD = USERNAME, PASSWORD
    settings.SMS_GATEWAY_PLATFORM_ID = PLATFORM_ID
    settings.SMS_GATEWAY_PLATFORM_PARTNER_ID = PARTNER_ID
    settings.SMS_GATEWAY_REPORT_GATE = "laerling-dlr"
    settings.SMS_REPORT_SECRET = REPORT_SECRET
    yield fake
    fake.stop()


if __name__ == "__main__":
    out = open(sys.argv[2], "a", buffering=1)  # noqa: SIM115 - open for the process's life
    fake = FakeSmsGateway(int(sys.argv[1]), out)
    print("ready", flush=True)
    fake.server.serve_forever()
