"""The messages' share of deleting a round's contact data (surveys/rounds/retention.py):
the address each message went to and its delivery details go; the message itself stays,
with its channel, purpose and status, so a dispatch's counts still add up. The embedded
mode's outbox loses the round's messages as sent.

Connected to surveys' `contact_data_deleted` signal in DistributionConfig.ready(), so the
purge runs in the same transaction as the participants' and surveys need not know that
messages exist.
"""

from surveys import storage
from surveys.models import Round


def delete_message_addresses(sender, round_id: int, **kwargs) -> None:
    from distribution.models import Message, OutboxMessage

    messages = Message.objects.filter(dispatch__round_id=round_id)
    # The embedded mode's outbox holds the same messages as sent, names and links in them:
    # those to the round's addresses up to its last day go with the addresses.
    addresses = set(messages.exclude(address="").values_list("address", flat=True))
    last_day = Round.objects.filter(pk=round_id).values_list("last_answer_day", flat=True).first()
    if addresses and last_day is not None:
        OutboxMessage.objects.filter(recipient__in=addresses, sent_at__date__lte=last_day).delete()
        storage.rewrite_after_commit(OutboxMessage._meta.db_table)
    messages.update(address="", handed_over_at=None, next_attempt_at=None, reason="")
    storage.rewrite_after_commit(Message._meta.db_table)
