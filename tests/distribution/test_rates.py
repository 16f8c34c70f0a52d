"""Response rates on the portal and from `manage.py response_rates`: the counts of the
active organisation, and every suppression rule of surveys/disclosure.py in every breakdown
(the group with no value for it among them): a group of 5 or fewer shows no answered count,
the total never stands beside one hidden group, and the hidden groups hold more than 5."""

from __future__ import annotations

import html
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from distribution import rates
from tests.distribution.rates_helpers import a_round, county, groups_along, make, udir
from tests.people import person

pytestmark = pytest.mark.django_db

BREAKDOWNS = list(rates.BREAKDOWNS)


@pytest.fixture
def round_():
    return a_round()


@pytest.fixture
def udir_admin(db):
    return person("udir.statistikk", udir())


def _rows(page: str) -> dict[str, list[str]]:
    """The breakdown table's rows as a user reads them: name -> the cells after it."""
    table = page.split('data-testid="breakdown"', 1)[1].split("</table>", 1)[0]
    table = table.split("</thead>", 1)[1]
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        raw = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in raw]
        found[cells[0]] = cells[1:]
    return found


def _page(client, by: str, **query) -> dict[str, list[str]]:
    response = client.get(reverse("distribution:rates_breakdown", args=[by]), query)
    assert response.status_code == 200
    return _rows(response.content.decode())


