"""Responses no one can trace: submitted drafts are mixed into the response table in random
batches, and nothing - references, ids, order, times, xmin - leads back to a person."""

import datetime
import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from surveys.models import Answer, Draft, Participant, Response, Round
from surveys.respondents import answering
from surveys.responses import mixing
from surveys.rounds import schedule
from tests.respondents import a_participant, a_round, items_of, path
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[3]


def _agreement_items(round_):
    return [item for item in items_of(round_) if item.scale == "agreement"][:3]


def _answers_for(number: int, items) -> dict[str, int]:
    """Answers that spell `number` in base 5, so a test knows whose response is whose."""
    return {str(item.pk): (number // 5**i) % 5 + 1 for i, item in enumerate(items)}


def _number_of(response: Response, items) -> int:
    values = dict(Answer.objects.filter(response=response).values_list("item_id", "value"))
    return sum((values[item.pk] - 1) * 5**i for i, item in enumerate(items))


def _submitted(round_, count: int, start: int = 0) -> list[Participant]:
    items = _agreement_items(round_)
    people = []
    for number in range(start, start + count):
        person = a_participant(round_, person_key=f"K{number}", trade_code=f"T{number % 3}")
        Draft.objects.create(participant=person, answers=_answers_for(number, items))
        assert answering.submit(person)
        people.append(person)
    return people


def _close(round_: Round) -> None:
    yesterday = schedule.today() - datetime.timedelta(days=1)
    Round.objects.filter(pk=round_.pk).update(last_answer_day=yesterday)


@pytest.mark.django_db
def test_nothing_moves_until_twenty_wait_then_a_random_ten_move():
    round_ = a_round()
    people = _submitted(round_, 19)
    assert mixing.mix_waiting() == 0
    assert Response.objects.count() == 0
    people += _submitted(round_, 1, start=19)
    assert mixing.mix_waiting() == 10
    assert Response.objects.count() == 10 and Draft.objects.count() == 10
    # The answered marks were set at submit and stay: a date, for the response-rate curves.
    assert Participant.objects.filter(answered_on=schedule.today()).count() == 20
    response = Response.objects.first()
    assert response.round == round_ and response.questionnaire == round_.questionnaire
    assert response.county.county_number == "46" and response.contract_type == "apprentice"
    assert response.trade_code in {"T0", "T1", "T2"}
    assert Answer.objects.filter(response=response).count() == 3


@pytest.mark.django_db
def test_the_batch_and_threshold_are_settings(settings):
    settings.MIXING_THRESHOLD, settings.MIXING_BATCH = 4, 2
    _submitted(a_round(), 5)
    # 5 waiting: a batch of 2 leaves 3, below the threshold.
    assert mixing.mix_waiting() == 2 and Draft.objects.count() == 3


@pytest.mark.django_db
def test_a_closed_round_moves_all_that_remain_and_deletes_drafts_never_submitted():
    round_ = a_round()
    other = a_round("supervisor")
    _submitted(round_, 3)
    unsent = a_participant(round_)
    Draft.objects.create(participant=unsent, answers={})
    _submitted(other, 2, start=50)
    assert mixing.mix_closed_rounds() == 0  # nothing has closed yet
    _close(round_)
    assert mixing.mix_closed_rounds() == 3
    assert Response.objects.filter(round=round_).count() == 3
    assert not Draft.objects.filter(participant__round=round_).exists()
    assert Draft.objects.filter(participant__round=other).count() == 2
    unsent.refresh_from_db()
    assert unsent.answered_on is None


@pytest.mark.django_db
def test_a_double_submit_through_the_same_link_makes_one_response():
    round_ = a_round()
    person = a_participant(round_)
    client = Client()
    client.post(path(person, "/side/1"), {"navigate": "next"})
    client.post(path(person, "/send-inn"))
    client.post(path(person, "/send-inn"))
    assert mixing.mix_waiting(threshold=1) == 1
    # Submitted again after the answers were mixed and the draft is gone: nothing new.
    client.post(path(person, "/side/1"), {"navigate": "next"})
    client.post(path(person, "/send-inn"))
    assert not Draft.objects.exists()
    _close(round_)
    assert mixing.mix_waiting(threshold=1) == 0 and mixing.mix_closed_rounds() == 0
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_once_make_one_response(organisations):
    round_ = a_round()
    person = a_participant(round_)
    Draft.objects.create(participant=person, answers={})
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        barrier.wait()
        try:
            outcomes.append(Client().post(path(person, "/send-inn")).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [302, 302]
    assert mixing.mix_waiting(threshold=1) == 1
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_mixed_responses_cannot_be_joined_to_participants(organisations):
    round_ = a_round()
    items = _agreement_items(round_)
    people = _submitted(round_, 30)  # each submit its own transaction, as in real life
    mixing.mix_waiting()  # 30 waiting: two batches of 10 leave 10 below the threshold
    assert Response.objects.count() == 20
    _close(round_)
    mixing.mix_closed_rounds()
    responses = list(Response.objects.all())
    truth = {response.pk: _number_of(response, items) for response in responses}
    assert sorted(truth.values()) == list(range(30))  # every answer there, exactly once

    # References and times: no column leads to a participant or a draft, none holds a date.
    with connection.cursor() as cursor:
        for table in ("surveys_response", "surveys_answer"):
            relations = connection.introspection.get_relations(cursor, table)
            assert {target for _col, target in relations.values()} <= {
                "surveys_round",
                "surveys_questionnaireversion",
                "accounts_organisation",
                "surveys_response",
                "surveys_item",
            }
            columns = connection.introspection.get_table_description(cursor, table)
            types = {connection.introspection.get_field_type(c.type_code, c) for c in columns}
            assert not types & {"DateField", "DateTimeField", "TimeField", "DurationField"}

    # Ids: random UUID4s, not a sequence.
    assert all(uuid.UUID(str(r.pk)).version == 4 for r in responses)

    # xmin: every response shares its transaction id with at least 9 others, and none is
    # the transaction that set a participant's answered mark.
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text, count(*) FROM surveys_response GROUP BY 1")
        batches = dict(cursor.fetchall())
        cursor.execute("SELECT DISTINCT xmin::text FROM surveys_participant")
        participant_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT DISTINCT xmin::text FROM surveys_answer")
        answer_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT id FROM surveys_response ORDER BY xmin::text::bigint, ctid")
        physical = [row[0] for row in cursor.fetchall()]
    assert min(batches.values()) >= 10
    assert not set(batches) & participant_xmins
    assert answer_xmins <= set(batches)

    # Order: pairing responses in id order or in physical (xmin, ctid) order with the
    # participants in submit order finds no more than chance does.
    submit_order = [number for number, _person in enumerate(people)]
    for ordering in (sorted(truth), physical):
        right = sum(truth[pk] == number for pk, number in zip(ordering, submit_order, strict=True))
        assert right < 10, f"{right} of 30 joined by order"


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_mixing_killed_half_way_loses_nothing_and_duplicates_nothing(organisations):
    round_ = a_round()
    items = _agreement_items(round_)
    _submitted(round_, 20)
    url = _database_url()
    with psycopg.connect(url, autocommit=False) as blocker:
        # Hold the answer table, so the mixing process stops after inserting its responses
        # and before inserting their answers: killed there, it is killed mid-transaction.
        blocker.execute("LOCK TABLE surveys_answer IN ACCESS EXCLUSIVE MODE")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "mix_responses"],
            cwd=ROOT,
            env=os.environ | {"DATABASE_URL": url, "REDIS_URL": settings.REDIS_URL},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with psycopg.connect(url, autocommit=True) as watcher:

            def mixer_half_way():
                # The mixer holds a write lock on the responses it inserted and waits for
                # the answer table.
                return watcher.execute(
                    """SELECT w.pid FROM pg_locks w JOIN pg_locks r ON r.pid = w.pid
                       WHERE w.relation = 'surveys_answer'::regclass AND NOT w.granted
                       AND r.relation = 'surveys_response'::regclass
                       AND r.mode = 'RowExclusiveLock' AND r.granted"""
                ).fetchone()

            (pid,) = wait_for(mixer_half_way)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            blocker.rollback()  # the lock goes; the orphaned backend finds its client gone
            wait_for(
                lambda: (
                    not watcher.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]
                    ).fetchone()
                )
            )
    assert process.returncode == -signal.SIGKILL
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    assert Draft.objects.filter(submitted=True).count() == 20

    mixing.mix_waiting()
    _close(round_)
    mixing.mix_closed_rounds()
    numbers = sorted(_number_of(response, items) for response in Response.objects.all())
    assert numbers == list(range(20))
    assert not Draft.objects.exists()
