"""A county's day following the round, in a real Chromium with a real worker: the round
plan (a target, a duty done, a dispatch planned), the offices' view with the agreement on
who sends, a dispatch that follows the agreement and its live progress, the response rates
with the target on the curve and the same figures in the table; then the lost-link page and
a gathering's pages at a phone's width. axe finds no WCAG 2.1 A/AA violation on any."""

import re

import pytest
from django.conf import settings

from distribution.models import Gathering
from surveys.rounds import schedule
from tests.browser.harness import PHONE, assert_accessible
from tests.distribution.sending_helpers import small_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, person) -> None:
    page.goto("/")
    cookie = person.client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.url}]
    )


def _fits_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_county_plans_agrees_with_an_office_sends_and_follows_the_rates(
    page, live_server, organisations, questionnaires, county_admin, worker, settings
):
    settings.SITE_URL = live_server.url
    small_sample(extra=4)  # Vestland: A1-A3, X0-X3 at independent companies, O1 at OK Vest
    _log_in(page, county_admin)
    page.goto("/portal/")

    page.get_by_role("link", name=re.compile("Gjennomføringsplan")).click()
    dates = page.get_by_role("table", name="Datoene Udir har satt for gjennomføringen")
    assert "kl. 12.00" in dates.get_by_role("row").filter(has_text="VIGO").first.inner_text()
    page.get_by_label("Mål (prosent)").fill("60")
    page.get_by_role("button", name="Lagre målet").click()
    assert page.get_by_text("Målet er 60 %").is_visible()
    page.get_by_role("button", name=re.compile(r"Merk som gjort\W+Informere lærlingene")).click()
    assert page.get_by_text(re.compile("Gjort:.*Informere lærlingene")).is_visible()
    page.get_by_label("Dag").fill(schedule.today().isoformat())
    page.get_by_label("Hva").select_option("reminder")
    page.get_by_role("button", name="Planlegg utsendingen").click()
    planned = page.get_by_role("table", name="Planlagte utsendinger")
    assert "Påminnelse" in planned.inner_text()
    assert_accessible(page)

    page.goto("/portal/")
    page.get_by_role("link", name=re.compile("Opplæringskontorene")).click()
    offices = page.get_by_role("table", name=re.compile("Opplæringskontorenes utsendinger"))
    assert "OK Vest" in offices.inner_text()
    page.get_by_label("Hvem sender til lærlingene i OK Vest").select_option("county")
    page.get_by_role("button", name=re.compile(r"Lagre\W+OK Vest")).click()
    assert page.get_by_text("Avtalen er lagret.").is_visible()
    assert_accessible(page)

    page.goto("/utsending/ny/")
    summary = page.locator("#summary")
    summary.get_by_text("Når 7 på e-post").wait_for()  # O1 too: the county sends there
    page.get_by_role("button", name="Bekreft og send").click()
    page.get_by_text("Levert til e-post- og SMS-tjenesten: 7").wait_for(timeout=20_000)
    assert_accessible(page)

    page.goto("/portal/")
    page.get_by_role("link", name=re.compile("Opplæringskontorene")).click()
    row = page.get_by_role("row").filter(has_text="OK Vest")
    assert "Fylkeskommunen" in row.inner_text()

    page.goto("/svarprosent/")
    chart = page.get_by_role("img", name=re.compile("målet i gjennomføringsplanen: 60 %"))
    assert chart.is_visible()
    assert page.locator("svg .chart-target").count() == 1
    days = page.get_by_role("table", name="Svar per dag, og utsendingene")
    assert "1: Invitasjon" in days.inner_text()
    assert_accessible(page)
    _fits_a_phone(page)


def test_the_lost_link_and_gathering_pages_work_on_a_phone(
    page, live_server, organisations, questionnaires, office_admin, settings
):
    settings.SITE_URL = live_server.url
    small_sample()
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Få lenken din til undersøkelsen på nytt").click()
    page.get_by_label("Mobilnummer eller e-postadresse").fill("hei")
    page.get_by_role("button", name="Send meg lenken").click()
    assert page.get_by_text("verken et mobilnummer").is_visible()
    _fits_a_phone(page)
    page.get_by_label("Mobilnummer eller e-postadresse").fill("dina@example.no")
    page.get_by_role("button", name="Send meg lenken").click()
    assert page.get_by_role("heading", name="Se etter lenken din").is_visible()
    _fits_a_phone(page)

    _log_in(page, office_admin)
    page.goto("/portal/")
    page.get_by_role("link", name=re.compile("Samlinger")).click()
    page.get_by_label("Navn på samlingen").fill("Samling på Voss")
    page.get_by_label("Dag").fill(schedule.today().isoformat())
    page.get_by_role("button", name="Lag siden for samlingen").click()
    code = Gathering.objects.get().code
    assert page.get_by_role("img", name=re.compile(rf"QR-kode til .*\/m\/{code}")).is_visible()
    assert page.get_by_test_id("short-address").inner_text().endswith(f"/m/{code}")
    _fits_a_phone(page)
    page.goto(f"/m/{code}")
    assert page.get_by_role("heading", name="Samling på Voss").is_visible()
    page.get_by_label("Mobilnummer eller e-postadresse").fill("912 34 567")
    page.get_by_role("button", name="Send meg lenken").click()
    assert page.get_by_role("heading", name="Se etter lenken din").is_visible()
    _fits_a_phone(page)
