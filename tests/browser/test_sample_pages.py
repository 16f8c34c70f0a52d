"""A county administrator opens the sample and the quality report in a real Chromium, axe
finds nothing, and the CSV downloads."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import AltinnGrant, Organisation, User
from surveys.models import Item, QuestionnaireVersion, Theme
from surveys.questionnaires.loading import load_shipped
from surveys.sample.importing import import_extract
from tests.browser.harness import PHONE, assert_accessible
from tests.sample_helpers import OFFICE, csv_bytes, open_round, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county_admin(organisations):
    load_shipped(QuestionnaireVersion, Theme, Item)
    office = {"opplaeringskontor_orgnr": OFFICE, "opplaeringskontor_navn": "OK Vest"}
    rows = [
        row(person_id="1", fornavn="Vilde", etternavn="Vestland", **office),
        row(person_id="2", fornavn="Vegard", etternavn="Utennummer", epost="", mobil="22222222"),
        row(person_id="3", fornavn="Aud", etternavn="Avbrutt", avbrudd="J"),
        row(person_id="4", fornavn="Rune", etternavn="Rogaland", kontrakteier="11"),
    ]
    import_extract(csv_bytes(rows), round_=open_round(2026), file_name="x.csv")
    user = User.objects.create_user("kari", pid_hash="k" * 64)
    AltinnGrant.objects.create(user=user, organisation=Organisation.objects.get(county_number="46"))
    return user


def _log_in(page, user) -> None:
    """The session an ID-porten login gives (that flow is tested in test_login_flow)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.goto("/")
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.url,
            }
        ]
    )


def test_a_county_administrator_checks_the_sample_and_downloads_the_quality_report(
    page, county_admin
):
    _log_in(page, county_admin)
    page.goto("/portal/")
    page.get_by_role("link", name="Utvalget fra VIGO").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Utvalget")
    assert page.get_by_role("cell", name="Vilde Vestland").is_visible()
    assert page.get_by_text("Rune").count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="Se kvalitetsrapporten", exact=False).click()
    assert page.get_by_role("cell", name="Vegard Utennummer").is_visible()
    assert page.get_by_role("cell", name="Kontrakten er avbrutt").is_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned som CSV").click()
    download = download_info.value
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert {(line[2], line[3]) for line in lines[1:]} == {
        ("Vegard", "Utennummer"),
        ("Aud", "Avbrutt"),
    }


def test_the_sample_page_works_on_a_phone(page, county_admin):
    page.set_viewport_size(PHONE)
    _log_in(page, county_admin)
    page.goto("/utvalg/")
    assert page.get_by_role("cell", name="Vilde Vestland").is_visible()
    assert_accessible(page)


@pytest.fixture
def long_values_admin(organisations):
    """A sample whose addresses and names are as long as real ones get."""
    load_shipped(QuestionnaireVersion, Theme, Item)
    office = {
        "opplaeringskontor_orgnr": OFFICE,
        "opplaeringskontor_navn": "Opplæringskontoret for elektrofagene i Vestland og omegn",
    }
    rows = [
        row(
            person_id=str(n),
            fornavn="Marie-Kristine Elisabeth",
            etternavn=f"Haugland-Østerbø{n}",
            epost=f"marie.kristine.elisabeth.haugland.osterbo{n}@studentpost.vestlandfylke.no",
            laerebedrift_navn="Fjordkraft Elektroinstallasjon og Automasjon Vestland AS",
            mobil="25777716" if n % 2 else "912 34 567",
            **office,
        )
        for n in range(1, 5)
    ]
    import_extract(csv_bytes(rows), round_=open_round(2026), file_name="x.csv")
    user = User.objects.create_user("kari", pid_hash="k" * 64)
    AltinnGrant.objects.create(user=user, organisation=Organisation.objects.get(county_number="46"))
    return user


def _overflows(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(
        selector, "els => els.map(el => el.scrollWidth > el.clientWidth + 1)"
    )


def test_at_laptop_width_the_sample_and_quality_tables_fit_and_on_a_phone_they_say_they_scroll(
    page, long_values_admin
):
    _log_in(page, long_values_admin)
    page.set_viewport_size({"width": 1280, "height": 800})
    for url in ("/utvalg/", "/utvalg/kvalitet/"):
        page.goto(url)
        overflowing = _overflows(page, ".table-wrap:has(.sample-table)")
        assert overflowing and not any(overflowing), (url, overflowing)
        assert not page.get_by_text("rull sideveis", exact=False).first.is_visible()
    page.set_viewport_size(PHONE)
    for url in ("/utvalg/", "/utvalg/kvalitet/"):
        page.goto(url)
        assert page.get_by_text("rull sideveis", exact=False).first.is_visible(), url


def test_the_sample_search_form_finds_a_person_and_passes_axe(page, county_admin):
    _log_in(page, county_admin)
    page.goto("/utvalg/")
    page.get_by_label("Søk etter navn, fag eller lærebedrift").fill("vilde")
    page.get_by_label("Tilknytning").select_option("kontor")
    page.get_by_role("search").get_by_role("button", name="Søk").click()
    assert page.get_by_role("cell", name="Vilde Vestland").is_visible()
    assert page.get_by_role("cell", name="Vegard Utennummer").count() == 0
    assert page.get_by_text("1 treff").is_visible()
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
