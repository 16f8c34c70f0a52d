"""A county administrator downloads the results workbook from the overview in a real
Chromium, and follows a background export (reporting/exports/jobs.py), made by a real
Celery worker on the same test database, from its progress page to its download link; axe
finds no WCAG 2.1 A/AA violation on the progress page, while waiting and when done."""

import threading

import pytest
from openpyxl import load_workbook

from reporting.exports.formats import FORMATS, Format
from tests.browser.harness import assert_accessible
from tests.browser.test_rates import _log_in
from tests.reporting.helpers import publish, stored_round
from tests.reporting.test_pages import _a_county_with_companies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row(sheet, label):
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == label:
            return row
    raise AssertionError(f"{label} not in {sheet.title}")


def _motivation(sheet) -> int:
    header = [cell.value for cell in sheet[1]]
    return header.index("Motivasjon (indeks)")


def test_a_county_downloads_its_workbook_from_the_overview(
    page, live_server, organisations, questionnaires, county_admin, tmp_path
):
    round_ = stored_round()
    o = _a_county_with_companies(round_)
    publish(round_)
    _log_in(page, county_admin)
    page.goto("/resultater/")
    with page.expect_download() as download:
        page.get_by_role("link", name="regneark (XLSX)").click()
    assert (
        download.value.suggested_filename
        == "resultater-vestland-fylkeskommune-2026-apprentice.xlsx"
    )
    path = tmp_path / "resultater.xlsx"
    download.value.save_as(path)
    book = load_workbook(path)
    sheet = book["Lærebedrift"]
    column = _motivation(sheet)
    assert _row(sheet, o["company"].name)[column].value == pytest.approx(4.0)
    assert _row(sheet, o["company_3"].name)[column].value == "."


@pytest.fixture
def gate(monkeypatch):
    """Holds the worker's workbook until the test has looked at the waiting page: a real
    worker makes this county's workbook faster than a browser loads a page."""
    opened = threading.Event()
    xlsx = FORMATS["xlsx"]

    def held(file, viewer, round_, scope, progress=None):
        assert opened.wait(60), "the test never let the workbook be made"
        return xlsx.write(file, viewer, round_, scope, progress=progress)

    monkeypatch.setitem(FORMATS, "xlsx", Format(held, xlsx.content_type, xlsx.extension))
    yield opened
    opened.set()  # never leave a worker thread waiting, whatever the test did


def test_a_county_follows_a_background_export_until_it_can_download_it(
    page, live_server, organisations, questionnaires, county_admin, worker, gate, settings, tmp_path
):
    settings.EXPORT_BACKGROUND_COMPANIES = 2  # Vestland's three companies make it large
    round_ = stored_round()
    o = _a_county_with_companies(round_)
    publish(round_)
    _log_in(page, county_admin)
    page.goto("/resultater/")
    page.get_by_role("link", name="regneark (XLSX)").click()

    page.get_by_role("heading", name="Regneark med resultatene").wait_for()
    status = page.get_by_role("status").filter(has=page.get_by_test_id("export-status"))
    assert "Regnearket lages: 0 % ferdig." in status.inner_text()
    assert page.get_by_role("progressbar", name="Regnearket lages").is_visible()
    assert page.get_by_role("link", name="Hjelp til denne siden").is_visible()
    assert_accessible(page)

    gate.set()
    link = status.get_by_role("link", name="Last ned regnearket")
    link.wait_for(timeout=30_000)  # htmx asks every 2 s
    assert "Regnearket er ferdig." in status.inner_text()
    assert page.get_by_role("progressbar").count() == 0
    assert_accessible(page)

    with page.expect_download() as download:
        link.click()
    path = tmp_path / "bakgrunn.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path)["Lærebedrift"]
    column = _motivation(sheet)
    assert _row(sheet, o["company"].name)[column].value == pytest.approx(4.0)
    assert _row(sheet, o["company_3"].name)[column].value == "."
