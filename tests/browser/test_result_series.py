"""Results over time in a real Chromium: a county administrator reads its series across
the 2020 questionnaire change, where the break is said in words in the chart and in the
table, not by colour; a person with grants for Akershus and the former Viken switches
between them in the header and each shows only its own years. axe finds no WCAG 2.1 A/AA
violation on the series pages, and a phone's width (360 px) scrolls no page sideways."""

import re

import pytest

from accounts.models import AltinnGrant
from tests.browser.harness import PHONE, assert_accessible
from tests.browser.test_rates import _fits_a_phone, _log_in
from tests.distribution.rates_helpers import county
from tests.people import person
from tests.reporting.helpers import publish, respond, stored_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREAK_2020 = "Nytt spørreskjema 2020"


def _rows(page, table) -> dict[str, list[str]]:
    """The table as a reader sees it: each year's row header and its cells' text."""
    rows = {}
    for row in table.locator("tbody tr").all():
        header = row.locator("th").inner_text().strip()
        rows[header] = [cell.inner_text().strip() for cell in row.locator("td").all()]
    return rows


def _years(rows) -> list[str]:
    return [header[:4] for header in rows]


def _table_is_readable_on_a_phone(page, table) -> None:
    """At 360 px the whole table is within the screen (no column cut off or scrolled out of
    sight) and its text is no smaller than 12 px."""
    page.set_viewport_size(PHONE)
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    size = table.locator("tbody td").first.evaluate("cell => getComputedStyle(cell).fontSize")
    assert float(size.removesuffix("px")) >= 12, size
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_county_reads_its_series_across_the_2020_change(
    page, live_server, organisations, questionnaires
):
    rogaland = county("11")  # a county that the 2020 reform left as it was
    for year, value in ((2018, 4), (2019, 4), (2020, 3), (2021, 3)):
        round_ = stored_round(year)
        respond(round_, 30, value, county=rogaland)
        respond(round_, 40, 2)
        publish(round_)
    _log_in(page, person("fylke.rogaland", rogaland))
    page.goto("/resultater/")
    page.get_by_role("link", name="Resultater over tid").first.click()

    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Resultater over tid – Rogaland fylkeskommune"
    # Motivation's questions changed in 2020: the chart says so in words at the break, and
    # the table's 2020 row does too.
    chart = page.get_by_role("img", name="Motivasjon", exact=True)
    assert chart.is_visible()
    assert BREAK_2020 in chart.text_content()
    motivation = page.get_by_role("table", name="Motivasjon: tallene i diagrammet")
    rows = _rows(page, motivation)
    assert _years(rows) == ["2018", "2019", "2020", "2021"]
    assert f"2020 ({BREAK_2020})" in rows
    assert rows["2019"][0] == "4,00" and rows[f"2020 ({BREAK_2020})"][0] == "3,00"
    # Guidance asks the same questions in both versions: one line, no break to read.
    guidance = page.get_by_role("table", name="Faglig veiledning: tallene i diagrammet")
    assert _years(_rows(page, guidance)) == ["2018", "2019", "2020", "2021"]
    assert BREAK_2020 not in guidance.inner_text()
    assert BREAK_2020 not in page.get_by_role("img", name="Faglig veiledning").text_content()
    assert_accessible(page)
    _fits_a_phone(page)
    _table_is_readable_on_a_phone(page, motivation)

    page.get_by_role("link", name="Motivasjon", exact=True).click()
    assert page.url.endswith("/resultater/over-tid/motivation/")
    kept = page.get_by_role("table", name=re.compile("^Jeg trives med faget"))
    assert _years(_rows(page, kept)) == ["2018", "2019", "2020", "2021"]
    assert BREAK_2020 not in kept.inner_text()  # the same question, on across 2020
    new = page.get_by_role("table", name=re.compile("^Jeg ønsker å jobbe i faget"))
    assert _years(_rows(page, new)) == ["2020", "2021"]  # asked first in 2020
    assert_accessible(page)
    _fits_a_phone(page)
    _table_is_readable_on_a_phone(page, kept)


def _switch_to(page, option: str) -> None:
    page.get_by_label("Organisasjon", exact=True).select_option(label=option)
    page.get_by_role("button", name="Bytt", exact=True).click()


def test_akershus_and_the_former_viken_each_show_their_own_years_after_a_switch(
    page, live_server, organisations, questionnaires
):
    viken, akershus = county("30"), county("32")
    for year in (2020, 2021, 2022, 2023, 2024, 2025):
        round_ = stored_round(year)
        if year <= 2023:
            respond(round_, 30, 4, county=viken)
        else:
            respond(round_, 30, 2, county=akershus)
        respond(round_, 40, 3)
        publish(round_)
    per = person("per.tidligere", akershus)
    AltinnGrant.objects.create(user=per.user, organisation=viken)
    _log_in(page, per)
    page.goto("/resultater/over-tid/")

    def own_years(name: str) -> dict[str, str]:
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == f"Resultater over tid – {name}"
        table = page.get_by_role("table", name="Motivasjon: tallene i diagrammet")
        return {header[:4]: cells[0] for header, cells in _rows(page, table).items()}

    assert own_years("Akershus fylkeskommune") == {"2024": "2,00", "2025": "2,00"}
    history = page.get_by_test_id("history")
    assert "Viken fylkeskommune kom før" in history.inner_text()
    assert_accessible(page)

    _switch_to(page, "Viken fylkeskommune (tidligere)")
    assert page.url.endswith("/resultater/over-tid/")
    assert own_years("Viken fylkeskommune") == {y: "4,00" for y in ("2020", "2021", "2022", "2023")}
    assert "Akershus fylkeskommune kom etter" in page.get_by_test_id("history").inner_text()
    assert_accessible(page)
    _fits_a_phone(page)

    _switch_to(page, "Akershus fylkeskommune")
    assert own_years("Akershus fylkeskommune") == {"2024": "2,00", "2025": "2,00"}
