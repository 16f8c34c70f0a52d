"""The rules of sending, each in one named function (DESIGN.md "Distribution"; the seeds'
pages on dispatches, reminders and SMS quotas). The composing page, the confirmation, the
`dispatch` command and the pipeline all ask these; nothing else decides who is reached.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from distribution.models import Channel, Dispatch, Purpose, Sender, SendingAgreement, SmsQuota
from distribution.models.quotas import default_limit
from surveys.models import Participant, Round
from surveys.rounds import schedule

OSLO = ZoneInfo("Europe/Oslo")
MAX_REMINDERS = 3
# The seeds advise about a week between reminders: those contacted more recently are
# still reached, with a warning.
ADVISED_DAYS_BETWEEN = 7


class Refused(Exception):
    """A dispatch that may not be made, with the reason in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Why a participant (or one channel of a participant) is left out of a dispatch.
LEFT_OUT = {
    "withdrawn": _("ikke lenger i utvalget"),
    "answered": _("har allerede svart"),
    "opted_out": _("har reservert seg mot meldinger"),
    "not_invited": _("ikke invitert ennå"),
    "reminder_limit": _("har fått tre påminnelser"),
    "already_invited_email": _("allerede invitert på e-post"),
    "already_invited_sms": _("allerede invitert på SMS"),
    "no_email": _("mangler gyldig e-postadresse"),
    "no_mobile": _("mangler gyldig mobilnummer"),
    "email_refused": _("e-postadressen ble avvist av mottakerens e-posttjeneste"),
    "mobile_refused": _("mobilnummeret finnes ikke, ifølge SMS-tjenesten"),
    "round_closed": _("gjennomføringen er avsluttet"),
    "agreement_office_sends": _(
        "i et opplæringskontor som etter avtalen sender selv (avtalen med kontoret)"
    ),
    "office_sends": _(
        "i et opplæringskontor uten registrert avtale: kontoret sender (ta med opplæringskontor "
        "for å nå dem)"
    ),
}
WARNINGS = {
    "contacted_recently": _("fikk en melding for mindre enn 7 dager siden (de får denne også)"),
}


def may_send(organisation: Organisation) -> None:
    """Counties and training offices send; no one else does."""
    if organisation.kind not in (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE):
        raise Refused(_("Bare fylkeskommuner og opplæringskontor sender ut undersøkelsen."))


def sending_is_open(round_: Round, day: datetime.date | None = None) -> None:
    """Sending is possible only while the round is open (from its sending start to its
    last day to answer)."""
    if schedule.state_on(round_, day) != schedule.RoundState.OPEN:
        raise Refused(
            _(
                "%(round)s er ikke åpen for utsending. Det kan sendes fra %(start)s til og med "
                "%(last)s."
            )
            % {
                "round": round_,
                "start": round_.sending_starts_on.strftime("%d.%m.%Y"),
                "last": round_.last_answer_day.strftime("%d.%m.%Y"),
            }
        )


def information_is_allowed(round_: Round, day: datetime.date | None = None) -> None:
    """Information before opening may be sent from the round's sample import until the round
    opens; from then on the invitation says it all."""
    if schedule.state_on(round_, day) != schedule.RoundState.PREPARING:
        raise Refused(
            _(
                "Informasjon før åpning kan bare sendes før %(round)s åpner (%(start)s). "
                "Send en invitasjon i stedet."
            )
            % {"round": round_, "start": round_.sending_starts_on.strftime("%d.%m.%Y")}
        )
    if not round_.sample_imports.exists():
        raise Refused(
            _("Utvalget til %(round)s er ikke importert ennå, så det er ingen å informere.")
            % {"round": round_}
        )


def window_allows(round_: Round, purpose: str, day: datetime.date | None = None) -> None:
    """Whether a dispatch of this purpose may be made (or started) on the day."""
    if purpose == Purpose.INFORMATION:
        information_is_allowed(round_, day)
    else:
        sending_is_open(round_, day)


