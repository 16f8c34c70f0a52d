"""The development outbox: every e-mail and SMS of the embedded mode, and only there."""

import pytest
from django.core.mail import send_mail
from django.test import override_settings
from django.urls import reverse
from sms import send_sms

from distribution.models import OutboxMessage


@pytest.mark.django_db
def test_an_email_sent_in_the_embedded_mode_is_listed_with_a_working_link(client):
    send_mail("Invitasjon", "Svar her: https://example.no/s/abc123", None, ["ola@example.no"])
    response = client.get(reverse("distribution:outbox"))
    assert response.status_code == 200
    assert "ola@example.no" in response.text
    assert '<a href="https://example.no/s/abc123"' in response.text


@pytest.mark.django_db
def test_an_sms_sent_in_the_embedded_mode_is_listed(client):
    send_sms("Svar på Lærlingundersøkelsen: https://example.no/s/xyz", None, ["+4791234567"])
    message = OutboxMessage.objects.get()
    assert message.channel == "sms"
    assert message.recipient == "+4791234567"
    assert "+4791234567" in client.get(reverse("distribution:outbox")).text


@pytest.mark.django_db
@override_settings(EMBEDDED=False)
def test_the_outbox_is_404_outside_the_embedded_mode(client):
    assert client.get(reverse("distribution:outbox")).status_code == 404
    assert client.post(reverse("distribution:outbox")).status_code == 404


@pytest.mark.django_db
def test_a_page_that_does_not_exist_gets_our_404_page_in_norwegian(client, settings):
    settings.DEBUG = False
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Siden finnes ikke" in response.text
