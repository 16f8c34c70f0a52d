"""The messages' share of deleting a round's contact data (surveys/rounds/retention.py):
the address each message went to and its delivery details go; the message itself stays,
with its channel, purpose and status, so a dispatch's counts still add up.

Connected to surveys' `contact_data_deleted` signal in DistributionConfig.ready(), so the
purge runs in the same transaction as the participants' and surveys need not know that
messages exist.
"""

from surveys import storage


def delete_message_addresses(sender, round_id: int, **kwargs) -> None:
    from distribution.models import Message

    Message.objects.filter(dispatch__round_id=round_id).update(
        address="", handed_over_at=None, next_attempt_at=None, reason=""
    )
    storage.rewrite_after_commit(Message._meta.db_table)
