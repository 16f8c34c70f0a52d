"""The distribution app's models, one file per topic; this module only re-exports them."""

from distribution.models.agreements import Sender, SendingAgreement
from distribution.models.dispatches import Channel, Dispatch, Message, Purpose, State, Status
from distribution.models.gatherings import Gathering
from distribution.models.outbox import OutboxMessage
from distribution.models.quotas import SmsQuota
from distribution.models.templates import MessageTemplate

__all__ = [
    "Channel",
    "Dispatch",
    "Gathering",
    "Message",
    "MessageTemplate",
    "OutboxMessage",
    "Purpose",
    "Sender",
    "SendingAgreement",
    "SmsQuota",
    "State",
    "Status",
]
