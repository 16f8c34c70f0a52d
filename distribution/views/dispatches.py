"""The portal's dispatch pages: the list, composing with a live summary, a dispatch's
progress. Thin: whom a dispatch reaches is distribution/dispatching.py's, and every object
is fetched through the active organisation (another organisation's dispatch is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.scoping import organisation_required
from distribution import dispatching, rules, test_messages
from distribution.forms import (
    DispatchForm,
    RescheduleForm,
    TestMessageForm,
    sendable_rounds,
)
from distribution.models import Dispatch, State, Status
from distribution.rules import Refused
from distribution.sending import pipeline, reasons
from surveys.models import Participant


def _trades(organisation, rounds) -> list[tuple[str, str]]:
    rows = (
        Participant.objects.for_organisation(organisation)
        .filter(round__in=rounds)
        .exclude(trade_code="")
        .values_list("trade_code", "trade_name")
        .distinct()
        .order_by("trade_name")
    )
    return [(code, f"{name} ({code})" if name else code) for code, name in rows]


def _form(request, data=None) -> DispatchForm:
    rounds = sendable_rounds()
    return DispatchForm(
        data, organisation=request.organisation, trades=_trades(request.organisation, rounds)
    )


def _summary(form: DispatchForm) -> dict:
    if not form.is_valid():
        return {}
    try:
        request = form.to_request()
        return {"plan": dispatching.plan(request), "asked": request}
    except Refused as refusal:
        return {"refusal": refusal.message}


def _labels() -> dict:
    return {"left_out_labels": rules.LEFT_OUT, "warning_labels": rules.WARNINGS}


@organisation_required
def dispatch_list(request):
    dispatches = (
        Dispatch.objects.for_organisation(request.organisation)
        .select_related("round", "created_by")
        .order_by("-created_at")[:100]
    )
    quotas = [
        (
            round_,
            rules.sms_dispatches_left(request.organisation, round_),
            rules.sms_quota(request.organisation, round_),
        )
        for round_ in sendable_rounds()
    ]
    return render(
        request,
        "distribution/dispatches.html",
        {"dispatches": dispatches, "quotas": quotas, "may_send": _may_send(request)},
    )


def _may_send(request) -> bool:
    try:
        rules.may_send(request.organisation)
    except Refused:
        return False
    return True


@organisation_required
@require_http_methods(["GET", "POST"])
def compose(request):
    if request.method == "POST":
        form = _form(request, request.POST)
        if form.is_valid():
            try:
                dispatch = dispatching.confirm(
                    form.to_request(),
                    request_key=form.cleaned_data["request_key"] or dispatching.new_request_key(),
                    actor=request.user,
                )
            except Refused as refusal:
                messages.error(request, refusal.message)
            else:
                if dispatch.state == State.SCHEDULED:
                    messages.success(request, _("Utsendingen er planlagt."))
                else:
                    messages.success(request, _("Utsendingen er bekreftet og sendes nå."))
                return redirect("distribution:dispatch", pk=dispatch.pk)
        status = 400
    else:
        form = _form(request, request.GET or None)
        status = 200
        if not request.GET:
            # The summary of the form as first shown.
            form = _form(request, {**_initial(form)})
    context = {"form": form, **_summary(form), **_labels(), "may_send": _may_send(request)}
    return render(request, "distribution/compose.html", context, status=status)


def _initial(form: DispatchForm) -> dict:
    data = {name: field.initial for name, field in form.fields.items() if field.initial}
    rounds = form.fields["round"].queryset
    if rounds:
        data["round"] = rounds[0].pk
    return data


@organisation_required
def summary(request):
    """The summary alone, for htmx as the form changes."""
    form = _form(request, request.GET)
    return render(
        request, "distribution/_summary.html", {"form": form, **_summary(form), **_labels()}
    )


def _own(request, pk: int) -> Dispatch:
    return get_object_or_404(
        Dispatch.objects.for_organisation(request.organisation).select_related("round"), pk=pk
    )


@organisation_required
def dispatch_detail(request, pk: int, reschedule_form=None, test_form=None, status=200):
    dispatch = _own(request, pk)
    progress = pipeline.progress(dispatch)
    waiting = progress["queued"] + progress["sending"] + progress["temporary_failure"]
    total = sum(progress.values())
    context = {
        "dispatch": dispatch,
        "progress": progress,
        "waiting": waiting,
        "total": total,
        "done": total - waiting,
        "percent": round(100 * (total - waiting) / total) if total else 100,
        "failed_by_reason": reasons.counted(dispatch, Status.PERMANENT_FAILURE),
        "not_sent_by_reason": reasons.counted(dispatch, Status.NOT_SENT),
        "reschedule_form": reschedule_form
        or RescheduleForm(
            initial={"scheduled_for": dispatch.scheduled_for, "greeting": dispatch.greeting}
        ),
        "test_form": test_form
        or TestMessageForm(initial={"email": request.user.email, "language": dispatch.language}),
        **_labels(),
    }
    template = "distribution/_progress.html" if request.htmx else "distribution/dispatch.html"
    return render(request, template, context, status=status)


@organisation_required
@require_http_methods(["POST"])
def cancel(request, pk: int):
    dispatch = _own(request, pk)
    try:
        dispatching.cancel(dispatch, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Utsendingen er avlyst. SMS-kvoten er gitt tilbake."))
    return redirect("distribution:dispatch", pk=dispatch.pk)


@organisation_required
@require_http_methods(["POST"])
def reschedule(request, pk: int):
    dispatch = _own(request, pk)
    form = RescheduleForm(request.POST)
    if form.is_valid():
        try:
            dispatching.reschedule(
                dispatch,
                form.cleaned_data["scheduled_for"],
                greeting=form.cleaned_data["greeting"],
                actor=request.user,
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Utsendingen er endret."))
            return redirect("distribution:dispatch", pk=dispatch.pk)
    return dispatch_detail(request, pk, reschedule_form=form, status=400)


@organisation_required
@require_http_methods(["POST"])
def send_test(request, pk: int):
    dispatch = _own(request, pk)
    form = TestMessageForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            test_messages.request(
                dispatch, data["email"], data["mobile"], data["language"], request.user
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Testmeldingen er sendt til deg. Den teller ikke på noen kvote.")
            )
            return redirect("distribution:dispatch", pk=dispatch.pk)
    return dispatch_detail(request, pk, test_form=form, status=400)
