"""Survey rounds: the seed's default dates, the state on every boundary day, create_round."""

import datetime
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import AuditEvent
from surveys.demo import build as build_demo
from surveys.models import QuestionnaireVersion, Round, Survey
from surveys.rounds import schedule
from surveys.rounds.creation import create_rounds
from surveys.rounds.schedule import RoundState

ROOT = Path(__file__).resolve().parents[3]


def _round(year: int = 2027, **changes) -> Round:
    values = {
        "survey": Survey.APPRENTICE,
        "year": year,
        "questionnaire": QuestionnaireVersion.objects.get(survey=Survey.APPRENTICE, year=2020),
        **schedule.default_dates(year),
    }
    return Round(**{**values, **changes})


def _opened_round(**changes) -> Round:
    """A round that opened today, by the real clock (its sending starts today)."""
    today = schedule.today()
    values = {
        "survey": Survey.APPRENTICE,
        "year": today.year,
        "reference_date": today - datetime.timedelta(days=6),
        "sending_starts_on": today,
        "last_answer_day": today + datetime.timedelta(days=25),
        "publication_date": today + datetime.timedelta(days=51),
        "vigo_correction_deadline": datetime.datetime.combine(
            today - datetime.timedelta(days=7), datetime.time(12), tzinfo=schedule.OSLO
        ),
        "questionnaire": QuestionnaireVersion.objects.get(survey=Survey.APPRENTICE, year=2020),
    }
    return Round.objects.create(**{**values, **changes})


@pytest.mark.django_db
def test_a_new_round_gets_the_dates_of_the_2024_seed():
    created = create_rounds(2027)
    assert [(o.round.survey, o.created) for o in created] == [
        ("apprentice", True),
        ("supervisor", True),
    ]
    for outcome in created:
        made = Round.objects.get(pk=outcome.round.pk)
        assert made.reference_date == datetime.date(2027, 10, 1)
        assert made.sending_starts_on == datetime.date(2027, 10, 7)
        assert made.last_answer_day == datetime.date(2027, 11, 1)
        assert made.publication_date == datetime.date(2027, 11, 27)
        # 30 September 12:00 in Oslo, which is 10:00 UTC in summer time.
        deadline = made.vigo_correction_deadline
        assert deadline.astimezone(schedule.OSLO).replace(tzinfo=None) == datetime.datetime(
            2027, 9, 30, 12, 0
        )
        assert deadline == datetime.datetime(2027, 9, 30, 10, 0, tzinfo=datetime.UTC)
        assert made.questionnaire.year == 2020
        assert made.questionnaire.survey == made.survey


@pytest.mark.parametrize(
    "day, state",
    [
        ((1, 1), RoundState.PREPARING),
        ((9, 30), RoundState.PREPARING),
        ((10, 6), RoundState.PREPARING),  # the day before sending may start
        ((10, 7), RoundState.OPEN),  # the first day of sending
        ((10, 20), RoundState.OPEN),
        ((11, 1), RoundState.OPEN),  # the last day to answer is still open
        ((11, 2), RoundState.CLOSED),
        ((11, 26), RoundState.CLOSED),  # the day before publication
        ((11, 27), RoundState.PUBLISHED),  # the publication date
        ((12, 31), RoundState.PUBLISHED),
    ],
)
def test_the_state_of_a_round_on_each_boundary_day(day, state):
    round_ = Round(**{k: v for k, v in schedule.default_dates(2027).items()})
    assert schedule.state_on(round_, datetime.date(2027, *day)) == state


def test_the_state_follows_the_clock_when_no_day_is_given():
    today = schedule.today()
    opens_tomorrow = Round(
        sending_starts_on=today + datetime.timedelta(days=1),
        last_answer_day=today + datetime.timedelta(days=20),
        publication_date=today + datetime.timedelta(days=40),
    )
    assert opens_tomorrow.state == RoundState.PREPARING
    opens_tomorrow.sending_starts_on = today
    assert opens_tomorrow.state == RoundState.OPEN
    opens_tomorrow.last_answer_day = today - datetime.timedelta(days=1)
    assert opens_tomorrow.state == RoundState.CLOSED
    opens_tomorrow.publication_date = today
    assert opens_tomorrow.state == RoundState.PUBLISHED


