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
from distribution import dispatching, gatherings, in_step, lost_link
from distribution.models import Dispatch, Message, MessageTemplate, Sender
from distribution.sending import pipeline
from surveys import demo as surveys_demo
from surveys.models import Participant, Round, Survey
from surveys.rounds import plan as round_plan
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
    _following(round_, county, office, today, log)
    pipeline.send_due()


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


def _following(round_, county, office, today, log) -> None:
    """Vestland's round plan (a 60 % target, four duties done, two reminders planned), its
    agreements with two offices on who sends, a gathering of the demo office, and a few
    apprentices who asked for their link again."""
    plan = round_plan.plan_for(county, round_)
    round_plan.set_target(plan, 60, None)
    for duty in ("altinn_access", "local_plan", "inform_apprentices", "vigo_contact_data"):
        round_plan.mark_duty(plan, duty, True, None)
    for days, note in ((9, "Etter samlingane"), (16, "Siste påminning")):
        day = min(round_.sending_starts_on + datetime.timedelta(days=days), round_.last_answer_day)
        round_plan.plan_dispatch(plan, day, "reminder", note, None)
    offices = list(
        Participant.objects.filter(round=round_, county=county, office__isnull=False)
        .exclude(office=office)
        .order_by()
        .values_list("office_id", flat=True)
        .distinct()[:2]
    )
    for office_id, sender in zip(offices, (Sender.COUNTY, Sender.BOTH), strict=False):
        in_step.record_agreement(county, office_id, round_, sender, None)
    gathering = gatherings.create(office, round_, "Samling for lærlingane i Bergen", today, None)
    asked = 0
    waiting = Participant.objects.filter(
        round=round_, county=county, answered_on__isnull=True, withdrawn_at__isnull=True
    ).exclude(email="")
    for email in waiting.order_by("pk").values_list("email", flat=True)[:8]:
        asked += lost_link.resend("email", email.lower())
    log(
        f"Following: Vestland's plan (target 60 %), {len(offices)} office agreements, "
        f"a gathering at /m/{gathering.code}, {asked} links sent again on request."
    )
