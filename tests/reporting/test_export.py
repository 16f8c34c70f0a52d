"""`manage.py export_results`: every table the organisation sees, in long form, with the
same figures and the same hidden cells as the pages."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.distribution.rates_helpers import county
from tests.reporting.helpers import publish, stored_round
from tests.reporting.test_pages import _a_county_with_companies, _rows

pytestmark = pytest.mark.django_db


def _export(tmp_path, *args) -> list[dict]:
    out = tmp_path / "results.csv"
    call_command(
        "export_results", "--round", "2026", "--format", "csv", "--output", str(out), *args
    )
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "table,group,measure,n,value,hidden"
    return list(csv.DictReader(text.splitlines()))


def test_the_file_holds_the_figures_and_the_hidden_cells_the_breakdown_page_shows(
    tmp_path, county_admin
):
    round_ = stored_round()
    o = _a_county_with_companies(round_)
    publish(round_)
    vestland = county("46")
    rows = _export(tmp_path, "--org", vestland.orgnr)
    page = county_admin.client.get(reverse("reporting:breakdown", args=["company"])).text
    shown = _rows(page, "breakdown")
    themes = page.split('data-testid="breakdown"', 1)[1].split("</thead>", 1)[0]
    import re

    titles = re.findall(r'<th scope="col">(.*?)</th>', themes)[1:]
    keys = [row["measure"] for row in rows if row["table"] == "overview"]
    theme_measures = [m for m in keys if m.startswith(("index:", "bullying_share:"))]
    assert len(theme_measures) == len(titles)
    by_company = {
        (row["group"], row["measure"]): row for row in rows if row["table"] == "by_company"
    }
    for group, cells in shown.items():
        name = "total" if group == "I alt" else group
        for measure, on_page in zip(theme_measures, cells, strict=True):
            row = by_company[(name, measure)]
            if "skjult" in on_page:
                assert row["hidden"] == "true" and row["n"] == "" and row["value"] == ""
            else:
                assert row["hidden"] == "false"
                value = float(row["value"])
                page_value = float(on_page.replace("\xa0%", "").replace(",", "."))
                assert round(value, 2 if "index" in measure else 0) == page_value, (group, measure)
    assert by_company[(o["company_3"].name, "index:motivation")]["hidden"] == "true"
    assert by_company[("Små grupper samlet", "index:motivation")]["hidden"] == "true"
    tables = {row["table"] for row in rows}
    assert tables == {
        "overview",
        "by_trade",
        "by_office",
        "by_company",
        "by_contract_type",
        "country",
    }
    assert not any("Rogaland" in row["group"] for row in rows)


def test_the_groups_of_each_table_add_up_to_its_total(tmp_path):
    round_ = stored_round()
    _a_county_with_companies(round_)
    publish(round_)
    rows = _export(tmp_path)
    county_n = [
        int(row["n"])
        for row in rows
        if row["table"] == "by_county"
        and row["measure"] == "index:motivation"
        and row["group"] != "total"
    ]
    total = next(
        row
        for row in rows
        if row["table"] == "by_county"
        and row["group"] == "total"
        and row["measure"] == "index:motivation"
    )
    assert sum(county_n) == int(total["n"]) == 94
    shares = [
        row
        for row in rows
        if row["table"] == "overview" and row["measure"].startswith("share:motivation-likes-trade:")
    ]
    assert len(shares) == 5 and abs(sum(float(row["value"]) for row in shares) - 100) < 0.01
    assert all("," not in row["value"] for row in rows)


def test_an_unknown_organisation_or_an_uncomputed_round_writes_nothing(tmp_path):
    stored_round()
    out = tmp_path / "x.csv"
    with pytest.raises(CommandError, match="ikke beregnet ennå") as refused:
        call_command("export_results", "--round", "2026", "--format", "csv", "--output", str(out))
    assert refused.value.returncode == 2 and not out.exists()
    with pytest.raises(CommandError, match="Fant ingen fylkeskommune"):
        call_command(
            "export_results",
            "--round",
            "2026",
            "--org",
            "123456789",
            "--format",
            "csv",
            "--output",
            str(out),
        )
    assert not out.exists()


def test_last_year_is_a_table_of_its_own_and_an_unpublished_round_is_udirs_preview(tmp_path):
    earlier = stored_round(2025)
    _a_county_with_companies(earlier)
    publish(earlier)
    newest = stored_round(2026, published=False)
    _a_county_with_companies(newest)
    publish(newest)
    rows = _export(tmp_path, "--org", county("46").orgnr)
    tables = {row["table"] for row in rows}
    assert "last_year" in tables and "country" in tables
    last = [
        row for row in rows if row["table"] == "last_year" and row["measure"] == "index:motivation"
    ]
    assert last[0]["group"] == "total" and last[0]["n"] == "54"