@pytest.mark.django_db
def test_create_round_makes_both_surveys_rounds_and_says_what_it_made():
    out = StringIO()
    call_command("create_round", "--year", "2027", stdout=out)
    text = out.getvalue()
    assert "Opprettet Lærlingundersøkelsen 2027" in text
    assert "Opprettet Faglig leder-undersøkelsen 2027" in text
    assert "utsending fra 7. oktober 2027" in text
    assert "VIGO-frist 30. september 2027 kl. 12.00" in text
    assert set(Round.objects.values_list("survey", "year")) == {
        ("apprentice", 2027),
        ("supervisor", 2027),
    }
    assert AuditEvent.objects.filter(action="surveys.round.created").count() == 2


@pytest.mark.django_db
def test_a_second_create_round_says_the_rounds_exist_and_changes_nothing():
    call_command("create_round", "--year", "2027", stdout=StringIO())
    # Udir moved the last day to answer in the admin; a second run must keep that.
    Round.objects.filter(survey="apprentice").update(last_answer_day=datetime.date(2027, 11, 8))
    out = StringIO()
    call_command("create_round", "--year", "2027", stdout=out)
    assert "Finnes allerede, ikke endret: Lærlingundersøkelsen 2027." in out.getvalue()
    assert "Finnes allerede, ikke endret: Faglig leder-undersøkelsen 2027." in out.getvalue()
    assert "Opprettet" not in out.getvalue()
    assert Round.objects.count() == 2
    assert Round.objects.get(survey="apprentice").last_answer_day == datetime.date(2027, 11, 8)
    assert AuditEvent.objects.filter(action="surveys.round.created").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "year, message",
    [
        ("20x7", "Ugyldig år: «20x7». Skriv et årstall med fire sifre"),
        ("27", "Ugyldig år: «27»"),
        ("-2027", "Ugyldig år"),
        ("1999", "Året må være mellom 2018 og 2100, ikke 1999."),
        ("2101", "Året må være mellom 2018 og 2100, ikke 2101."),
    ],
)
def test_create_round_with_a_bad_year_says_why_exits_with_2_and_creates_nothing(year, message):
    with pytest.raises(CommandError) as refused:
        call_command("create_round", "--year", year, stdout=StringIO())
    assert message in str(refused.value)
    assert refused.value.returncode == 2
    assert not Round.objects.exists()
    assert not AuditEvent.objects.exists()


def test_create_round_with_a_bad_year_exits_with_code_2_on_the_command_line():
    result = subprocess.run(
        [sys.executable, "manage.py", "create_round", "--year", "tjuesju"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Ugyldig år: «tjuesju». Skriv et årstall med fire sifre" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"last_answer_day": datetime.date(2027, 10, 6)},
            "last_answer_day",
            "Siste dag for å svare kan ikke komme før utsendingen starter.",
        ),
        (
            {"publication_date": datetime.date(2027, 11, 1)},
            "publication_date",
            "Resultatene kan ikke publiseres før etter siste dag for å svare.",
        ),
        (
            {"sending_starts_on": datetime.date(2027, 9, 30)},
            "sending_starts_on",
            "Utsendingen kan ikke starte før referansedatoen.",
        ),
        (
            {"vigo_correction_deadline": datetime.datetime(2027, 10, 8, 12, tzinfo=schedule.OSLO)},
            "vigo_correction_deadline",
            "Fristen for rettinger i VIGO må være før utsendingen starter.",
        ),
    ],
)
def test_round_dates_out_of_order_are_refused_with_a_clear_message(changes, field, message):
    with pytest.raises(ValidationError) as refused:
        _round(**changes).full_clean()
    assert refused.value.message_dict[field] == [message]


@pytest.mark.django_db
def test_a_round_cannot_use_the_other_surveys_questionnaire():
    other = QuestionnaireVersion.objects.get(survey=Survey.SUPERVISOR, year=2020)
    with pytest.raises(ValidationError) as refused:
        _round(questionnaire=other).full_clean()
    assert refused.value.message_dict["questionnaire"] == [
        "Spørreskjemaet hører til en annen undersøkelse."
    ]


@pytest.mark.django_db
def test_two_rounds_of_one_survey_in_one_year_are_refused():
    _round().save()
    with pytest.raises(ValidationError) as refused:
        _round().full_clean()
    assert "__all__" in refused.value.message_dict


