"""The anonymity rules of the results (reporting/anonymity.py, computed once per round by
reporting/publication.py and stored): each rule shown on stored responses as a county, an
office and Udir would read them, then the worked examples of the pure function."""

from __future__ import annotations

import doctest

import pytest

from reporting import anonymity
from reporting.models import Cell
from surveys.models import Response
from tests.distribution.rates_helpers import county
from tests.reporting.helpers import orgs, publish, respond, stored_round

pytestmark = pytest.mark.django_db

ELE = {"trade_code": "ELELE3", "programme": "EL", "contract_type": "apprentice"}
BYG = {"trade_code": "BABYG3", "programme": "BA", "contract_type": "apprentice"}


def _theme(scope, by: str, theme: str = "motivation") -> dict[str, tuple]:
    """One breakdown's groups for a theme's index: group -> (n, value), None when hidden."""
    scope_id = scope.pk if scope is not None else None
    found = {}
    for cell in Cell.objects.filter(scope_id=scope_id, by=by, item=None, theme__key=theme):
        found[cell.group] = None if cell.hidden else (cell.n, round(cell.value, 2))
    return found


def _key(organisation) -> str:
    return str(organisation.pk)


@pytest.fixture
def round_():
    return stored_round()


@pytest.fixture
def o(db):
    return orgs()


def test_a_group_of_five_or_fewer_answering_an_item_is_hidden_though_more_answered(round_, o):
    """Ten in the company, four of them answered a motivation item: the company's motivation
    figures are hidden (and the next smallest beside it), its other themes are shown."""
    respond(round_, 30, company=o["company"], **ELE)
    respond(round_, 20, company=o["company_2"], **ELE)
    respond(round_, 6, company=o["company_3"], answers={"motivation-likes-trade": None}, **ELE)
    respond(round_, 4, company=o["company_3"], **ELE)
    publish(round_)
    vestland = county("46")
    motivation = _theme(vestland, "company")
    assert motivation[_key(o["company_3"])] is None
    assert motivation[_key(o["company_2"])] is None
    assert motivation[_key(o["company"])] == (30, 4.0)
    assert _theme(vestland, "company", "wellbeing")[_key(o["company_3"])] == (10, 4.0)


def test_secondary_suppression_where_exactly_one_group_is_small(round_, o):
    """Companies of 30, 12 and 3 beside the county's total: the 3 is hidden, and alone it
    would be the total less the others, so the 12 is hidden with it; never a zero."""
    respond(round_, 30, company=o["company"], **ELE)
    respond(round_, 12, company=o["company_2"], **ELE)
    respond(round_, 3, 2, company=o["company_3"], **ELE)
    publish(round_)
    groups = _theme(county("46"), "company")
    assert groups == {
        _key(o["company"]): (30, 4.0),
        _key(o["company_2"]): None,
        _key(o["company_3"]): None,
    }
    assert _theme(county("46"), "")[""] == (45, round((42 * 4 + 3 * 2) / 45, 2))
    hidden = Cell.objects.filter(hidden=True)
    assert hidden.exists() and not hidden.exclude(n=None, value=None, counts=None).exists()


def test_the_hidden_groups_together_hold_more_than_five(round_, o):
    """Two companies of 2 and 3 hold 5: not more than 5, so a third is hidden."""
    respond(round_, 30, company=o["company"], **ELE)
    respond(round_, 2, company=o["company_2"], **ELE)
    respond(round_, 3, company=o["company_3"], **ELE)
    publish(round_)
    assert set(_theme(county("46"), "company").values()) == {None}


def test_the_country_less_a_county_gives_no_county_away(round_):
    """Vestland's motivation has 4 answers: hidden among the counties, and then Rogaland is
    hidden beside it, or the country less Rogaland would be Vestland. The country shows."""
    respond(round_, 10, county=county("46"), answers={"motivation-likes-trade": None}, **ELE)
    respond(round_, 4, county=county("46"), **ELE)
    respond(round_, 40, county=county("11"), **BYG)
    respond(round_, 40, 2, county=county("42"), **BYG)
    publish(round_)
    counties = _theme(None, "county")
    assert counties[_key(county("46"))] is None
    assert counties[_key(county("11"))] is None
    assert counties[_key(county("42"))] == (40, 2.0)
    assert _theme(None, "")[""][0] == 94  # who answered any motivation item
    # Vestland's own page: its total is the same cell as its row in the country's table.
    assert _theme(county("46"), "")[""] is None


def test_a_county_among_the_country_where_only_its_trade_would_tell(round_):
    """Country by trade: BYG is Vestland's 3 and Rogaland's 30. Vestland's 3 are hidden in its
    own table; were Rogaland's 30 and the country's 33 both shown, their difference would
    be Vestland's (a link across tables that no single table shows: the span test, rule 3).
    The smaller of the two, Rogaland's, is hidden; the country's counties still show."""
    respond(round_, 30, county=county("46"), **ELE)
    respond(round_, 3, 2, county=county("46"), **BYG)
    respond(round_, 30, county=county("11"), **BYG)
    respond(round_, 30, county=county("11"), **ELE)
    publish(round_)
    assert _theme(county("46"), "trade")["BABYG3"] is None
    assert _theme(county("11"), "trade")["BABYG3"] is None
    assert _theme(None, "trade")["BABYG3"] is None
    assert _theme(None, "county")[_key(county("46"))] == (33, round((30 * 4 + 3 * 2) / 33, 2))


