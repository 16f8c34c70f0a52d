"""The export formats: each writes every table a viewer sees of a round and scope to a
binary file. `manage.py export_results --format`, the downloads and the background exports
all take their format from FORMATS, so a new format is one line here."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language

from reporting.exports import long_csv, pdf, workbook


def _csv(file, viewer, round_, scope, progress=None) -> int:
    text = io.TextIOWrapper(file, encoding="utf-8", newline="", write_through=True)
    try:
        return long_csv.write(text, viewer, round_, scope)
    finally:
        text.detach()  # the caller owns (and closes) the binary file


def _pdf(file, viewer, round_, scope, progress=None) -> int:
    """The report in the active language (nynorsk if it is, else bokmål); its page count."""
    document = pdf.document(viewer, round_, scope, get_language())
    pdf.write(document, file)
    if progress is not None:
        progress(1, 1)
    return len(document.pages)


@dataclass(frozen=True)
class Format:
    # (binary file, viewer, round, scope, progress=None) -> a count of what was written;
    # progress(done, total), where given, is called as the tables are written.
    write: Callable
    content_type: str
    extension: str


FORMATS = {
    "csv": Format(_csv, "text/csv; charset=utf-8", "csv"),
    "xlsx": Format(
        workbook.write,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "pdf": Format(_pdf, "application/pdf", "pdf"),
}
