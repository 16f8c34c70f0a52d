"""The respondent's side of a personal link: what a token gives access to, saving answers
page by page, submitting, and opting out of messages. Views (surveys/respondents/views.py)
call these; nothing here knows about HTTP.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from surveys.models import Draft, Participant
from surveys.questionnaires.presentation import ThemePage
from surveys.rounds import schedule
from surveys.rounds.schedule import RoundState


class Access(enum.Enum):
    INVALID = "invalid"  # unknown, withdrawn, or the round's last day has passed
    NOT_OPEN = "not_open"  # a valid link before the round opens
    OPEN = "open"
    ANSWERED = "answered"  # open, and this person has submitted


@dataclass(frozen=True)
class Link:
    access: Access
    participant: Participant | None


class BadAnswer(ValueError):
    """A posted value that is not one of the item's options; nothing was saved."""


def resolve(token: str) -> Link:
    """What a token gives. Unknown, withdrawn and expired tokens are the same INVALID after
    the same work: one indexed lookup, then checks on the row in memory."""
    # One indexed lookup, with the round and the draft joined in (no second query).
    participant = Participant.objects.by_token(token).select_related("round", "draft").first()
    if participant is None or participant.withdrawn_at is not None:
        return Link(Access.INVALID, None)
    state = schedule.state_on(participant.round)
    if state in (RoundState.CLOSED, RoundState.PUBLISHED):
        return Link(Access.INVALID, None)
    if state == RoundState.PREPARING:
        return Link(Access.NOT_OPEN, participant)
    if participant.answered_on is not None:
        return Link(Access.ANSWERED, participant)
    return Link(Access.OPEN, participant)


def draft_of(participant: Participant) -> Draft | None:
    """The draft resolve() fetched with the participant, if there is one."""
    try:
        return participant.draft
    except Draft.DoesNotExist:
        return None


def answers_on_page(page: ThemePage, posted) -> dict[str, int]:
    """The answers a theme page's form carries, checked against each item's options.
    An item without a choice has no answer (every item is optional)."""
    answers = {}
    for item in page.items:
        raw = posted.get(item.field_name)
        if raw in (None, ""):
            continue
        allowed = {str(option.value): option.value for option in item.options}
        if raw not in allowed:
            raise BadAnswer(item.field_name)
        answers[str(item.id)] = allowed[raw]
    return answers


@transaction.atomic
def save_page(
    participant: Participant, page: ThemePage, answers: dict[str, int], resume_at: int
) -> bool:
    """Replaces the draft's answers to the items of `page` and remembers the page to come
    back to. False, and nothing saved, if the person has submitted meanwhile: a submitted
    survey never changes."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.answered_on is not None:
        return False
    draft, _created = Draft.objects.get_or_create(participant=locked)
    on_page = {str(item.id) for item in page.items}
    kept = {key: value for key, value in draft.answers.items() if key not in on_page}
    draft.answers = kept | answers
    draft.page = resume_at
    # Sealed again as a whole (surveys/responses/sealing.py): the old row version left
    # behind holds ciphertext of the same length, nothing else.
    draft.save(update_fields=["sealed"])
    return True


@transaction.atomic
def choose_language(participant: Participant, language: str) -> None:
    draft, _created = Draft.objects.get_or_create(participant=participant)
    if draft.language != language:
        draft.language = language
        draft.save(update_fields=["language"])


@transaction.atomic
def submit(participant: Participant) -> bool:
    """Marks the draft submitted and the participant answered (today's date, no time).
    The participant's row is locked first, so of two submits at once the second waits and
    then finds the mark: one response, whatever is clicked twice. True if this call did it."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.answered_on is not None:
        return False
    draft, _created = Draft.objects.get_or_create(participant=locked)
    draft.submitted = True
    draft.save(update_fields=["submitted"])
    # update() rather than save(): only the mark changes, not updated_at's precise time.
    Participant.objects.filter(pk=locked.pk).update(answered_on=schedule.today())
    return True


@transaction.atomic
def withdraw(participant: Participant) -> bool:
    """The person's own answers deleted, before the round closes: the sealed draft and the
    answered mark go, and the person can answer again (or not). True if there was anything."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    deleted, _counts = Draft.objects.filter(participant=locked).delete()
    # update() rather than save(): no updated_at saying when.
    marked = Participant.objects.filter(pk=locked.pk, answered_on__isnull=False).update(
        answered_on=None
    )
    return bool(deleted or marked)


def opt_out(participant: Participant) -> None:
    """No more messages to this person; the link still works for answering."""
    Participant.objects.filter(pk=participant.pk, opted_out_at__isnull=True).update(
        opted_out_at=timezone.now()
    )
