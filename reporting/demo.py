"""The demo's results: rounds from 2019 on, published, so every demo person reads real
results with real dots.

Last year's rounds were answered and stored by surveys/demo.py (through drafts and the real
store step); the years before, from 2019, are generated here in bulk through the same
generalising and storing (reporting/generated.py), each on the county structure of its
year - 18 counties in 2019, 11 in 2020-2023, 15 from 2024 - and with the questionnaire of
its year (the questions changed in 2020). Then every stored round is published
(reporting/publication.py), as beat would do.
"""

from __future__ import annotations

import math
import time
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from accounts import demo_people
from accounts.models import Organisation
from reporting import comparison, figures, findings, generated, publication
from reporting.models import Cell, FindingRule
from surveys.models import Expectation, Participant, Round, Survey
from surveys.rounds import plan as round_plan

FIRST_YEAR = 2019
# Stored responses a generated year has: fewer than a real year's 14,000, so `make run`
# stays quick, and enough for the counties, offices and companies of the demo to show (and
# hide) groups. Measured on SQLite: six years of 2,500 with the supervisor survey too took
# 85 s to generate and publish with last year's rounds, 2,000 apprentices only 50 s, 1,200 26 s
# (of a whole demo of 61 s). The
# supervisor survey's results are last year's (surveys/demo.py).
ANSWERS = 1200


def build(seed: int, log) -> None:
    started = time.monotonic()
    stored = Round.objects.filter(responses_stored_on__isnull=False)
    last_stored = max(stored.values_list("year", flat=True), default=None)
    if last_stored is None:
        log("Results: no stored round, nothing to publish.")
        return
    # The demo persons' offices first, and their companies first: the largest, so every
    # demo person has results to read (and a dot or two). An office's county is where
    # most of its apprentices are in this year's sample (the demo's own data).
    mine = {right.orgnr for person in demo_people.persons(seed) for right in _rights(person)}
    offices = sorted(
        Organisation.objects.training_offices().values_list("pk", "orgnr"),
        key=lambda office: (office[1] not in mine, office[1]),
    )
    offices = [pk for pk, _orgnr in offices][:120]
    companies = sorted(
        Organisation.objects.training_companies().values_list("pk", "training_office_id", "orgnr"),
        key=lambda company: (company[1] not in offices[:3], company[2]),
    )
    companies = [(pk, office) for pk, office, _orgnr in companies][:1500]
    office_county = {}
    for office, county, _n in (
        Participant.objects.filter(round__year=last_stored + 1, office__isnull=False)
        .values_list("office_id", "county_id")
        .annotate(n=Count("id"))
        .order_by("office_id", "-n", "county_id")
    ):
        office_county.setdefault(office, county)
    if not companies:
        log("Results: no companies, no earlier years generated.")
    else:
        for year in range(FIRST_YEAR, last_stored):
            round_, written = generated.generate_round(
                Survey.APPRENTICE,
                year,
                ANSWERS,
                offices,
                companies,
                seed,
                FIRST_YEAR,
                office_county,
            )
            if written:
                log(f"Round {Survey.APPRENTICE} {year} (generated): {written} responses stored.")
    for round_ in publication.rounds_to_publish().order_by("year", "survey"):
        made = publication.publish(round_)
        hidden = made.cells.filter(hidden=True).count()
        log(
            f"Results {round_.survey} {round_.year}: {made.responses} responses, "
            f"{made.cells.count()} cells, {hidden} hidden."
        )
    _follow_up(mine, last_stored, log)
    log(f"Results: done in {time.monotonic() - started:.0f} s.")


def _follow_up(mine: set[str], last_stored: int, log) -> None:
    """The demo counties' expectations for last year's round and this year's, as if they
    had recorded them before each opened (near last year's result, a little higher), and at
    least one finding for the first of them: where the bullying default finds none in the
    generated data, Udir marks the lowest shown company's (or office's, or trade's) motivation."""
    counties = list(Organisation.objects.filter(orgnr__in=mine, kind=Organisation.Kind.COUNTY))
    rounds = Round.objects.filter(
        survey=Survey.APPRENTICE, year__in=[last_stored, last_stored + 1]
    ).select_related("questionnaire")
    written = 0
    for county in counties:
        for round_ in rounds:
            before = comparison.last_year(county, round_, county)
            plan = round_plan.plan_for(county, round_)
            for key, figure in before.items():
                if figure is None or figure.hidden or figure.value is None:
                    continue
                if key == figures.BULLYING:
                    value = max(0, round(figure.value) - 1)
                else:
                    value = min(5, round(figure.value, 1) + 0.1)
                Expectation.objects.update_or_create(
                    plan=plan,
                    theme_key=key,
                    defaults={"value": Decimal(str(value)), "recorded_at": timezone.now()},
                )
                written += 1
    found = 0
    last = rounds.filter(year=last_stored, publication__isnull=False).first()
    if counties and last is not None:
        county = counties[0]
        found = len(findings.findings(county, last, county))
        if not found:
            lowest = (
                Cell.objects.filter(
                    publication=last.publication,
                    scope=county,
                    by__in=findings.FOLLOWED_UP,
                    item=None,
                    hidden=False,
                    theme__key="motivation",
                )
                .exclude(group__in=findings.NOT_A_GROUP)
                .order_by("value")
                .first()
            )
            if lowest is not None:
                FindingRule.objects.create(
                    theme="motivation",
                    threshold=math.ceil(lowest.value * 20) / 20,
                    direction=FindingRule.Direction.BELOW,
                )
                found = len(findings.findings(county, last, county))
    log(f"Results: {written} expectations of the demo counties, {found} findings shown.")


def _rights(person):
    for right in person.rights:
        yield right
        yield from right.subunits
