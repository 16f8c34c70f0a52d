"""Results over time: a break at each questionnaire change, a hidden year as a gap (no line
through it, the table says hidden), each organisation only its own years, and scoping."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reporting import series
from tests.distribution.rates_helpers import county
from tests.reporting.helpers import publish, respond, stored_round

pytestmark = pytest.mark.django_db


def _years(*years, small=()):
    for year in years:
        round_ = stored_round(year)
        respond(round_, 3 if year in small else 30, 4)
        respond(round_, 40, 3, county=county("11"))
        publish(round_)


def test_the_series_breaks_where_the_questionnaire_changed(other_admin):
    # Rogaland, which the 2020 reform left as it was: its series runs across 2020 (Vestland's
    # begins there, and would show no break at all).
    from surveys.models import Round

    _years(2018, 2019, 2020, 2021)
    found = series.themes(other_admin.organisation, other_admin.organisation)
    versions = {r.year: r.questionnaire_id for r in Round.objects.filter(survey="apprentice")}
    assert versions[2018] == versions[2019] != versions[2020] == versions[2021]
    assert found and all([p.year for p in s.points] == [2018, 2019, 2020, 2021] for s in found)
    for s in found:
        for point in s.points:
            if point.breaks:
                assert versions[point.year] != versions[point.year - 1] or point.year == 2018
    assert any(p.breaks for s in found for p in s.points)
    page = other_admin.client.get(reverse("reporting:series")).content.decode()
    assert 'role="img"' in page
    assert 'data-break="2020"' in page and "Nytt spørreskjema 2020" in page


def test_a_hidden_year_is_a_gap_without_a_line_through_it(county_admin):
    _years(2021, 2022, 2023, small=(2022,))
    page = county_admin.client.get(reverse("reporting:series")).content.decode()
    assert 'data-gap="own"' in page
    assert "skjult, se forklaringen" in page
    chart = page.split("<svg", 2)[1]
    gap_x = float(re.search(r'data-gap="own" cx="([\d.]+)"', chart).group(1))
    for points in re.findall(r'data-line="own" points="([^"]+)"', chart):
        xs = [float(p.split(",")[0]) for p in points.split()]
        assert not (min(xs) < gap_x < max(xs)), "a line is drawn through the hidden year"


def test_a_county_cannot_read_another_countys_series(county_admin):
    _years(2025)
    response = county_admin.client.get(reverse("reporting:series") + "?org=999999999")
    assert response.status_code == 404


def _table_years(page: str, key: str) -> dict[str, list[str]]:
    table = page.split(f'data-testid="series-{key}"', 1)[1].split("</table>", 1)[0]
    table = table.split("</tbody>", 1)[0].split("<tbody>", 1)[1]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        rows[cells[0][:4]] = cells[1:]
    return rows


def test_akershus_and_viken_each_show_only_their_own_years(db):
    from tests.people import person

    viken, akershus = county("30"), county("32")
    for year, owner in ((2022, viken), (2023, viken), (2024, akershus), (2025, akershus)):
        round_ = stored_round(year)
        respond(round_, 30, 4 if owner == viken else 2, county=owner)
        publish(round_)
    viken_page = person("v", viken).client.get(reverse("reporting:series")).content.decode()
    akershus_page = person("a", akershus).client.get(reverse("reporting:series")).content.decode()
    key = "motivasjon"
    if f'data-testid="series-{key}"' not in akershus_page:
        key = re.search(r'data-testid="series-([\w-]+)"', akershus_page).group(1)
    own_viken = {y: row[0] for y, row in _table_years(viken_page, key).items()}
    own_akershus = {y: row[0] for y, row in _table_years(akershus_page, key).items()}
    assert own_viken["2022"] == "4,00" and own_viken["2023"] == "4,00"
    assert "2024" not in own_viken and "2025" not in own_viken
    assert "2022" not in own_akershus and "2023" not in own_akershus
    assert own_akershus["2024"] == "2,00"
    assert "Viken fylkeskommune kom før" in akershus_page
    assert "Akershus fylkeskommune kom etter" in viken_page


def _older_round(year: int):
    """A round from before the system's first year (create_rounds starts at 2018), as
    results held from the old survey would be: on the oldest shipped version, stored and
    published like the others."""
    import datetime

    from surveys.models import QuestionnaireVersion, Round
    from surveys.rounds import schedule

    oldest = QuestionnaireVersion.objects.filter(survey="apprentice").order_by("year").first()
    today = schedule.today()
    return Round.objects.create(
        survey="apprentice",
        year=year,
        questionnaire=oldest,
        **{
            **schedule.default_dates(year),
            "last_answer_day": today - datetime.timedelta(days=1),
            "publication_date": today,
        },
        responses_stored_on=today,
    )


def _shipped_theme_keys() -> dict[int, dict[str, frozenset]]:
    """Per shipped apprentice version (by year), each theme's set of comparability keys, as
    migration 0002 loaded them into the database."""
    from surveys.models import Item

    found: dict[int, dict[str, set]] = {}
    for year, theme, key in Item.objects.filter(theme__version__survey="apprentice").values_list(
        "theme__version__year", "theme__key", "comparability_key"
    ):
        found.setdefault(year, {}).setdefault(theme, set()).add(key)
    return {year: {t: frozenset(k) for t, k in themes.items()} for year, themes in found.items()}


def test_on_the_shipped_questionnaires_2018_and_2020_break_and_comparable_themes_continue(db):
    from accounts.counties import DIRECTORATE
    from accounts.models import Organisation
    from tests.people import person

    shipped = _shipped_theme_keys()
    assert sorted(shipped) == [2018, 2020]
    changed = {t for t in shipped[2020] if shipped[2020][t] != shipped[2018].get(t)}
    comparable = set(shipped[2020]) - changed
    # The shipped questions: some themes changed in 2020, some did not.
    assert {"motivation", "bullying", "school"} <= changed
    assert {"guidance", "participation", "physical", "overall"} <= comparable
    for year in (2017, 2018, 2019, 2020, 2021):
        round_ = _older_round(year) if year < 2018 else stored_round(year)
        respond(round_, 30, 4)
        publish(round_)
    udir = Organisation.objects.get(orgnr=DIRECTORATE[0])

    found = {s.key: s for s in series.themes(udir, None)}
    assert set(found) == set(shipped[2020])
    for key, theme in found.items():
        breaks = {p.year: p.breaks for p in theme.points}
        assert list(breaks) == [2017, 2018, 2019, 2020, 2021], key
        assert breaks[2018], f"{key} runs on across 2018 on the same questionnaire"
        assert not breaks[2019] and not breaks[2021], key
        assert breaks[2020] == (key in changed), key

    motivation = {s.key: s for s in series.items(udir, None, "motivation")}
    kept, new = motivation["motivation-likes-trade"], motivation["motivation-work-in-trade"]
    assert [(p.year, p.breaks) for p in kept.points] == [
        (2017, False),
        (2018, True),
        (2019, False),
        (2020, False),
        (2021, False),
    ]
    assert [p.year for p in new.points] == [2020, 2021]  # asked first in 2020

    page = person("udir", udir).client.get(reverse("reporting:series")).content.decode()
    for key in found:
        table = page.split(f'data-testid="series-{key}"', 1)[1].split("</table>", 1)[0]
        assert "Nytt spørreskjema 2018" in table, key
        assert ("Nytt spørreskjema 2020" in table) == (key in changed), key


def _count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the session's first request writes it; count a reader's request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_series_pages_queries_do_not_grow_with_the_years(county_admin):
    from accounts.counties import DIRECTORATE
    from accounts.models import Organisation
    from tests.people import person

    udir = person("udir", Organisation.objects.get(orgnr=DIRECTORATE[0])).client
    pages = [
        (udir, reverse("reporting:series")),
        (udir, reverse("reporting:series_theme", args=["motivation"])),
        (county_admin.client, reverse("reporting:series")),
        (county_admin.client, reverse("reporting:series_theme", args=["training"])),
    ]
    _years(2020, 2021)
    few = [_count_queries(client, url) for client, url in pages]
    _years(2018, 2019, 2022, 2023, 2024, 2025)
    many = [_count_queries(client, url) for client, url in pages]
    assert many == few