def audience(
    organisation: Organisation,
    round_: Round,
    *,
    include_offices: bool = False,
    trade_code: str = "",
    company: Organisation | None = None,
) -> QuerySet:
    """Whom the organisation sends to in the round: a county its apprentices at independent
    training companies (no training office), and also those at training offices if it
    chooses; an office its own apprentices, in any county. Optionally narrowed to a trade
    or a company."""
    participants = Participant.objects.filter(round=round_)
    if organisation.kind == Organisation.Kind.COUNTY:
        participants = participants.filter(county=organisation).exclude(
            _left_to_offices(organisation, round_, include_offices)
        )
    elif organisation.kind == Organisation.Kind.TRAINING_OFFICE:
        participants = participants.filter(office=organisation)
    else:
        return Participant.objects.none()
    if trade_code:
        participants = participants.filter(trade_code=trade_code)
    if company is not None:
        participants = participants.filter(company=company)
    return participants


def supervisor_audience(
    organisation: Organisation,
    round_: Round,
    *,
    trade_code: str = "",
    company: Organisation | None = None,
) -> QuerySet:
    """Whom the organisation sends the supervisor survey to: a county the supervisors of the
    companies its sample assigns to it, an office those of its member companies (in any
    county). Each company's one supervisor is a participant of the supervisor round."""
    participants = Participant.objects.filter(round=round_)
    if organisation.kind == Organisation.Kind.COUNTY:
        participants = participants.filter(county=organisation)
    elif organisation.kind == Organisation.Kind.TRAINING_OFFICE:
        members = Organisation.objects.filter(training_office=organisation).values("pk")
        participants = participants.filter(company__in=members)
    else:
        return Participant.objects.none()
    if trade_code:
        participants = participants.filter(trade_code=trade_code)
    if company is not None:
        participants = participants.filter(company=company)
    return participants


def _agreed(county: Organisation, round_: Round, *senders: str) -> QuerySet:
    return SendingAgreement.objects.filter(round=round_, county=county, sender__in=senders).values(
        "office_id"
    )


def _left_to_offices(county: Organisation, round_: Round, include_offices: bool) -> Q:
    """The county's apprentices at training offices that its dispatch leaves to the office:
    those at an office the county agreed sends alone, always; those at an office with no
    agreement recorded (the office sends), unless the county includes offices. Those at an
    office where the county sends, or both do, are the county's too."""
    agreed_office = Q(office__in=_agreed(county, round_, Sender.OFFICE))
    if include_offices:
        return agreed_office
    county_sends = _agreed(county, round_, Sender.COUNTY, Sender.BOTH)
    return agreed_office | (Q(office__isnull=False) & ~Q(office__in=county_sends))


def left_to_offices(
    organisation: Organisation,
    round_: Round,
    *,
    include_offices: bool = False,
    trade_code: str = "",
    company: Organisation | None = None,
) -> Counter:
    """How many of the county's sample its dispatch leaves to training offices, by reason
    (LEFT_OUT's keys): what the agreements left out, for the dispatch's counts. Nothing for
    an office."""
    if organisation.kind != Organisation.Kind.COUNTY:
        return Counter()
    left = Participant.objects.filter(round=round_, county=organisation).active()
    left = left.filter(_left_to_offices(organisation, round_, include_offices))
    if trade_code:
        left = left.filter(trade_code=trade_code)
    if company is not None:
        left = left.filter(company=company)
    agreed = _agreed(organisation, round_, Sender.OFFICE)
    counts = left.aggregate(
        agreed=Count("id", filter=Q(office__in=agreed)),
        unrecorded=Count("id", filter=~Q(office__in=agreed)),
    )
    found = Counter()
    if counts["agreed"]:
        found["agreement_office_sends"] = counts["agreed"]
    if counts["unrecorded"]:
        found["office_sends"] = counts["unrecorded"]
    return found


