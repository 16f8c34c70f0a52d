"""Answers sealed while the round is open; stored after it by one step, all at once, in random
order; the drafts then deleted. The step is safe to run twice and loses nothing if killed."""

import datetime
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from accounts.models import Organisation
from surveys import tasks
from surveys.models import Answer, Draft, Participant, Response, Round
from surveys.respondents import answering
from surveys.responses import sealing, storing
from surveys.rounds import schedule
from tests.respondents import a_participant, a_round, items_of, path, themes_of
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


def _submitted(round_, count: int, start: int = 0, **fields) -> list[Participant]:
    items = _agreement_items(round_)
    people = []
    for number in range(start, start + count):
        person = a_participant(round_, person_key=f"K{number}", **fields)
        Draft.objects.create(participant=person, answers=_answers_for(number, items))
        assert answering.submit(person)
        people.append(person)
    return people


def _close(round_: Round) -> Round:
    yesterday = schedule.today() - datetime.timedelta(days=1)
    Round.objects.filter(pk=round_.pk).update(last_answer_day=yesterday)
    round_.refresh_from_db()
    return round_


def _raw_draft(person) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sealed, language FROM surveys_draft WHERE participant_id = %s", [person.pk]
        )
        sealed, language = cursor.fetchone()
    return bytes(sealed), language


@pytest.mark.django_db
def test_a_draft_holds_only_ciphertext_of_one_length_and_the_language_in_clear(client):
    round_ = a_round()
    items = items_of(round_)
    few, many = a_participant(round_), a_participant(round_)
    client.post(path(few, "/sprak"), {"language": "nn", "next": path(few)})
    Client().post(path(few, "/side/1"), {f"item-{items[0].pk}": "5", "navigate": "save"})
    for number, theme in enumerate(themes_of(round_), start=1):
        page_items = [item for item in items if item.theme_id == theme.pk]
        Client().post(
            path(many, f"/side/{number}"),
            {f"item-{item.pk}": "1" for item in page_items} | {"navigate": "next"},
        )
    assert len(Draft.objects.get(participant=many).answers) > 20

    sealed_few, language = _raw_draft(few)
    sealed_many, _language = _raw_draft(many)
    assert language == "nn"
    # One length whatever was answered; no item id, value or page in clear.
    assert len(sealed_few) == len(sealed_many)
    for sealed in (sealed_few, sealed_many):
        assert f'"{items[0].pk}":'.encode() not in sealed and b"answers" not in sealed
    # Bound to its participant: copied onto another's draft it does not open.
    with pytest.raises(sealing.Unreadable):
        sealing.unseal(many.pk, sealed_few)
    assert sealing.unseal(few.pk, sealed_few)["answers"] == {str(items[0].pk): 5}


@pytest.mark.django_db
def test_a_draft_does_not_open_without_the_sealing_secret(settings):
    round_ = a_round()
    person = a_participant(round_)
    Draft.objects.create(participant=person, answers={"1": 2})
    sealed, _language = _raw_draft(person)
    settings.SEALING_SECRET = "another-sealing-secret-" + "x" * 30
    with pytest.raises(sealing.Unreadable):
        sealing.unseal(person.pk, sealed)
    # Kept as the previous secret during a change, it still opens what it sealed.
    settings.SEALING_SECRET_PREVIOUS = settings.SECRET_KEY + "-sealing"
    assert sealing.unseal(person.pk, sealed) == {"answers": {"1": 2}, "page": 1}


@pytest.mark.django_db
def test_submitting_leaves_no_time_on_the_participant_finer_than_the_day(client):
    round_ = a_round()
    person = a_participant(round_)
    before = Participant.objects.filter(pk=person.pk).values().get()
    client.post(path(person, "/side/1"), {"navigate": "next"})
    client.post(path(person, "/send-inn"))
    after = Participant.objects.filter(pk=person.pk).values().get()
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"answered_on"}
    assert after["answered_on"] == schedule.today()
    assert not [f for f in Draft._meta.concrete_fields if f.get_internal_type() == "DateTimeField"]


@pytest.mark.django_db
def test_nothing_is_stored_while_the_round_is_open():
    round_ = a_round()
    _submitted(round_, 6)
    with pytest.raises(storing.NotClosed):
        storing.store_round(round_)
    with pytest.raises(CommandError, match="svarene lagres dagen etter"):
        call_command("store_responses", "--round", str(round_.year), "--survey", "apprentice")
    assert not Response.objects.exists() and Draft.objects.count() == 6


