"""The attack of the issue, run again: a round of several hundred apprentices answers over
21 simulated days through the respondent pages; beat's task stores the responses on a real
worker; then, with access to the database only (no secrets), every way that worked against
the batch mixing is tried. No response may narrow to fewer than 6 answered participants.

The test knows whose response is whose (each person's answers are random and recorded
here), so it can measure what an order or a join gives away; the attacker does not.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

import psycopg
import pytest
from django.db import connection
from django.test import Client

from accounts.models import Organisation
from surveys import tasks
from surveys.models import Participant, Response, Round
from surveys.questionnaires import presentation
from surveys.rounds import schedule
from tests.respondents import a_round, path
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 420
DAYS = 21
TRADES = [
    "ELELE3----", "BABTM3----", "TPKJT3----", "HSHEA3----", "HSBUA3----", "RMKOK3----",
    "BAMAL3----", "TPIMK3----", "ELAUT3----", "SRSAL3----", "IMITK3----", "NALBR3----",
]  # fmt: skip
PLAINTEXT = b'{"answers":{"'  # how a draft's content begins before it is sealed


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _sample(round_, rng) -> list[Participant]:
    """Dimensions like the national register's: most companies have one or two apprentices."""
    counties = list(Organisation.objects.filter(kind="county").order_by("county_number")[:4])
    tiny = Organisation.objects.filter(kind="county").order_by("county_number")[5]
    offices = list(Organisation.objects.filter(kind="office").order_by("orgnr")[:8])
    companies = list(Organisation.objects.filter(kind="company").order_by("orgnr")[:260])
    people = []
    for number in range(PEOPLE):
        county = tiny if number < 4 else rng.choices(counties, weights=[5, 3, 2, 1])[0]
        at = rng.random()
        office = None if at < 0.35 else rng.choice(offices)
        company = None if office is not None and at > 0.95 else rng.choice(companies)
        people.append(
            Participant.objects.create(
                round=round_,
                person_key=f"A{number}",
                email=f"a{number}@example.no",
                county=county,
                office=office,
                company=company,
                trade_code=rng.choice(TRADES),
                contract_type="candidate" if rng.random() < 0.12 else "apprentice",
            )
        )
    return people


def _pages_answered(round_, person, rng, pages) -> dict[int, int]:
    """Two theme pages through the pages of the link, a random option for most items."""
    client = Client()
    given = {}
    for number, items in pages:
        posted = {"navigate": "save"}
        for item in items:
            if rng.random() < 0.9:
                value = rng.choice([option.value for option in item.options])
                posted[f"item-{item.id}"] = str(value)
                given[item.id] = value
        assert client.post(path(person, f"/side/{number}"), posted).status_code == 302
    return given


