"""A lost link (glemt lenke): an apprentice who lost the message enters the mobile number or
e-mail address they were contacted on, and if it is a participant's of an open round who
has not answered (opted out or not), the same personal link goes again to that same
address, through the same pipeline as every dispatch, at most once a day per participant.

What the visitor can learn is nothing: the page says the same whether or not anything
matched, and the request does the same work either way, since the lookup and the sending
run in a task (`resend()`, queued by `ask()`). Requests are limited per contact address
(LOST_LINK_PER_ADDRESS a window, so no one can flood an apprentice's phone) and per network
address (LOST_LINK_PER_NETWORK, high enough for a gathering of 100 behind one address). The
messages count against no organisation's SMS quota: they belong to a dispatch of Udir's
(purpose "lost_link", one per round, day and channel), which response rates count apart.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from accounts import throttle
from accounts.counties import DIRECTORATE
from accounts.models import Organisation
from distribution.models import Channel, Dispatch, Gathering, Message, Purpose
from distribution.sending import pipeline
from surveys.models import Draft, Participant, Round
from surveys.rounds import schedule
from surveys.sample import contact_checks

log = logging.getLogger(__name__)
# uuid5 namespace of the lost-link dispatches' request keys: one dispatch per (round, day,
# channel), found again by its key however many workers make it at once.
_NAMESPACE = uuid.UUID("5b0f8f61-8f3c-4c8e-9c57-3f5d6c3b1e2a")


@dataclass(frozen=True)
class Address:
    channel: str
    value: str


def parse(text: str) -> Address | None:
    """The contact address a visitor typed, as the sample keeps it: an e-mail address
    (compared without regard to case) or a mobile number in E.164; None if it is neither."""
    text = (text or "").strip()
    if "@" in text:
        found = contact_checks.email(text)
        return Address(Channel.EMAIL, found.lower()) if found else None
    found = contact_checks.mobile(text)
    return Address(Channel.SMS, found) if found else None


class Asked(enum.Enum):
    QUEUED = "queued"  # the task runs, whatever it finds
    ADDRESS_LIMIT = "address limit"  # too many requests for this contact address
    NETWORK_LIMIT = "network limit"  # too many from this network address


def _key(prefix: str, value: str) -> tuple[str, str]:
    # The contact address only as a hash in the cache's keys: the cache is not the place for
    # personal data.
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"lostlink:{prefix}:n:{digest}", f"lostlink:{prefix}:b:{digest}"


def ask(address: Address, network_address: str, gathering_id: int | None = None) -> Asked:
    """Counts the request against both limits and, within them, queues the task. The same
    steps whether or not the address belongs to anyone."""
    window = settings.LOST_LINK_WINDOW_SECONDS
    by_network = throttle.hit(
        *_key("net", network_address),
        limit=settings.LOST_LINK_PER_NETWORK,
        window=window,
        block=window,
    )
    if by_network != throttle.Hit.COUNTED:
        return Asked.NETWORK_LIMIT
    by_address = throttle.hit(
        *_key("addr", f"{address.channel}:{address.value}"),
        limit=settings.LOST_LINK_PER_ADDRESS,
        window=window,
        block=window,
    )
    if by_address != throttle.Hit.COUNTED:
        return Asked.ADDRESS_LIMIT
    from distribution.sending.tasks import resend_link

    try:
        resend_link.apply_async((address.channel, address.value, gathering_id), retry=False)
    except Exception:  # noqa: BLE001 - the visitor is told to try again later either way
        log.warning("Broker unreachable: a lost-link request was not queued")
    return Asked.QUEUED


def _candidates(address: Address, gathering_id: int | None):
    """The participants the address belongs to in open rounds who have not answered and are
    still in the sample, opted out or not; at a gathering only the gathering's
    organisation's. A refused address is not written to again."""
    today = schedule.today()
    rounds = Round.objects.filter(sending_starts_on__lte=today, last_answer_day__gte=today)
    found = Participant.objects.active().filter(round__in=rounds, answered_on__isnull=True)
    if address.channel == Channel.EMAIL:
        found = found.filter(email__iexact=address.value).exclude(
            email_refused__iexact=address.value
        )
    else:
        found = found.filter(mobile=address.value).exclude(mobile_refused=address.value)
    if gathering_id is not None:
        gathering = Gathering.objects.filter(pk=gathering_id).select_related("organisation")
        gathering = gathering.first()
        if gathering is None:
            return Participant.objects.none()
        found = found.filter(round=gathering.round) & Participant.objects.for_organisation(
            gathering.organisation
        )
    return found


def _language_of(participant: Participant) -> str:
    """The language the person chose while answering, if they began; else the written
    standard of the county that owns the contract, as its own dispatches use."""
    chosen = Draft.objects.filter(participant=participant).values_list("language", flat=True)
    return next((language for language in chosen if language), None) or (
        participant.county.language
    )


def _dispatch(round_: Round, channel: str, day: datetime.date, language: str) -> Dispatch:
    """The day's lost-link dispatch of the round on the channel in a language: Udir's, so no
    county's or office's SMS quota is touched."""
    key = uuid.uuid5(_NAMESPACE, f"{round_.pk}:{day.isoformat()}:{channel}:{language}")
    found = Dispatch.objects.filter(request_key=key).first()
    if found is not None:
        return found
    udir = Organisation.objects.get(orgnr=DIRECTORATE[0])
    try:
        with transaction.atomic():
            return Dispatch.objects.create(
                organisation=udir,
                round=round_,
                purpose=Purpose.LOST_LINK,
                email=channel == Channel.EMAIL,
                sms=channel == Channel.SMS,
                language=language,
                request_key=key,
                command="lost link",
            )
    except IntegrityError:  # another worker made it a moment ago
        return Dispatch.objects.get(request_key=key)


def resend(channel: str, value: str, gathering_id: int | None = None) -> int:
    """The task's work: for each participant the address belongs to, one message with the
    same personal link to that same address, at most once a day per participant. Returns
    how many were queued (for tests and logs; the visitor never sees it)."""
    address = Address(channel, value)
    today = schedule.today()
    queued = []
    for participant in _candidates(address, gathering_id).select_related("round", "county"):
        # Once a day: the conditional update lets one request a day through, however many
        # come at once.
        won = (
            Participant.objects.filter(pk=participant.pk)
            .filter(Q(link_resent_on__isnull=True) | Q(link_resent_on__lt=today))
            .update(link_resent_on=today)
        )
        if not won:
            continue
        dispatch = _dispatch(participant.round, channel, today, _language_of(participant))
        message, created = Message.objects.get_or_create(
            dispatch=dispatch,
            participant=participant,
            channel=channel,
            defaults={"purpose": Purpose.LOST_LINK},
        )
        if created:
            counter = "email_count" if channel == Channel.EMAIL else "sms_count"
            Dispatch.objects.filter(pk=dispatch.pk).update(**{counter: F(counter) + 1})
            queued.append(message.pk)
    pipeline.enqueue(queued)
    return len(queued)
