"""Background exports (reporting/exports/jobs.py): a workbook too large to make while the
browser waits is queued, followed on its progress page, made by a real Celery worker and
downloaded by the organisation that asked, with the same hidden cells as the pages; a
double click makes one; no one else sees it; the request and the download are audited; the
file goes after EXPORT_KEEP_HOURS and a failure says so, both in words."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEvent
from reporting.exports import jobs
from reporting.exports.formats import FORMATS, Format
from reporting.models import Export
from tests.distribution.rates_helpers import county
from tests.reporting.helpers import publish, stored_round
from tests.reporting.test_pages import _a_county_with_companies, _rows
from tests.waiting import wait_for

DOWNLOAD = reverse("reporting:download", args=["xlsx"]) + "?runde=2026-apprentice"


@pytest.fixture
def large(settings):
    """Vestland's breakdown by company (three companies and their small groups together)
    counts as large."""
    settings.EXPORT_BACKGROUND_COMPANIES = 2


@pytest.fixture
def results(large):
    round_ = stored_round()
    companies = _a_county_with_companies(round_)
    publish(round_)
    return companies


def _page(person, export) -> str:
    response = person.client.get(reverse("reporting:export", args=[export.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _status(page: str) -> str:
    """The words of the status region, as a screen reader reads them out."""
    region = page.split('data-testid="export-status"', 1)[1].split("</div>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", region.split(">", 1)[1]).split())


def _file(person, export):
    return person.client.get(reverse("reporting:export_file", args=[export.pk]))


def _hidden_on_the_page(person) -> set[tuple[str, int]]:
    """(company, theme's column) of every hidden cell of the page's breakdown by company."""
    page = person.client.get(reverse("reporting:breakdown", args=["company"])).text
    rows = _rows(page, "breakdown")
    return {
        (group, column)
        for group, cells in rows.items()
        for column, cell in enumerate(cells)
        if "skjult" in cell
    }


def _hidden_in_the_book(book) -> set[tuple[str, int]]:
    # A theme is two columns in the sheet, its figure and its count, after the group's name.
    sheet = book["Lærebedrift"]
    return {
        (row[0].value, (index - 1) // 2)
        for row in sheet.iter_rows(min_row=2)
        for index, cell in enumerate(row)
        if index % 2 == 1 and cell.value == "."
    }


@pytest.mark.django_db
def test_a_large_export_is_queued_and_its_page_shows_its_progress(results, county_admin):
    response = county_admin.client.get(DOWNLOAD)
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:export", args=[export.pk])
    assert export.status == "queued" and export.scope == county("46")

    page = _page(county_admin, export)
    assert "Regnearket lages: 0 % ferdig." in _status(page)
    assert f'hx-get="{reverse("reporting:export", args=[export.pk])}"' in page
    assert 'hx-trigger="every 2s"' in page
    # The live region stays on the page; only its content is swapped in.
    assert '<div role="status"><div id="export-status"' in page
    assert '<progress class="progress-bar" max="100" value="0"' in page
    assert "/hjelp/fylke/#resultater" in page
    # The file is not there yet: not a half-made workbook, not a page.
    assert _file(county_admin, export).status_code == 404
    # htmx asks for the status alone.
    partial = county_admin.client.get(response["Location"], headers={"HX-Request": "true"})
    assert partial.content.decode().startswith('<div id="export-status"')


@pytest.mark.django_db
def test_a_small_export_downloads_at_once_and_queues_nothing(county_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    response = county_admin.client.get(DOWNLOAD)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert not Export.objects.exists()


def test_the_worker_makes_the_export_and_its_file_hides_what_the_page_hides(
    organisations, questionnaires, worker, results, county_admin, monkeypatch
):
    from reporting import tasks

    queued = []
    real_delay = tasks.make_export.delay
    monkeypatch.setattr(tasks.make_export, "delay", lambda *a: queued.append(a) or real_delay(*a))

    # A double click: two requests, one export, one task.
    first = county_admin.client.get(DOWNLOAD)
    second = county_admin.client.get(DOWNLOAD)
    assert first["Location"] == second["Location"]
    export = Export.objects.get()
    assert len(queued) == 1

    assert wait_for(lambda: Export.objects.get().status == "done")
    page = _page(county_admin, export)
    assert "Regnearket er ferdig. Last ned regnearket" in _status(page)
    assert "hx-trigger" not in page
    link = reverse("reporting:export_file", args=[export.pk])
    assert f'href="{link}"' in page

    response = _file(county_admin, export)
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS["xlsx"].content_type
    assert "resultater-vestland-fylkeskommune-2026" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    hidden = _hidden_on_the_page(county_admin)
    assert (results["company_3"].name, 0) in hidden and ("Små grupper samlet", 0) in hidden
    assert _hidden_in_the_book(book) == hidden
    notes = [
        cell.comment.text if cell.comment else ""
        for row in book["Lærebedrift"].iter_rows()
        for cell in row
        if cell.value == "."
    ]
    assert notes and all("5 eller færre har svart" in note for note in notes)

    # The asking, the making and the download, each once, on the county's audit log.
    vestland = county("46")
    for action in ("requested", "written", "downloaded"):
        event = AuditEvent.objects.get(action=f"reporting.export.{action}")
        assert event.organisation_id == vestland.pk and event.actor == county_admin.user
        assert event.details == {"format": "xlsx", "scope": vestland.orgnr, "via": "background"}
        assert event.target == f"surveys.Round:{export.round_id}"


@pytest.mark.django_db
def test_another_organisation_gets_a_404_for_the_page_and_the_file(
    results, county_admin, other_admin
):
    county_admin.client.get(DOWNLOAD)
    export = Export.objects.get()
    jobs.make(str(export.pk))
    assert _file(county_admin, export).status_code == 200
    for url in (reverse("reporting:export", args=[export.pk]), _file_url(export)):
        assert other_admin.client.get(url).status_code == 404
        assert other_admin.client.get(url, headers={"HX-Request": "true"}).status_code == 404
    assert not AuditEvent.objects.filter(
        action="reporting.export.downloaded", actor=other_admin.user
    ).exists()


def _file_url(export) -> str:
    return reverse("reporting:export_file", args=[export.pk])


def _made(person) -> Export:
    person.client.get(DOWNLOAD)
    export = Export.objects.get()
    jobs.make(str(export.pk))
    return Export.objects.get()


def _asked(export, hours_ago: float) -> None:
    asked = timezone.now() - datetime.timedelta(hours=hours_ago)
    Export.objects.filter(pk=export.pk).update(created_at=asked)


@pytest.mark.django_db
def test_the_file_goes_after_the_keeping_time_and_the_page_says_so(results, county_admin, settings):
    settings.EXPORT_KEEP_HOURS = 24
    export = _made(county_admin)
    assert export.content
    _asked(export, 23)
    assert jobs.purge_old() == 0
    assert _file(county_admin, export).status_code == 200

    _asked(export, 25)
    assert jobs.purge_old() == 1
    assert Export.objects.get().content is None
    assert _file(county_admin, export).status_code == 404
    status = _status(_page(county_admin, export))
    assert status == (
        "Regnearket er slettet, fordi det ble bestilt for mer enn 24 timer siden. "
        "Last det ned på nytt fra resultatene."
    )
    assert jobs.purge_old() == 0  # once is enough
    # Asking again makes a new one.
    again = county_admin.client.get(DOWNLOAD)
    assert again["Location"] != reverse("reporting:export", args=[export.pk])
    assert Export.objects.filter(status="queued").count() == 1


@pytest.mark.django_db
def test_beat_purges_the_files_every_hour(settings):
    from laerling.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["purge-exports"]
    assert entry["task"] == "reporting.tasks.purge_exports" and entry["schedule"] == 3600
    assert "reporting.tasks.purge_exports" in app.tasks


def _failing(file, viewer, round_, scope, progress=None):
    progress(1, 3)
    raise RuntimeError("disk full")


@pytest.mark.django_db
def test_a_failed_export_says_so_in_words_and_is_audited(results, county_admin, monkeypatch):
    xlsx = FORMATS["xlsx"]
    monkeypatch.setitem(FORMATS, "xlsx", Format(_failing, xlsx.content_type, xlsx.extension))
    export = _made(county_admin)
    assert export.status == "failed"
    assert export.content is None
    page = _page(county_admin, export)
    assert _status(page) == (
        "Regnearket kunne ikke lages. Prøv igjen senere; feilen er meldt til driften."
    )
    assert "hx-trigger" not in page and "disk full" not in page
    assert _file(county_admin, export).status_code == 404
    event = AuditEvent.objects.get(action="reporting.export.failed")
    assert event.organisation_id == county("46").pk and event.actor == county_admin.user


@pytest.mark.django_db
def test_an_export_lost_with_its_worker_fails_after_an_hour_and_a_new_click_starts_again(
    results, county_admin
):
    county_admin.client.get(DOWNLOAD)
    lost = Export.objects.get()  # queued, and its task never ran
    _asked(lost, 0.5)
    jobs.purge_old()
    assert Export.objects.get().status == "queued"
    assert county_admin.client.get(DOWNLOAD)["Location"].endswith(f"/{lost.pk}/")

    _asked(lost, 1.5)
    jobs.purge_old()
    lost.refresh_from_db()
    assert lost.status == "failed"
    assert "Regnearket kunne ikke lages" in _status(_page(county_admin, lost))
    again = county_admin.client.get(DOWNLOAD)
    assert not again["Location"].endswith(f"/{lost.pk}/")
    # A worker that wakes up late does not bring the lost one back.
    jobs.make(str(lost.pk))
    lost.refresh_from_db()
    assert lost.status == "failed"