def test_no_stored_response_narrows_to_fewer_than_6_answered_participants(
    organisations, questionnaires, worker, monkeypatch
):
    rng = random.Random(2026)
    today = schedule.today()
    round_ = a_round(opens_in=-DAYS - 1, closes_in=-1)
    people = _sample(round_, rng)
    pages = [
        (page.number, page.items)
        for page in presentation.theme_pages(round_.questionnaire, "nb")[:2]
    ]
    start_lsn = _query("SELECT pg_current_wal_lsn()::text")[0][0]

    # The round: about 55% answer, each on a day of their own; some save one day and
    # submit days later, some save and never submit, a few withdraw and answer again.
    truth: dict[int, dict[int, int]] = {}
    plan = {person.pk: rng.randrange(DAYS) for person in people if rng.random() < 0.62}
    for day_number in range(DAYS):
        day = round_.sending_starts_on + datetime.timedelta(days=day_number)
        monkeypatch.setattr(schedule, "today", lambda day=day: day)
        for person in people:
            if plan.get(person.pk) != day_number:
                continue
            given = _pages_answered(round_, person, rng, pages)
            choice = rng.random()
            if choice < 0.1:
                continue  # saved, never submitted
            if choice < 0.2 and day_number + 3 < DAYS:
                plan[person.pk] = day_number + 3  # submits on a later day, answering again
                continue
            assert Client().post(path(person, "/send-inn")).status_code == 302
            if choice < 0.23:
                Client().post(path(person, "/slett-svar"))
                truth.pop(person.pk, None)
                given = _pages_answered(round_, person, rng, pages)
                Client().post(path(person, "/send-inn"))
            truth[person.pk] = given
        if day_number == DAYS - 1:
            lengths = _query("SELECT DISTINCT octet_length(sealed) FROM surveys_draft")
            # The lengths of the sealed drafts: one, whatever each person answered.
            assert len(lengths) == 1, lengths
            dead_pages = _draft_pages()
    monkeypatch.undo()
    answered = set(
        Participant.objects.filter(round=round_, answered_on__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert answered == set(truth) and len(answered) > 200

    # During the round the draft table's pages (dead rows included) held ciphertext only.
    assert dead_pages and not any(PLAINTEXT in page for page in dead_pages)

    # The step, as beat runs it the night after the last day, on a real worker.
    tasks.store_closed_rounds.delay()
    # A worker on a machine busy with other tests may take a while: the timeout is generous,
    # the condition is not.
    wait_for(
        lambda: Round.objects.filter(pk=round_.pk, responses_stored_on=today).first(), timeout=120
    )
    wait_for(
        lambda: _query("SELECT pg_relation_size('surveys_draft')")[0][0] == 0 or None, timeout=120
    )
    assert Response.objects.filter(round=round_).count() == len(truth)

    owner = _owners(round_, truth)

    # 1. The join of the issue: the raw dimensions single most people out...
    raw = Counter(
        Participant.objects.filter(pk__in=answered)
        .values_list("county", "office", "company", "trade_code", "contract_type")
        .iterator()
    )
    unique = sum(1 for count in raw.values() if count == 1)
    assert unique > 0.5 * len(answered), "the sample would not test the attack"
    # ...the stored ones, joined against the answered marks, never fewer than 6.
    candidates = dict(
        _query(
            """SELECT r.id, count(p.id) FROM surveys_response r
               JOIN surveys_participant p ON p.round_id = r.round_id
                AND p.answered_on IS NOT NULL
                AND (r.other_county OR p.county_id = r.county_id)
                AND (r.other_office OR p.office_id IS NOT DISTINCT FROM r.office_id)
                AND (r.other_company OR p.company_id IS NOT DISTINCT FROM r.company_id)
                AND (r.trade_code = '' OR p.trade_code = r.trade_code)
                AND (r.programme = '*' OR left(p.trade_code, 2) = r.programme)
                AND (r.contract_type = 'both' OR p.contract_type = r.contract_type)
               WHERE r.round_id = %s GROUP BY r.id""",
            [round_.pk],
        )
    )
    assert len(candidates) == len(truth)
    assert min(candidates.values()) >= 6, f"narrowed to {min(candidates.values())}"
    groups = _query(
        """SELECT count(*) FROM surveys_response WHERE round_id = %s
           GROUP BY county_id, other_county, office_id, other_office, company_id,
                    other_company, trade_code, programme, contract_type""",
        [round_.pk],
    )
    assert min(count for (count,) in groups) >= 6

    # 2. Transaction ids: one for the whole round, later than every answered mark.
    response_xmins = _query(
        "SELECT DISTINCT xmin::text::bigint FROM surveys_response WHERE round_id = %s",
        [round_.pk],
    )
    answer_xmins = _query("SELECT DISTINCT xmin::text::bigint FROM surveys_answer")
    marks = _query(
        "SELECT max(xmin::text::bigint) FROM surveys_participant WHERE answered_on IS NOT NULL"
    )
    assert len(response_xmins) == 1 and answer_xmins == response_xmins
    assert response_xmins[0][0] > marks[0][0]

    # 3. Physical order against the order of the answered marks (date, then xmin) and
    # against the participants' own order (id, physical): no more than chance pairs them.
    physical = [row[0] for row in _query("SELECT id FROM surveys_response ORDER BY ctid")]
    for ordering in (
        "answered_on, xmin::text::bigint",
        "id",
        "ctid",
    ):
        marked = [
            row[0]
            for row in _query(
                "SELECT id FROM surveys_participant WHERE answered_on IS NOT NULL "  # noqa: S608
                f"ORDER BY {ordering}"
            )
        ]
        rank = {pk: position for position, pk in enumerate(marked)}
        positions = [rank[owner[str(r)]] for r in physical if str(r) in owner]
        assert abs(_spearman(positions)) < 0.2, ordering
        near = sum(1 for position, mark in enumerate(positions) if abs(position - mark) <= 2)
        assert near < 0.05 * len(positions), ordering

    # 4. The answered dates: responses hold no date or time to set beside them.
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "surveys_response")
        types = {connection.introspection.get_field_type(c.type_code, c) for c in columns}
    assert not types & {"DateField", "DateTimeField", "TimeField", "DurationField"}

    # 5. Dead rows and WAL: the draft table has no pages left; the WAL of the whole round
    # holds no draft in clear.
    assert _draft_pages() == []
    assert not _wal_contains(start_lsn, PLAINTEXT)


def _owners(round_, truth) -> dict[str, int]:
    """The test's own knowledge: a response is the person whose recorded answers it holds."""
    from surveys.models import Answer

    answers: dict[str, dict[int, int]] = {}
    for response, item, value in Answer.objects.filter(response__round=round_).values_list(
        "response", "item", "value"
    ):
        answers.setdefault(str(response), {})[item] = value
    by_answers = Counter(tuple(sorted(given.items())) for given in truth.values())
    owner = {}
    for person, given in truth.items():
        key = tuple(sorted(given.items()))
        if by_answers[key] > 1:
            continue  # two people gave the very same answers: not used in the measure
        for response, stored in answers.items():
            if tuple(sorted(stored.items())) == key:
                owner[response] = person
    assert len(owner) > 0.9 * len(truth)
    return owner


def _spearman(positions: list[int]) -> float:
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    ranks = [0] * len(positions)
    for rank, index in enumerate(order):
        ranks[index] = rank
    n = len(ranks)
    return 1 - 6 * sum((i - r) ** 2 for i, r in enumerate(ranks)) / (n * (n * n - 1))


def _query(sql: str, params=None) -> list[tuple]:
    with psycopg.connect(_database_url(), autocommit=True) as db:
        return db.execute(sql, params).fetchall()


def _draft_pages() -> list[bytes]:
    """Every page of the draft table, dead rows and all, as pageinspect reads them."""
    with psycopg.connect(_database_url(), autocommit=True) as db:
        db.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        (size,) = db.execute("SELECT pg_relation_size('surveys_draft')").fetchone()
        return [
            bytes(db.execute("SELECT get_raw_page('surveys_draft', %s)", [block]).fetchone()[0])
            for block in range(size // 8192)
        ]


def _wal_contains(start_lsn: str, needle: bytes) -> bool:
    """Reads the WAL segments written since `start_lsn` (pg_read_binary_file, superuser)."""
    with psycopg.connect(_database_url(), autocommit=True) as db:
        first = db.execute("SELECT pg_walfile_name(%s::pg_lsn)", [start_lsn]).fetchone()[0]
        last = db.execute("SELECT pg_walfile_name(pg_current_wal_lsn())").fetchone()[0]
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' "
                "AND name BETWEEN %s AND %s ORDER BY name",
                [first, last],
            )
        ]
        assert names
        return any(
            needle
            in bytes(
                db.execute("SELECT pg_read_binary_file('pg_wal/' || %s)", [name]).fetchone()[0]
            )
            for name in names
        )