def _command(by: str, *args: str) -> dict:
    out = StringIO()
    call_command("response_rates", "--round", "2026", "--by", by, "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def _sizes(round_, by: str, sizes: tuple[int, int, int]) -> list[str]:
    """Groups of `sizes` along `by`, about half of each answered; returns their names."""
    names = []
    for (name, fields), size in zip(groups_along(by), sizes, strict=True):
        make(round_, size, answered=size // 2 + 1, **fields)
        names.append(name)
    return names


@pytest.mark.parametrize("by", BREAKDOWNS)
def test_a_small_group_shows_no_answered_count_nor_does_the_one_beside_it(udir_admin, round_, by):
    """3 in a group: hidden. Alone beside the total it would be the total less the others,
    so the next smallest (8) is hidden too; the large group shows its count."""
    big, mid, small = _sizes(round_, by, (20, 8, 3))
    rows = _page(udir_admin.client, by)
    assert rows[small] == ["3", "3", "skjult", "skjult"]
    assert rows[mid] == ["8", "8", "skjult", "skjult"]
    assert rows[big] == ["20", "20", "11", "55,0\xa0%"]
    assert rows["I alt"] == ["31", "31", "18", "58,1\xa0%"]


@pytest.mark.parametrize("by", BREAKDOWNS)
def test_hidden_groups_together_hold_more_than_five(udir_admin, round_, by):
    """Two groups of 2 and 3 hold 5 between them, not more: the total less the large group
    would say how many of those five answered. The large group is hidden as well."""
    big, small_a, small_b = _sizes(round_, by, (20, 2, 3))
    rows = _page(udir_admin.client, by)
    for name in (big, small_a, small_b):
        assert rows[name][2] == "skjult", name
    assert rows["I alt"][:3] == ["25", "25", "15"]


@pytest.mark.parametrize("by", BREAKDOWNS)
def test_the_command_hides_as_the_page_does_and_its_groups_add_up(round_, by):
    big, mid, small = _sizes(round_, by, (20, 8, 3))
    result = _command(by)
    groups = {group["group"]: group for group in result["groups"]}
    assert groups[small]["answered"] is None
    assert groups[mid]["answered"] is None
    assert groups[big]["answered"] == 11
    assert result["total"] == {"in_sample": 31, "invited": 31, "answered": 18}
    assert sum(group["in_sample"] for group in result["groups"]) == 31


@pytest.mark.parametrize("by", BREAKDOWNS)
def test_the_command_hides_more_until_the_hidden_hold_more_than_five(round_, by):
    _sizes(round_, by, (20, 2, 3))
    result = _command(by)
    assert [group["answered"] for group in result["groups"]] == [None, None, None]
    assert result["total"]["answered"] == 15


def test_a_group_of_six_shows_its_count_and_five_do_not(udir_admin, round_):
    """The limit itself: 5 in the sample is small, 6 is not (the setting's default)."""
    names = _sizes(round_, "trade", (6, 6, 5))
    result = {group["group"]: group["answered"] for group in _command("trade")["groups"]}
    assert result[names[2]] is None
    assert result[names[0]] is None or result[names[1]] is None  # one more beside it
    assert 4 in result.values()


def test_the_limit_is_a_setting(round_, settings):
    names = _sizes(round_, "trade", (20, 8, 7))
    settings.DISCLOSURE_LIMIT = 7
    result = {group["group"]: group["answered"] for group in _command("trade")["groups"]}
    assert result == {names[0]: 11, names[1]: None, names[2]: None}


def test_a_county_sees_its_own_counts_and_an_office_the_counties_of_its_apprentices(
    county_admin, office_admin, round_
):
    office = office_admin.organisation
    make(round_, 12, answered=4, county=county("46"), office=office)
    make(round_, 9, answered=3, county=county("11"), office=office)
    make(round_, 30, answered=30, county=county("11"))
    county_rows = _page(county_admin.client, "county")
    assert list(county_rows) == ["Vestland fylkeskommune", "I alt"]
    office_rows = _page(office_admin.client, "county")
    assert office_rows["Rogaland fylkeskommune"] == ["9", "9", "3", "33,3\xa0%"]
    assert office_rows["I alt"][:3] == ["21", "21", "7"]


def test_a_small_organisations_total_and_curve_are_hidden(office_admin, round_):
    make(round_, 4, answered=2, office=office_admin.organisation)
    page = office_admin.client.get(reverse("distribution:rates")).content.decode()
    assert "skjult" in page
    assert 'data-testid="days"' not in page and "<svg" not in page


def test_the_overview_shows_a_curve_with_its_table_and_the_dispatches(county_admin, round_):
    import datetime

    from distribution import dispatching

    make(round_, 40, answered=10, email="a@example.no")
    day = round_.sending_starts_on + datetime.timedelta(days=2)
    make(round_, 10, answered=7, answered_on=day)
    request = dispatching.Request(county_admin.organisation, round_, "reminder", ("email",))
    dispatching.confirm(request, request_key=dispatching.new_request_key())
    page = county_admin.client.get(reverse("distribution:rates")).content.decode()
    assert '<svg class="chart"' in page and "<figcaption" in page
    days = page.split('data-testid="days"', 1)[1].split("</table>", 1)[0]
    assert re.search(r"<td>7</td><td>17</td>", days)
    assert "Påminnelse" in days
    total = page.split('data-testid="total"', 1)[1].split("</table>", 1)[0]
    assert "34,0" in total  # 17 of 50


def test_thousands_are_grouped(udir_admin, round_):
    make(round_, 1200, answered=700)
    rows = _page(udir_admin.client, "county")
    assert rows["Vestland fylkeskommune"][:3] == ["1\xa0200", "1\xa0200", "700"]


def test_hidden_groups_sort_last_whatever_is_hidden(udir_admin, round_):
    big, mid, small = _sizes(round_, "trade", (20, 8, 3))
    for direction in ("", "synkende"):
        rows = _page(udir_admin.client, "trade", sorter="rate", retning=direction)
        assert list(rows)[:3] == [big, *sorted([mid, small])]


def test_udir_sees_every_county_and_office_with_its_sms_quota_left(udir_admin, round_):
    make(round_, 30, answered=12, county=county("11"))
    page = udir_admin.client.get(reverse("distribution:rates")).content.decode()
    counties = page.split('data-testid="counties"', 1)[1].split("</table>", 1)[0]
    assert "Rogaland fylkeskommune" in counties and "40,0" in counties
    assert re.search(r"Rogaland fylkeskommune</td>(.*?)<td[^>]*>7</td>", counties, re.S)


def test_the_command_refuses_an_unknown_organisation_or_round_in_norwegian(round_):
    with pytest.raises(CommandError, match="Fant ingen fylkeskommune") as refused:
        call_command("response_rates", "--round", "2026", "--org", "123456789", "--json")
    assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="Fant ingen gjennomføring 1999") as refused:
        call_command("response_rates", "--round", "1999", "--json")
    assert refused.value.returncode == 2


def test_the_command_counts_one_organisation_with_org(round_):
    make(round_, 30, answered=12, county=county("11"))
    make(round_, 10, answered=5)
    result = _command("county", "--org", county("46").orgnr)
    assert result == {
        "total": {"in_sample": 10, "invited": 10, "answered": 5},
        "groups": [
            {"group": "Vestland fylkeskommune", "in_sample": 10, "invited": 10, "answered": 5}
        ],
    }
