"""The help in a real Chromium: a county administrator opens it from three portal pages and
lands on the page's own section; axe finds nothing on the help pages in bokmål, nynorsk and
English, nor on the apprentices' page about the survey, which fits a phone."""

import re

import pytest
from django.conf import settings

from tests.browser.harness import PHONE, assert_accessible
from tests.sample_helpers import open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, person) -> None:
    page.goto("/")
    cookie = person.client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.url}]
    )


@pytest.mark.parametrize(
    ("start", "section", "heading"),
    [
        ("/portal/", "aret", "Året i Lærlingundersøkelsen"),
        ("/utvalg/", "utvalg", "Sjekk utvalget før fristen i VIGO"),
        ("/svarprosent/", "oppfolging", "Følg svarprosenten"),
    ],
)
def test_a_county_opens_the_help_of_the_page_it_is_on(
    page, live_server, organisations, questionnaires, county_admin, start, section, heading
):
    open_round(2026)
    _log_in(page, county_admin)
    page.goto(start)
    page.get_by_role("link", name="Hjelp til denne siden").click()
    page.wait_for_url(re.compile(rf"/hjelp/fylke/#{section}$"))
    target = page.locator(f"#{section}")
    assert target.get_by_role("heading", level=2).inner_text().endswith(heading)
    assert target.is_visible()
    # The page scrolled to the section: its heading is in view (the last sections cannot
    # reach the top of the window, the page ends below them).
    top = page.evaluate(f"document.getElementById('{section}').getBoundingClientRect().top")
    assert -1 <= top < page.evaluate("window.innerHeight") - 50, top
    assert page.evaluate("window.scrollY") > 0 or section == "aret"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_help_pages_pass_axe_in_every_language(page, live_server, organisations, language):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    for path in (
        "/hjelp/",
        "/hjelp/fylke/",
        "/hjelp/kontor/",
        "/hjelp/udir/",
        "/om-undersokelsen/",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.lang") == language
        assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.goto("/om-undersokelsen/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
