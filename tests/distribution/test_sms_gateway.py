"""SMS through the gateway (LINK Mobility's API, spoken by the local fake on loopback) with
a real worker: each result code becomes the message's state, temporary ones are retried,
permanent ones are not, and an unknown number is left out of later dispatches."""

from __future__ import annotations

import time

import pytest

from distribution import dispatching
from distribution.backends.results import GatewayUnavailable, Outcome
from distribution.backends.sms_gateway import codes
from distribution.backends.sms_gateway.client import Client
from distribution.models import Message, Status
from distribution.sending import pipeline
from tests.distribution.sending_helpers import person, request, send, small_sample
from tests.distribution.sending_helpers import vestland as county
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ADA, CAI = "+4791000001", "+4791000003"
# What each group of LINK's codes must mean, written apart from codes.py's table.
ACCEPTED = {1000, 1005, 1008, 1011, 1012, 1013}
DELIVERED = {1001, 1007}
TEMPORARY = {0, 1, 3, 4, 5, 6, 105, 2107}
UNKNOWN_NUMBER = {2100, 2101, 2102, 2104, 2106}


@pytest.fixture
def sample(organisations, questionnaires):
    return small_sample()


def _expected(code: int) -> Outcome:
    for group, outcome in (
        (ACCEPTED, Outcome.ACCEPTED),
        (DELIVERED, Outcome.DELIVERED),
        (TEMPORARY, Outcome.TEMPORARY),
        (UNKNOWN_NUMBER, Outcome.UNKNOWN_NUMBER),
    ):
        if code in group:
            return outcome
    return Outcome.PERMANENT


def test_each_result_code_of_the_gateway_means_what_links_table_says(sms_gateway):
    client = Client()
    meant = {}
    for code in [*sorted(codes.CODES), 9999]:
        sms_gateway.codes[ADA] = [code]
        result = client.send(ADA, "Hei", "Udir", "1")
        meant[code] = (result.outcome, result.code)
    assert meant == {code: (_expected(code), code) for code in meant}


def _sms(sample, key: str = "A1") -> Message:
    dispatch = send(county(), sample, channels=("sms",))
    return dispatch.messages.get(participant__person_key=key)


def _settled(message: Message) -> bool:
    pipeline.sweep()  # what beat runs every minute
    message.refresh_from_db()
    return message.status not in (Status.QUEUED, Status.SENDING, Status.TEMPORARY_FAILURE)


def test_an_accepted_sms_is_sent_with_the_gateways_id(sample, sms_gateway, worker):
    ada = _sms(sample)
    assert wait_for(lambda: _settled(ada), 30, interval=0.3)
    (received,) = sms_gateway.accepted(ADA)
    assert (ada.status, ada.gateway_id) == (Status.SENT, received.message_id)
    assert received.ref_id == str(ada.pk)
    assert received.source == "Udir" and "/s/" in received.text
    assert received.body["deliveryReportGates"] == ["laerling-dlr"]
    assert sms_gateway.by_destination() == {ADA: 1, CAI: 1}


def test_a_throttled_sms_is_retried_then_sent_once(sample, sms_gateway, worker, settings):
    settings.SENDING_RETRY_SECONDS = 1
    sms_gateway.codes[ADA] = [3, 3, 1005]  # "maximum throttling exceeded" twice
    ada = _sms(sample)
    assert wait_for(lambda: _settled(ada), 30, interval=0.3)
    assert ada.status == Status.SENT
    assert sms_gateway.attempts(ADA) == 3
    assert len(sms_gateway.accepted(ADA)) == 1
    assert ada.attempts == 2


def test_a_permanent_code_fails_the_sms_without_retrying(sample, sms_gateway, worker, settings):
    settings.SENDING_RETRY_SECONDS = 1
    sms_gateway.codes[ADA] = [4001]  # "invalid message content"
    ada = _sms(sample)
    assert wait_for(lambda: _settled(ada), 30, interval=0.3)
    for _ in range(3):
        pipeline.sweep()
        time.sleep(0.5)
    ada.refresh_from_db()
    assert (ada.status, ada.reason) == (Status.PERMANENT_FAILURE, "gateway_4001_invalid_content")
    assert sms_gateway.attempts(ADA) == 1
    assert person("A1").mobile_refused == ""  # the content, not the number


def test_an_unknown_number_fails_and_is_left_out_of_the_next_sms_dispatch(
    sample, sms_gateway, worker
):
    sms_gateway.codes[ADA] = [2104]  # "unknown subscriber"
    ada = _sms(sample)
    assert wait_for(lambda: _settled(ada), 30, interval=0.3)
    assert (ada.status, ada.reason) == (Status.PERMANENT_FAILURE, "recipient_refused_2104")
    assert person("A1").mobile_refused == ADA
    plan = dispatching.plan(request(county(), sample, purpose="reminder", channels=("sms",)))
    assert plan.left_out["mobile_refused"] == 1
    reminder = send(county(), sample, purpose="reminder", channels=("sms",))
    assert not reminder.messages.filter(participant__person_key="A1").exists()


def test_a_gateway_that_answers_500_is_a_temporary_failure_of_the_batch(sample, sms_gateway):
    sms_gateway.fault = "500"
    dispatch = send(county(), sample, channels=("sms",))
    pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))
    # The SMS went in one request to the batch endpoint: all of it waits, to be tried again.
    assert set(dispatch.messages.values_list("status", "reason")) == {
        (Status.TEMPORARY_FAILURE, "connection")
    }


def test_wrong_credentials_send_nothing_and_are_retried(sample, sms_gateway, settings):
    settings.SMS_GATEWAY_PASSWORD = "wrong"
    ada = _sms(sample)
    pipeline.send_batch([ada.pk])
    ada.refresh_from_db()
    assert (ada.status, ada.reason) == (Status.TEMPORARY_FAILURE, "connection")
    assert sms_gateway.refused_auth == 1 and not sms_gateway.accepted(ADA)


def test_a_gateway_with_no_address_set_is_unavailable(settings):
    settings.SMS_GATEWAY_URL = None
    with pytest.raises(GatewayUnavailable):
        Client()


def test_sms_go_to_the_batch_endpoint_a_batch_a_request_each_with_its_own_result(
    sample, sms_gateway, settings
):
    settings.SMS_GATEWAY_BATCH = 2
    sms_gateway.codes[ADA] = [2104]  # this one's number is unknown; the others are taken
    dispatch = send(county(), sample, channels=("sms",), include_offices=True)
    assert dispatch.sms_count == 3
    outcome = pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))
    assert (outcome["sent"], outcome["failed"]) == (2, 1)
    assert sms_gateway.batches == 2  # 3 SMS, 2 a request
    sent = dispatch.messages.filter(status=Status.SENT)
    assert sent.count() == 2 and all(m.gateway_id.startswith("lm-") for m in sent)
    assert {m.address for m in sent} == {"+4791000003", "+4791000004"}
    ada = dispatch.messages.get(participant__person_key="A1")
    assert (ada.status, ada.reason) == (Status.PERMANENT_FAILURE, "recipient_refused_2104")
    assert person("A1").mobile_refused == ADA
    # Run again (a task delivered twice): the claim lets nothing through a second time.
    assert pipeline.send_batch(dispatch.messages.values_list("pk", flat=True))["sent"] == 0
    assert sms_gateway.batches == 2
