"""A county administrator sends an invitation and a reminder in a real Chromium, with a real
worker: the counts and reasons, the progress, the message in the outbox, the apprentice
answering through its link, and that person left out of the next reminder."""

import re

import pytest
from django.conf import settings

from tests.browser.harness import PHONE, assert_accessible
from tests.distribution.sending_helpers import small_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, person) -> None:
    page.goto("/")
    cookie = person.client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.url}]
    )


def _answer_through_the_link(page) -> None:
    page.get_by_role("link", name=re.compile("Start undersøkelsen")).click()
    for _ in range(30):  # one page per theme
        review = page.get_by_role("button", name="Se over svarene")
        if review.count():
            review.click()
            break
        page.get_by_role("button", name="Neste").click()
    page.get_by_role("button", name="Send inn svarene").first.click()
    assert page.get_by_role("heading", name=re.compile("Takk")).is_visible()


def test_a_county_invites_and_reminds_and_an_apprentice_who_answered_drops_out(
    page, live_server, organisations, questionnaires, county_admin, worker, settings
):
    settings.SITE_URL = live_server.url
    small_sample()
    _log_in(page, county_admin)
    page.goto("/portal/")
    page.get_by_role("link", name="Send invitasjon eller påminnelse").click()

    summary = page.locator("#summary")
    assert "Når 2 på e-post" in summary.inner_text()
    assert "1 mangler gyldig e-postadresse" in summary.inner_text()
    page.get_by_label("SMS").check()  # the counts follow the form
    summary.get_by_text("Når 2 på SMS").wait_for()
    assert "SMS-utsendinger igjen etter denne: 6" in summary.inner_text()
    page.get_by_label("SMS").uncheck()
    summary.get_by_text("Når 2 på SMS").wait_for(state="detached")
    assert_accessible(page)
    page.get_by_role("button", name="Bekreft og send").click()

    assert page.get_by_role("heading", level=1, name=re.compile("Invitasjon")).is_visible()
    page.get_by_text("Levert til e-post- og SMS-tjenesten: 2").wait_for(timeout=20_000)
    assert_accessible(page)

    page.goto("/utboks/")
    message = page.get_by_role("article").filter(has_text="ada@example.no")
    message.locator("a[href*='/s/']:not([href$='/reserver'])").first.click()
    _answer_through_the_link(page)

    page.goto("/utsending/ny/")
    page.get_by_label("Påminnelse").check()
    summary.get_by_text("Når 1 på e-post").wait_for()
    text = summary.inner_text()
    assert "Når 1 på e-post" in text
    assert "1 har allerede svart" in text
    assert "fikk en melding for mindre enn 7 dager siden" in text
    page.get_by_role("button", name="Bekreft og send").click()
    page.get_by_text("Levert til e-post- og SMS-tjenesten: 1").wait_for(timeout=20_000)
    page.goto("/utsending/")
    assert page.get_by_role("row").count() == 3  # the header and two dispatches
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
