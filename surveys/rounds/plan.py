"""The rules of a round's local plan (gjennomføringsplan): its dates, taken from the round;
the seeds' duties of counties and offices; marking a duty done or not; the target rate and
the dispatches planned. Called by the plan page and the demo alike; every change is audited.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import Organisation, User
from surveys.models import PlanDuty, PlannedDispatch, Round, RoundPlan
from surveys.rounds import schedule

# The duties the seeds give counties and training offices before and during a round, in
# the order they come due.
DUTIES = {
    "altinn_access": _("Sørge for tilganger i Altinn i god tid"),
    "local_plan": _("Lage en lokal gjennomføringsplan"),
    "inform_apprentices": _("Informere lærlingene før undersøkelsen"),
    "vigo_contact_data": _("Kontrollere og rette kontaktopplysninger i VIGO"),
    "agree_with_offices": _("Avtale med opplæringskontorene hvem som sender til hvem"),
    "gatherings": _("Samlinger der lærlingene svarer sammen"),
}


class PlanRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Date:
    label: str
    when: datetime.date | datetime.datetime


def dates(round_: Round) -> list[Date]:
    """The round's dates that a plan is built around, in order."""
    return [
        Date(_("Frist for rettinger i VIGO"), round_.vigo_correction_deadline),
        Date(_("Endelig uttrekk fra VIGO"), round_.reference_date),
        Date(_("Undersøkelsen åpner"), round_.sending_starts_on),
        Date(_("Siste dag for å svare"), round_.last_answer_day),
        Date(_("Resultatene publiseres"), round_.publication_date),
    ]


@dataclass(frozen=True)
class Duty:
    key: str
    label: str
    done_by: str
    done_at: datetime.datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


def may_plan(organisation: Organisation) -> None:
    if organisation.kind not in (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE):
        raise PlanRefused(_("Bare fylkeskommuner og opplæringskontor har en gjennomføringsplan."))


def plan_for(organisation: Organisation, round_: Round) -> RoundPlan:
    """The organisation's plan for the round, made on first use."""
    may_plan(organisation)
    try:
        plan, _created = RoundPlan.objects.get_or_create(organisation=organisation, round=round_)
    except IntegrityError:  # two first visits at once: the other one made it
        plan = RoundPlan.objects.get(organisation=organisation, round=round_)
    return plan


def existing_plan(organisation: Organisation, round_: Round) -> RoundPlan | None:
    """The plan if there is one, made nowhere: for pages that only read it."""
    return RoundPlan.objects.filter(organisation=organisation, round=round_).first()


def duties(plan: RoundPlan) -> list[Duty]:
    marks = {mark.duty: mark for mark in plan.duties_done.select_related("done_by")}
    found = []
    for key, label in DUTIES.items():
        mark = marks.get(key)
        by = (
            mark.done_by.get_full_name() or mark.done_by.get_username()
            if mark and mark.done_by
            else ""
        )
        found.append(Duty(key, str(label), by, mark.done_at if mark else None))
    return found


def mark_duty(plan: RoundPlan, key: str, done: bool, actor: User | None) -> None:
    """Marks a duty done (who and when) or not done. Marking it as it already is changes
    nothing: a double click, or two administrators at once, keep the first mark."""
    if key not in DUTIES:
        raise PlanRefused(_("Ukjent oppgave."))
    if done:
        try:
            with transaction.atomic():
                PlanDuty.objects.create(plan=plan, duty=key, done_by=actor, done_at=timezone.now())
        except IntegrityError:
            return
    elif not PlanDuty.objects.filter(plan=plan, duty=key).delete()[0]:
        return
    audit.record(
        "surveys.plan.duty_marked",
        actor=actor,
        organisation=plan.organisation,
        target=plan,
        duty=key,
        done=done,
    )


def set_target(plan: RoundPlan, rate: int | None, actor: User | None) -> None:
    if rate is not None and not 1 <= rate <= 100:
        raise PlanRefused(_("Målet for svarprosent må være et helt tall fra 1 til 100."))
    RoundPlan.objects.filter(pk=plan.pk).update(
        target_rate=rate, target_set_by=actor, target_set_at=timezone.now()
    )
    plan.refresh_from_db()
    audit.record(
        "surveys.plan.target_set",
        actor=actor,
        organisation=plan.organisation,
        target=plan,
        rate=rate,
    )


def plan_dispatch(
    plan: RoundPlan, day: datetime.date, purpose: str, note: str, actor: User | None
) -> PlannedDispatch:
    """Adds a planned dispatch on a day the round is open for sending."""
    round_ = plan.round
    if purpose not in PlannedDispatch.Purpose.values:
        raise PlanRefused(_("Velg om utsendingen er en invitasjon eller en påminnelse."))
    if not round_.sending_starts_on <= day <= round_.last_answer_day:
        raise PlanRefused(
            _("En utsending kan planlegges fra %(start)s til og med %(last)s.")
            % {
                "start": round_.sending_starts_on.strftime("%d.%m.%Y"),
                "last": round_.last_answer_day.strftime("%d.%m.%Y"),
            }
        )
    planned = PlannedDispatch.objects.create(
        plan=plan, day=day, purpose=purpose, note=note[:200], created_by=actor
    )
    audit.record(
        "surveys.plan.dispatch_planned",
        actor=actor,
        organisation=plan.organisation,
        target=plan,
        day=day.isoformat(),
        purpose=purpose,
    )
    return planned


def remove_planned_dispatch(plan: RoundPlan, pk: int, actor: User | None) -> None:
    if PlannedDispatch.objects.filter(plan=plan, pk=pk).delete()[0]:
        audit.record(
            "surveys.plan.dispatch_unplanned",
            actor=actor,
            organisation=plan.organisation,
            target=plan,
        )


def target_rate(organisation: Organisation, round_: Round) -> int | None:
    """The organisation's target response rate for the round, if it set one."""
    plan = existing_plan(organisation, round_)
    return plan.target_rate if plan is not None else None


def is_past(day: datetime.date) -> bool:
    return day < schedule.today()
