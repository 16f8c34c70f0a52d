"""Each theme on the overview against the expectation the county recorded before the round
and against last year (its published round of the year before), with the differences;
"–" where there is none, and a hidden figure of last year stays hidden."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting import comparison
from surveys.models import Expectation
from surveys.rounds import plan as round_plan
from tests.reporting.helpers import orgs, publish, respond, stored_round
from tests.reporting.test_pages import _rows

pytestmark = pytest.mark.django_db

ELE = {"trade_code": "ELELE3", "programme": "EL", "contract_type": "apprentice"}


def _expect(organisation, round_, **values):
    plan = round_plan.plan_for(organisation, round_)
    for key, value in values.items():
        Expectation.objects.create(
            plan=plan,
            theme_key=key,
            value=Decimal(value),
            recorded_at=datetime.datetime.now(datetime.UTC),
        )


def test_the_overview_shows_result_against_expectation_and_last_year(county_admin):
    last = stored_round(2025)
    respond(last, 20, 3, **ELE)
    publish(last)
    round_ = stored_round(2026)
    respond(round_, 20, 4, **ELE)
    publish(round_)
    _expect(county_admin.organisation, round_, motivation="3.8")
    page = county_admin.client.get(reverse("reporting:overview")).content.decode()
    head = page.split('data-testid="themes"', 1)[1].split("</thead>")[0]
    assert "Forventet" in head and "I fjor" in head
    rows = _rows(page, "themes")
    assert rows["Motivasjon"][:4] == ["4,00", "20", "3,80 (+0,20)", "3,00 (+1,00)"]
    assert rows["Trivsel på arbeidsplassen"][2:4] == ["–", "3,00 (+1,00)"]


def test_no_last_year_and_no_expectation_show_no_columns(county_admin):
    round_ = stored_round(2026)
    respond(round_, 20, 4, **ELE)
    publish(round_)
    page = county_admin.client.get(reverse("reporting:overview")).content.decode()
    assert "Forventet" not in page.split('data-testid="themes"', 1)[1].split("</thead>")[0]


def test_a_hidden_figure_last_year_has_no_difference(county_admin):
    o = orgs()
    last = stored_round(2025)
    respond(last, 3, 3, office=o["office"], **ELE)  # the office had too few last year
    respond(last, 30, 3, **ELE)
    publish(last)
    round_ = stored_round(2026)
    respond(round_, 20, 4, office=o["office"], **ELE)
    publish(round_)
    found = {c.theme_key: c for c in comparison.expectations(o["office"], round_, o["office"])}
    assert found["motivation"].result_value == 4.0
    assert found["motivation"].against_last_year is None
    assert found["motivation"].expected is None
