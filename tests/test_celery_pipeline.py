"""A task sent from a page runs in a real Celery worker on Redis."""

from django.urls import reverse

from distribution.models import OutboxMessage
from tests.waiting import wait_for


def test_the_test_message_button_is_sent_by_the_worker(client, worker):
    response = client.post(reverse("distribution:outbox"), follow=True)
    assert "lagt i køen" in response.text
    assert wait_for(lambda: OutboxMessage.objects.count() == 2, timeout=20.0)
    channels = sorted(OutboxMessage.objects.values_list("channel", flat=True))
    assert channels == ["email", "sms"]
