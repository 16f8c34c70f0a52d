"""The distribution app's models, one file per topic; this module only re-exports them."""

from distribution.models.dispatches import Channel, Dispatch, Message, Purpose, State, Status
from distribution.models.outbox import OutboxMessage
from distribution.models.quotas import SmsQuota
from distribution.models.templates import MessageTemplate

__all__ = [
    "Channel",
    "Dispatch",
    "Message",
    "MessageTemplate",
    "OutboxMessage",
    "Purpose",
    "SmsQuota",
    "State",
    "Status",
]
