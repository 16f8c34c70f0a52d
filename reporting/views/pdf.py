"""The results report as PDF (`resultater/pdf/?runde=…&org=…&sprak=nb|nn`): the same round
and scope as the results pages (their _context), made by reporting/exports/pdf.py, served
from its stored file where one shows the same (reporting/exports/report_files.py), and
written to the audit log."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from accounts import audit
from accounts.scoping import organisation_required
from reporting.exports import pdf, report_files
from reporting.views.results import _context


@organisation_required
def download(request):
    context = _context(request)
    round_, scope = context["round"], context["scope"]
    if round_ is None:
        raise Http404
    language = request.GET.get("sprak", "nb")
    language = language if language in pdf.LANGUAGES else "nb"
    body = report_files.download(request.organisation, round_, scope, language)
    audit.record(
        "reporting.results_pdf.downloaded",
        actor=request.user,
        organisation=request.organisation,
        target=round_,
        scope=scope.orgnr if scope else "",
        language=language,
    )
    response = HttpResponse(body, content_type="application/pdf")
    name = pdf.filename(round_, scope, language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