@pytest.mark.django_db
def test_an_opened_round_keeps_its_questionnaire_and_sending_start_and_is_not_deleted():
    opened = _opened_round()
    older = QuestionnaireVersion.objects.get(survey=Survey.APPRENTICE, year=2018)
    for change in (
        {"questionnaire": older},
        {"sending_starts_on": opened.sending_starts_on + datetime.timedelta(days=1)},
    ):
        moved = Round.objects.get(pk=opened.pk)
        for name, value in change.items():
            setattr(moved, name, value)
        with pytest.raises(ValidationError, match="Gjennomføringen har åpnet"):
            moved.save()
    with pytest.raises(ValidationError, match="Gjennomføringen har åpnet"):
        Round.objects.filter(pk=opened.pk).update(questionnaire=older)
    with pytest.raises(ValidationError, match="kan ikke slettes"):
        opened.delete()
    with pytest.raises(ValidationError, match="kan ikke slettes"):
        Round.objects.all().delete()
    opened.refresh_from_db()
    assert opened.questionnaire.year == 2020
    assert opened.sending_starts_on == schedule.today()
    # What may still change: Udir may extend the time to answer.
    opened.last_answer_day += datetime.timedelta(days=7)
    opened.save()


@pytest.mark.django_db
def test_udir_starts_a_new_round_in_the_admin_from_the_default_dates(admin_client):
    response = admin_client.get(reverse("admin:surveys_round_add"), {"year": "2028"})
    assert response.status_code == 200
    initial = response.context["adminform"].form.initial
    assert initial["sending_starts_on"] == datetime.date(2028, 10, 7)
    assert initial["publication_date"] == datetime.date(2028, 11, 27)


@pytest.mark.django_db
def test_udir_edits_a_preparing_rounds_dates_in_the_admin_and_bad_dates_are_refused(admin_client):
    round_ = create_rounds(2027)[0].round
    url = reverse("admin:surveys_round_change", args=[round_.pk])
    form = {
        "survey": "apprentice",
        "year": "2027",
        "questionnaire": str(round_.questionnaire_id),
        "vigo_correction_deadline_0": "30.09.2027",
        "vigo_correction_deadline_1": "12:00",
        "reference_date": "01.10.2027",
        "sending_starts_on": "07.10.2027",
        "last_answer_day": "05.10.2027",
        "publication_date": "27.11.2027",
    }
    refused = admin_client.post(url, form)
    assert refused.status_code == 200
    assert "Siste dag for å svare kan ikke komme før utsendingen starter." in refused.text
    round_.refresh_from_db()
    assert round_.last_answer_day == datetime.date(2027, 11, 1)

    accepted = admin_client.post(url, {**form, "last_answer_day": "08.11.2027"})
    assert accepted.status_code == 302
    round_.refresh_from_db()
    assert round_.last_answer_day == datetime.date(2027, 11, 8)


@pytest.mark.django_db
def test_an_opened_rounds_admin_page_shows_its_state_links_the_preview_and_locks_the_rest(
    admin_client,
):
    opened = _opened_round()
    response = admin_client.get(reverse("admin:surveys_round_change", args=[opened.pk]))
    assert response.status_code == 200
    assert "Åpen" in response.text
    assert reverse("surveys:preview", args=[opened.pk]) in response.text
    fields = response.context["adminform"].form.fields
    assert "questionnaire" not in fields
    assert "sending_starts_on" not in fields
    assert "last_answer_day" in fields
    delete = admin_client.post(reverse("admin:surveys_round_delete", args=[opened.pk]))
    assert delete.status_code == 403
    assert Round.objects.filter(pk=opened.pk).exists()


@pytest.mark.django_db
def test_the_demo_makes_this_years_round_and_next_years_in_preparation_only_once():
    from surveys.demo import demo_year
    from surveys.models import Participant

    logged = []
    build_demo(2026, logged.append)
    build_demo(2026, logged.append)
    this_year = demo_year(schedule.today())
    made = Round.objects.order_by("year", "survey")
    assert [(r.year, r.survey) for r in made] == [
        (this_year - 1, "apprentice"),
        (this_year - 1, "supervisor"),
        (this_year, "apprentice"),
        (this_year, "supervisor"),
        (this_year + 1, "apprentice"),
        (this_year + 1, "supervisor"),
    ]
    assert {r.questionnaire.year for r in made} == {2020}
    assert {r.state for r in made if r.year == this_year + 1} == {RoundState.PREPARING}
    # DEMO ONLY: this year's rounds are open today, so the extract can be imported.
    assert {r.state for r in made if r.year == this_year} == {RoundState.OPEN}
    # Last year's are over, answered and stored.
    assert all(r.responses_stored_on for r in made if r.year == this_year - 1)
    assert sum("already there" in line for line in logged) == 6
    # The national extract is imported once; the second run changes nothing.
    assert Participant.objects.filter(round__year=this_year).count() > 25_000
    samples = [line for line in logged if line.startswith(f"Sample {this_year}")]
    assert "0 added, 0 updated, 0 withdrawn" in samples[-1]
