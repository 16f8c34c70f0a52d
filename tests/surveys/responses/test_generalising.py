"""Dimensions that single no one out: rare combinations give way, finest value first, only
for the records that are rare, until every stored combination is shared by 6."""

import random
from collections import Counter

from surveys.responses.generalising import Dimensions, generalise


def _people(count, **dimensions):
    fields = {
        "county": 1,
        "office": 10,
        "company": 100,
        "trade_code": "ELELE3----",
        "programme": "EL",
        "contract_type": "apprentice",
    } | dimensions
    return [Dimensions(**fields) for _ in range(count)]


def _groups(records):
    return Counter(record.key() for record in records)


def test_a_common_combination_is_left_as_it_is():
    records = _people(6)
    changed = generalise(records, random.Random(1))
    assert set(_groups(records)) == {_people(1)[0].key()}
    assert not any(changed.values())


def test_rare_companies_give_way_first_and_only_theirs():
    common = _people(7)
    rare = [person for company in range(200, 206) for person in _people(1, company=company)]
    records = common + rare
    changed = generalise(records, random.Random(1))
    assert all(record.company == 100 for record in common)
    assert all(record.other_company and record.company is None for record in rare)
    # The trade, office and contract type of the rare ones are still there.
    assert {(r.trade_code, r.office, r.contract_type) for r in rare} == {
        ("ELELE3----", 10, "apprentice")
    }
    assert changed["company"] == 6 and changed["trade"] == 0


def test_then_the_trade_gives_way_to_its_programme_then_the_programme():
    records = _people(3, company=1, trade_code="ELELE3----") + _people(
        3, company=2, trade_code="ELAUT3----"
    )
    generalise(records, random.Random(1))
    assert {(r.trade_code, r.programme) for r in records} == {("", "EL")}
    other = _people(3, company=1) + _people(3, company=2, trade_code="BABTM3----", programme="BA")
    generalise(other, random.Random(1))
    assert {(r.trade_code, r.programme, r.office) for r in other} == {("", "*", 10)}


def test_the_county_gives_way_only_where_it_has_fewer_than_six_answers():
    big = _people(5, company=1) + _people(1, company=2, office=11, contract_type="candidate")
    small = _people(3, county=2, company=3)
    spare = _people(9, county=3)
    records = big + small + spare
    changed = generalise(records, random.Random(1))
    assert all(record.county == 1 for record in big)
    assert all(record.other_county and record.county is None for record in small)
    # "Another county" alone would be 3: 3 more are pulled in from a county that keeps 6.
    assert changed["pulled"] == 3 and sum(r.county == 3 for r in spare) == 6
    assert min(_groups(records).values()) >= 6


def test_every_combination_is_shared_by_six_whatever_the_records():
    rng = random.Random(7)
    records = [
        Dimensions(
            county=rng.choice([1, 1, 1, 2, 2, 3]),
            office=rng.choice([None, 10, 11, 12]),
            company=rng.choice([None] + list(range(100, 400))),
            trade_code=(trade := rng.choice(["ELELE3----", "ELAUT3----", "BABTM3----"])),
            programme=trade[:2],
            contract_type=rng.choice(["apprentice"] * 7 + ["candidate"]),
        )
        for _ in range(500)
    ]
    changed = generalise(records, rng)
    assert min(_groups(records).values()) >= 6
    assert changed["company"] > 0


def test_a_county_with_enough_answers_keeps_even_its_rarest_and_takes_from_its_own():
    common = _people(10, company=1)
    rare = _people(1, company=2, office=11) + _people(1, company=3, contract_type="candidate")
    records = common + rare
    changed = generalise(records, random.Random(1))
    assert all(record.county == 1 and not record.other_county for record in records)
    assert changed["county"] == 0 and changed["pulled"] == 4
    assert sorted(_groups(records).values()) == [6, 6]
