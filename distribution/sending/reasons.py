"""Why a dispatch's messages were not sent or failed, counted by reason for its page: the
reason codes the pipeline stores (rules' stop reasons, SMTP and gateway codes), never a
message's text or address."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from distribution import rules
from distribution.models import Dispatch, Status

# A failure's code is its kind, then the server's code ("recipient_refused_550").
FAILURES = {
    "recipient_refused": _("mottakerens adresse ble avvist"),
    "message_refused": _("meldingen ble avvist av e-posttjenesten"),
    "smtp_error": _("e-posttjenesten svarte med en feil"),
    "gave_up": _("ga opp etter gjentatte forsøk"),
}
OTHER = _("annen feil")


def _label(code: str, labels: dict) -> str:
    for kind, label in labels.items():
        if code == kind or code.startswith(f"{kind}_"):
            return str(label)
    return str(OTHER)


def counted(dispatch: Dispatch, status: str) -> list[tuple[str, int]]:
    """(what a reason means, how many) for the dispatch's messages in `status`, most first;
    codes of one meaning are counted together."""
    labels = rules.LEFT_OUT if status == Status.NOT_SENT else FAILURES
    rows = (
        dispatch.messages.filter(status=status)
        .order_by()
        .values_list("reason")
        .annotate(n=Count("id"))
    )
    totals: dict[str, int] = {}
    for code, n in rows:
        label = _label(code or "", labels)
        totals[label] = totals.get(label, 0) + n
    return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))
