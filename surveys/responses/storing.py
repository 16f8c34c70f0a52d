"""Storing a round's responses, once, after its last day to answer (docs/anonymity.md).

While the round is open, answers exist only as sealed drafts beside their participants
(surveys/responses/sealing.py). The day after the last day to answer, beat (or
`manage.py store_responses`) runs store_round(): in one transaction it unseals every
answered draft of the round, generalises the dimensions until no combination is rarer
than 6 (surveys/responses/generalising.py), inserts the responses and their answers in
random order, deletes every draft of the round and marks the round stored. Then the draft
table's storage is rewritten (surveys/storage.py), so not even its dead rows remain.

So every response of a round has the same transaction id, made after every answered mark
of the round; its physical position and its id (UUID4) are random; and nothing was stored
while answers came in, so neither time nor order pairs a response with an answered date.

Run twice, the second run finds the round marked stored and only deletes drafts (there
are none left) and rewrites the storage again. A run killed half way rolls back whole.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from surveys import storage
from surveys.models import Answer, Draft, Item, Response, Round
from surveys.responses import generalising, programmes, sealing
from surveys.rounds import schedule

log = logging.getLogger(__name__)
_random = secrets.SystemRandom()


class NotClosed(Exception):
    """The round's last day to answer has not passed: nothing may be stored yet."""


@dataclass
class Stored:
    round: Round
    responses: int = 0
    drafts_deleted: int = 0
    already: bool = False
    # Records changed by each generalisation step (generalising.STEPS).
    generalised: dict[str, int] = field(default_factory=dict)


def store_round(round_: Round, day: datetime.date | None = None) -> Stored:
    day = day or schedule.today()
    if day <= round_.last_answer_day:
        raise NotClosed(
            _("%(round)s er åpen til og med %(day)s; svarene lagres dagen etter.")
            % {"round": round_, "day": round_.last_answer_day.isoformat()}
        )
    with transaction.atomic():
        storage.secure_delete_on()
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        outcome = Stored(locked, already=locked.responses_stored_on is not None)
        # Locking the drafts with their participants waits for a submit still in flight.
        drafts = list(
            Draft.objects.select_for_update()
            .filter(participant__round=locked)
            .select_related("participant")
        )
        if not outcome.already:
            _store(locked, drafts, outcome)
            Round.objects.filter(pk=locked.pk).update(responses_stored_on=day)
        outcome.drafts_deleted, _counts = Draft.objects.filter(participant__round=locked).delete()
        storage.rewrite_after_commit(Draft._meta.db_table)
    log.info(
        "%s: %s responses stored%s, %s drafts deleted",
        locked,
        outcome.responses,
        " (already stored before)" if outcome.already else "",
        outcome.drafts_deleted,
    )
    return outcome


def _store(round_: Round, drafts: list[Draft], outcome: Stored) -> None:
    answered = []
    for draft in drafts:
        if not (draft.submitted and draft.participant.answered_on is not None):
            continue
        try:
            answered.append((draft.participant, draft.answers))
        except sealing.Unreadable as error:
            # The sealing secret changed during the round without SEALING_SECRET_PREVIOUS
            # (README.md, "Going live"): stop, store nothing, delete nothing, so the
            # answers are still there once the old secret is configured again.
            raise sealing.Unreadable(
                f"a draft of {round_} does not open with the configured sealing secrets: "
                "nothing was stored or deleted"
            ) from error
    _write(round_, answered, outcome)


def store_generated(round_: Round, answered: list[tuple], day: datetime.date) -> Stored:
    """DEMO AND BENCHMARK ONLY: stores generated (person, answers) pairs of a round that had
    no drafts - earlier years of the demo, ten years of the benchmark - through the same
    generalising and random-order writing as store_round(), and marks the round stored.
    A person is anything with county_id, office_id, company_id, trade_code and
    contract_type."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        outcome = Stored(locked, already=locked.responses_stored_on is not None)
        if not outcome.already:
            _write(locked, answered, outcome)
            Round.objects.filter(pk=locked.pk).update(responses_stored_on=day)
    return outcome


def _write(round_: Round, answered: list[tuple], outcome: Stored) -> None:
    if len(answered) < generalising.MINIMUM:
        # Fewer than 6 in a round could not be hidden among 6: none is stored.
        return
    records = [
        generalising.Dimensions(
            county=person.county_id,
            office=person.office_id,
            company=person.company_id,
            trade_code=person.trade_code,
            programme=programmes.programme_of(person.trade_code),
            contract_type=person.contract_type,
        )
        for person, _answers in answered
    ]
    outcome.generalised = generalising.generalise(records, _random)
    valid_items = set(
        Item.objects.filter(theme__version=round_.questionnaire_id).values_list("pk", flat=True)
    )
    pairs = list(zip(records, (answers for _person, answers in answered), strict=True))
    _random.shuffle(pairs)
    responses, answers = [], []
    for record, given in pairs:
        response = Response(
            round_id=round_.pk,
            questionnaire_id=round_.questionnaire_id,
            county_id=record.county,
            office_id=record.office,
            company_id=record.company,
            other_county=record.other_county,
            other_office=record.other_office,
            other_company=record.other_company,
            trade_code=record.trade_code,
            programme=record.programme,
            contract_type=record.contract_type,
        )
        responses.append(response)
        answers += [
            Answer(response=response, item_id=int(key), value=value)
            for key, value in given.items()
            if int(key) in valid_items
        ]
    # Answers in another random order than their responses: their physical order tells
    # nothing either.
    _random.shuffle(answers)
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    outcome.responses = len(responses)


def rounds_to_store(day: datetime.date | None = None):
    """Rounds whose last day to answer has passed and whose responses are not stored."""
    day = day or schedule.today()
    return Round.objects.filter(last_answer_day__lt=day, responses_stored_on__isnull=True)


def store_closed_rounds(day: datetime.date | None = None) -> int:
    """Beat's daily run: every round due. Returns the responses stored."""
    day = day or schedule.today()
    return sum(store_round(round_, day).responses for round_ in rounds_to_store(day))
