"""The VIGO sample import: who lands in the sample, why the others are rejected, the
warnings on contact data, the diff of a re-import, the history and the dry run."""

import datetime

import pytest
from django.db.models import ProtectedError

from accounts.models import AuditEvent, Organisation
from surveys.models import Participant, RejectedRow, SampleImport
from surveys.respondents import links
from surveys.sample.importing import NeedsConfirmation, import_extract, purge_rejected_rows
from tests.sample_helpers import (
    COMPANY,
    COMPANY_2,
    OFFICE,
    csv_bytes,
    open_round,
    orgnr,
    row,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return open_round(2026)


def run(round_, rows, **options):
    report, _entry = import_extract(
        csv_bytes(rows), round_=round_, file_name="uttrekk.csv", **options
    )
    return report


def outcome(round_, **values) -> str:
    """The one reason a single row is rejected, or "in_sample". A test may ask for several
    outcomes of the same person in turn: each replaces the sample of one before."""
    report = run(round_, [row(**values)], withdrawals_confirmed=True)
    if report.in_sample:
        return "in_sample"
    (reason,) = report.rejected
    return reason


def test_a_row_in_the_sample_becomes_a_participant_with_a_working_link(round_):
    report = run(round_, [row()])
    assert (report.rows, report.in_sample, report.added) == (1, 1, 1)
    participant = Participant.objects.get(round=round_)
    assert participant.first_name == "Åse" and participant.last_name == "Ødegård"
    assert participant.email == "ase@example.no"
    assert participant.mobile == "+4791234567"
    assert participant.county.county_number == "46"
    assert participant.company.orgnr == COMPANY
    assert participant.contract_type == "apprentice"
    assert participant.contract_start == datetime.date(2024, 8, 1)
    assert participant.contract_end is None
    assert participant.warnings == []
    assert Participant.objects.by_token(links.token_for(participant)).first() == participant


def test_an_organisation_in_the_sample_cannot_be_deleted_and_its_participants_stay(round_):
    # The database does not check the workplace keys (surveys/models/workplace.py): Django must.
    run(round_, [row()])
    company = Organisation.objects.get(orgnr=COMPANY)
    with pytest.raises(ProtectedError):
        company.delete()
    assert Participant.objects.get(round=round_).company == company


@pytest.mark.parametrize(
    "values",
    [
        {"person_id": ""},
        {"kontrakt_start": "31.02.2025"},
        {"kontrakt_start": ""},
        {"kontrakt_slutt": "i morgen"},
        {"kontrakt_slutt": "2027-13-01"},
    ],
)
def test_a_row_without_person_id_or_with_a_date_that_is_no_date_is_an_invalid_row(round_, values):
    assert outcome(round_, **values) == "invalid_row"


def test_dates_may_be_written_the_norwegian_way_or_iso(round_):
    run(round_, [row(person_id="A", kontrakt_start="2024-08-01", kontrakt_slutt="30.06.2027")])
    participant = Participant.objects.get(person_key="A")
    assert participant.contract_start == datetime.date(2024, 8, 1)
    assert participant.contract_end == datetime.date(2027, 6, 30)


def test_a_person_seen_earlier_in_the_file_is_a_duplicate_whatever_the_first_row_gave(round_):
    report = run(
        round_,
        [
            row(person_id="A"),
            row(person_id="A", fornavn="Other"),
            row(person_id="B", avbrudd="J"),
            row(person_id="B"),
            row(person_id="C", kontrakt_start="31.02.2025"),
            row(person_id="C"),
        ],
    )
    assert report.rejected == {"duplicate": 3, "interrupted": 1, "invalid_row": 1}
    apprentices = Participant.objects.filter(round=round_)
    assert list(apprentices.values_list("person_key", "first_name")) == [("A", "Åse")]


@pytest.mark.parametrize("written", ["Lærling", "LÆRLING", "lærekandidat", "Lærekandidat"])
def test_apprentices_and_candidates_in_any_letter_case_are_in_the_sample(round_, written):
    assert outcome(round_, kontraktstype=written) == "in_sample"


@pytest.mark.parametrize("written", ["Elev", "", "Laerling"])
def test_any_other_contract_type_is_rejected(round_, written):
    assert outcome(round_, kontraktstype=written) == "contract_type"


@pytest.mark.parametrize("number", ["99", "30", "", "Vestland"])
def test_a_contract_owner_that_is_no_county_of_the_rounds_year_is_unknown(round_, number):
    # 30 is Viken, which existed until 2023.
    assert outcome(round_, kontrakteier=number) == "unknown_county"


def test_a_county_number_may_lack_its_leading_zero(round_):
    run(round_, [row(kontrakteier="3")])
    assert Participant.objects.get(round=round_).county.county_number == "03"


@pytest.mark.parametrize(
    "values",
    [
        {"laerebedrift_orgnr": COMPANY[:-1] + str((int(COMPANY[-1]) + 1) % 10)},
        {"opplaeringskontor_orgnr": "123456789", "opplaeringskontor_nor": "J"},
        {"laerebedrift_orgnr": "12345"},
    ],
)
def test_an_organisation_number_failing_the_mod_11_check_is_rejected(round_, values):
    assert outcome(round_, **values) == "invalid_orgnr"


def test_an_organisation_number_written_with_spaces_is_read(round_):
    spaced = f"{COMPANY[:3]} {COMPANY[3:6]} {COMPANY[6:]}"
    assert outcome(round_, laerebedrift_orgnr=spaced) == "in_sample"


def test_a_row_with_neither_company_nor_office_has_no_workplace(round_):
    assert outcome(round_, laerebedrift_orgnr="", laerebedrift_navn="") == "no_workplace"


def test_a_row_with_only_a_training_office_is_in_the_sample(round_):
    run(
        round_,
        [
            row(
                laerebedrift_orgnr="",
                opplaeringskontor_orgnr=OFFICE,
                opplaeringskontor_navn="OK Vest",
                opplaeringskontor_nor="J",
            )
        ],
    )
    participant = Participant.objects.get(round=round_)
    assert participant.company is None and participant.office.orgnr == OFFICE
    assert participant.office.kind == "office" and participant.office.name == "OK Vest"


def test_a_company_not_approved_in_nlr_is_rejected(round_):
    assert outcome(round_, laerebedrift_nlr="N") == "company_not_approved"


def test_an_office_not_approved_in_nor_is_rejected(round_):
    values = {"opplaeringskontor_orgnr": OFFICE, "opplaeringskontor_nor": "N"}
    assert outcome(round_, **values) == "office_not_approved"


@pytest.mark.parametrize("written", ["J", "j"])
def test_an_interrupted_contract_is_rejected(round_, written):
    assert outcome(round_, avbrudd=written) == "interrupted"


@pytest.mark.parametrize("written", ["N", ""])
def test_interruption_n_or_empty_means_not_interrupted(round_, written):
    assert outcome(round_, avbrudd=written) == "in_sample"


def test_a_contract_with_a_termination_code_is_rejected(round_):
    assert outcome(round_, avslutningskode="HE") == "terminated"


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Reference date 1 October 2026 less 11 calendar months: 1 November 2025.
        ("31.10.2025", "in_sample"),
        ("01.11.2025", "too_short"),
        ("02.11.2025", "too_short"),
        ("01.08.2026", "too_short"),
    ],
)
def test_a_contract_must_have_started_more_than_11_months_before_the_reference_date(
    round_, start, expected
):
    assert outcome(round_, kontrakt_start=start) == expected


