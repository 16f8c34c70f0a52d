"""A county administrator downloads the results report as PDF from the overview in a real
Chromium: the file is a PDF with the county's name in it; axe finds nothing on the overview
with the download form."""

import subprocess

import pytest

from tests.browser.harness import assert_accessible
from tests.browser.test_rates import _log_in
from tests.reporting.helpers import publish, stored_round
from tests.reporting.test_pages import _a_county_with_companies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_county_downloads_its_results_as_pdf_in_nynorsk(
    page, live_server, organisations, questionnaires, county_admin, tmp_path
):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    _log_in(page, county_admin)
    page.goto("/resultater/")
    assert_accessible(page)
    page.get_by_label("Målform i rapporten").select_option("nn")
    with page.expect_download() as download:
        page.get_by_role("button", name="Last ned rapport (PDF)").click()
    path = tmp_path / "report.pdf"
    download.value.save_as(path)
    body = path.read_bytes()
    assert body.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    assert county_admin.organisation.name in text.stdout.decode()
    assert "Om løynde grupper" in text.stdout.decode()
