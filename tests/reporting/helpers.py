"""Stored responses made directly for the results tests (as surveys/responses/storing.py
leaves them: dimensions already generalised), a round closed and stored, and publishing."""

from __future__ import annotations

import datetime

from reporting import publication
from surveys.models import Answer, Item, Response, Round
from surveys.rounds import schedule
from tests.distribution.rates_helpers import county, organisation
from tests.sample_helpers import COMPANY, COMPANY_2, COMPANY_3, OFFICE, OFFICE_2, open_round


def stored_round(year: int = 2026, survey: str = "apprentice", *, published: bool = True) -> Round:
    """The year's round, closed yesterday and its responses stored; published today (or in
    a week, with `published=False`)."""
    open_round(year)
    today = schedule.today()
    publication_date = today if published else today + datetime.timedelta(days=7)
    Round.objects.filter(year=year).update(
        last_answer_day=today - datetime.timedelta(days=1),
        publication_date=publication_date,
        responses_stored_on=today,
    )
    return Round.objects.get(year=year, survey=survey)


def items(round_: Round) -> dict[str, Item]:
    """The round's items by their comparability key."""
    return {
        item.comparability_key: item
        for item in Item.objects.filter(theme__version=round_.questionnaire_id)
    }


def respond(round_: Round, n: int, value: int = 4, *, answers: dict | None = None, **dims):
    """`n` stored responses with dimensions `dims` (county Vestland unless given), each
    answering every item `value` (within its scale), but `answers` ({key: value or None})."""
    dims.setdefault("county", county("46"))
    found = items(round_)
    responses, rows = [], []
    for _ in range(n):
        response = Response(round=round_, questionnaire_id=round_.questionnaire_id, **dims)
        responses.append(response)
        for key, item in found.items():
            given = (answers or {}).get(key, value)
            if given is None:
                continue
            top = {"yes_no": 2, "yes_partly_no": 3}.get(item.scale, 5)
            rows.append(Answer(response=response, item=item, value=min(given, top)))
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(rows)
    return responses


def orgs() -> dict:
    return {
        "office": organisation(OFFICE, "office", "OK Vest"),
        "office_2": organisation(OFFICE_2, "office", "OK Nord"),
        "company": organisation(COMPANY, "company", "Bedrift En"),
        "company_2": organisation(COMPANY_2, "company", "Bedrift To"),
        "company_3": organisation(COMPANY_3, "company", "Bedrift Tre"),
    }


def publish(round_: Round):
    return publication.publish(round_, force=True)
