"""County and training office in step (the seeds: "god dialog med opplæringskontorene").
A county sees, per training office with apprentices in the county, how many of them the
office has invited and reminded and how many answered; an office sees the same of what each
county sent to its apprentices. Counts only, answered hidden as in every response-rate table
(surveys/disclosure.py). The county records, per office, who sends this round (the
SendingAgreement, which rules.audience() reads).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import Organisation, User
from distribution.models import Message, Purpose, Sender, SendingAgreement, Status
from distribution.rules import Refused
from surveys import disclosure
from surveys.models import Participant, Round


@dataclass(frozen=True)
class Row:
    key: int
    name: str
    in_sample: int
    invited: int  # by the other side: the office (county's view) or the county (office's)
    reminded: int
    answered: int | None  # None when hidden
    sender: str = ""  # the agreement, on the county's view

    @property
    def hidden(self) -> bool:
        return self.answered is None

    @property
    def sender_label(self) -> str:
        return str(Sender(self.sender).label) if self.sender else ""

    @property
    def rate(self) -> float | None:
        if self.answered is None or not self.in_sample:
            return None
        return 100 * self.answered / self.in_sample


def _sent(participants, sender_field: str, group_field: str, purpose: str) -> dict[int, int]:
    """How many of `participants` got a message of `purpose` (not stopped before it went)
    from a dispatch of the organisation in `sender_field`, by `group_field`."""
    rows = (
        Message.objects.filter(participant__in=participants.values("pk"), purpose=purpose)
        .filter(dispatch__organisation_id=F(f"participant__{sender_field}"))
        .exclude(status=Status.NOT_SENT)
        .order_by()
        .values_list(f"participant__{group_field}")
        .annotate(n=Count("participant", distinct=True))
    )
    return dict(rows)


def _rows(participants, group_field: str, sender_field: str, agreements=None) -> list[Row]:
    counts = (
        participants.order_by()
        .values(group_field, f"{group_field}__name")
        .annotate(n=Count("id"), answered=Count("id", filter=Q(answered_on__isnull=False)))
    )
    invited = _sent(participants, sender_field, group_field, Purpose.INVITATION)
    reminded = _sent(participants, sender_field, group_field, Purpose.REMINDER)
    hidden = disclosure.hidden_groups({row[group_field]: row["n"] for row in counts})
    rows = [
        Row(
            key=row[group_field],
            name=row[f"{group_field}__name"],
            in_sample=row["n"],
            invited=invited.get(row[group_field], 0),
            reminded=reminded.get(row[group_field], 0),
            answered=None if row[group_field] in hidden.groups else row["answered"],
            sender=(agreements or {}).get(row[group_field], ""),
        )
        for row in counts
    ]
    return sorted(rows, key=lambda row: (row.name.casefold(), row.key))


def offices_of_county(county: Organisation, round_: Round) -> list[Row]:
    """The county's view: per training office with apprentices in the county."""
    participants = (
        Participant.objects.for_organisation(county)
        .active()
        .filter(round=round_, office__isnull=False)
    )
    agreements = dict(
        SendingAgreement.objects.filter(round=round_, county=county).values_list(
            "office_id", "sender"
        )
    )
    return _rows(participants, "office", "office_id", agreements)


def counties_of_office(office: Organisation, round_: Round) -> list[Row]:
    """The office's view: per county its apprentices are in, what that county sent them,
    and what the county recorded about who sends."""
    participants = Participant.objects.for_organisation(office).active().filter(round=round_)
    agreements = dict(
        SendingAgreement.objects.filter(round=round_, office=office).values_list(
            "county_id", "sender"
        )
    )
    return _rows(participants, "county", "county_id", agreements)


def record_agreement(
    county: Organisation, office_id: int, round_: Round, sender: str, actor: User | None
) -> None:
    """Records who sends to the office's apprentices in the county this round; an empty
    `sender` removes the record (the office sends). Only for an office with apprentices in
    the county; recording what is already recorded changes nothing."""
    if county.kind != Organisation.Kind.COUNTY:
        raise Refused(_("Bare en fylkeskommune registrerer hvem som sender."))
    if sender and sender not in Sender.values:
        raise Refused(_("Velg fylkeskommunen, opplæringskontoret eller begge."))
    has_apprentices = (
        Participant.objects.for_organisation(county)
        .filter(round=round_, office_id=office_id)
        .exists()
    )
    if not has_apprentices:
        raise Refused(_("Opplæringskontoret har ingen lærlinger i fylket i denne gjennomføringen."))
    try:
        changed = _store(county, office_id, round_, sender, actor)
    except IntegrityError:  # two administrators recorded the first agreement at once
        changed = _store(county, office_id, round_, sender, actor)
    if not changed:
        return
    audit.record(
        "distribution.agreement.recorded",
        actor=actor,
        organisation=county,
        target=f"accounts.Organisation:{office_id}",
        round=str(round_),
        sender=sender or "office (default)",
    )


def _store(county, office_id: int, round_, sender: str, actor) -> bool:
    """Writes the agreement under a row lock; False when it was already so."""
    with transaction.atomic():
        current = (
            SendingAgreement.objects.select_for_update()
            .filter(round=round_, county=county, office_id=office_id)
            .first()
        )
        if (current.sender if current else "") == sender:
            return False
        if not sender:
            current.delete()
        elif current is None:
            SendingAgreement.objects.create(
                round=round_, county=county, office_id=office_id, sender=sender, set_by=actor
            )
        else:
            current.sender, current.set_by = sender, actor
            current.save(update_fields=["sender", "set_by", "set_at"])
    return True