def test_a_contract_ending_on_the_last_day_to_answer_is_in_the_sample_the_day_before_not(
    round_,
):
    last = round_.last_answer_day
    assert outcome(round_, kontrakt_slutt=last.strftime("%d.%m.%Y")) == "in_sample"
    before = last - datetime.timedelta(days=1)
    assert outcome(round_, kontrakt_slutt=before.isoformat()) == "ends_before_close"


def test_a_row_with_several_faults_gets_only_the_first_reason(round_):
    assert outcome(round_, kontraktstype="Elev", avbrudd="J") == "contract_type"
    assert outcome(round_, kontrakteier="99", laerebedrift_nlr="N") == "unknown_county"
    assert outcome(round_, laerebedrift_nlr="N", avbrudd="J", avslutningskode="X") == (
        "company_not_approved"
    )
    assert outcome(round_, avbrudd="J", kontrakt_start="01.09.2026") == "interrupted"
    assert outcome(round_, kontrakt_start="01.09.2026", kontrakt_slutt="01.01.2026") == (
        "too_short"
    )


def test_columns_in_any_order_and_letter_case_with_unknown_ones_ignored(round_):
    values = row(epost="  ase@example.no  ", fornavn=" Åse ")
    columns = ["EKSTRA", *reversed([c.upper() for c in values])]
    data = {c.upper(): v for c, v in values.items()} | {"EKSTRA": "x"}
    import_extract(csv_bytes([data], columns=columns), round_=round_, file_name="x.csv")
    participant = Participant.objects.get(round=round_)
    assert participant.first_name == "Åse" and participant.email == "ase@example.no"