def test_an_office_spanning_counties_is_hidden_alike_in_every_table(round_, o):
    """OK Vest has 30 in Vestland and 4 in Rogaland. Its 4 in Rogaland are hidden in its
    table by county and in Rogaland's table by office (one cell), each with another beside:
    its Vestland part (else the office's total less it), and in Rogaland another office."""
    respond(round_, 30, county=county("46"), office=o["office"], **ELE)
    respond(round_, 4, county=county("11"), office=o["office"], **ELE)
    respond(round_, 25, county=county("11"), office=o["office_2"], **ELE)
    respond(round_, 40, county=county("11"), **ELE)
    respond(round_, 40, county=county("46"), **ELE)
    publish(round_)
    office = _theme(o["office"], "county")
    assert office == {_key(county("46")): None, _key(county("11")): None}
    rogaland = _theme(county("11"), "office")
    assert rogaland[_key(o["office"])] is None
    assert rogaland[_key(o["office_2"])] is None
    assert rogaland["-"] == (40, 4.0)
    vestland = _theme(county("46"), "office")
    assert vestland[_key(o["office"])] is None  # the same people as OK Vest's Vestland row
    assert _theme(o["office"], "")[""] == (34, 4.0)


def test_a_group_all_of_whom_were_bullied_shows_none_of_that_item(round_, o):
    """Twelve at a company all answered "about once a week": the bullying figures of that
    company are hidden, and a company beside it too; the same company's motivation shows."""
    respond(round_, 30, 1, company=o["company"], **ELE)
    respond(round_, 20, 1, company=o["company_2"], **ELE)
    respond(round_, 12, 1, answers={"bullying-how-often": 4}, company=o["company_3"], **ELE)
    publish(round_)
    bullying = _theme(county("46"), "company", "bullying")
    assert bullying[_key(o["company_3"])] is None
    assert bullying[_key(o["company_2"])] is None
    assert bullying[_key(o["company"])] == (30, 0.0)
    assert _theme(county("46"), "company", "motivation")[_key(o["company_3"])] == (12, 1.0)
    items = Cell.objects.filter(theme__key="bullying", group=_key(o["company_3"]))
    assert items.exclude(item=None).exists() and not items.filter(hidden=False).exists()


def test_the_country_is_never_hidden(round_):
    """A round of five answers in two counties: the country's figures show, though five is
    the limit, and its counties are hidden."""
    respond(round_, 3, county=county("46"), **ELE)
    respond(round_, 2, county=county("11"), **ELE)
    publish(round_)
    assert _theme(None, "")[""] == (5, 4.0)
    assert set(_theme(None, "county").values()) == {None}


def test_the_limit_is_a_setting(round_, o, settings):
    respond(round_, 30, company=o["company"], **ELE)
    respond(round_, 8, company=o["company_2"], **ELE)
    respond(round_, 9, company=o["company_3"], **ELE)
    settings.DISCLOSURE_LIMIT = 8
    publish(round_)
    groups = _theme(county("46"), "company")
    assert groups[_key(o["company"])] == (30, 4.0)
    assert groups[_key(o["company_2"])] is None and groups[_key(o["company_3"])] is None


def test_generalised_companies_form_small_groups_together_under_the_same_rules(round_, o):
    """Responses whose company was generalised ("another company") are one group, "*",
    shown when large enough like any other."""
    respond(round_, 30, company=o["company"], **ELE)
    respond(round_, 9, company=None, other_company=True, **ELE)
    respond(round_, 3, 2, company=o["company_2"], **ELE)
    publish(round_)
    groups = _theme(county("46"), "company")
    assert groups["*"] is None and groups[_key(o["company_2"])] is None
    respond(round_, 10, company=o["company_2"], **ELE)
    publish(round_)
    groups = _theme(county("46"), "company")
    assert groups["*"] == (9, 4.0)


def test_publishing_again_with_the_same_responses_changes_nothing(round_, o):
    from reporting import publication

    respond(round_, 30, company=o["company"], **ELE)
    first = publication.publish(round_)
    assert publication.publish(round_).pk == first.pk
    respond(round_, 10, company=o["company_2"], **ELE)
    assert publication.publish(round_).pk != first.pk
    assert Response.objects.filter(round=round_).count() == 40


def test_the_worked_examples_in_the_docstring_hold():
    result = doctest.testmod(anonymity)
    assert result.attempted >= 5 and result.failed == 0


def test_a_cell_fixed_only_by_two_tables_together_is_hidden():
    """x = A, shown: A+B (a table's total) and B+C, C (another's). Each table alone keeps B
    unknown, the two together fix it: B + C - C. The span test hides more."""
    a, b, c = frozenset("a"), frozenset("b"), frozenset("c")
    ab, bc, abc = a | b, b | c, a | b | c
    tables = [(abc, [ab, c]), (ab, [a, b]), (bc, [b, c])]
    n = {abc: 60, ab: 40, bc: 23, a: 37, b: 3, c: 20}
    hidden = anonymity.hidden_cells(tables, n, limit=5, never={abc})
    shown = [cell for cell in n if cell not in hidden]
    assert b in hidden
    assert anonymity.recoverable(shown, hidden) == []
