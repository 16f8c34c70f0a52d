"""The supervisor sample: one professional supervisor per training company, from the same
extract, with a stable tie-break; and the mobile-number check it shares with apprentices."""

import phonenumbers
import pytest

from surveys.models import Participant
from surveys.sample import contact_checks
from surveys.sample.importing import import_extract
from tests.sample_helpers import COMPANY, COMPANY_2, OFFICE, OFFICE_2, csv_bytes, open_round, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return open_round(2026)


def run(round_, rows):
    report, _entry = import_extract(csv_bytes(rows), round_=round_, file_name="x.csv")
    return report


def supervisors(round_):
    return Participant.objects.filter(
        round__year=round_.year, round__survey="supervisor"
    ).select_related("company", "county", "office")


def _leader(name, email="", mobile=""):
    return {"faglig_leder_navn": name, "faglig_leder_epost": email, "faglig_leder_mobil": mobile}


def test_the_supervisor_named_on_most_contracts_of_a_company_is_chosen(round_):
    report = run(
        round_,
        [
            row(person_id="1", **_leader("Kari Leder", "kari@example.no")),
            row(person_id="2", **_leader("Per Sjef", "per@example.no")),
            row(person_id="3", **_leader("Per Sjef", "per@example.no")),
        ],
    )
    (chosen,) = supervisors(round_)
    assert (chosen.first_name, chosen.last_name, chosen.email) == ("Per", "Sjef", "per@example.no")
    assert chosen.company.orgnr == COMPANY and report.supervisors == 1


def test_a_tie_goes_to_the_lowest_key(round_):
    rows = [
        row(person_id="1", **_leader("Zara Ø", "zara@example.no")),
        row(person_id="2", **_leader("Anne A", "anne@example.no")),
    ]
    run(round_, rows)
    assert supervisors(round_).get().email == "anne@example.no"
    # The order of the rows does not matter.
    run(round_, list(reversed(rows)))
    assert supervisors(round_).active().get().email == "anne@example.no"


def test_a_supervisor_is_known_by_case_folded_email_else_mobile_else_name(round_):
    run(
        round_,
        [
            # Two writings of one e-mail address count as one supervisor (2 contracts)...
            row(person_id="1", **_leader("Kari Leder", "Kari@Example.no")),
            row(person_id="2", **_leader("K. Leder", "kari@example.NO")),
            # ...against a mobile number written two ways (2 contracts): the e-mail key
            # "e:..." is lower than the mobile key "m:...", so the tie goes to Kari.
            row(person_id="3", **_leader("Ola", "", "+47 480 00 000")),
            row(person_id="4", **_leader("Ola N", "", "48000000")),
            # Three contracts naming Nils by name only.
            row(person_id="5", laerebedrift_orgnr=COMPANY_2, **_leader("Nils  Berg")),
            row(person_id="6", laerebedrift_orgnr=COMPANY_2, **_leader("nils berg")),
            row(person_id="7", laerebedrift_orgnr=COMPANY_2, **_leader("Nils Berg", "", "22")),
            row(person_id="8", laerebedrift_orgnr=COMPANY_2, **_leader("Ola", "", "48000000")),
        ],
    )
    by_company = {s.company.orgnr: s for s in supervisors(round_)}
    assert by_company[COMPANY].email.lower() == "kari@example.no"
    assert by_company[COMPANY_2].last_name == "Berg"
    assert "no_contact" in by_company[COMPANY_2].warnings


def test_the_supervisors_county_and_office_are_those_of_most_of_the_companys_contracts(
    round_,
):
    office = {"opplaeringskontor_nor": "J"}
    run(
        round_,
        [
            row(person_id="1", kontrakteier="03", opplaeringskontor_orgnr=OFFICE, **office),
            row(person_id="2", kontrakteier="46", opplaeringskontor_orgnr=OFFICE_2, **office),
            row(person_id="3", kontrakteier="46", opplaeringskontor_orgnr=OFFICE_2, **office),
        ],
    )
    chosen = supervisors(round_).get()
    assert chosen.county.county_number == "46" and chosen.office.orgnr == OFFICE_2


def test_companies_with_no_supervisor_named_are_reported(round_):
    report = run(
        round_,
        [
            row(person_id="1"),
            row(person_id="2", laerebedrift_orgnr=COMPANY_2, **_leader("")),
        ],
    )
    assert report.companies_without_supervisor == [COMPANY_2]
    assert report.supervisors == 1


def test_only_in_sample_contracts_count_for_the_supervisor(round_):
    run(
        round_,
        [
            row(person_id="1", **_leader("Kari Leder", "kari@example.no")),
            row(person_id="2", avbrudd="J", **_leader("Per Sjef", "per@example.no")),
            row(person_id="3", avbrudd="J", **_leader("Per Sjef", "per@example.no")),
        ],
    )
    assert supervisors(round_).get().email == "kari@example.no"


def test_a_new_supervisor_replaces_the_old_one_who_is_withdrawn(round_):
    run(round_, [row(person_id="1", **_leader("Kari Leder", "kari@example.no"))])
    report = run(round_, [row(person_id="1", **_leader("Per Sjef", "per@example.no"))])
    assert report.supervisor_changes == {
        "added": 1,
        "updated": 0,
        "withdrawn": 1,
        "taken_back": 0,
        "unchanged": 0,
    }
    assert supervisors(round_).active().get().email == "per@example.no"


# The mobile-number check's fast path agrees with phonenumbers itself.


@pytest.mark.parametrize("first_two", range(10, 100))
def test_the_fast_path_for_norwegian_numbers_agrees_with_phonenumbers(first_two):
    for rest in ("000000", "123456", "999999", "500000"):
        written = f"{first_two}{rest}"
        number = phonenumbers.parse(written, "NO")
        expected = (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
            else None
        )
        assert contact_checks.mobile(written) == expected, written


@pytest.mark.parametrize(
    "address",
    [
        "ola@example.no",
        "ola.nordmann@example.no",
        "o'brien+tag@sub.example.co.uk",
        "a@b.cd",
        "x-y_z@e-x.example.com",
        "ola..nordmann@example.no",
        ".ola@example.no",
        "ola@-example.no",
        "ola@example.n",
        "ola@example",
        "ola@",
        "@example.no",
        "ola nordmann@example.no",
        "ola@exa_mple.no",
        "åse@example.no",
        "ola@eksempel.museum",
        "ola@localhost",
        "ola@[127.0.0.1]",
        "a" * 250 + "@example.no",
    ],
)
def test_the_fast_email_check_agrees_with_djangos_validator(address):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(address)
        expected = address
    except ValidationError:
        expected = None
    assert contact_checks.email(address) == expected
