"""A task sent from a page runs in a real Celery worker on Redis."""

import time

from django.urls import reverse

from distribution.models import OutboxMessage


def _wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_test_message_button_is_sent_by_the_worker(client, worker):
    response = client.post(reverse("distribution:outbox"), follow=True)
    assert "lagt i køen" in response.text
    assert _wait_for(lambda: OutboxMessage.objects.count() == 2)
    channels = sorted(OutboxMessage.objects.values_list("channel", flat=True))
    assert channels == ["email", "sms"]
