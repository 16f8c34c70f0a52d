"""Composing and confirming a dispatch: the one function behind the portal's form, the
`dispatch` command and the demo.

`plan()` says whom a dispatch would reach on each channel and why the others are left out,
changing nothing; the page shows it as the form changes. `confirm()` applies the same rules
again inside one transaction, under locks that make the reminder limit and the SMS quota
hold when two administrators confirm at once, writes the dispatch and one message per
(participant, channel), and hands the sending to the pipeline once the transaction commits.

A dispatch planned for later is confirmed the same way but written without messages, its
SMS quota taken at once: beat's `start_due()` runs the rules again when its time comes and
writes its messages then (whoever answered or opted out meanwhile is left out). Until then
`reschedule()` moves it and `cancel()` drops it and gives its quota back.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import Organisation, User
from distribution import rules
from distribution.models import Channel, Dispatch, Message, Purpose, SmsQuota, State, Status
from distribution.models.dispatches import GREETING_MAX_LENGTH
from distribution.models.quotas import default_limit
from distribution.rules import Person, Refused
from distribution.sending import pipeline
from surveys.models import Participant, Round, Survey
from surveys.rounds import schedule


@dataclass(frozen=True)
class Request:
    """What the sender asks for."""

    organisation: Organisation
    round: Round
    purpose: str
    channels: tuple[str, ...]
    include_offices: bool = False
    trade_code: str = ""
    company: Organisation | None = None
    language: str = ""
    greeting: str = ""
    # When to start it; None: now.
    scheduled_for: datetime.datetime | None = None

    def __post_init__(self):
        if self.purpose not in Purpose.values:
            raise Refused(
                _("Velg om utsendingen er en invitasjon, en påminnelse eller informasjon.")
            )
        if not self.channels or not set(self.channels) <= set(Channel.values):
            raise Refused(_("Velg e-post, SMS eller begge."))

    @property
    def sms(self) -> bool:
        return Channel.SMS in self.channels


@dataclass
class Plan:
    reached: dict[str, list[int]] = field(default_factory=dict)  # channel -> participant ids
    left_out: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    sms_dispatches_left: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {channel: len(ids) for channel, ids in self.reached.items()}

    # For templates, which would look a Counter's method up as a key (and get 0).
    @property
    def left_out_list(self) -> list[tuple[str, int]]:
        return self.left_out.most_common()

    @property
    def warning_list(self) -> list[tuple[str, int]]:
        return self.warnings.most_common()

    @property
    def people(self) -> set[int]:
        return {pk for ids in self.reached.values() for pk in ids}

    def as_json(self) -> dict:
        return {
            "reached": {channel: len(self.reached.get(channel, [])) for channel in Channel.values},
            "left_out": dict(self.left_out.most_common()),
            "warnings": dict(self.warnings.most_common()),
            "sms_dispatches_left": self.sms_dispatches_left,
        }


def _audience(request: Request):
    if request.round.survey == Survey.SUPERVISOR:
        return rules.supervisor_audience(
            request.organisation,
            request.round,
            trade_code=request.trade_code,
            company=request.company,
        )
    return rules.audience(
        request.organisation,
        request.round,
        include_offices=request.include_offices,
        trade_code=request.trade_code,
        company=request.company,
    )


def _people(request: Request) -> list[Person]:
    rows = _audience(request).values_list(
        "id",
        "email",
        "mobile",
        "withdrawn_at",
        "answered_on",
        "opted_out_at",
        "invited_on",
        "reminder_count",
        "email_refused",
        "mobile_refused",
    )
    return [
        Person(
            pk,
            email,
            mobile,
            w is not None,
            a is not None,
            o is not None,
            i is not None,
            r,
            email_refused=bool(email_refused) and email_refused == email,
            mobile_refused=bool(mobile_refused) and mobile_refused == mobile,
        )
        for pk, email, mobile, w, a, o, i, r, email_refused, mobile_refused in rows.iterator(
            chunk_size=5000
        )
    ]


def plan(request: Request, now: datetime.datetime | None = None) -> Plan:
    """Whom the dispatch would reach, and why the others are left out. Changes nothing."""
    rules.may_send(request.organisation)
    now = now or timezone.now()
    people = _people(request)
    # The audience as a subquery: the database joins, rather than a list of 30,000 ids.
    audience = _audience(request).values("pk")
    invited = set(
        Message.objects.filter(participant__in=audience, purpose=Purpose.INVITATION)
        .exclude(status=Status.NOT_SENT)
        .values_list("participant_id", "channel")
    )
    recently = set(
        Message.objects.filter(
            participant__in=audience,
            created_at__gte=now - datetime.timedelta(days=rules.ADVISED_DAYS_BETWEEN),
        )
        .exclude(status=Status.NOT_SENT)
        .values_list("participant_id", flat=True)
        .distinct()
    )
    result = Plan(reached={channel: [] for channel in request.channels})
    for person in people:
        reason = rules.person_rule(person, request.purpose)
        if reason is not None:
            result.left_out[reason] += 1
            continue
        reached = False
        for channel in request.channels:
            reason = rules.channel_rule(person, channel, request.purpose, invited)
            if reason is None:
                result.reached[channel].append(person.id)
                reached = True
            else:
                result.left_out[reason] += 1
        if reached and person.id in recently:
            result.warnings["contacted_recently"] += 1
    # The county's apprentices that the agreements with the offices leave to them.
    result.left_out.update(
        rules.left_to_offices(
            request.organisation,
            request.round,
            include_offices=request.include_offices,
            trade_code=request.trade_code,
            company=request.company,
        )
    )
    left = rules.sms_dispatches_left(request.organisation, request.round)
    result.sms_dispatches_left = left - 1 if request.sms and result.reached.get("sms") else left
    return result


def new_request_key() -> uuid.UUID:
    return uuid.uuid4()


def confirm(
    request: Request,
    *,
    request_key: uuid.UUID,
    actor: User | None = None,
    command: str = "",
) -> Dispatch:
    """Makes the dispatch: the rules checked again under locks, the dispatch and its
    messages written in one transaction, sending started on commit. Raises Refused (nothing
    changed) when a rule refuses; a request key used before gives back that dispatch."""
    done = Dispatch.objects.filter(request_key=request_key).first()
    if done is not None:
        return done
    rules.may_send(request.organisation)
    if request.scheduled_for is not None:
        _check_time(request.round, request.purpose, request.scheduled_for)
    else:
        rules.window_allows(request.round, request.purpose)
    _check_greeting(request.greeting)
    try:
        with transaction.atomic():
            dispatch = _confirm_locked(request, request_key, actor, command)
    except IntegrityError:
        # The same form posted twice at once: the first one made it.
        done = Dispatch.objects.filter(request_key=request_key).first()
        if done is None:
            raise
        return done
    if dispatch.state == State.STARTED:
        transaction.on_commit(lambda: pipeline.start(dispatch.pk))
    return dispatch


def _check_time(round_: Round, purpose: str, when: datetime.datetime) -> None:
    """A planned start lies ahead, on a day the purpose may be sent."""
    if when <= timezone.now():
        raise Refused(_("Tidspunktet for utsendingen har allerede vært. Velg et senere."))
    rules.window_allows(round_, purpose, timezone.localtime(when, rules.OSLO).date())


def _check_greeting(greeting: str) -> None:
    if len(greeting) > GREETING_MAX_LENGTH:
        raise Refused(
            _("Hilsenen kan være på høyst %(max)s tegn; denne har %(length)s.")
            % {"max": GREETING_MAX_LENGTH, "length": len(greeting)}
        )


def _lock_quota(request: Request) -> None:
    """Locks the organisation's quota row for the round, made on first use: two SMS
    dispatches of one organisation are confirmed one after the other."""
    SmsQuota.objects.get_or_create(
        organisation=request.organisation,
        round=request.round,
        defaults={"limit": default_limit(request.organisation)},
    )
    SmsQuota.objects.select_for_update().get(organisation=request.organisation, round=request.round)


def _confirm_locked(request, request_key, actor, command) -> Dispatch:
    if request.sms:
        _lock_quota(request)
    result = plan(request)
    scheduled = request.scheduled_for is not None
    if not scheduled:
        result = _count_reminders(request, result)
    if not result.people:
        raise Refused(
            _("Utsendingen ville ikke nådd noen, så den er ikke laget. Ingen SMS-kvote er brukt.")
        )
    sends_sms = request.sms and result.reached.get(Channel.SMS)
    if sends_sms and rules.sms_dispatches_left(request.organisation, request.round) <= 0:
        raise Refused(
            _(
                "%(organisation)s har brukt alle SMS-utsendingene sine i %(round)s "
                "(%(quota)s). Send på e-post, eller be Udir om flere."
            )
            % {
                "organisation": request.organisation.name,
                "round": request.round,
                "quota": rules.sms_quota(request.organisation, request.round),
            }
        )
    channels = [c for c in request.channels if result.reached.get(c)]
    user = actor if actor is not None and actor.is_authenticated else None
    dispatch = Dispatch.objects.create(
        organisation=request.organisation,
        round=request.round,
        purpose=request.purpose,
        email=Channel.EMAIL in channels,
        sms=Channel.SMS in channels,
        include_offices=request.include_offices,
        trade_code=request.trade_code,
        company=request.company,
        language=request.language or request.organisation.language,
        greeting=request.greeting.strip(),
        state=State.SCHEDULED if scheduled else State.STARTED,
        scheduled_for=request.scheduled_for,
        started_at=None if scheduled else timezone.now(),
        request_key=request_key,
        created_by=user,
        command=command,
        left_out=dict(result.left_out.most_common()),
        warnings=dict(result.warnings.most_common()),
        # A planned dispatch shows whom it would reach today; its start counts again.
        email_count=len(result.reached.get(Channel.EMAIL, [])) if scheduled else 0,
        sms_count=len(result.reached.get(Channel.SMS, [])) if scheduled else 0,
    )
    if not scheduled:
        _write_messages(dispatch, result, channels)
    audit.record(
        "distribution.dispatch.scheduled" if scheduled else "distribution.dispatch.created",
        actor=user,
        target=dispatch,
        organisation=request.organisation,
        round=str(request.round),
        purpose=request.purpose,
        channels=channels,
        email=dispatch.email_count,
        sms=dispatch.sms_count,
        scheduled_for=request.scheduled_for.isoformat() if scheduled else "",
        command=command,
    )
    return dispatch


def _count_reminders(request: Request, result: Plan) -> Plan:
    if request.purpose == Purpose.REMINDER and result.people:
        # The reminder limit under concurrency: the count goes up only where it is still
        # below the limit, and a row another dispatch is updating is waited for and read
        # again, so two dispatches at once never make a fourth reminder.
        people = _count_reminder(result.people)
        result.reached = {
            channel: [pk for pk in ids if pk in people] for channel, ids in result.reached.items()
        }
    return result


def _write_messages(dispatch: Dispatch, result: Plan, channels: list[str]) -> None:
    _insert_messages(
        dispatch, [(pk, channel) for channel in channels for pk in result.reached[channel]]
    )
    counts = dict(
        Message.objects.filter(dispatch=dispatch)
        .values("channel")
        .annotate(n=Count("id"))
        .values_list("channel", "n")
    )
    dispatch.email_count = counts.get(Channel.EMAIL, 0)
    dispatch.sms_count = counts.get(Channel.SMS, 0)
    dispatch.save(update_fields=["email_count", "sms_count"])
    if dispatch.purpose == Purpose.INVITATION:
        Participant.objects.filter(
            pk__in=Message.objects.filter(dispatch=dispatch).values("participant_id"),
            invited_on__isnull=True,
        ).update(invited_on=schedule.today())


def request_of(dispatch: Dispatch) -> Request:
    """The request a dispatch was made from, to plan it again when it starts."""
    return Request(
        organisation=dispatch.organisation,
        round=dispatch.round,
        purpose=dispatch.purpose,
        channels=tuple(dispatch.channels),
        include_offices=dispatch.include_offices,
        trade_code=dispatch.trade_code,
        company=dispatch.company,
        language=dispatch.language,
        greeting=dispatch.greeting,
    )


def start_due(now: datetime.datetime | None = None) -> list[int]:
    """Starts every planned dispatch whose time has come (beat, every minute); returns the
    ids started."""
    now = now or timezone.now()
    due = list(
        Dispatch.objects.filter(state=State.SCHEDULED, scheduled_for__lte=now)
        .order_by("scheduled_for", "pk")
        .values_list("pk", flat=True)
    )
    return [pk for pk in due if start_scheduled(pk)]


def start_scheduled(dispatch_id: int) -> bool:
    """Starts one planned dispatch: its rules are applied as they stand now, its messages
    written and handed to the pipeline. One that may no longer be sent (the round has
    closed, or opened for information) or now reaches no one is cancelled, its quota given
    back, with the reason kept. Safe to run twice: the row lock lets one start it."""
    with transaction.atomic():
        dispatch = (
            Dispatch.objects.select_for_update(of=("self",))
            .select_related("organisation", "round", "company")
            .filter(pk=dispatch_id, state=State.SCHEDULED)
            .first()
        )
        if dispatch is None:
            return False
        request = request_of(dispatch)
        try:
            rules.window_allows(dispatch.round, dispatch.purpose)
        except Refused:
            _drop(dispatch, "round_closed")
            return False
        result = _count_reminders(request, plan(request))
        channels = [c for c in request.channels if result.reached.get(c)]
        if not channels:
            _drop(dispatch, "reached_no_one")
            return False
        dispatch.state = State.STARTED
        dispatch.started_at = timezone.now()
        dispatch.email = Channel.EMAIL in channels
        dispatch.sms = Channel.SMS in channels  # no SMS left to send: its quota comes back
        dispatch.left_out = dict(result.left_out.most_common())
        dispatch.warnings = dict(result.warnings.most_common())
        dispatch.save(update_fields=["state", "started_at", "email", "sms", "left_out", "warnings"])
        _write_messages(dispatch, result, channels)
        audit.record(
            "distribution.dispatch.started",
            target=dispatch,
            organisation=dispatch.organisation,
            email=dispatch.email_count,
            sms=dispatch.sms_count,
        )
        transaction.on_commit(lambda: pipeline.start(dispatch.pk))
    return True


def _drop(dispatch: Dispatch, reason: str) -> None:
    dispatch.state = State.CANCELLED
    dispatch.cancelled_at = timezone.now()
    dispatch.cancelled_reason = reason
    dispatch.save(update_fields=["state", "cancelled_at", "cancelled_reason"])
    audit.record(
        "distribution.dispatch.not_started",
        target=dispatch,
        organisation=dispatch.organisation,
        reason=reason,
    )


def _scheduled_locked(dispatch: Dispatch) -> Dispatch:
    """The dispatch locked, if it is still planned; Refused once it has started."""
    locked = Dispatch.objects.select_for_update().filter(pk=dispatch.pk).first()
    if locked is None or locked.state != State.SCHEDULED:
        raise Refused(
            _("Utsendingen har allerede startet eller er avlyst, og kan ikke endres lenger.")
        )
    return locked


def cancel(dispatch: Dispatch, *, actor: User | None = None) -> Dispatch:
    """Cancels a planned dispatch before it starts; its SMS quota is given back (the quota
    counts no cancelled dispatch). Refused, changing nothing, once it has started."""
    with transaction.atomic():
        locked = _scheduled_locked(dispatch)
        user = actor if actor is not None and actor.is_authenticated else None
        locked.state = State.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.cancelled_by = user
        locked.save(update_fields=["state", "cancelled_at", "cancelled_by"])
        audit.record(
            "distribution.dispatch.cancelled",
            actor=user,
            target=locked,
            organisation=locked.organisation,
        )
    return locked


def reschedule(
    dispatch: Dispatch,
    when: datetime.datetime,
    *,
    greeting: str | None = None,
    actor: User | None = None,
) -> Dispatch:
    """Moves a planned dispatch (and changes its greeting) before it starts."""
    with transaction.atomic():
        locked = _scheduled_locked(dispatch)
        _check_time(locked.round, locked.purpose, when)
        fields = ["scheduled_for"]
        locked.scheduled_for = when
        if greeting is not None:
            _check_greeting(greeting)
            locked.greeting = greeting.strip()
            fields.append("greeting")
        locked.save(update_fields=fields)
        user = actor if actor is not None and actor.is_authenticated else None
        audit.record(
            "distribution.dispatch.rescheduled",
            actor=user,
            target=locked,
            organisation=locked.organisation,
            scheduled_for=when.isoformat(),
        )
    return locked


def _count_reminder(ids: set[int]) -> set[int]:
    """Counts this reminder for those of `ids` still below the limit, and returns them.
    Rows are locked in id order (no deadlock between two dispatches); a row another
    dispatch holds is waited for and judged again as it is after that one."""
    counted: set[int] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), 5000):
        chunk = ordered[start : start + 5000]
        locked = list(
            Participant.objects.select_for_update()
            .filter(
                pk__in=chunk,
                reminder_count__lt=rules.MAX_REMINDERS,
                answered_on__isnull=True,
                opted_out_at__isnull=True,
                withdrawn_at__isnull=True,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Participant.objects.filter(pk__in=locked).update(reminder_count=F("reminder_count") + 1)
        counted.update(locked)
    return counted


def _insert_messages(dispatch: Dispatch, rows: list[tuple[int, str]]) -> None:
    """One queued message per (participant, channel). An invitation another organisation
    queued a moment ago (a county including offices, and an office) is refused by the
    database's own constraint and skipped. On PostgreSQL the rows go by COPY into a
    temporary table and one INSERT ... ON CONFLICT DO NOTHING (30,000 messages: 0.4 s,
    against 5 s for bulk_create on a loaded machine); elsewhere by bulk_create."""
    now = timezone.now()
    if connection.vendor != "postgresql":
        Message.objects.bulk_create(
            [
                Message(
                    dispatch=dispatch,
                    participant_id=pk,
                    channel=channel,
                    purpose=dispatch.purpose,
                )
                for pk, channel in rows
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        return
    table = connection.ops.quote_name(Message._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE new_messages (participant_id integer, channel text)")
        with cursor.cursor.copy("COPY new_messages (participant_id, channel) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} (dispatch_id, participant_id, channel, purpose, status, "  # noqa: S608
            "reason, attempts, address, possibly_duplicate, created_at, updated_at) "
            "SELECT %s, participant_id, channel, %s, %s, '', 0, '', false, %s, %s "
            "FROM new_messages ON CONFLICT DO NOTHING",
            [dispatch.pk, dispatch.purpose, Status.QUEUED, now, now],
        )
        cursor.execute("DROP TABLE new_messages")
