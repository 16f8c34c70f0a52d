"""Demo dispatches: Vestland (Kari Fylke's county, nynorsk) has sent an invitation and one
reminder by e-mail and SMS, and Ola Kontor's training office an invitation by e-mail, all
through the real rules and pipeline into the development outbox; between them about 40% of
those invited answered. Vestland has also invited its companies' supervisors by e-mail (the
supervisor survey) and planned a second reminder for tomorrow at 09:00, which it can still
move, test or cancel. Udir has written its own SMS text for the supervisor survey's
reminder (admin: Meldingstekster). Each demo person can send more. Made once per round."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from accounts.demo_people import persons
from accounts.models import Organisation
from distribution import dispatching
from distribution.models import Dispatch, Message, MessageTemplate
from distribution.sending import pipeline
from surveys import demo as surveys_demo
from surveys.models import Round, Survey
from surveys.rounds import schedule

VESTLAND = "821311632"
# About this share of those reached answer in the three days after each dispatch (some of
# them had answered already): 30-40% of those invited have answered by the end.
ANSWER_AFTER = {"invitation": 0.36, "reminder": 0.2}


def build(seed: int, log) -> None:
    today = schedule.today()
    round_ = Round.objects.filter(survey=Survey.APPRENTICE, year=surveys_demo.demo_year(today))
    round_ = round_.first()
    if round_ is None or schedule.state_on(round_) != schedule.RoundState.OPEN:
        log("Dispatches: no open round, none made.")
        return
    if Dispatch.objects.filter(round=round_).exists():
        log("Dispatches: already there.")
        return
    rng = random.Random(seed)
    Organisation.objects.filter(orgnr=VESTLAND).update(language="nn")
    county = Organisation.objects.get(orgnr=VESTLAND)
    office = Organisation.objects.get(orgnr=persons(seed)[1].rights[1].orgnr)
    started = round_.sending_starts_on
    plan = [
        (county, "invitation", ("email", "sms"), started + datetime.timedelta(days=1)),
        (office, "invitation", ("email",), started + datetime.timedelta(days=2)),
        (county, "reminder", ("email", "sms"), min(started + datetime.timedelta(days=5), today)),
    ]
    for organisation, purpose, channels, day in plan:
        dispatch = dispatching.confirm(
            dispatching.Request(organisation, round_, purpose, channels),
            request_key=dispatching.new_request_key(),
            command="manage.py demo",
        )
        sent = pipeline.send_due()
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        Dispatch.objects.filter(pk=dispatch.pk).update(created_at=when, started_at=when)
        Message.objects.filter(dispatch=dispatch).update(created_at=when, handed_over_at=when)
        reached = list(dispatch.messages.values_list("participant_id", flat=True).distinct())
        answered = 0
        for offset in range(3):  # answers come in over the days after a dispatch
            share = ANSWER_AFTER[purpose] / 3
            chosen = [pk for pk in reached if rng.random() < share]
            answer_day = min(day + datetime.timedelta(days=offset), today)
            answered += surveys_demo.answer(chosen, answer_day, rng)
        log(
            f"Dispatch: {organisation.name}, {purpose} by {'+'.join(channels)}: "
            f"{dispatch.email_count} e-mails, {dispatch.sms_count} SMS, {sent['sent']} sent; "
            f"{answered} answered after it."
        )
    _supervisors_and_plans(county, round_, log)


def _supervisors_and_plans(county, round_, log) -> None:
    supervisors = Round.objects.filter(survey=Survey.SUPERVISOR, year=round_.year).first()
    if supervisors is not None and schedule.state_on(supervisors) == schedule.RoundState.OPEN:
        try:
            dispatching.confirm(
                dispatching.Request(county, supervisors, "invitation", ("email",)),
                request_key=dispatching.new_request_key(),
                command="manage.py demo",
            )
        except dispatching.Refused as refusal:
            log(f"Dispatch: supervisors not invited ({refusal.message})")
        else:
            sent = pipeline.send_due()
            log(f"Dispatch: {county.name}, supervisor invitation: {sent['sent']} e-mails sent.")
    MessageTemplate.objects.get_or_create(
        purpose="reminder",
        survey=Survey.SUPERVISOR,
        channel="sms",
        language="nb",
        defaults={
            "body": "Påminnelse fra {avsender}: Svar på {undersokelse} innen {siste_dag}. "
            "Det tar 10 minutter. {lenke}"
        },
    )
    tomorrow = schedule.today() + datetime.timedelta(days=1)
    if tomorrow > round_.last_answer_day:
        return
    when = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(9)))
    try:
        planned = dispatching.confirm(
            dispatching.Request(
                county,
                round_,
                "reminder",
                ("email", "sms"),
                greeting="Takk til alle som alt har svart!",
                scheduled_for=when,
            ),
            request_key=dispatching.new_request_key(),
            command="manage.py demo",
        )
    except dispatching.Refused as refusal:
        log(f"Dispatch: no reminder planned ({refusal.message})")
        return
    log(f"Dispatch: {county.name}, reminder planned for {planned.scheduled_for:%d.%m %H:%M}.")