@dataclass(frozen=True)
class Person:
    """What the rules need to know of a participant, read in one query."""

    id: int
    email: str
    mobile: str
    withdrawn: bool
    answered: bool
    opted_out: bool
    invited: bool
    reminders: int
    email_refused: bool = False
    mobile_refused: bool = False


def person_rule(person: Person, purpose: str) -> str | None:
    """Why the person gets nothing of this dispatch, on any channel, or None. A reminder
    goes only to someone invited (queued invitations count) who has not answered, has not
    opted out and is not withdrawn, and to no one who has had three reminders."""
    if person.withdrawn:
        return "withdrawn"
    if person.answered:
        return "answered"
    if person.opted_out:
        return "opted_out"
    if purpose == Purpose.REMINDER:
        if not person.invited:
            return "not_invited"
        if person.reminders >= MAX_REMINDERS:
            return "reminder_limit"
    return None


def channel_rule(person: Person, channel: str, purpose: str, invited_on: set) -> str | None:
    """Why the person gets nothing on this channel, or None: an invitation goes once per
    participant and channel, and only to a valid address."""
    if purpose == Purpose.INVITATION and (person.id, channel) in invited_on:
        return f"already_invited_{channel}"
    if channel == Channel.EMAIL and not person.email:
        return "no_email"
    if channel == Channel.EMAIL and person.email_refused:
        return "email_refused"
    if channel == Channel.SMS and not person.mobile:
        return "no_mobile"
    if channel == Channel.SMS and person.mobile_refused:
        return "mobile_refused"
    return None


def still_wanted(
    person: Person, round_: Round, day: datetime.date | None = None, purpose: str = ""
) -> str | None:
    """Asked when a message is about to go: a participant who has since answered, opted out
    or been withdrawn, or a round that has closed, stops it (the reason is kept). Information
    before opening may still go out while the round is preparing. Opting out does not stop a
    link the participant asked for again themselves (lost_link.py)."""
    state = schedule.state_on(round_, day)
    before_opening = purpose == Purpose.INFORMATION and state == schedule.RoundState.PREPARING
    if state != schedule.RoundState.OPEN and not before_opening:
        return "round_closed"
    if person.withdrawn:
        return "withdrawn"
    if person.answered:
        return "answered"
    if person.opted_out and purpose != Purpose.LOST_LINK:
        return "opted_out"
    return None


def sms_held_until(now: datetime.datetime) -> datetime.datetime | None:
    """SMS are not sent at night, Norwegian time (SMS_NIGHT_STARTS to SMS_NIGHT_ENDS, 21 to
    8 by default): when the night ends if `now` is in it, else None. Equal hours: no night."""
    from django.conf import settings

    starts, ends = settings.SMS_NIGHT_STARTS, settings.SMS_NIGHT_ENDS
    if starts == ends:
        return None
    local = now.astimezone(OSLO)
    hour = local.hour
    night = (hour >= starts or hour < ends) if starts > ends else (starts <= hour < ends)
    if not night:
        return None
    morning = datetime.datetime.combine(local.date(), datetime.time(ends), tzinfo=OSLO)
    if morning <= local:
        morning = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), datetime.time(ends), tzinfo=OSLO
        )
    return morning


def sms_quota(organisation: Organisation, round_: Round) -> int:
    """How many SMS dispatches the organisation may make in the round (its quota row, or
    the seeds' default)."""
    row = SmsQuota.objects.filter(organisation=organisation, round=round_).first()
    return row.limit if row is not None else default_limit(organisation)


def sms_dispatches_left(organisation: Organisation, round_: Round) -> int:
    """The quota less the SMS dispatches already made or planned; each counts as one, and a
    cancelled one gives its place back."""
    used = (
        Dispatch.objects.filter(organisation=organisation, round=round_)
        .counting_against_quota()
        .count()
    )
    return max(sms_quota(organisation, round_) - used, 0)
