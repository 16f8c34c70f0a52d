"""E-mail and SMS backends of the embedded mode: every message lands in the outbox table.

They sit where SMTP and the SMS gateway sit in production, behind Django's e-mail
API and django-sms, so the code that sends is the same in both modes.
"""

from django.core.mail.backends.base import BaseEmailBackend
from sms.backends.base import BaseSmsBackend

from distribution.backends.results import Outcome, SubmitResult
from distribution.models import OutboxMessage


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []):
                if mimetype == "text/html":
                    html = content
            for recipient in message.recipients():
                OutboxMessage.objects.create(
                    channel=OutboxMessage.Channel.EMAIL,
                    recipient=recipient,
                    sender=message.from_email,
                    subject=message.subject,
                    body=message.body,
                    html=html,
                    headers=dict(message.extra_headers),
                )
            sent += 1
        return sent


class SmsBackend(BaseSmsBackend):
    def send_messages(self, messages):
        sent = 0
        for message in messages:
            for recipient in message.recipients:
                row = OutboxMessage.objects.create(
                    channel=OutboxMessage.Channel.SMS,
                    recipient=recipient,
                    sender=message.originator or "",
                    body=message.body,
                )
                # The outbox's own id stands in for a gateway's, so the outbox page can
                # simulate a delivery report for it.
                message.result = SubmitResult(f"outbox-{row.pk}", Outcome.ACCEPTED)
            sent += 1
        return sent
