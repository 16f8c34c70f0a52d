"""The results pages as a county, an office and Udir read them: published on the
publication date and only once stored and computed, Udir's preview said on every page, the
figures against the country, a breakdown with its dot and "small groups together", and
never another county's results."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from reporting import publication
from tests.distribution.rates_helpers import county, udir
from tests.people import person
from tests.reporting.helpers import orgs, publish, respond, stored_round

pytestmark = pytest.mark.django_db

ELE = {"trade_code": "ELELE3", "programme": "EL", "contract_type": "apprentice"}


def _rows(page: str, testid: str) -> dict[str, list[str]]:
    table = page.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    table = table.split("</thead>", 1)[1]
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        raw = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in raw]
        found[cells[0]] = cells[1:]
    return found


def _a_county_with_companies(round_):
    o = orgs()
    respond(round_, 30, 4, company=o["company"], **ELE)
    respond(round_, 12, 5, company=o["company_2"], **ELE)
    respond(round_, 3, 2, company=o["company_3"], **ELE)
    respond(round_, 9, 3, company=None, other_company=True, **ELE)
    respond(round_, 40, 3, county=county("11"), **ELE)
    return o


@pytest.fixture
def udir_admin(db):
    return person("udir.statistikk", udir())


def test_the_overview_shows_each_theme_against_the_country(county_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    page = county_admin.client.get(reverse("reporting:overview")).content.decode()
    rows = _rows(page, "themes")
    vestland = (30 * 4 + 12 * 5 + 3 * 2 + 9 * 3) / 54
    country = (vestland * 54 + 40 * 3) / 94
    assert rows["Motivasjon"][:2] == [f"{vestland:.2f}".replace(".", ","), "54"]
    assert rows["Motivasjon"][2:] == [f"{country:.2f}".replace(".", ","), "94"]
    assert 'data-testid="preview"' not in page


def test_a_breakdown_shows_a_dot_for_a_hidden_group_and_small_groups_together(county_admin):
    round_ = stored_round()
    o = _a_county_with_companies(round_)
    publish(round_)
    url = reverse("reporting:breakdown", args=["company"])
    page = county_admin.client.get(url).content.decode()
    rows = _rows(page, "breakdown")
    assert rows[o["company"].name][0] == "4,00"
    assert rows[o["company_3"].name][0] == "•skjult, se forklaringen"
    assert rows["Små grupper samlet"][0] == "•skjult, se forklaringen"  # 9, next smallest
    assert rows[o["company_2"].name][0] == "5,00"
    assert "0,00" not in page
    assert 'id="om-skjulte"' in page and "5 eller færre har svart" in page
    assert list(rows)[-2] == "Små grupper samlet"


def test_a_county_never_sees_another_countys_results(county_admin, other_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    rogaland = county("11")
    for url in (reverse("reporting:overview"), reverse("reporting:breakdown", args=["company"])):
        assert county_admin.client.get(url, {"org": rogaland.orgnr}).status_code == 404
    page = other_admin.client.get(reverse("reporting:breakdown", args=["company"])).text
    assert "Bedrift En" not in page and "Rogaland" in page


def test_results_wait_for_the_publication_date_and_udir_previews_them(county_admin, udir_admin):
    round_ = stored_round(published=False)
    _a_county_with_companies(round_)
    publish(round_)
    page = county_admin.client.get(reverse("reporting:overview")).text
    assert 'data-testid="no-results"' in page and "Motivasjon" not in page
    vestland = county("46")
    for url in (
        reverse("reporting:overview"),
        reverse("reporting:breakdown", args=["company"]),
        reverse("reporting:theme", args=["motivation"]),
    ):
        page = udir_admin.client.get(url, {"org": vestland.orgnr}).text
        assert 'data-testid="preview"' in page, url
        assert "Forhåndsvisning: resultatene er ikke publisert" in page


def test_results_wait_until_they_are_computed(county_admin, udir_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    page = county_admin.client.get(reverse("reporting:overview")).text
    assert 'data-testid="no-results"' in page
    assert 'data-testid="no-results"' in udir_admin.client.get(reverse("reporting:overview")).text
    publication.publish_due()
    assert "Motivasjon" in county_admin.client.get(reverse("reporting:overview")).text


def test_nothing_is_published_before_the_responses_are_stored(county_admin):
    from surveys.models import Round

    round_ = stored_round()
    Round.objects.filter(year=round_.year).update(responses_stored_on=None)
    round_.refresh_from_db()
    with pytest.raises(publication.NotStored):
        publication.publish(round_)
    assert publication.publish_due() == 0


def test_udir_sees_every_county_against_the_country(udir_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    page = udir_admin.client.get(reverse("reporting:overview")).text
    counties = _rows(page, "counties")
    assert counties["Rogaland fylkeskommune"][0] == "3,00"
    assert "Vestland fylkeskommune" in counties
    assert "I alt" in counties
    vestland = county("46")
    assert f'org={vestland.orgnr}">Vestland fylkeskommune</a>' in page
    page = udir_admin.client.get(reverse("reporting:overview"), {"org": vestland.orgnr}).text
    assert "Resultater – Vestland fylkeskommune" in page


def test_a_theme_shows_each_items_distribution_and_share_agreeing(county_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    page = county_admin.client.get(reverse("reporting:theme", args=["motivation"])).text
    rows = _rows(page, "item-motivation-likes-trade")
    # Vestland: 30 at 4, 12 at 5, 3 at 2, 9 at 3 of 54; agree (4-5): 42 of 54.
    assert rows["Vestland fylkeskommune"][:2] == ["54", f"{100 * 42 / 54:.0f}\xa0%"]
    assert rows["Vestland fylkeskommune"][2:] == [
        "0\xa0%",
        "6\xa0%",
        "17\xa0%",
        "56\xa0%",
        "22\xa0%",
    ]
    assert rows["Hele landet"][0] == "94"


def test_the_bullying_theme_is_a_share_not_a_mean(county_admin):
    round_ = stored_round()
    o = orgs()
    respond(round_, 20, 1, answers={"bullying-how-often": 4}, company=o["company"], **ELE)
    respond(round_, 30, 1, company=o["company_2"], **ELE)
    respond(round_, 30, 1, county=county("11"), **ELE)
    publish(round_)
    rows = _rows(county_admin.client.get(reverse("reporting:overview")).text, "themes")
    bullying = next(name for name in rows if name.startswith("Mobbing"))
    assert rows[bullying][:2] == ["40\xa0%", "50"]  # 20 of 50 weekly or more
    assert rows[bullying][2:] == ["25\xa0%", "80"]


def test_the_pages_speak_nynorsk_and_english(county_admin):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    for language, word in (("nn", "Resultat"), ("en", "Results")):
        county_admin.client.cookies["django_language"] = language
        page = county_admin.client.get(reverse("reporting:breakdown", args=["company"])).text
        assert word in page
        assert "Små grupper samlet" not in page


def test_the_supervisor_survey_is_read_the_same_way(county_admin):
    from tests.reporting.helpers import items

    round_ = stored_round(survey="supervisor")
    o = orgs()
    respond(round_, 20, 4, company=o["company"], **ELE)
    respond(round_, 3, 2, company=o["company_2"], **ELE)
    respond(round_, 15, 3, company=o["company_3"], **ELE)
    publish(round_)
    first = round_.questionnaire.themes.order_by("order").first()
    assert items(round_)
    page = county_admin.client.get(
        reverse("reporting:breakdown", args=["company"]), {"runde": "2026-supervisor"}
    ).text
    rows = _rows(page, "breakdown")
    # Agreement items at 4 and yes/no items at "yes" (5 on the 1-5 scale): above 4.
    assert rows[o["company"].name][0] == "4,33"
    assert rows[o["company_2"].name][0] == "•skjult, se forklaringen"
    assert first.title_nb in page


def test_an_office_reads_the_newest_round_that_has_its_figures(office_admin):
    from surveys.models import Round

    earlier = stored_round(2025)
    respond(earlier, 20, office=office_admin.organisation, **ELE)
    respond(earlier, 30, **ELE)
    publish(earlier)
    newest = stored_round(2026)
    respond(newest, 30, **ELE)  # none of the office's: all generalised, say
    publish(newest)
    assert Round.objects.filter(publication__isnull=False).count() == 2
    page = office_admin.client.get(reverse("reporting:overview")).text
    assert 'value="2025-apprentice" selected' in page
    page = office_admin.client.get(reverse("reporting:overview"), {"runde": "2026-apprentice"}).text
    assert 'data-testid="no-own"' in page and "ingen egne resultater" in page
