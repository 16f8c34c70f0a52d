"""Logging in through the simulator in a real Chromium: the whole code flow, switching
organisation, logging out of both the application and ID-porten, axe on every page."""

import pytest

from accounts import demo
from tests.browser.harness import assert_accessible
from tests.login_helpers import demo_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(page, name: str):
    page.goto("/logg-inn/")
    assert_accessible(page)
    page.get_by_role("button", name="Logg inn med ID-porten").click()
    page.get_by_label(name, exact=False).check()
    page.get_by_role("button", name="Logg inn").click()


def test_a_person_logs_in_switches_organisation_and_logs_out(page, simulator, settings):
    demo.build(settings.DEMO_SEED, lambda message: None)
    county, office = demo_person("Ola Kontor").rights
    _log_in(page, "Ola Kontor")

    assert page.url.endswith("/portal/")
    options = page.get_by_label("Organisasjon", exact=True).locator("option").all_inner_texts()
    assert sorted(options) == sorted([county.name, office.name])
    assert page.get_by_role("heading", level=1).inner_text() == county.name
    assert_accessible(page)

    page.get_by_label("Organisasjon", exact=True).select_option(label=office.name)
    page.get_by_role("button", name="Bytt").click()
    assert page.get_by_role("heading", level=1).inner_text() == office.name
    assert page.get_by_role("status").inner_text().strip() == f"Du handler nå for {office.name}."
    assert_accessible(page)

    page.get_by_role("button", name="Logg ut").click()
    assert page.get_by_role("link", name="Logg inn").is_visible()
    assert page.goto("/portal/").url.split("?")[0].endswith("/logg-inn/")
    # ID-porten's session ended too: a new login asks who you are again.
    page.get_by_role("button", name="Logg inn med ID-porten").click()
    assert page.get_by_role("heading", name="ID-porten (simulator)").is_visible()


def test_a_person_without_a_grant_sees_how_to_get_access(page, simulator, settings):
    demo.build(settings.DEMO_SEED, lambda message: None)
    _log_in(page, "Nora Ingen")
    assert page.url.endswith("/ingen-tilgang/")
    assert page.get_by_role("heading", level=1).inner_text() == "Du har ikke tilgang ennå"
    assert_accessible(page)
