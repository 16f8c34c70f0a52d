"""The development outbox page of the embedded mode, with its test-message button and, for
each message, buttons that simulate what the gateway or a mail server would report later:
delivered, an unknown number, a bounce."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from distribution import texts
from distribution.models import OutboxMessage
from distribution.sending import reports
from distribution.tasks import send_test_message

TEST_EMAIL = "test@example.no"
TEST_MOBILE = "+4791234567"


def embedded_only(view):
    """The outbox exists only in the embedded mode; elsewhere it is not there at all."""

    def wrapped(request, *args, **kwargs):
        if not settings.EMBEDDED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@embedded_only
@require_http_methods(["GET", "POST"])
def outbox(request):
    if request.method == "POST":
        transaction.on_commit(lambda: send_test_message.delay(TEST_EMAIL, TEST_MOBILE))
        messages.success(
            request,
            _("Testmeldingen er lagt i køen. Den dukker opp her når arbeideren har sendt den."),
        )
        return redirect("distribution:outbox")
    template = "distribution/_outbox_list.html" if request.htmx else "distribution/outbox.html"
    return render(request, template, {"outbox": OutboxMessage.objects.all()[:200]})


# What each button simulates: (channel, what the report says).
SIMULATED = {
    "delivered": (OutboxMessage.Channel.SMS, 1001),  # LINK's "billed and delivered"
    "unknown_number": (OutboxMessage.Channel.SMS, 2104),  # LINK's "unknown subscriber"
    "bounce_permanent": (OutboxMessage.Channel.EMAIL, True),
    "bounce_temporary": (OutboxMessage.Channel.EMAIL, False),
}
RESULTS = {
    "delivered": _("Meldingen er merket som mottatt."),
    "failed": _("Meldingen er merket som feilet."),
    "refused": _("Meldingen er merket som feilet, og adressen som ugyldig hos deltakeren."),
    "ignored": _("Ingenting endret: meldingen er ukjent eller har allerede fått sin status."),
}


@embedded_only
@require_http_methods(["POST"])
def simulate_report(request, pk):
    """Applies a report as the webhooks' tasks would (distribution/sending/reports.py)."""
    row = get_object_or_404(OutboxMessage, pk=pk)
    kind = request.POST.get("kind", "")
    if kind not in SIMULATED or SIMULATED[kind][0] != row.channel:
        raise Http404
    if row.channel == OutboxMessage.Channel.SMS:
        done = reports.apply_sms_report(f"outbox-{row.pk}", SIMULATED[kind][1])
    else:
        message_pk = texts.message_pk_from_header(row.headers.get("Message-ID", ""))
        done = "ignored"
        if message_pk is not None:
            done = reports.apply_bounce(message_pk, row.recipient, SIMULATED[kind][1], "simulated")
    messages.info(request, RESULTS[done])
    return redirect("distribution:outbox")
