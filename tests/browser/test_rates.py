"""A county administrator follows the round's response rates in a real Chromium: from the
portal to the overview with its chart of answers per day and the same figures as a table,
to the breakdown by company with a small group hidden; axe finds nothing, and a phone's
width fits."""

import datetime
import re

import pytest
from django.conf import settings

from tests.browser.harness import PHONE, assert_accessible
from tests.distribution.rates_helpers import a_round, groups_along, make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, person) -> None:
    page.goto("/")
    cookie = person.client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.url}]
    )


def _fits_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_county_follows_its_response_rates_by_day_and_by_company(
    page, live_server, organisations, questionnaires, county_admin
):
    round_ = a_round()
    (big, big_fields), (small, small_fields), _none = groups_along("company")
    make(round_, 40, answered=12, **big_fields)
    later = round_.sending_starts_on + datetime.timedelta(days=1)
    make(round_, 20, answered=9, answered_on=later, **big_fields)
    make(round_, 3, answered=1, **small_fields)
    _log_in(page, county_admin)
    page.goto("/portal/")
    page.get_by_role("link", name="Svarprosent og svar per dag").click()

    assert page.get_by_role("heading", level=1, name=re.compile("Svarprosent")).is_visible()
    chart = page.get_by_role("img", name=re.compile("Svar per dag fra"))
    assert chart.is_visible()
    days = page.get_by_role("table", name="Svar per dag, og utsendingene")
    first, second = days.get_by_role("row").nth(1), days.get_by_role("row").nth(2)
    # Answered that day, so far, the rate so far (of 63 in the sample), the dispatch.
    assert first.get_by_role("cell").all_inner_texts() == ["13", "13", "20,6\xa0%", ""]
    assert second.get_by_role("cell").all_inner_texts() == ["9", "22", "34,9\xa0%", ""]
    assert_accessible(page)
    _fits_a_phone(page)

    page.get_by_role("link", name="Lærebedrift").click()
    table = page.get_by_role("table", name=re.compile("Lærebedrift"))
    hidden = table.get_by_role("row").filter(has_text=small)
    assert "skjult" in hidden.inner_text()
    assert "21" not in table.get_by_role("row").filter(has_text="I alt").inner_text()
    assert_accessible(page)
    _fits_a_phone(page)
