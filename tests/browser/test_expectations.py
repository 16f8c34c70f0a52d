"""A county administrator records, from the round plan, what it expects of next year's round,
beside last year's result; once the round is published, the overview shows the findings
that need follow-up first and each theme against the expectation and last year. In a real
Chromium, axe on both pages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import FindingRule
from surveys.models import Round
from surveys.rounds import schedule
from surveys.rounds.creation import create_rounds
from tests.browser.harness import assert_accessible
from tests.browser.test_rates import _log_in
from tests.reporting.helpers import items, orgs, publish, respond, stored_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ELE = {"trade_code": "ELELE3", "programme": "EL", "contract_type": "apprentice"}


def _stored(year: int) -> Round:
    """The year's round, not yet opened, moved to have closed yesterday and be published
    today (as if a year had passed)."""
    today = schedule.today()
    deadline = timezone.now() - datetime.timedelta(days=40)
    Round.objects.filter(year=year).update(
        vigo_correction_deadline=deadline,
        reference_date=today - datetime.timedelta(days=35),
        sending_starts_on=today - datetime.timedelta(days=30),
        last_answer_day=today - datetime.timedelta(days=1),
        publication_date=today,
        responses_stored_on=today,
    )
    return Round.objects.get(year=year, survey="apprentice")


def test_a_county_records_expectations_and_reads_them_against_the_results(
    page, live_server, organisations, questionnaires, county_admin
):
    o = orgs()
    last = stored_round(2026)
    respond(last, 30, 3, company=o["company"], **ELE)  # motivation 3,00
    publish(last)
    create_rounds(2027)  # next year's, not yet open
    _log_in(page, county_admin)
    page.goto(reverse("distribution:plan") + "?runde=2027-apprentice")
    page.get_by_test_id("expectations-link").click()
    table = page.get_by_role("table", name=re.compile("Forventet resultat per tema"))
    motivation = table.get_by_role("row").filter(has_text="Motivasjon")
    assert "3,00" in motivation.inner_text()  # last year's, as guidance
    motivation.get_by_role("textbox").fill("3,8")
    page.get_by_role("button", name="Lagre forventningene").click()
    assert page.get_by_text("Forventningene er lagret.").is_visible()
    assert_accessible(page)
    table.get_by_role("row").filter(has_text="Motivasjon").get_by_role("textbox").fill("9")
    page.get_by_role("button", name="Lagre forventningene").click()
    assert page.get_by_text("«Motivasjon»: indeksen må være fra 1 til 5.").is_visible()
    assert_accessible(page)

    published = _stored(2027)
    never = {key: 1 for key, item in items(published).items() if item.theme.key == "bullying"}
    respond(published, 30, 4, answers=never, company=o["company"], **ELE)
    respond(published, 10, 4, answers=never, company=o["company_2"], **ELE)
    bullied = never | {"bullying-how-often": 5}
    respond(published, 2, 4, answers=bullied, company=o["company_2"], **ELE)
    # Udir's default rule (made by the migration) is gone when an earlier transactional
    # test flushed the database: made again here as the migration makes it.
    FindingRule.objects.get_or_create(
        theme="bullying", defaults={"threshold": 10, "direction": "above", "active": True}
    )
    publish(published)
    page.goto(reverse("reporting:overview") + "?runde=2027-apprentice")
    findings = page.get_by_test_id("findings")
    assert findings.is_visible()
    assert (
        page.locator("[data-testid=findings], [data-testid=themes]").first.get_attribute(
            "data-testid"
        )
        == "findings"
    )
    assert "Bedrift To" in findings.inner_text()
    assert "Sett mål for områder som bør forbedres" in findings.inner_text()
    themes = page.get_by_role("table", name=re.compile("Indeks per tema"))
    cells = themes.get_by_role("row").filter(has_text="Motivasjon").get_by_role("cell")
    assert cells.all_inner_texts()[:4] == ["4,00", "42", "3,80 (+0,20)", "3,00 (+1,00)"]
    assert_accessible(page)
