"""The research extract: only from a complete record with the signed declaration, once,
audited; the stored responses without any id, no combination of dimensions under 6."""

import csv
import datetime
import io
import zipfile
from collections import Counter

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Organisation
from surveys.models import Draft, Participant, ResearchExtract, Response, Round
from surveys.respondents import answering
from surveys.responses import research, storing
from surveys.rounds import schedule
from tests.respondents import a_participant, a_round, items_of
from tests.sample_helpers import COMPANY, COMPANY_2, COMPANY_3, OFFICE

pytestmark = pytest.mark.django_db

TODAY = schedule.today


def _stored_round(groups: list[tuple[dict, int]]) -> Round:
    """A closed round whose submitted answers were stored by the end-of-round step; `groups`
    are (participant fields, how many) pairs."""
    round_ = a_round(opens_in=-40, closes_in=-1)
    items = items_of(round_)
    number = 0
    for fields, count in groups:
        for _ in range(count):
            person = a_participant(round_, person_key=f"P{number}", **fields)
            answers = {str(item.pk): 1 + (number + index) % 2 for index, item in enumerate(items)}
            Draft.objects.create(participant=person, answers=answers)
            assert answering.submit(person)
            number += 1
    storing.store_round(round_)
    round_.refresh_from_db()
    return round_


def _record(round_: Round, **fields) -> ResearchExtract:
    values = {
        "project": "Læringsmiljø i lærebedrifter",
        "institution": "NIFU",
        "researchers": "Kari Forsker <kari@nifu.no>\nOla Forsker <ola@nifu.no>",
        "purpose": "Sammenheng mellom veiledning og trivsel",
        "period_from": TODAY() - datetime.timedelta(days=1),
        "period_until": TODAY() + datetime.timedelta(days=365),
        "declaration_reference": "24/01234-5",
    } | fields
    extract = ResearchExtract.objects.create(**values)
    extract.rounds.set([round_])
    return extract


