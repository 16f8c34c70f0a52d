"""What becomes of a message after it is handed over: delivery reports posted by the gateway
fake to the webhook on a live server and applied by a real worker, e-mail bounces on ours,
the SMS with no report after three days, and what the outbox and quality report show."""

from __future__ import annotations

import datetime
import email
import json
import time

import pytest
import requests
from django.urls import reverse
from django.utils import timezone

from distribution import dispatching
from distribution.models import Message, OutboxMessage, Status
from distribution.sending import reports
from tests.distribution.sending_helpers import person, request, send, small_sample
from tests.distribution.sending_helpers import vestland as county
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ADA = "+4791000001"
BOUNCE_SECRET = "bounce-secret-for-tests"


@pytest.fixture
def sample(organisations, questionnaires):
    return small_sample()


@pytest.fixture
def sent_sms(sample, sms_gateway, worker):
    """Ada's SMS invitation, handed over to the gateway fake."""
    dispatch = send(county(), sample, channels=("sms",))
    ada = dispatch.messages.get(participant__person_key="A1")
    assert wait_for(lambda: not dispatch.messages.exclude(status=Status.SENT).exists(), 30)
    ada.refresh_from_db()
    return ada


def _webhook(live_server) -> str:
    return live_server.url + reverse("distribution:sms_report")


def _status(message: Message) -> tuple[str, str]:
    message.refresh_from_db()
    return message.status, message.reason


def test_a_delivery_report_marks_the_sms_delivered(sent_sms, sms_gateway, live_server):
    assert sms_gateway.report(_webhook(live_server), sent_sms.gateway_id, 1001) == 200
    assert wait_for(lambda: _status(sent_sms) == (Status.DELIVERED, ""), 20)


def test_a_failed_report_fails_the_sms_with_the_reason(sent_sms, sms_gateway, live_server):
    assert sms_gateway.report(_webhook(live_server), sent_sms.gateway_id, 1002) == 200
    assert wait_for(
        lambda: _status(sent_sms) == (Status.PERMANENT_FAILURE, "report_1002_expired"), 20
    )
    assert person("A1").mobile_refused == ""  # the phone was off: the number is fine


def test_a_report_of_an_unknown_number_marks_it_and_the_next_sms_leaves_it_out(
    sample, sent_sms, sms_gateway, live_server
):
    assert sms_gateway.report(_webhook(live_server), sent_sms.gateway_id, 2104) == 200
    assert wait_for(lambda: person("A1").mobile_refused == ADA, 20)
    plan = dispatching.plan(request(county(), sample, purpose="reminder", channels=("sms",)))
    assert plan.left_out["mobile_refused"] == 1


def test_a_report_with_a_wrong_secret_is_refused_and_changes_nothing(
    sent_sms, sms_gateway, live_server
):
    webhook = _webhook(live_server)
    assert sms_gateway.report(webhook, sent_sms.gateway_id, 2104, secret="wrong") == 403
    no_auth = requests.post(
        webhook, json={"id": sent_sms.gateway_id, "resultCode": 2104}, timeout=10
    )
    assert no_auth.status_code == 403
    time.sleep(1.5)  # a task, had one been queued, has run by now
    assert _status(sent_sms) == (Status.SENT, "")
    assert person("A1").mobile_refused == ""


def test_a_duplicate_or_late_contrary_report_changes_nothing(sent_sms, sms_gateway, live_server):
    webhook = _webhook(live_server)
    assert sms_gateway.report(webhook, sent_sms.gateway_id, 1001) == 200
    assert wait_for(lambda: _status(sent_sms)[0] == Status.DELIVERED, 20)
    assert sms_gateway.report(webhook, sent_sms.gateway_id, 1001) == 200
    assert sms_gateway.report(webhook, sent_sms.gateway_id, 2104) == 200
    assert sms_gateway.report(webhook, "lm-never-sent", 1001) == 200  # not ours
    time.sleep(1.5)
    assert _status(sent_sms) == (Status.DELIVERED, "")
    assert person("A1").mobile_refused == ""


def test_an_sms_with_no_report_after_three_days_is_unconfirmed(sent_sms):
    handed_over = sent_sms.handed_over_at  # Ada's; Cai's SMS went at about the same time
    assert reports.mark_unconfirmed(handed_over + datetime.timedelta(days=2, hours=23)) == 0
    assert _status(sent_sms)[0] == Status.SENT
    assert reports.mark_unconfirmed(handed_over + datetime.timedelta(days=3, minutes=1)) == 2
    assert _status(sent_sms) == (Status.UNCONFIRMED, "no_delivery_report")
    # A report that comes later still counts.
    assert reports.apply_sms_report(sent_sms.gateway_id, 1001) == "delivered"


