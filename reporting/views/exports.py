"""Downloads of the results shown on the overview, as CSV or XLSX (reporting/exports/
formats.py), for the shown round and scope, read as `request.organisation` sees them.
Thin: what a file holds is the export module's reading of the stored cells."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, Http404
from django.utils.text import slugify

from accounts import audit
from accounts.scoping import organisation_required
from reporting.exports.formats import FORMATS
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
