"""The sample pages of a county or training office: its sample and its quality report.

Thin views: the data comes from surveys/sample/overview.py and surveys/sample/quality_report.py,
always through `request.organisation`. Reading or downloading this personal data is
written to the audit log.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.scoping import organisation_required
from surveys.sample import overview, quality_export, quality_report

PAGE_SIZE = 100
# The per-company block of a large county is thousands of rows (2,455 in the demo's).
COMPANY_PAGE_SIZE = 50


def _query_without(request, *names: str) -> str:
    """The page's query string without `names`, for links that change only those."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _context(request) -> dict:
    round_ = overview.chosen_round(request.GET.get("ar"))
    return {
        "round": round_,
        "rounds": overview.rounds_with_sample(),
        "latest_import": overview.latest_import(round_) if round_ else None,
    }


@organisation_required
def sample(request):
    context = _context(request)
    round_ = context["round"]
    if round_ is not None:
        organisation = request.organisation
        finding = overview.Finding.from_query(request.GET)
        people = finding.apply(overview.participants(organisation, round_))
        page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("side"))
        counts = overview.counts(organisation, round_)
        context |= {
            "counts": counts,
            "page": page,
            "finding": finding,
            "sorts": overview.SORTS,
            "companies": Paginator(counts.by_company, COMPANY_PAGE_SIZE).get_page(
                request.GET.get("bedriftside")
            ),
            "query_for_pages": _query_without(request, "side"),
            "query_for_company_pages": _query_without(request, "bedriftside"),
        }
        audit.record(
            "surveys.sample.viewed",
            actor=request.user,
            organisation=organisation,
            target=round_,
            page=page.number,
            shown=len(page.object_list),
        )
    return render(request, "surveys/sample/overview.html", context)


@organisation_required
def quality(request):
    context = _context(request)
    round_ = context["round"]
    if round_ is not None:
        lines = quality_report.lines(request.organisation, round_)
        context |= {
            # After the deadline the page says so, and what can still be done, instead of
            # asking for corrections by a date that has passed.
            "deadline_passed": timezone.now() >= round_.vigo_correction_deadline,
            "warning_lines": [line for line in lines if line.group == "warning"],
            "unreachable_lines": [line for line in lines if line.group == "unreachable"],
            "rejected_lines": [line for line in lines if line.group == "rejected"],
        }
        audit.record(
            "surveys.quality_report.viewed",
            actor=request.user,
            organisation=request.organisation,
            target=round_,
            lines=len(lines),
        )
    return render(request, "surveys/sample/quality.html", context)


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", quality_export.to_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        quality_export.to_xlsx,
    ),
}


@organisation_required
def quality_download(request, file_format: str):
    if file_format not in EXPORTS:
        raise Http404
    round_ = overview.chosen_round(request.GET.get("ar"))
    if round_ is None:
        raise Http404
    lines = quality_report.lines(request.organisation, round_)
    content_type, export = EXPORTS[file_format]
    response = HttpResponse(export(lines), content_type=content_type)
    name = _("kvalitetsrapport-%(year)s-%(orgnr)s") % {
        "year": round_.year,
        "orgnr": request.organisation.orgnr,
    }
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    audit.record(
        "surveys.quality_report.downloaded",
        actor=request.user,
        organisation=request.organisation,
        target=round_,
        format=file_format,
        lines=len(lines),
    )
    return response
