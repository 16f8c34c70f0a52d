"""Downloads of the results shown on the overview, as CSV or XLSX (reporting/exports/
formats.py), for the shown round and scope, read as `request.organisation` sees them.
A large one (reporting/exports/jobs.py: is_large) is made in the background instead: the
download sends the browser to its progress page, which links to the file when it is done.
Thin: what a file holds is the export module's reading of the stored cells."""

from __future__ import annotations

import io
import tempfile

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language

from accounts import audit
from accounts.scoping import organisation_required
from reporting.exports import jobs
from reporting.exports.formats import FORMATS
from reporting.models import Export
from reporting.views.results import _context


def filename(scope, round_, extension: str) -> str:
    name = slugify(scope.name) if scope else "hele-landet"
    return f"resultater-{name}-{round_.year}-{round_.survey}.{extension}"


@organisation_required
def download(request, format: str):
    chosen = FORMATS.get(format)
    context = _context(request)
    round_ = context["round"]
    if chosen is None or round_ is None:
        raise Http404
    scope = context["scope"]
    if jobs.is_large(request.organisation, round_, scope, format):
        export = jobs.request(
            request.organisation, request.user, round_, scope, format, get_language()
        )
        return redirect("reporting:export", export.pk)
    # A file on disk past a megabyte, so a county's workbook is never all in memory twice.
    file = tempfile.SpooledTemporaryFile(max_size=1 << 20)  # noqa: SIM115 (FileResponse closes it)
    chosen.write(file, request.organisation, round_, scope)
    file.seek(0)
    audit.record(
        "reporting.export.downloaded",
        actor=request.user,
        organisation=request.organisation,
        target=round_,
        format=format,
        scope=scope.orgnr if scope else "",
        via="download",
    )
    return FileResponse(
        file,
        as_attachment=True,
        filename=filename(scope, round_, chosen.extension),
        content_type=chosen.content_type,
    )


def _own_export(request, pk, *, with_file: bool = False) -> Export:
    """The active organisation's own export; anyone else's is a 404."""
    found = Export.objects.for_organisation(request.organisation).select_related("round", "scope")
    return get_object_or_404(found if with_file else found.defer("content"), pk=pk)


@organisation_required
def export(request, pk):
    """A background export's progress, polled by htmx while it is being made."""
    found = _own_export(request, pk)
    context = {
        "export": found,
        "active": found.status in Export.ACTIVE,
        "keep_hours": settings.EXPORT_KEEP_HOURS,
    }
    template = "reporting/_export_status.html" if request.htmx else "reporting/export.html"
    return render(request, template, context)


@organisation_required
def export_file(request, pk):
    found = _own_export(request, pk, with_file=True)
    if found.status != Export.Status.DONE or found.content is None:
        raise Http404
    chosen = FORMATS[found.format]
    audit.record(
        "reporting.export.downloaded",
        actor=request.user,
        organisation=request.organisation,
        target=found.round,
        format=found.format,
        scope=found.scope.orgnr if found.scope else "",
        via="background",
    )
    return FileResponse(
        io.BytesIO(found.content),
        as_attachment=True,
        filename=filename(found.scope, found.round, chosen.extension),
        content_type=chosen.content_type,
    )
