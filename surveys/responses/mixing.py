"""Mixing submitted drafts into the response table, so nothing leads back to a person.

A submitted draft still belongs to its participant. mix_waiting() moves drafts only when
at least MIXING_THRESHOLD wait, a random MIXING_BATCH of them at a time, in shuffled
order, inserting the responses and their answers and deleting the drafts in one
transaction. So a batch of responses shares one PostgreSQL transaction id (xmin), their
ids are random UUIDs, their physical order is shuffled, and the batch is a random pick of
those waiting: neither ids, order, times nor xmin match a response with the participant's
answered mark (set at submit, in an earlier transaction). mix_closed_rounds() moves all that
remain once a round has closed and deletes drafts never submitted.

A killed or failed run changes nothing: the transaction rolls back and the drafts wait
for the next run. Concurrent runs skip each other's rows (SKIP LOCKED).
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import transaction

from surveys.models import Answer, Draft, Item, Response, Round
from surveys.rounds import schedule

_random = secrets.SystemRandom()


def mix_waiting(threshold: int | None = None, batch: int | None = None) -> int:
    """Moves random batches while at least `threshold` submitted drafts wait. Returns how
    many responses were made."""
    threshold = settings.MIXING_THRESHOLD if threshold is None else threshold
    batch = settings.MIXING_BATCH if batch is None else batch
    moved = 0
    while True:
        with transaction.atomic():
            waiting = list(
                Draft.objects.select_for_update(skip_locked=True)
                .filter(submitted=True)
                .values_list("pk", flat=True)
            )
            if not waiting or len(waiting) < threshold:
                return moved
            moved += _move(_random.sample(waiting, min(batch, len(waiting))))


def mix_closed_rounds(day: datetime.date | None = None) -> int:
    """For every round whose last day to answer has passed: moves all submitted drafts and
    deletes those never submitted, in one transaction per round. Returns responses made."""
    day = day or schedule.today()
    moved = 0
    closed = Round.objects.filter(last_answer_day__lt=day, participants__draft__isnull=False)
    for round_id in closed.values_list("pk", flat=True).distinct():
        with transaction.atomic():
            drafts = Draft.objects.select_for_update().filter(participant__round_id=round_id)
            submitted = [pk for pk, done in drafts.values_list("pk", "submitted") if done]
            moved += _move(submitted)
            Draft.objects.filter(participant__round_id=round_id, submitted=False).delete()
    return moved


def _move(draft_ids: list[int]) -> int:
    """Inside the caller's transaction: responses and answers for these drafts, inserted in
    a random order, and the drafts deleted."""
    if not draft_ids:
        return 0
    drafts = list(
        Draft.objects.filter(pk__in=draft_ids, submitted=True).select_related("participant__round")
    )
    _random.shuffle(drafts)
    versions = {draft.participant.round.questionnaire_id for draft in drafts}
    valid_items = {
        (version, item_id)
        for version, item_id in Item.objects.filter(theme__version__in=versions).values_list(
            "theme__version", "pk"
        )
    }
    responses, answers = [], []
    for draft in drafts:
        person = draft.participant
        response = Response(
            round_id=person.round_id,
            questionnaire_id=person.round.questionnaire_id,
            county_id=person.county_id,
            office_id=person.office_id,
            company_id=person.company_id,
            trade_code=person.trade_code,
            contract_type=person.contract_type,
        )
        responses.append(response)
        for key, value in draft.answers.items():
            if (response.questionnaire_id, int(key)) in valid_items:
                answers.append(Answer(response=response, item_id=int(key), value=value))
    # Answers in another random order than their responses: their physical order tells
    # nothing either.
    _random.shuffle(answers)
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    Draft.objects.filter(pk__in=[draft.pk for draft in drafts]).delete()
    return len(responses)