# Warnings on contact data.


def test_an_invalid_email_is_a_warning_and_kept_aside_for_the_quality_report(round_):
    report = run(round_, [row(epost="ase@")])
    participant = Participant.objects.get(round=round_)
    assert report.warnings == {"invalid_email": 1}
    assert participant.warnings == ["invalid_email"]
    assert participant.email == "" and participant.email_in_extract == "ase@"


def test_a_fixed_line_number_is_not_a_mobile_number(round_):
    report = run(round_, [row(mobil="22 22 22 22")])
    participant = Participant.objects.get(round=round_)
    assert report.warnings == {"invalid_mobile": 1}
    assert participant.mobile == "" and participant.mobile_in_extract == "22 22 22 22"


def test_neither_a_valid_email_nor_a_valid_mobile_is_no_contact(round_):
    run(round_, [row(person_id="A", epost="nei", mobil="123")])
    run(round_, [row(person_id="A", epost="", mobil="")])
    assert Participant.objects.get(round=round_).warnings == ["no_contact"]


def test_an_empty_field_is_missing_not_invalid(round_):
    report = run(round_, [row(person_id="A", epost=""), row(person_id="B", mobil="")])
    assert report.warnings == {}
    report = run(round_, [row(person_id="A", epost="nei", mobil="")], withdrawals_confirmed=True)
    assert report.warnings == {"invalid_email": 1, "no_contact": 1}


@pytest.mark.parametrize(
    "written",
    ["+47 912 34 567", "0047 91234567", "912 34 567", "91234567", "+4791234567", "912-34-567"],
)
def test_each_usual_writing_of_a_norwegian_mobile_is_stored_as_e164(round_, written):
    run(round_, [row(mobil=written)])
    participant = Participant.objects.get(round=round_)
    assert participant.mobile == "+4791234567" and participant.warnings == []


@pytest.mark.parametrize(
    ("written", "stored"),
    [("+46 70 123 45 67", "+46701234567"), ("0046 70 123 45 67", "+46701234567")],
)
def test_a_foreign_mobile_number_is_valid(round_, written, stored):
    run(round_, [row(mobil=written)])
    assert Participant.objects.get(round=round_).mobile == stored


@pytest.mark.parametrize("written", ["+46 8 123 456 78", "+47 4912 3456", "912345678"])
def test_a_foreign_fixed_line_or_impossible_number_is_invalid(round_, written):
    run(round_, [row(mobil=written)])
    assert Participant.objects.get(round=round_).warnings == ["invalid_mobile"]


# Re-imports: a diff.


