"""Expectations (forventninger) beside the round plan: recorded per theme before the round
opens, beside the target rate, with last year's result as guidance; bad input, a double
submit, an opened round and a change made meanwhile by someone else are refused with a
message and change nothing; every change is audited."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from surveys.models import Expectation, Round
from surveys.rounds.creation import create_rounds
from tests.people import person
from tests.reporting.helpers import publish, respond, stored_round
from tests.sample_helpers import open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def coming():
    """Next year's round, not yet open; this year's open."""
    open_round(2026)
    create_rounds(2027)
    return Round.objects.get(year=2027, survey="apprentice")


def _url(round_):
    return reverse("reporting:expectations") + f"?runde={round_.year}-{round_.survey}"


def _form(page: str) -> dict[str, str]:
    """The expectation form's fields as the page shows them."""
    form = page.split('data-testid="expectations"', 1)[1].split("</form>", 1)[0]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag).group(1)
        fields[name] = re.search(r'value="([^"]*)"', tag).group(1)
    return fields


@pytest.fixture
def colleague(county_admin):
    return person("fylke.vestland.to", county_admin.organisation)


def _post(person, round_, fields):
    return person.client.post(
        reverse("reporting:expectations"),
        {"runde": f"{round_.year}-{round_.survey}", **fields},
        follow=True,
    )


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_an_expectation_is_recorded_per_theme_and_shown_and_audited(county_admin, coming):
    page = county_admin.client.get(_url(coming)).content.decode()
    fields = _form(page)
    assert fields["version-motivation"] == "0" and fields["expect-motivation"] == ""
    fields |= {"expect-motivation": "4,1", "expect-bullying": "6"}
    response = _post(county_admin, coming, fields)
    assert "Forventningene er lagret." in _messages(response)
    found = dict(Expectation.objects.values_list("theme_key", "value"))
    assert {key: float(value) for key, value in found.items()} == {"motivation": 4.1, "bullying": 6}
    again = _form(response.content.decode())
    assert again["expect-motivation"] == "4,10" and again["expect-bullying"] == "6"
    event = AuditEvent.objects.get(action="surveys.plan.expectations_set")
    assert event.actor == county_admin.user


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("motivation", "5,5", "«Motivasjon»: indeksen må være fra 1 til 5."),
        ("motivation", "0.9", "«Motivasjon»: indeksen må være fra 1 til 5."),
        ("motivation", "fire", "«Motivasjon»: skriv et tall."),
        ("bullying", "101", "andelen må være fra 0 til 100 prosent."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    county_admin, coming, key, raw, message
):
    fields = _form(county_admin.client.get(_url(coming)).content.decode())
    fields |= {"expect-wellbeing": "4", f"expect-{key}": raw}
    response = _post(county_admin, coming, fields)
    assert any(message in shown for shown in _messages(response))
    assert not Expectation.objects.exists()
    assert not AuditEvent.objects.filter(action="surveys.plan.expectations_set").exists()


def test_a_double_submit_changes_nothing_the_second_time(county_admin, coming):
    fields = _form(county_admin.client.get(_url(coming)).content.decode())
    fields["expect-motivation"] = "4"
    _post(county_admin, coming, fields)
    response = _post(county_admin, coming, fields)
    assert "Forventningene er allerede lagret." in _messages(response)
    assert Expectation.objects.get().version == 1
    assert AuditEvent.objects.filter(action="surveys.plan.expectations_set").count() == 1


def test_a_change_made_meanwhile_by_someone_else_is_not_overwritten(
    county_admin, colleague, coming
):
    mine = _form(county_admin.client.get(_url(coming)).content.decode())
    theirs = _form(colleague.client.get(_url(coming)).content.decode())
    theirs["expect-motivation"] = "3,5"
    _post(colleague, coming, theirs)
    mine["expect-motivation"] = "4,5"
    response = _post(county_admin, coming, mine)
    shown = " ".join(_messages(response))
    assert "Noen andre har endret forventningene" in shown
    assert "Motivasjon: 3,50" in shown
    assert float(Expectation.objects.get().value) == 3.5
    assert _form(response.content.decode())["expect-motivation"] == "3,50"


def test_after_the_round_opens_the_expectations_are_only_read(county_admin):
    opened = open_round(2026)
    page = county_admin.client.get(_url(opened)).content.decode()
    assert 'data-testid="expectations-locked"' in page
    assert 'name="expect-motivation"' not in page
    response = _post(county_admin, opened, {"expect-motivation": "4", "version-motivation": "0"})
    assert "Gjennomføringen har åpnet. Forventningene kan ikke lenger endres." in _messages(
        response
    )
    assert not Expectation.objects.exists()


def test_last_years_result_is_shown_as_guidance(county_admin):
    last = stored_round(2025)
    respond(last, 20, 4)
    publish(last)
    create_rounds(2027)
    coming = Round.objects.get(year=2027, survey="apprentice")
    open_round(2026)
    page = county_admin.client.get(_url(Round.objects.get(year=2026, survey="apprentice")))
    table = page.content.decode().split('data-testid="expectations"', 1)[1].split("</table>")[0]
    assert "4,00" in table
    assert coming  # next year's guidance is 2026's, not yet published
    page = county_admin.client.get(_url(coming)).content.decode()
    table = page.split('data-testid="expectations"', 1)[1].split("</table>")[0]
    assert "4,00" not in table
