"""The django-sms backend of the SMS gateway: each message handed over to LINK Mobility, and
the gateway's answer left on the message (`message.result`, a SubmitResult) for the
pipeline to read. A gateway that cannot be reached raises GatewayUnavailable (an OSError):
django-sms's `fail_silently` is honoured for callers that ask for it."""

from __future__ import annotations

from sms.backends.base import BaseSmsBackend

from distribution.backends.results import GatewayUnavailable
from distribution.backends.sms_gateway.client import Client


class SmsBackend(BaseSmsBackend):
    def __init__(self, fail_silently: bool = False, **kwargs) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client: Client | None = None

    def open(self) -> bool:
        if self.client is None:
            self.client = Client()
            return True
        return False

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def send_batch(self, messages) -> list:
        """Hands over django-sms messages of one recipient each in one request (the
        gateway's batch endpoint); returns one SubmitResult each, in order. Raises
        GatewayUnavailable (an OSError) when the gateway cannot be reached."""
        self.open()
        return self.client.send_batch(
            [
                (
                    message.recipients[0],
                    message.body,
                    message.originator or "",
                    getattr(message, "reference", ""),
                )
                for message in messages
            ]
        )

    def send_messages(self, messages) -> int:
        opened = False
        try:
            opened = self.open()
            sent = 0
            for message in messages:
                results = [
                    self.client.send(
                        recipient,
                        message.body,
                        message.originator or "",
                        getattr(message, "reference", ""),
                    )
                    for recipient in message.recipients
                ]
                message.result = results[0] if results else None
                sent += 1
            return sent
        except GatewayUnavailable:
            if not self.fail_silently:
                raise
            return 0
        finally:
            if opened:
                self.close()
