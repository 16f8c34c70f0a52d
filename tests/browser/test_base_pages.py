"""The base layout in a real Chromium: languages, skip link, keyboard, WCAG 2.1 AA by axe."""

import pytest
from django.core.mail import send_mail

from tests.browser.harness import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "nb": "Administrere Lærlingundersøkelsen",
    "nn": "Administrere Lærlingundersøkinga",
    "en": "Administer the Apprentice Survey",
}
BUTTON = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_home_and_outbox_in_each_language_pass_axe(page, lang):
    send_mail("Invitasjon", "Svar her: https://example.no/s/abc", None, ["ola@example.no"])
    page.goto("/")
    page.get_by_role("button", name=BUTTON[lang]).click()
    assert page.locator("html").get_attribute("lang") == lang
    assert page.get_by_role("heading", level=1).inner_text() == HEADINGS[lang]
    assert_accessible(page)

    page.get_by_role("navigation").get_by_role(
        "link", name={"nb": "Utboks", "nn": "Utboks", "en": "Outbox"}[lang]
    ).click()
    assert page.get_by_role("link", name="https://example.no/s/abc").is_visible()
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Hopp til hovedinnhold"
    assert page.get_by_role("link", name="Hopp til hovedinnhold").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_page_fits_a_phone_screen(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
