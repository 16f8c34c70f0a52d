"""Udir edits a message template in the admin and sees it as the channel shows it; a county
plans a dispatch, sends itself a test, moves it, cancels it and plans it again. In a real
Chromium with a real worker, axe on every page."""

import datetime
import re

import pytest

from distribution.models import Dispatch, MessageTemplate, State
from surveys.rounds import schedule
from tests.browser.harness import assert_accessible
from tests.browser.test_dispatch import _log_in
from tests.distribution.sending_helpers import small_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_udir_edits_a_template_and_previews_it(admin_page, organisations, questionnaires):
    page = admin_page
    page.goto("/admin/distribution/messagetemplate/add/?channel=sms&purpose=invitation")
    body = page.locator("textarea[name=body]")
    assert "{lenke}" in body.input_value()  # starts from the shipped text
    assert_accessible(page)
    body.fill("Hei! {avsender} ber deg svare på {undersokelse} innen {siste_dag}: {lenke}")
    page.locator("input[name=_continue]").click()
    preview = page.get_by_test_id("template-preview")
    preview.wait_for()
    assert "Hei! Vestland fylkeskommune ber deg svare på Lærlingundersøkelsen" in (
        preview.inner_text()
    )
    assert "(GSM-7): 1 SMS-segment" in page.get_by_test_id("sms-segments").inner_text()
    assert_accessible(page)
    # An emoji makes it UCS-2, and the preview says so.
    page.locator("textarea[name=body]").fill(
        "Hei 🙂 {avsender} ber deg svare på {undersokelse} innen {siste_dag}: {lenke}"
    )
    page.locator("input[name=_continue]").click()
    page.get_by_test_id("sms-segments").get_by_text(re.compile(r"\(UCS-2\): 2")).wait_for()
    # A template without the link is refused with the reason, and the saved one stays.
    page.locator("textarea[name=body]").fill("Svar innen {siste_dag}.")
    page.locator("input[name=_continue]").click()
    page.get_by_text("Teksten må ha den personlige lenken").wait_for()
    assert_accessible(page)
    assert "{lenke}" in MessageTemplate.objects.get().body


def _tomorrow_at(hour: int) -> str:
    day = schedule.today() + datetime.timedelta(days=1)
    return f"{day.isoformat()}T{hour:02d}:00"


def test_a_county_plans_a_dispatch_tests_it_cancels_it_and_plans_it_again(
    page, live_server, organisations, questionnaires, county_admin, worker, settings
):
    settings.SITE_URL = live_server.url
    small_sample()
    _log_in(page, county_admin)
    page.goto("/utsending/ny/")
    page.get_by_label("SMS").check()
    page.locator("#summary").get_by_text("Når 2 på SMS").wait_for()
    page.get_by_label("Egen hilsen i e-posten").fill("Hilsen fra Vestland")
    page.get_by_label("Planlagt tidspunkt").fill(_tomorrow_at(9))
    assert_accessible(page)
    page.get_by_role("button", name="Bekreft og send").click()
    page.get_by_text("Utsendingen er planlagt.").wait_for()
    assert "Planlagt til" in page.locator("#dispatch-state").inner_text()
    assert_accessible(page)

    # A test to the administrator's own address and number: nothing counted.
    page.get_by_label("Din e-postadresse").fill("meg@vlfk.no")
    page.get_by_label("Ditt mobilnummer").fill("913 00 000")
    page.get_by_role("button", name="Send testmelding").click()
    page.get_by_text("Testmeldingen er sendt til deg").wait_for()
    dispatch_url = page.url
    page.goto("/utboks/")
    page.get_by_text("meg@vlfk.no").first.wait_for(timeout=20_000)
    page.get_by_text("+4791300000").first.wait_for(timeout=20_000)
    assert "[Test]" in page.content()
    page.goto("/utsending/")
    assert "6 av 7 SMS-utsendinger igjen" in page.get_by_test_id("quota").first.inner_text()

    # Moved, then cancelled: the quota comes back.
    page.goto(dispatch_url)
    page.get_by_label("Planlagt tidspunkt").fill(_tomorrow_at(11))
    page.get_by_role("button", name="Lagre endringen").click()
    page.get_by_text("Utsendingen er endret.").wait_for()
    assert "11.00" in page.locator("#dispatch-state").inner_text()
    page.get_by_role("button", name="Avlys utsendingen").click()
    page.get_by_text("Utsendingen er avlyst. SMS-kvoten er gitt tilbake.").wait_for()
    assert_accessible(page)
    page.goto("/utsending/")
    assert "7 av 7 SMS-utsendinger igjen" in page.get_by_test_id("quota").first.inner_text()

    # Planned again.
    page.goto("/utsending/ny/")
    page.get_by_label("SMS").check()
    page.locator("#summary").get_by_text("Når 2 på SMS").wait_for()
    page.get_by_label("Planlagt tidspunkt").fill(_tomorrow_at(10))
    page.get_by_role("button", name="Bekreft og send").click()
    page.get_by_text("Utsendingen er planlagt.").wait_for()
    page.goto("/utsending/")
    rows = page.get_by_role("row")
    assert rows.count() == 3
    assert "Avlyst" in rows.nth(2).inner_text() and "Planlagt" in rows.nth(1).inner_text()
    assert_accessible(page)
    assert sorted(Dispatch.objects.values_list("state", flat=True)) == [
        State.CANCELLED,
        State.SCHEDULED,
    ]
    assert not Dispatch.objects.get(state=State.SCHEDULED).messages.exists()
