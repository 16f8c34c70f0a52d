"""A task sent from a page runs in a real Celery worker on Redis."""

from django.urls import reverse

from distribution.models import OutboxMessage
from distribution.tasks import send_test_message
from tests.waiting import wait_for


def test_the_test_message_button_is_sent_by_the_worker(client, worker):
    response = client.post(reverse("distribution:outbox"), follow=True)
    assert "lagt i køen" in response.text
    assert wait_for(lambda: OutboxMessage.objects.count() == 2, timeout=20.0)
    channels = sorted(OutboxMessage.objects.values_list("channel", flat=True))
    assert channels == ["email", "sms"]


def test_a_get_to_the_outbox_sends_nothing(client, one_at_a_time_worker):
    client.get(reverse("distribution:outbox"))
    # A test message queued after the page: once the worker has sent it, anything the page
    # had queued has been sent too, so the two messages are all there is.
    send_test_message.delay("etter@example.no", "+4791234568")
    assert wait_for(lambda: OutboxMessage.objects.filter(recipient="+4791234568").exists())
    assert sorted(OutboxMessage.objects.values_list("recipient", flat=True)) == [
        "+4791234568",
        "etter@example.no",
    ]