def _files(content: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def _two_companies():
    county = Organisation.objects.get(county_number="46")
    office, _ = Organisation.objects.get_or_create(
        orgnr=OFFICE, defaults={"kind": "office", "name": "Opplæringskontoret"}
    )
    companies = [
        Organisation.objects.get_or_create(
            orgnr=number, defaults={"kind": "company", "name": f"Bedrift {index}"}
        )[0]
        for index, number in enumerate([COMPANY, COMPANY_2, COMPANY_3])
    ]
    return county, office, companies


def _groups():
    county, office, companies = _two_companies()
    return [
        ({"county": county, "office": office, "company": companies[0]}, 12),
        ({"county": county, "office": office, "company": companies[1]}, 8),
        # Two alone in their company: the step generalises them to "another company".
        ({"county": county, "office": office, "company": companies[2]}, 2),
    ]


def test_the_extract_holds_each_stored_response_once_without_any_id(admin_user):
    round_ = _stored_round(_groups())
    stored = list(Response.objects.filter(round=round_))
    assert len(stored) == 22
    made = research.make(_record(round_), admin_user)
    files = _files(made.content)
    rows = files["svar.csv"]
    assert len(rows) == made.rows == 22
    header = set(rows[0])
    assert not {"id", "response", "participant", "token"} & {h.lower() for h in header}
    # Not one value in the file is a response's id or a person's key, name or address, and
    # no column tells the rows apart as an id would.
    cells = {value for row in rows for value in row.values()}
    ids = {str(r.pk) for r in stored} | {
        value
        for person in Participant.objects.filter(round=round_)
        for value in (person.person_key, person.first_name, person.email)
        if value
    }
    assert not cells & ids
    assert all(len({row[column] for row in rows}) < len(rows) for column in rows[0])
    # The answers are the stored ones: 11 values of 1 and 11 of 2 for the first question.
    first = [c for c in rows[0] if c not in research.DIMENSIONS][0]
    assert sorted(Counter(row[first] for row in rows).values()) == [11, 11]
    # And the codebook names every column of the file.
    assert [line["kolonne"] for line in files["kodebok.csv"]] == list(rows[0])


def test_no_combination_of_the_dimensions_is_held_by_fewer_than_6(admin_user):
    round_ = _stored_round(_groups())
    rows = _files(research.make(_record(round_), admin_user).content)["svar.csv"]
    combinations = Counter(tuple(row[d] for d in research.DIMENSIONS) for row in rows)
    assert min(combinations.values()) >= 6
    assert Counter(row["laerebedrift"] for row in rows)[research.ANOTHER] >= 2


def test_an_extract_that_would_hold_a_rare_combination_is_not_made(admin_user):
    round_ = _stored_round(_groups())
    county, office, companies = _two_companies()
    # A response the step would never have written: alone in its combination.
    Response.objects.create(
        round=round_, questionnaire_id=round_.questionnaire_id, county=county, company=companies[2]
    )
    extract = _record(round_)
    with pytest.raises(research.Refused, match="færre enn 6"):
        research.make(extract, admin_user)
    extract.refresh_from_db()
    assert extract.made_at is None
    assert not AuditEvent.objects.filter(action="research.extract.made").exists()


def test_made_once_and_written_to_the_audit_log_with_its_record(admin_user):
    round_ = _stored_round(_groups())
    extract = _record(round_)
    made = research.make(extract, admin_user)
    event = AuditEvent.objects.get(action="research.extract.made")
    assert event.details["declaration"] == "24/01234-5"
    assert event.details["researchers"] == [
        "Kari Forsker <kari@nifu.no>",
        "Ola Forsker <ola@nifu.no>",
    ]
    assert event.details["responses"] == made.rows == 22
    assert event.details["rounds"] == [str(round_)]
    assert event.actor == admin_user
    with pytest.raises(research.Refused, match="ny registrering"):
        research.make(extract, admin_user)
    assert AuditEvent.objects.filter(action="research.extract.made").count() == 1


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"declaration_reference": ""}, "taushetserklæring"),
        ({"researchers": "  "}, "forskere"),
        ({"purpose": ""}, "formål"),
        (
            {
                "period_from": TODAY() - datetime.timedelta(days=30),
                "period_until": TODAY() - datetime.timedelta(days=1),
            },
            "perioden",
        ),
    ],
)
def test_no_extract_without_a_complete_record_in_its_period(admin_user, fields, reason):
    round_ = _stored_round(_groups())
    extract = _record(round_, **fields)
    with pytest.raises(research.Refused, match=reason):
        research.make(extract, admin_user)
    assert ResearchExtract.objects.get(pk=extract.pk).made_at is None


def test_only_stored_rounds_can_be_extracted(admin_user):
    open_round = a_round()
    with pytest.raises(research.Refused, match="ikke lagret"):
        research.make(_record(open_round), admin_user)


def test_udir_records_makes_and_lists_extracts_in_the_admin(admin_client):
    round_ = _stored_round(_groups())
    add = reverse("admin:surveys_researchextract_add")
    form = {
        "project": "Veiledning",
        "institution": "NIFU",
        "researchers": "Kari Forsker",
        "purpose": "Forskning",
        "period_from": TODAY().isoformat(),
        "period_until": (TODAY() + datetime.timedelta(days=30)).isoformat(),
        "declaration_reference": "",
        "rounds": [round_.pk],
    }
    refused = admin_client.post(add, form)
    assert refused.status_code == 200 and "Feltet er påkrevet" in refused.content.decode()
    assert not ResearchExtract.objects.exists()
    admin_client.post(add, form | {"declaration_reference": "24/999"})
    extract = ResearchExtract.objects.get()
    make = reverse("admin:surveys_researchextract_make", args=[extract.pk])
    page = admin_client.get(reverse("admin:surveys_researchextract_change", args=[extract.pk]))
    assert f'action="{make}"' in page.content.decode()
    download = admin_client.post(make)
    assert download["Content-Type"] == "application/zip"
    assert len(_files(download.content)["svar.csv"]) == 22
    # A double click: the second is refused with the reason, and no second file is made.
    again = admin_client.post(make, follow=True)
    assert "ny registrering" in again.content.decode()
    assert again["Content-Type"].startswith("text/html")
    listing = admin_client.get(reverse("admin:surveys_researchextract_changelist"))
    assert "Kari Forsker" in listing.content.decode() and "24/999" in listing.content.decode()
