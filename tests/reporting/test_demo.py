"""The demo's results: rounds from 2019 on, each on its year's county structure, with the
questionnaire change of 2020, stored through the same generalising step as a real round
and published, with hidden cells and "small groups together"."""

from __future__ import annotations

import pytest

from accounts import demo as accounts_demo
from reporting import demo
from reporting.models import Cell, Publication
from surveys.models import Response
from tests.reporting.helpers import respond, stored_round

pytestmark = pytest.mark.django_db


def test_the_demo_has_results_from_2019_on_the_counties_of_each_year(monkeypatch):
    accounts_demo.build(2026, lambda line: None)
    monkeypatch.setattr(demo, "ANSWERS", 900)
    round_ = stored_round(2025, published=True)
    respond(round_, 40)
    demo.build(2026, lambda line: None)

    years = sorted(
        Publication.objects.filter(round__survey="apprentice").values_list("round__year", flat=True)
    )
    assert years == list(range(2019, 2026))
    counties = {
        year: Cell.objects.filter(
            publication__round__year=year,
            publication__round__survey="apprentice",
            scope=None,
            by="county",
            item=None,
            theme__key="motivation",
        )
        .exclude(group="*")
        .count()
        for year in (2019, 2020, 2023, 2024)
    }
    assert counties == {2019: 18, 2020: 11, 2023: 11, 2024: 15}
    versions = dict(Publication.objects.values_list("round__year", "round__questionnaire__year"))
    assert versions[2019] == 2018 and versions[2020] == 2020
    assert Response.objects.filter(round__year=2021, other_company=True).exists()  # generalised
    hidden = Cell.objects.filter(publication__round__year=2021, hidden=True)
    shown = Cell.objects.filter(publication__round__year=2021, hidden=False, scope__kind="county")
    assert hidden.exists() and shown.exists()
    national = [
        Cell.objects.get(
            publication__round__year=year,
            publication__round__survey="apprentice",
            scope=None,
            by="",
            item=None,
            theme__key="motivation",
        ).value
        for year in range(2019, 2025)
    ]
    assert all(3.0 < value < 4.5 for value in national)
    assert max(national) - min(national) < 0.5  # moves, plausibly
