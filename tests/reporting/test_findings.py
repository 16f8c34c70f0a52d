"""Findings that need follow-up at once: the scope's shown companies, offices and trades at
or beyond a threshold Udir sets in the admin, listed first on the overview with the seeds'
advice; never a hidden group, never "small groups together", never another county's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reporting import findings
from reporting.models import FindingRule
from tests.distribution.rates_helpers import county
from tests.reporting.helpers import items, orgs, publish, respond, stored_round

pytestmark = pytest.mark.django_db

ELE = {"trade_code": "ELELE3", "programme": "EL", "contract_type": "apprentice"}


@pytest.fixture
def motivation_rule(db):
    """Udir marks motivation at or under 3.5 (the bullying default set aside)."""
    FindingRule.objects.update(active=False)
    return FindingRule.objects.create(theme="motivation", threshold=3.5, direction="below")


def _named(viewer, round_, scope) -> set[str]:
    return {
        found.label for found in findings.findings(viewer, round_, scope) if found.by == "company"
    }


def _overview(person) -> str:
    return person.client.get(reverse("reporting:overview")).content.decode()


def test_a_shown_company_beyond_the_threshold_is_listed_first_with_the_advice(
    county_admin, motivation_rule
):
    round_ = stored_round()
    o = orgs()
    respond(round_, 30, 4, company=o["company"], **ELE)
    respond(round_, 12, 3, company=o["company_2"], **ELE)
    respond(round_, 8, 2, company=o["company_3"], **ELE)
    publish(round_)
    page = _overview(county_admin)
    assert page.index('data-testid="findings"') < page.index('data-testid="themes"')
    listed = page.split('data-testid="findings"', 1)[1].split("</section>", 1)[0]
    assert "Bedrift To" in listed and "3,00" in listed
    assert "Bedrift Tre" in listed and "2,00" in listed
    assert "Bedrift En" not in listed
    assert "lik eller under 3,50" in listed
    assert "Sett mål for områder som bør forbedres, og finn tiltak for å nå målene." in listed
    assert "Følg opp resultatene neste gang undersøkelsen gjennomføres." in listed


def test_a_hidden_company_beyond_the_threshold_is_never_listed(county_admin, motivation_rule):
    round_ = stored_round()
    o = orgs()
    respond(round_, 30, 4, company=o["company"], **ELE)
    respond(round_, 12, 4, company=o["company_2"], **ELE)
    respond(round_, 3, 1, company=o["company_3"], **ELE)  # too few: hidden
    publish(round_)
    assert _named(county_admin.organisation, round_, county_admin.organisation) == set()
    assert "Bedrift Tre" not in _overview(county_admin)


def test_small_groups_together_is_never_named(county_admin, motivation_rule):
    round_ = stored_round()
    o = orgs()
    respond(round_, 30, 4, company=o["company"], **ELE)
    respond(round_, 12, 4, company=o["company_2"], **ELE)
    respond(round_, 10, 1, company=None, other_company=True, **ELE)
    publish(round_)
    found = findings.findings(county_admin.organisation, round_, county_admin.organisation)
    assert [f for f in found if f.by == "company"] == []
    assert "Små grupper samlet" not in _overview(county_admin).split('data-testid="themes"')[0]


def test_a_county_sees_only_its_own_groups(county_admin, other_admin, motivation_rule):
    round_ = stored_round()
    o = orgs()
    respond(round_, 30, 4, company=o["company"], **ELE)
    respond(round_, 12, 4, company=o["company_2"], **ELE)
    respond(round_, 20, 4, county=county("11"), company=o["company"], **ELE)
    respond(round_, 12, 2, county=county("11"), company=o["company_3"], **ELE)
    publish(round_)
    assert "Bedrift Tre" not in _overview(county_admin)
    assert "Bedrift Tre" in _overview(other_admin).split('data-testid="themes"')[0]


def test_the_bullying_default_and_udirs_change_of_a_rule(county_admin):
    round_ = stored_round()
    o = orgs()
    bullying = [key for key, item in items(round_).items() if item.theme.key == "bullying"]
    never = dict.fromkeys(bullying, 1)
    respond(round_, 30, 4, answers=never, company=o["company"], **ELE)
    respond(round_, 10, 4, answers=never, company=o["company_2"], **ELE)
    respond(round_, 2, 4, answers=never | {bullying[0]: 5}, company=o["company_2"], **ELE)
    publish(round_)
    viewer = county_admin.organisation
    found = [f for f in findings.findings(viewer, round_, viewer) if f.by == "company"]
    assert [(f.label, f.theme_key, round(f.value)) for f in found] == [
        ("Bedrift To", "bullying", 17)
    ]
    listed = _overview(county_admin).split('data-testid="findings"', 1)[1].split("</section>")[0]
    assert "17&nbsp;%" in listed and "lik eller over 10&nbsp;%" in listed
    FindingRule.objects.filter(theme="bullying").update(threshold=20)
    assert _named(viewer, round_, viewer) == set()
    assert 'data-testid="findings"' not in _overview(county_admin)