def test_e_mail_is_never_unconfirmed(sample, smtp_sink, worker):
    dispatch = send(county(), sample)
    assert wait_for(lambda: not dispatch.messages.exclude(status=Status.SENT).exists(), 30)
    assert reports.mark_unconfirmed(timezone.now() + datetime.timedelta(days=10)) == 0


# E-mail bounces.


def _bounce(client, body, secret=BOUNCE_SECRET):
    import base64

    token = base64.b64encode(f"mailer:{secret}".encode()).decode()
    return client.post(
        reverse("distribution:email_bounce"),
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {token}",
    )


def test_a_bounced_address_is_marked_and_left_out_of_the_next_dispatch(
    sample, smtp_sink, worker, client, settings
):
    settings.EMAIL_BOUNCE_SECRET = BOUNCE_SECRET
    dispatch = send(county(), sample)
    assert wait_for(lambda: not dispatch.messages.exclude(status=Status.SENT).exists(), 30)
    sent = email.message_from_bytes(
        next(content for rcpt, content in smtp_sink.received if rcpt == "ada@example.no")
    )
    header = sent["Message-ID"]
    wrong = _bounce(client, {"address": "ada@example.no", "message_id": header,
                             "type": "permanent"}, secret="wrong")  # fmt: skip
    assert wrong.status_code == 403
    body = {"address": "ada@example.no", "message_id": header, "type": "permanent",
            "reason": "mailbox_unknown"}  # fmt: skip
    assert _bounce(client, body).status_code == 200
    ada = dispatch.messages.get(participant__person_key="A1")
    assert wait_for(lambda: person("A1").email_refused == "ada@example.no", 20)
    assert _status(ada) == (Status.PERMANENT_FAILURE, "bounce_permanent_mailbox_unknown")
    reminder = send(county(), sample, purpose="reminder")
    assert reminder.left_out["email_refused"] == 1
    assert not reminder.messages.filter(participant__person_key="A1").exists()
    assert reminder.messages.filter(participant__person_key="A3").count() == 0  # no e-mail
    assert reminder.messages.count() == dispatch.messages.count() - 1


def test_a_temporary_bounce_fails_the_message_but_keeps_the_address(
    sample, smtp_sink, worker, client, settings
):
    settings.EMAIL_BOUNCE_SECRET = BOUNCE_SECRET
    dispatch = send(county(), sample)
    assert wait_for(lambda: not dispatch.messages.exclude(status=Status.SENT).exists(), 30)
    ada = dispatch.messages.get(participant__person_key="A1")
    body = {"message_id": f"<melding-{ada.pk}@127.0.0.1>", "type": "temporary"}
    assert _bounce(client, body).status_code == 200
    assert wait_for(lambda: _status(ada)[0] == Status.PERMANENT_FAILURE, 20)
    assert ada.reason == "bounce_temporary"
    assert person("A1").email_refused == ""


def test_a_bounce_we_cannot_read_is_400(client, settings):
    settings.EMAIL_BOUNCE_SECRET = BOUNCE_SECRET
    assert _bounce(client, {"message_id": "<melding-1@x>", "type": "maybe"}).status_code == 400
    assert _bounce(client, {"type": "permanent"}).status_code == 400


# The embedded mode: the outbox simulates, the quality report shows.


def test_the_outbox_simulates_a_report_of_an_unknown_number(sample, client):
    dispatch = send(county(), sample, channels=("sms",))
    from distribution.sending import pipeline

    pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))
    row = OutboxMessage.objects.get(recipient=ADA)
    page = client.get(reverse("distribution:outbox")).text
    assert reverse("distribution:outbox_report", args=[row.pk]) in page
    response = client.post(
        reverse("distribution:outbox_report", args=[row.pk]), {"kind": "unknown_number"}
    )
    assert response.status_code == 302
    ada = dispatch.messages.get(participant__person_key="A1")
    assert _status(ada) == (Status.PERMANENT_FAILURE, "report_2104_unknown_subscriber")
    assert person("A1").mobile_refused == ADA
    followed = client.get(reverse("distribution:outbox")).text
    assert "ugyldig hos deltakeren" in followed


def test_the_outbox_simulates_a_bounce(sample, client):
    dispatch = send(county(), sample)
    from distribution.sending import pipeline

    pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))
    row = OutboxMessage.objects.get(recipient="ada@example.no")
    client.post(reverse("distribution:outbox_report", args=[row.pk]), {"kind": "bounce_permanent"})
    assert person("A1").email_refused == "ada@example.no"
