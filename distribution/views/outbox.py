"""The development outbox page of the embedded mode, with its test-message button."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from distribution.models import OutboxMessage
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
