"""Dimensions that single no one out: every stored combination of (round, county, office,
company, trade, programme, contract type) is shared by at least MINIMUM responses.

The attacker this answers (docs/anonymity.md) holds a copy of the database, and so every
answered participant's own dimensions. A response whose combination is rarer than 6 names
its person by one join; one shared by 6 or more names only the group, since its members'
stored responses are alike in everything but the answers.

Where a combination is rarer, that record's finest values give way, one step at a time and
only for records still in a rare combination, in this order:

1. company -> "another company" (a company not shown);
2. trade -> its education programme;
3. programme -> "another programme";
4. office -> "another office" (an office not shown);
5. contract type -> "both";
6. county -> "another county", only in a county with fewer than MINIMUM answers in the round.

A record whose value is already coarsest at a step (no company, no office) gets the marker
too when its combination is rare: the marker means "not shown", so it stays true, and the
rare "no company" records of an office join its rare-company ones instead of staying alone.
What can still be rare after step 6 is a county's few fully generalised records, or the
"another county" records; then (step 7, "pulled") records of the same county (for "another
county": of any county), chosen at random from combinations that stay at MINIMUM or more,
are generalised alike until the group is large enough. A round with fewer than MINIMUM
answers in all can hold no group of MINIMUM: storing.py stores none of them.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass

from surveys.models import Response

MINIMUM = 6
STEPS = ("company", "trade", "programme", "office", "contract_type", "county", "pulled")


@dataclass
class Dimensions:
    county: int | None
    office: int | None
    company: int | None
    trade_code: str
    programme: str
    contract_type: str
    other_county: bool = False
    other_office: bool = False
    other_company: bool = False

    def key(self) -> tuple:
        return astuple(self)


def _company(record: Dimensions) -> bool:
    if record.other_company:
        return False
    record.company, record.other_company = None, True
    return True


def _trade(record: Dimensions) -> bool:
    if not record.trade_code:
        return False
    record.trade_code = ""
    return True


def _programme(record: Dimensions) -> bool:
    if record.programme == Response.OTHER_PROGRAMME:
        return False
    record.trade_code, record.programme = "", Response.OTHER_PROGRAMME
    return True


def _office(record: Dimensions) -> bool:
    if record.other_office:
        return False
    record.office, record.other_office = None, True
    return True


def _contract_type(record: Dimensions) -> bool:
    if record.contract_type == Response.BOTH:
        return False
    record.contract_type = Response.BOTH
    return True


def _county(record: Dimensions) -> bool:
    if record.other_county:
        return False
    record.county, record.other_county = None, True
    return True


def _fully(record: Dimensions, *, county: bool) -> None:
    for step in (_company, _trade, _programme, _office, _contract_type):
        step(record)
    if county:
        _county(record)


def _rare(records: list[Dimensions]) -> list[Dimensions]:
    sizes = Counter(record.key() for record in records)
    return [record for record in records if sizes[record.key()] < MINIMUM]


def generalise(records: list[Dimensions], rng: random.Random) -> dict[str, int]:
    """Generalises `records` (one round's) in place. Returns how many records each step
    changed (docs/anonymity.md reports them as shares of the round)."""
    changed = dict.fromkeys(STEPS, 0)
    if len(records) < MINIMUM:
        raise ValueError(f"fewer than {MINIMUM} records can share no combination of {MINIMUM}")
    for name, step in (
        ("company", _company),
        ("trade", _trade),
        ("programme", _programme),
        ("office", _office),
        ("contract_type", _contract_type),
    ):
        changed[name] += sum(step(record) for record in _rare(records))
    per_county = Counter(record.county for record in records)
    changed["county"] += sum(
        _county(record) for record in _rare(records) if per_county[record.county] < MINIMUM
    )
    changed["pulled"] = _pull(records, rng)
    assert not _rare(records)
    return changed


def _pull(records: list[Dimensions], rng: random.Random) -> int:
    """Grows each group still rare with records taken from large groups (of the same county,
    or of any for "another county"), which are generalised alike. Returns how many moved."""
    pulled = 0
    while rare := _rare(records):
        target = rare[0]
        group_key = target.key()
        in_group = [record for record in records if record.key() == group_key]
        donors: dict[tuple, list[Dimensions]] = defaultdict(list)
        for record in records:
            same_place = target.other_county or record.county == target.county
            if record.key() != group_key and same_place:
                donors[record.key()].append(record)
        need = MINIMUM - len(in_group)
        taken: list[Dimensions] = []
        # First from groups that stay large enough, the largest first...
        for members in sorted(donors.values(), key=len, reverse=True):
            spare = min(need - len(taken), len(members) - MINIMUM)
            if spare > 0:
                taken += rng.sample(members, spare)
        # ...else a whole group, the smallest (another rare one, if there is one).
        if len(taken) < need:
            smallest = min(donors.values(), key=len)
            taken = smallest
        for record in taken:
            _fully(record, county=target.other_county)
        pulled += len(taken)
    return pulled
