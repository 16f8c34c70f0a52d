"""The results report as PDF for an organisation and round (issue #20): a front page, the
findings that need follow-up first, the response rate with its curve of answers per day,
each theme against the country and last year (its items drawn against the country), the
results against the expectations, the scope's breakdowns and what the hidden dots mean.
Every figure is read through reporting/results.py for the viewer (a hidden cell has no
figure here either); the response rate and the curve's geometry are the portal's
(surveys/response_rates.py, response_curve.py), without the dispatch marks, which are
distribution's. WeasyPrint lays it out with DejaVu from the system, embedded, tagged
(PDF/UA-1) with the document's language and title.
"""

from __future__ import annotations

from pathlib import Path

import pyphen
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from reporting import comparison, publication, results
from reporting import findings as follow_up
from reporting.charts import bars
from surveys import disclosure, response_rates
from surveys.models import Round
from surveys.response_curve import chart
from surveys.rounds import plan as round_plan

LANGUAGES = ("nb", "nn")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LONG_WORD = 9  # letters; a longer word in a breakdown's header may be hyphenated


def last_year(viewer, round_: Round) -> Round | None:
    """The same survey's round of the year before, if the viewer may read its results."""
    found = Round.objects.filter(
        year=round_.year - 1, survey=round_.survey, publication__isnull=False
    ).first()
    if found is not None and publication.state(found, viewer):
        return found
    return None


def _themes(viewer, round_, scope, earlier, overview):
    before = {}
    before_items = {}
    if earlier is not None:
        before = {row.theme.key: row for row in results.overview(viewer, earlier, scope)}
        earlier_themes = results.themes(earlier)
        by_theme = results.items_by_theme(viewer, earlier, scope, earlier_themes)
        for rows in by_theme.values():
            for row in rows:
                before_items[row.item.comparability_key] = row.own
    now = results.items_by_theme(viewer, round_, scope, [row.theme for row in overview])
    sections = []
    for row in overview:
        earlier_row = before.get(row.theme.key)
        items = [
            (item, before_items.get(item.item.comparability_key)) for item in now[row.theme.pk]
        ]
        chart = None
        if items:
            chart = bars.items(
                f"theme-{row.theme.key}",
                [item for item, _before in items],
                scope.name if scope else None,
                _("Hele landet"),
            )
        sections.append(
            {
                "row": row,
                "before": earlier_row.own if earlier_row else None,
                "items": items,
                "chart": chart,
            }
        )
    return sections


def _breakdowns(viewer, round_: Round, scope) -> list:
    """(label, table, its theme titles with soft hyphens) per breakdown of the scope.

    The soft hyphens go where the active language allows a long word to break (pyphen,
    WeasyPrint's own hyphenation dictionaries): a breakdown's theme columns hold about nine
    bold letters, so only longer words get them, and shorter ones move to the next line
    whole. CSS `hyphens: auto` did this but made WeasyPrint try each break point with a new
    text layout, a sixth of the report's layout time."""
    words = pyphen.Pyphen(lang="nn" if translation.get_language() == "nn" else "nb")

    def soft(title: str) -> str:
        return " ".join(
            words.inserted(word, hyphen="\u00ad") if len(word) > LONG_WORD else word
            for word in title.split(" ")
        )

    found = []
    for by, label in results.breakdowns_of(scope):
        table = results.breakdown(viewer, round_, scope, by)
        found.append((label, table, [soft(title) for title in table.titles]))
    return found


def _rate(viewer, round_):
    total = response_rates.total(viewer, round_)
    context = {"total": total}
    if not total.hidden and total.in_sample:
        target = round_plan.target_rate(viewer, round_)
        days = response_rates.days(viewer, round_)
        if days:
            context |= {"chart": chart(days, total.in_sample, target), "target": target}
    return context


def _compared(viewer, round_, scope) -> dict:
    """Each theme against the expectation and last year, where either exists (as on the
    overview)."""
    found = comparison.expectations(viewer, round_, scope)
    comparing = any(row.expected is not None or row.last_year is not None for row in found)
    return {"comparisons": found, "comparing": comparing}


def context(viewer, round_: Round, scope) -> dict:
    earlier = last_year(viewer, round_)
    overview = results.overview(viewer, round_, scope)
    own = [row.own for row in overview if row.own is not None and not row.own.hidden]
    return {
        "viewer": viewer,
        "round": round_,
        "scope": scope,
        "scope_name": scope.name if scope else None,
        "earlier": earlier,
        "made": made_today(),
        "responses": max((figure.n or 0 for figure in own), default=None),
        "limit": disclosure.default_limit(),
        "themes": _themes(viewer, round_, scope, earlier, overview),
        "breakdowns": _breakdowns(viewer, round_, scope),
        "findings": follow_up.findings(viewer, round_, scope),
        "advice": follow_up.advice(),
        **_compared(viewer, round_, scope),
        "font_dir": FONT_DIR.as_uri(),
        **_rate(scope or viewer, round_),
    }


def html(viewer, round_: Round, scope, language: str, made: str | None = None) -> str:
    """The report's HTML; `made` stands in the place of the day it is made, if given
    (reporting/exports/report_files.py leaves the day out of what it compares)."""
    language = language if language in LANGUAGES else "nb"
    with translation.override(language):
        found = context(viewer, round_, scope) | {"language": language}
        if made is not None:
            found["made"] = made
        return render_to_string("reporting/pdf/report.html", found)


def made_today() -> str:
    """The day the report is made, as its front page says it in the active language."""
    return formats.date_format(timezone.localdate(), "DATE_FORMAT")


def layout(source: str):
    """WeasyPrint's laid-out document of the report's HTML (the tests read its pages)."""
    from weasyprint import HTML  # heavy: loaded only when a report is made

    return HTML(string=source, base_url=str(settings.BASE_DIR)).render(pdf_variant="pdf/ua-1")


def write(document, target=None) -> bytes | None:
    """The laid-out document as PDF/UA-1 with its tags: the bytes, or into `target`."""
    return document.write_pdf(target, pdf_variant="pdf/ua-1", pdf_tags=True)


def document(viewer, round_: Round, scope, language: str):
    return layout(html(viewer, round_, scope, language))


def render(viewer, round_: Round, scope, language: str) -> bytes:
    return write(document(viewer, round_, scope, language))


def filename(round_: Round, scope, language: str) -> str:
    name = scope.orgnr if scope else "landet"
    return f"resultater-{round_.year}-{round_.survey}-{name}-{language}.pdf"
