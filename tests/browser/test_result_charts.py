"""A county administrator sees the results as charts in a real Chromium: the overview's
themes against the country, a theme's answers, and a breakdown's groups with a hidden
company as a dot; axe finds no WCAG 2.1 A/AA violation and a phone's width fits each page."""

import re

import pytest

from tests.browser.harness import assert_accessible
from tests.browser.test_rates import _fits_a_phone, _log_in
from tests.reporting.helpers import publish, stored_round
from tests.reporting.test_pages import _a_county_with_companies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_county_reads_its_results_as_charts_beside_the_tables(
    page, live_server, organisations, questionnaires, county_admin
):
    round_ = stored_round()
    o = _a_county_with_companies(round_)
    publish(round_)
    _log_in(page, county_admin)
    page.goto("/resultater/")

    chart = page.get_by_role("img", name=re.compile("mot hele landet"))
    assert chart.first.is_visible()
    assert "3,94" in chart.first.text_content() and "3,54" in chart.first.text_content()
    assert_accessible(page)
    _fits_a_phone(page)

    page.get_by_role("link", name="Motivasjon").first.click()
    drawn = page.get_by_role("img", name=re.compile("Fordelingen av svarene"))
    drawn.first.wait_for()
    assert drawn.count() >= 1 and drawn.first.is_visible()
    assert "%" in drawn.first.text_content()
    assert_accessible(page)
    _fits_a_phone(page)

    page.goto("/resultater/")
    page.get_by_role("link", name="Lærebedrift").click()
    page.get_by_label("Tema", exact=True).select_option(label="Motivasjon")
    page.get_by_role("button", name="Vis diagrammet").click()
    groups = page.get_by_role("img", name=re.compile("fordelt på lærebedrift, høyeste først"))
    groups.wait_for()
    assert "tema=motivation" in page.url
    hidden = groups.locator("g.chart-row").filter(has_text=o["company_3"].name)
    assert hidden.locator("[data-hidden=true]").text_content() == "•"
    assert "skjult" in hidden.text_content() and hidden.locator("rect").count() == 0
    assert_accessible(page)
    _fits_a_phone(page)
