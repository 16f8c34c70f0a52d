"""A county administrator reads the round's results in a real Chromium: from the portal to
the overview against the country, to the breakdown by company with a hidden company (its
dot leads to the explanation) and the "small groups together" row; axe finds nothing, and
a phone's width fits the overview."""

import re

import pytest

from tests.browser.harness import assert_accessible
from tests.browser.test_rates import _fits_a_phone, _log_in
from tests.reporting.helpers import publish, stored_round
from tests.reporting.test_pages import _a_county_with_companies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_county_reads_its_results_against_the_country_and_by_company(
    page, live_server, organisations, questionnaires, county_admin
):
    round_ = stored_round()
    o = _a_county_with_companies(round_)
    publish(round_)
    _log_in(page, county_admin)
    page.goto("/portal/")
    page.get_by_role("link", name="Resultatene mot hele landet, og fordelt").click()

    assert page.get_by_role("heading", level=1, name=re.compile("Resultater")).is_visible()
    themes = page.get_by_role("table", name=re.compile("Indeks per tema"))
    motivation = themes.get_by_role("row").filter(has_text="Motivasjon")
    assert motivation.get_by_role("cell").all_inner_texts() == ["3,94", "54", "3,54", "94"]
    assert_accessible(page)
    _fits_a_phone(page)

    page.get_by_role("link", name="Lærebedrift").click()
    table = page.get_by_role("table", name=re.compile("fordelt på Lærebedrift"))
    hidden = table.get_by_role("row").filter(has_text=o["company_3"].name)
    dot = hidden.get_by_role("link", name="skjult, se forklaringen").first
    assert dot.inner_text().splitlines()[0] == "•"  # what the eye sees; the rest is read aloud
    assert "0,00" not in hidden.inner_text()
    small = table.get_by_role("row").filter(has_text="Små grupper samlet")
    assert small.count() == 1
    shown = table.get_by_role("row").filter(has_text=o["company"].name)
    assert "4,00" in shown.inner_text()
    dot.click()
    assert page.url.endswith("#om-skjulte")
    assert page.locator("#om-skjulte").is_visible()
    assert_accessible(page)
