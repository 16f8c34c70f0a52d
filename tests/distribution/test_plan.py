"""The round plan (gjennomføringsplan): the round's dates, a target response rate that the
curve shows, dispatches planned beside those made, and the seeds' check-list with who
marked each duty done and when; bad input changes nothing, a double click marks once."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from surveys.models import PlanDuty, PlannedDispatch, RoundPlan
from surveys.rounds import plan as round_plan
from tests.distribution.rates_helpers import a_round, county, make

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return a_round()


def _url(round_):
    return reverse("distribution:plan") + f"?runde={round_.year}-{round_.survey}"


def _post(person, round_, **data):
    return person.client.post(
        reverse("distribution:plan"),
        {"runde": f"{round_.year}-{round_.survey}", **data},
        follow=True,
    )


def test_the_plan_shows_the_rounds_dates(county_admin, round_):
    page = county_admin.client.get(_url(round_)).content.decode()
    dates = page.split('data-testid="dates"', 1)[1].split("</table>", 1)[0]
    assert "Frist for rettinger i VIGO" in dates and "kl. 12.00" in dates
    assert "30. september 2026" in dates
    assert "1. oktober 2026" in dates
    assert round_.last_answer_day.strftime("%Y") in dates
    assert "Resultatene publiseres" in dates


def test_a_duty_marked_done_shows_who_and_when_and_a_double_click_marks_once(county_admin, round_):
    county_admin.user.first_name, county_admin.user.last_name = "Kari", "Fylke"
    county_admin.user.save()
    for _ in range(2):
        page = _post(county_admin, round_, action="duty", duty="inform_apprentices", done="1")
    assert PlanDuty.objects.filter(duty="inform_apprentices").count() == 1
    duties = page.content.decode().split('data-testid="duties"', 1)[1].split("</ul>", 1)[0]
    assert "Gjort:</strong> Informere lærlingene før undersøkelsen" in duties
    assert "merket av Kari Fylke" in duties
    assert "Ikke gjort:</strong> Avtale med opplæringskontorene hvem som sender til hvem" in duties
    assert AuditEvent.objects.filter(action="surveys.plan.duty_marked").count() == 1
    _post(county_admin, round_, action="duty", duty="inform_apprentices", done="0")
    assert not PlanDuty.objects.exists()


def test_an_unknown_duty_or_a_bad_target_is_refused_with_a_message_and_changes_nothing(
    county_admin, round_
):
    page = _post(county_admin, round_, action="duty", duty="bake_cakes", done="1")
    assert "Ukjent oppgave." in page.content.decode()
    for bad in ("0", "101", "femti"):
        page = _post(county_admin, round_, action="target", target=bad)
        assert "helt tall fra 1 til 100" in page.content.decode()
    assert not PlanDuty.objects.exists()
    assert RoundPlan.objects.get().target_rate is None


def test_a_dispatch_is_planned_only_on_a_day_the_round_is_open(county_admin, round_):
    too_early = round_.sending_starts_on - datetime.timedelta(days=1)
    page = _post(
        county_admin,
        round_,
        action="plan_dispatch",
        day=too_early.isoformat(),
        purpose="invitation",
    )
    assert "kan planlegges fra" in page.content.decode()
    assert not PlannedDispatch.objects.exists()
    day = round_.sending_starts_on + datetime.timedelta(days=3)
    page = _post(
        county_admin,
        round_,
        action="plan_dispatch",
        day=day.isoformat(),
        purpose="reminder",
        note="Etter samlingen",
    )
    planned = page.content.decode().split('data-testid="planned"', 1)[1].split("</table>", 1)[0]
    assert "Påminnelse" in planned and "Etter samlingen" in planned


def test_the_target_rate_is_drawn_on_the_curve_and_said_in_words(county_admin, round_):
    make(round_, 40, answered=12, county=county("46"))
    _post(county_admin, round_, action="target", target="60")
    page = county_admin.client.get(
        reverse("distribution:rates") + f"?runde={round_.year}-{round_.survey}"
    ).content.decode()
    assert 'class="chart-target"' in page
    # 60 % of the plot's height above the baseline: TOP 16 + 192 * 0.4.
    assert 'y1="92.8"' in page
    assert "målet i gjennomføringsplanen: 60 %" in page
    days = page.split('data-testid="days"', 1)[1].split("</table>", 1)[0]
    assert "<td>30,0&nbsp;%</td>" in days  # 12 of 40 answered so far


def test_another_organisations_plan_is_not_shown(county_admin, other_admin, round_):
    _post(county_admin, round_, action="target", target="70")
    _post(county_admin, round_, action="duty", duty="local_plan", done="1")
    page = other_admin.client.get(_url(round_)).content.decode()
    assert "Målet er 70" not in page
    assert "Gjort:" not in page
    assert round_plan.target_rate(other_admin.organisation, round_) is None
