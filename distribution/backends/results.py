"""What an SMS backend tells the pipeline about one message it was handed: the gateway's id
of it and what the gateway answered. A backend that knows no more (the outbox) says
"accepted"; a gateway backend sets one per message as `message.result`."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Outcome(enum.Enum):
    ACCEPTED = "accepted"  # taken by the gateway (on its way, or reached the operator)
    DELIVERED = "delivered"  # on the phone
    TEMPORARY = "temporary"  # try again later
    PERMANENT = "permanent"  # will never go; do not try again
    UNKNOWN_NUMBER = "unknown_number"  # permanent, and the number itself is wrong


@dataclass(frozen=True)
class SubmitResult:
    gateway_id: str
    outcome: Outcome
    code: int | None = None
    reason: str = ""


class GatewayUnavailable(OSError):
    """The gateway could not be reached or did not answer as documented: the message at hand
    and the rest of the batch wait (an OSError, as a dropped SMTP connection is)."""