@pytest.mark.django_db
def test_the_step_stores_every_answered_draft_once_and_deletes_every_draft_of_the_round():
    round_ = a_round()
    other = a_round("supervisor")
    items = _agreement_items(round_)
    _submitted(round_, 8)
    never_sent = a_participant(round_)
    Draft.objects.create(participant=never_sent, answers={str(items[0].pk): 3})
    _submitted(other, 2, start=50)
    _close(round_)

    call_command("store_responses", "--round", str(round_.year), "--survey", "apprentice")

    responses = Response.objects.filter(round=round_)
    assert sorted(_number_of(response, items) for response in responses) == list(range(8))
    response = responses.first()
    assert response.questionnaire == round_.questionnaire
    assert response.county.county_number == "46" and response.contract_type == "apprentice"
    assert response.trade_code == "ELELE3----" and response.programme == "EL"
    assert not Draft.objects.filter(participant__round=round_).exists()
    assert Draft.objects.filter(participant__round=other).count() == 2  # still open
    # The answered marks stay (response rates), and the round now has its results.
    assert Participant.objects.filter(round=round_, answered_on__isnull=False).count() == 8
    round_.refresh_from_db()
    assert round_.responses_stored_on == schedule.today()


@pytest.mark.django_db
def test_running_the_step_twice_stores_nothing_more(capsys):
    round_ = _close(_submitted_round(7))
    call_command("store_responses", "--round", str(round_.year))
    call_command("store_responses", "--round", str(round_.year))
    assert "already stored, nothing changed" in capsys.readouterr().out
    assert Response.objects.count() == 7


def _submitted_round(count):
    round_ = a_round()
    _submitted(round_, count)
    return round_


@pytest.mark.django_db
def test_a_double_submit_through_the_same_link_makes_one_response():
    round_ = a_round()
    _submitted(round_, 5)
    person = a_participant(round_)
    client = Client()
    client.post(path(person, "/side/1"), {"navigate": "next"})
    client.post(path(person, "/send-inn"))
    client.post(path(person, "/send-inn"))
    storing.store_round(_close(round_))
    assert Response.objects.count() == 6


@pytest.mark.django_db
def test_a_round_with_fewer_than_six_answers_stores_none_of_them():
    round_ = _close(_submitted_round(5))
    outcome = storing.store_round(round_)
    assert outcome.responses == 0 and not Response.objects.exists()
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_a_draft_sealed_under_a_lost_secret_stops_the_step_and_nothing_is_deleted(settings):
    round_ = _close(_submitted_round(6))
    settings.SEALING_SECRET = "a-new-sealing-secret-without-the-old-" + "y" * 20
    with pytest.raises(sealing.Unreadable):
        storing.store_round(round_)
    assert Draft.objects.count() == 6 and not Response.objects.exists()


@pytest.mark.django_db
def test_a_county_with_few_answers_is_counted_as_another_county_only():
    round_ = a_round()
    _submitted(round_, 6)  # county 46
    small = Organisation.objects.get(county_number="03")
    _submitted(round_, 3, start=10, county=small)
    storing.store_round(_close(round_))
    assert not Response.objects.filter(county=small).exists()
    assert Response.objects.filter(other_county=True, county__isnull=True).count() >= 3
    assert Response.objects.count() == 9


@pytest.mark.django_db(transaction=True)
def test_beat_stores_closed_rounds_on_a_real_worker(organisations, questionnaires, worker):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "surveys.responses.tasks.store_closed_rounds" in scheduled
    assert not {"surveys.responses.tasks.mix_waiting_responses"} & scheduled
    open_round = a_round("supervisor")
    _submitted(open_round, 6, start=100)
    closed = _close(_submitted_round(6))
    tasks.store_closed_rounds.delay()
    wait_for(lambda: Response.objects.filter(round=closed).count() == 6 or None, timeout=120)
    assert not Draft.objects.filter(participant__round=closed).exists()
    assert not Response.objects.filter(round=open_round).exists()
    assert Draft.objects.filter(participant__round=open_round).count() == 6


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_step_killed_half_way_loses_nothing_and_duplicates_nothing(
    organisations, questionnaires
):
    round_ = a_round()
    items = _agreement_items(round_)
    _submitted(round_, 20)
    _close(round_)
    url = _database_url()
    with psycopg.connect(url, autocommit=False) as blocker:
        # Hold the answer table, so the step stops after inserting its responses and before
        # inserting their answers: killed there, it is killed mid-transaction.
        blocker.execute("LOCK TABLE surveys_answer IN ACCESS EXCLUSIVE MODE")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "store_responses", "--round", str(round_.year)],
            cwd=ROOT,
            env=os.environ | {"DATABASE_URL": url, "REDIS_URL": settings.REDIS_URL},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with psycopg.connect(url, autocommit=True) as watcher:

            def half_way():
                return watcher.execute(
                    """SELECT w.pid FROM pg_locks w JOIN pg_locks r ON r.pid = w.pid
                       WHERE w.relation = 'surveys_answer'::regclass AND NOT w.granted
                       AND r.relation = 'surveys_response'::regclass
                       AND r.mode = 'RowExclusiveLock' AND r.granted"""
                ).fetchone()

            (pid,) = wait_for(half_way)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            blocker.rollback()
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
    Round.objects.filter(pk=round_.pk, responses_stored_on__isnull=True).get()

    storing.store_round(round_)
    numbers = sorted(_number_of(response, items) for response in Response.objects.all())
    assert numbers == list(range(20))
    assert not Draft.objects.exists()