def test_importing_the_same_file_twice_changes_nothing(round_):
    rows = [row(person_id="A"), row(person_id="B", epost="feil"), row(person_id="C", avbrudd="J")]
    first = run(round_, rows)
    before = list(Participant.objects.order_by("pk").values())
    second = run(round_, rows)
    assert (first.added, second.added, second.updated, second.withdrawn) == (2, 0, 0, 0)
    assert second.unchanged == 2
    assert second.supervisor_changes == {
        "added": 0,
        "updated": 0,
        "withdrawn": 0,
        "taken_back": 0,
        "unchanged": 1,
    }
    assert list(Participant.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(
    "change",
    [
        {"epost": "ny@example.no"},
        {"mobil": "+47 98765432"},
        {"etternavn": "Nordmann"},
        {"laerebedrift_orgnr": COMPANY_2},
        {"opplaeringskontor_orgnr": OFFICE, "opplaeringskontor_nor": "J"},
        {"kontrakteier": "03"},
    ],
)
def test_changed_contact_data_company_office_or_county_is_an_update_keeping_the_link(
    round_, change
):
    run(round_, [row(person_id="A")])
    participant = Participant.objects.get(round=round_)
    token = links.token_for(participant)
    report = run(round_, [row(person_id="A", **change)])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    participant.refresh_from_db()
    assert (
        links.token_for(participant) == token
        and Participant.objects.by_token(token).first() == participant
    )


def test_a_person_gone_from_the_extract_is_withdrawn_kept_and_not_counted_again(round_):
    run(round_, [row(person_id="A"), row(person_id="B")])
    report = run(round_, [row(person_id="A")], withdrawals_confirmed=True)
    assert (report.withdrawn, report.unchanged) == (1, 1)
    gone = Participant.objects.get(person_key="B")
    assert gone.withdrawn_at is not None
    active = Participant.objects.filter(round=round_).active()
    assert list(active.values_list("person_key", flat=True)) == ["A"]
    again = run(round_, [row(person_id="A")])
    assert (again.withdrawn, again.unchanged) == (0, 1)


def test_a_person_rejected_on_re_import_is_withdrawn(round_):
    run(round_, [row(person_id="A")])
    report = run(round_, [row(person_id="A", avbrudd="J")], withdrawals_confirmed=True)
    assert report.withdrawn == 1 and report.rejected == {"interrupted": 1}


def test_a_withdrawn_person_back_in_the_extract_is_taken_back_in_with_the_same_link(round_):
    run(round_, [row(person_id="A"), row(person_id="B")])
    run(round_, [row(person_id="A")], withdrawals_confirmed=True)
    token = links.token_for(Participant.objects.get(person_key="B"))
    report = run(round_, [row(person_id="A"), row(person_id="B", epost="ny@example.no")])
    # Taken back in, a count of its own: not "updated", though the e-mail changed too.
    assert (report.added, report.updated, report.taken_back, report.unchanged) == (0, 0, 1, 1)
    back = Participant.objects.get(person_key="B")
    assert back.withdrawn_at is None and links.token_for(back) == token
    assert back.email == "ny@example.no"
    assert report.as_json()["taken_back"] == 1


# An import that withdraws much of the sample (a county's rows alone, last year's file, a
# file cut at a line end): applied only once confirmed.


def _sample_of(round_, count: int) -> list[dict]:
    rows = [row(person_id=f"P{n}") for n in range(count)]
    run(round_, rows)
    return rows


def _snapshot():
    return (
        list(Participant.objects.order_by("pk").values()),
        list(SampleImport.objects.values_list("pk", flat=True)),
        list(RejectedRow.objects.values_list("pk", flat=True)),
        list(AuditEvent.objects.values_list("pk", flat=True)),
        Organisation.objects.count(),
    )


def test_an_import_withdrawing_more_than_a_tenth_of_the_sample_waits_for_confirmation(round_):
    rows = _sample_of(round_, 20)
    run(round_, [*rows, row(person_id="X", avbrudd="J")])  # one rejected row kept
    before = _snapshot()
    new_company = {"laerebedrift_orgnr": orgnr("91000009"), "laerebedrift_navn": "Ny AS"}
    wrong = [*rows[:17], row(person_id="NEW", **new_company), row(person_id="Y", avbrudd="J")]
    with pytest.raises(NeedsConfirmation) as raised:
        run(round_, wrong)
    report = raised.value.report
    assert (report.added, report.withdrawn, report.unchanged) == (1, 3, 17)
    assert report.sample_before == 20 and report.confirmation_needed
    assert "trukket ut 3 av de 20 i utvalget (15 %), mer enn grensen på 10 %" in str(raised.value)
    # No one withdrawn or added, no organisation made, no history, the rejected rows kept.
    assert _snapshot() == before


def test_a_file_cut_at_a_line_end_waits_for_confirmation(round_):
    rows = _sample_of(round_, 30)
    content = csv_bytes(rows)
    cut = content[: content.index(b"\r\nP11;") + 2]  # whole rows, fewer of them
    with pytest.raises(NeedsConfirmation) as raised:
        import_extract(cut, round_=round_, file_name="cut.csv")
    assert raised.value.report.withdrawn == 19
    assert Participant.objects.filter(round=round_).active().count() == 30


def test_withdrawing_a_tenth_exactly_needs_no_confirmation(round_):
    rows = _sample_of(round_, 20)
    report = run(round_, rows[:18])
    assert report.withdrawn == 2 and not report.confirmation_needed


def test_the_share_is_a_setting(round_, settings):
    rows = _sample_of(round_, 20)
    settings.IMPORT_WITHDRAWAL_CONFIRM_SHARE = 0.5
    assert run(round_, rows[:10]).withdrawn == 10
    settings.IMPORT_WITHDRAWAL_CONFIRM_SHARE = 0
    with pytest.raises(NeedsConfirmation):
        run(round_, rows[:9])


def test_confirmed_whatever_the_changes_the_import_is_applied_and_recorded_as_confirmed(round_):
    rows = _sample_of(round_, 10)
    report, entry = import_extract(
        csv_bytes(rows[:4]), round_=round_, file_name="x.csv", withdrawals_confirmed=True
    )
    assert report.withdrawn == 6
    assert Participant.objects.filter(round=round_).active().count() == 4
    assert entry.report["confirmation_needed"] and entry.report["sample_before"] == 10
    event = AuditEvent.objects.filter(action="surveys.sample.imported").latest("pk")
    assert event.details["withdrawals_confirmed"] is True


def test_a_confirmation_of_the_changes_shown_applies_those_changes(round_):
    rows = _sample_of(round_, 10)
    with pytest.raises(NeedsConfirmation) as raised:
        run(round_, rows[:5])
    shown = raised.value.fingerprint
    assert run(round_, rows[:5], withdrawals_confirmed=shown).withdrawn == 5
    assert Participant.objects.filter(round=round_).active().count() == 5


def test_a_confirmation_holds_only_for_the_sample_it_was_shown(round_):
    rows = _sample_of(round_, 10)
    with pytest.raises(NeedsConfirmation) as raised:
        run(round_, rows[:5])
    shown = raised.value.fingerprint
    run(round_, rows[:9])  # meanwhile, another import withdraws one (10 %)
    before = _snapshot()
    with pytest.raises(NeedsConfirmation) as again:
        run(round_, rows[:5], withdrawals_confirmed=shown)
    assert again.value.changed_since_seen and again.value.fingerprint != shown
    assert again.value.report.withdrawn == 4
    assert "endret siden endringene ble vist" in str(again.value)
    assert _snapshot() == before
    report = run(round_, rows[:5], withdrawals_confirmed=again.value.fingerprint)
    assert report.withdrawn == 4


def test_a_dry_run_says_that_the_import_would_need_confirmation(round_):
    rows = _sample_of(round_, 10)
    before = _snapshot()
    report = run(round_, rows[:5], dry_run=True)
    assert report.confirmation_needed and report.withdrawn == 5
    assert _snapshot() == before


# The history, the dry run and the rejected rows.


def test_each_import_is_kept_in_the_history_without_the_file(round_, admin_user):
    content = csv_bytes([row(person_id="A"), row(person_id="B", avbrudd="J")])
    report, entry = import_extract(
        content, round_=round_, file_name="foreløpig.csv", actor=admin_user, kind="preliminary"
    )
    import hashlib

    entry.refresh_from_db()
    assert entry.imported_by == admin_user and entry.file_name == "foreløpig.csv"
    assert entry.file_sha256 == hashlib.sha256(content).hexdigest()
    assert entry.kind == "preliminary"
    assert entry.report["in_sample"] == 1 and entry.report["rejected"] == {"interrupted": 1}
    assert not any(isinstance(value, bytes) for value in vars(entry).values())
    event = AuditEvent.objects.get(action="surveys.sample.imported")
    assert event.actor == admin_user and event.details["added"] == 1


def test_the_kind_is_final_from_the_reference_date_on_unless_given(round_):
    run(round_, [row()])
    assert SampleImport.objects.get().kind == "final"  # today is after 1 October 2026


def test_a_dry_run_reports_the_same_and_changes_nothing(round_):
    run(round_, [row(person_id="A")])
    rows = [row(person_id="B"), row(person_id="C", laerebedrift_nlr="N")]
    state = (
        list(Participant.objects.values()),
        SampleImport.objects.count(),
        RejectedRow.objects.count(),
        Organisation.objects.count(),
        AuditEvent.objects.count(),
    )
    dry = run(round_, rows, dry_run=True, withdrawals_confirmed=True)
    assert (
        list(Participant.objects.values()),
        SampleImport.objects.count(),
        RejectedRow.objects.count(),
        Organisation.objects.count(),
        AuditEvent.objects.count(),
    ) == state
    real = run(round_, rows, withdrawals_confirmed=True)
    assert dry.as_json() | {"dry_run": False} == real.as_json()


def test_rejected_rows_keep_what_the_quality_report_needs_and_only_for_the_latest_import(
    round_,
):
    run(round_, [row(person_id="A", avbrudd="J", epost="a@example.no")])
    run(round_, [row(person_id="B", laerebedrift_nlr="N")])
    rejected = RejectedRow.objects.get()
    assert (rejected.person_key, rejected.reason) == ("B", "company_not_approved")
    assert rejected.county.county_number == "46" and rejected.company_orgnr == COMPANY


def test_rejected_rows_are_purged_after_the_last_day_to_answer(round_):
    run(round_, [row(avbrudd="J")])
    assert purge_rejected_rows(round_.last_answer_day) == 0
    assert purge_rejected_rows(round_.last_answer_day + datetime.timedelta(days=1)) == 1
    assert not RejectedRow.objects.exists()


def test_organisations_the_extract_names_are_created_once_and_known_ones_kept(round_):
    known = Organisation.objects.create(
        kind="company", orgnr=COMPANY_2, name="Kjent AS", nlr_approved=True
    )
    new_company = orgnr("91000009")
    run(
        round_,
        [
            row(person_id="A", laerebedrift_orgnr=COMPANY_2, laerebedrift_navn="Annet navn"),
            row(
                person_id="B",
                laerebedrift_orgnr=new_company,
                laerebedrift_navn="Ny Bedrift AS",
                opplaeringskontor_orgnr=OFFICE,
                opplaeringskontor_navn="OK Vest",
                opplaeringskontor_nor="J",
            ),
        ],
    )
    known.refresh_from_db()
    assert known.name == "Kjent AS"
    created = Organisation.objects.get(orgnr=new_company)
    assert created.kind == "company" and created.nlr_approved
    assert created.training_office.orgnr == OFFICE
