"""Organisations: organisation numbers, the counties through their reforms, the demo data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from accounts import orgnr
from accounts.counties import COUNTIES
from accounts.models import Organisation


@pytest.mark.parametrize("number", ["974760673", "970018131", "921693230"])
def test_a_number_with_the_right_check_digit_is_valid(number):
    assert orgnr.is_valid(number)


@pytest.mark.parametrize(
    "number",
    ["974760674", "97476067", "9747606731", "97476067a", "", "000000001"],
)
def test_a_number_with_a_wrong_check_digit_or_length_is_invalid(number):
    assert not orgnr.is_valid(number)


def test_eight_digits_whose_remainder_is_one_have_no_valid_check_digit():
    # 3*1 + 2*0 + ... chosen so the weighted sum leaves remainder 1: no digit fits.
    first_eight = next(
        f"{n:08d}" for n in range(10**7, 10**7 + 1000) if orgnr.check_digit(f"{n:08d}") is None
    )
    assert all(not orgnr.is_valid(first_eight + str(d)) for d in range(10))


@pytest.mark.django_db
def test_an_organisation_with_an_invalid_number_is_refused_with_a_clear_message():
    org = Organisation(kind="company", orgnr="974760674", name="Feil AS")
    with pytest.raises(ValidationError, match="974760674 er ikke et gyldig organisasjonsnummer"):
        org.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2017, 1, 1), 19),
        (datetime.date(2019, 1, 1), 18),
        (datetime.date(2022, 1, 1), 11),
        (datetime.date(2025, 1, 1), 15),
    ],
)
def test_the_number_of_counties_follows_ssbs_classification(day, expected):
    assert Organisation.objects.counties().valid_on(day).count() == expected


@pytest.mark.django_db
def test_every_county_has_a_valid_organisation_number_and_a_county_number():
    counties = Organisation.objects.counties()
    assert counties.count() == len(COUNTIES)
    for county in counties:
        assert orgnr.is_valid(county.orgnr), county
        assert len(county.county_number) == 2, county


@pytest.mark.django_db
def test_the_2024_split_counties_have_their_reform_predecessors():
    viken = Organisation.objects.get(county_number="30")
    assert set(viken.predecessors.values_list("county_number", flat=True)) == {"01", "02", "06"}
    assert set(viken.successors.values_list("county_number", flat=True)) == {"31", "32", "33"}
    troms = Organisation.objects.get(county_number="55")
    assert list(troms.predecessors.values_list("county_number", flat=True)) == ["54"]
    assert not viken.is_valid_on(datetime.date(2024, 1, 1))
    assert viken.is_valid_on(datetime.date(2023, 12, 31))


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_the_same_for_the_same_seed():
    call_command("demo", seed=7, stdout=None)
    first = list(Organisation.objects.order_by("orgnr").values_list("orgnr", "name", "kind"))
    call_command("demo", seed=7)
    assert (
        list(Organisation.objects.order_by("orgnr").values_list("orgnr", "name", "kind")) == first
    )
    offices = Organisation.objects.training_offices()
    companies = Organisation.objects.training_companies()
    assert offices.count() == 200
    assert companies.count() == 5000
    assert all(orgnr.is_valid(n) for n in companies.values_list("orgnr", flat=True))
    assert companies.filter(training_office__isnull=False).count() > 3000
    assert companies.filter(training_office__isnull=True).count() > 1000
    # The sender's tools are in the demo too: a planned reminder still to be moved, tested
    # or cancelled, the supervisors invited, and one of Udir's own texts.
    from distribution.models import Dispatch, MessageTemplate, State

    planned = Dispatch.objects.filter(state=State.SCHEDULED)
    assert planned.count() == 1 and not planned.get().messages.exists()
    assert Dispatch.objects.filter(round__survey="supervisor", email_count__gt=0).exists()
    assert MessageTemplate.objects.filter(survey="supervisor", channel="sms").exists()


@pytest.mark.django_db
def test_another_seed_gives_other_demo_organisations():
    from accounts import demo

    demo.build(1, lambda line: None)
    first = set(Organisation.objects.training_offices().values_list("orgnr", flat=True))
    Organisation.objects.filter(kind__in=["office", "company"]).delete()
    demo.build(2, lambda line: None)
    second = set(Organisation.objects.training_offices().values_list("orgnr", flat=True))
    assert first != second
