"""The results report as PDF, served from a stored file while what it shows is unchanged.

WeasyPrint takes three to four seconds to lay out a large county's report at national scale
(docs/performance.md), the HTML it is made from a fraction of a second. So a download builds
the HTML and serves the file stored for its digest; only a report not seen before is laid
out while the browser waits, and stored. The digest covers everything the reader sees but
the day it was made: a republished round, a new finding rule or threshold, an expectation or
a changed template gives another digest, and the old file is never served again.

prepare() makes the reports the boards ask for before anyone asks: every county's and Udir's
(the national one, and each county's as Udir reads it) of each survey's newest published
round, in bokmål and nynorsk. Beat runs it every hour, when it starts (laerling/celery.py)
and after the night's publication, so a round published, a rule Udir changed or a new
release is ready within the hour; on a quiet hour it only builds and compares the HTML.
A training office's report is smaller and is made when first asked for.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from importlib.metadata import version

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import translation

from accounts.models import Organisation
from reporting.exports import pdf
from reporting.models import Cell, Publication, ReportFile
from surveys.models import Round
from surveys.rounds import schedule

log = logging.getLogger(__name__)

# Stands for the day the report is made in the HTML that is compared; plain letters, which
# the template's escaping leaves as they are.
MADE = "MADEDAYMARK"
# Raise when the PDF changes by code that is not in the HTML (reporting/exports/pdf.py's
# write options): every stored file is then made again.
REPORT_VERSION = "1"
PREPARING = "reporting:prepare_reports"


def _renderer() -> str:
    """What lays out the HTML besides the HTML: this code's version, WeasyPrint and its PDF
    writer, and the fonts it embeds, which a system upgrade may change under the same path."""
    return f"{REPORT_VERSION} {_installed()}"


@functools.cache
def _installed() -> str:
    # Read once per process (about 2 ms, on every download before): what a process has
    # loaded does not change until it is restarted.
    fonts = sorted(f"{font.name}:{font.stat().st_size}" for font in pdf.FONT_DIR.glob("*.ttf"))
    return " ".join([version("weasyprint"), version("pydyf"), *fonts])


def download(viewer: Organisation, round_: Round, scope, language: str) -> bytes:
    """The report's PDF: the stored file if one shows exactly this, else made and stored."""
    body, _made = _report(viewer, round_, scope, language)
    return body


def _report(viewer, round_, scope, language) -> tuple[bytes, bool]:
    language = language if language in pdf.LANGUAGES else "nb"
    # The publications the report shows, read before its HTML: if either is computed again
    # while the report is made, the file is not stored (_store).
    earlier = pdf.last_year(viewer, round_)
    shown = {round_.pk: round_.publication.pk}  # this year's first, then last year's
    if earlier is not None:
        shown[earlier.pk] = earlier.publication.pk
    source = pdf.html(viewer, round_, scope, language, made=MADE)
    digest = hashlib.sha256(f"{_renderer()}\n{source}".encode()).hexdigest()
    stored = (
        ReportFile.objects.for_organisation(viewer)
        .filter(digest=digest)
        .values_list("content", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored), False
    with translation.override(language):
        day = pdf.made_today()
    body = pdf.write(pdf.layout(source.replace(MADE, day)))
    _store(viewer, round_, scope, language, digest, body, shown)
    return body, True


def _store(viewer, round_, scope, language, digest, body, shown: dict) -> None:
    """Stores the file unless a publication it shows (round -> publication, this year's
    first) was replaced."""
    publication_id, earlier_id = [*shown.values(), None][:2]
    try:
        with transaction.atomic():
            # publish() computes a round again under this lock, deleting its publication
            # with the files that point at it: a file of a publication it has replaced is
            # not stored, and none is stored while it deletes (its commit would then fail).
            list(Round.objects.select_for_update().filter(pk__in=shown).order_by("pk"))
            current = dict(Publication.objects.filter(round__in=shown).values_list("round", "pk"))
            if current != shown:
                return
            # One file per report: the one it replaces shows what is no longer so.
            ReportFile.objects.filter(
                organisation=viewer, publication__round=round_, scope=scope, language=language
            ).exclude(digest=digest).delete()
            ReportFile.objects.create(
                organisation=viewer,
                publication_id=publication_id,
                earlier_id=earlier_id,
                scope=scope,
                language=language,
                digest=digest,
                content=body,
            )
    except IntegrityError:  # made at the same time by another request: the same file
        pass


def newest_rounds() -> list[Round]:
    """Each survey's newest round whose results are published today."""
    newest = {}
    published = Round.objects.filter(
        publication__isnull=False, publication_date__lte=schedule.today()
    ).select_related("publication")
    for round_ in published.order_by("survey", "-year"):
        newest.setdefault(round_.survey, round_)
    return list(newest.values())


def prepare() -> int:
    """Makes the missing reports of the boards (module docstring); returns how many. A run
    while another is still at it (beat's start and an overdue hour) leaves it to that one."""
    if not cache.add(PREPARING, True, timeout=60 * 60):
        return 0
    try:
        return _prepare()
    finally:
        cache.delete(PREPARING)


def _prepare() -> int:
    made = 0
    for round_ in newest_rounds():
        counties = Organisation.objects.counties().filter(
            Exists(Cell.objects.filter(publication=round_.publication, scope=OuterRef("pk")))
        )
        counties = list(counties.order_by("name"))
        readers = [(county, county) for county in counties]
        # Udir follows the counties up: its national report and each county's as it reads it.
        for udir in Organisation.objects.filter(kind=Organisation.Kind.DIRECTORATE):
            readers += [(udir, None)] + [(udir, county) for county in counties]
        for viewer, scope in readers:
            for language in pdf.LANGUAGES:
                made += _report(viewer, round_, scope, language)[1]
    if made:
        log.info("Results reports: %s made and stored", made)
    return made
