"""A real SMTP server on loopback (aiosmtpd) that records what it accepted, and can refuse
a recipient for a while (4xx) or for good (5xx), as mail servers do."""

from __future__ import annotations

import socket
import threading
from collections import Counter
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Sink:
    received: list[tuple[str, bytes]] = field(default_factory=list)
    attempts: Counter = field(default_factory=Counter)
    # address -> how many attempts get "451" before one is accepted
    temporary: dict[str, int] = field(default_factory=dict)
    # addresses that always get "550"
    permanent: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    host: str = "127.0.0.1"
    port: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        with self.lock:
            self.attempts[address] += 1
            if address in self.permanent:
                return "550 5.1.1 No such user here"
            if self.attempts[address] <= self.temporary.get(address, 0):
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            for address in envelope.rcpt_tos:
                self.received.append((address, envelope.content))
        return "250 Message accepted for delivery"

    def count(self, address: str) -> int:
        with self.lock:
            return sum(1 for rcpt, _content in self.received if rcpt == address)

    def by_recipient(self) -> Counter:
        with self.lock:
            return Counter(rcpt for rcpt, _content in self.received)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """The server, with Django's SMTP backend pointed at it."""
    sink = Sink(port=free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    yield sink
    controller.stop()
