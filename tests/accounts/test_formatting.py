"""Dates, times, counts and mobile numbers read as the page's language writes them
("2. desember 2026 kl. 12.00" / "2 December 2026 at 12:00", "3 451" / "3,451",
"912 34 567"), while what machines read (exports, JSON, form values, URLs) stays as it is."""

import csv
import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Organisation
from surveys.sample.importing import import_extract
from tests.people import person
from tests.respondents import a_participant, a_round, path
from tests.sample_helpers import csv_bytes, open_round, row

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
ENGLISH_MONTHS += ["September", "October", "November", "December"]
NORWEGIAN_MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august"]
NORWEGIAN_MONTHS += ["september", "oktober", "november", "desember"]


def in_english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def english(day: datetime.date) -> str:
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def norwegian(day: datetime.date) -> str:
    return f"{day.day}. {NORWEGIAN_MONTHS[day.month - 1]} {day.year}"


def test_the_respondents_last_day_is_written_as_the_pages_language_writes_dates(client):
    person_ = a_participant(a_round())
    last = person_.round.last_answer_day
    assert f"til og med {norwegian(last)}" in client.get(path(person_)).content.decode()
    page = in_english(Client()).get(path(person_)).content.decode()
    assert f"until {english(last)} inclusive" in page


def test_the_vigo_deadline_is_a_date_and_a_time_in_the_pages_language(county_admin):
    round_ = open_round(2026)
    import_extract(csv_bytes([row()]), round_=round_, file_name="u.csv", kind="preliminary")
    quality = reverse("surveys:quality_report")
    page = county_admin.client.get(quality).content.decode()
    assert "innen 30. september 2026 kl. 12.00" in page
    page = in_english(county_admin.client).get(quality).content.decode()
    assert "by 30 September 2026 at 12:00" in page
    assert "kl." not in page


def test_a_former_county_says_in_english_when_it_was_dissolved(db):
    viken = Organisation.objects.get(name="Viken fylkeskommune")
    client = in_english(person("viken", viken).client)
    page = client.get(reverse("accounts:portal")).content.decode()
    assert "dissolved on 31 December 2023" in page


def test_create_round_writes_its_dates_as_bokmal_writes_them(db):
    out = io.StringIO()
    with translation.override("nb"):
        call_command("create_round", "--year", "2027", stdout=out)
    assert "referansedato 1. oktober 2027" in out.getvalue()
    assert "VIGO-frist 30. september 2027 kl. 12.00" in out.getvalue()


@pytest.fixture
def big_extract(tmp_path):
    """1,001 rows: 1,000 in the sample, and a rejected last row (row 1,002 of the file)."""
    open_round(2026)
    rows = [row(person_id=f"P{n}", epost="" if n == 0 else "a@example.no") for n in range(1000)]
    rows.append(row(person_id="X", fornavn="Avbrutt", avbrudd="J"))
    file = tmp_path / "uttrekk.csv"
    file.write_bytes(csv_bytes(rows))
    return file


def test_counts_are_grouped_as_the_language_groups_them_and_machine_read_numbers_are_not(
    county_admin, big_extract
):
    out = io.StringIO()
    with translation.override("nb"):
        call_command("import_extract", str(big_extract), "--round", "2026", stdout=out)
    assert f"1{NBSP}001 rader, 1{NBSP}000 i utvalget, 1 avvist." in out.getvalue()

    sample = reverse("surveys:sample")
    page = county_admin.client.get(sample).content.decode()
    assert f"1{NBSP}000 lærlinger og lærekandidater i utvalget" in page
    assert '<option value="2026" selected>2026</option>' in page  # a year is no count
    assert "?ar=2026" in page
    quality = county_admin.client.get(reverse("surveys:quality_report")).content.decode()
    assert f"<td>1{NBSP}002</td>" in quality  # the rejected row's number in the file
    english_page = in_english(county_admin.client).get(sample).content.decode()
    assert "1,000 apprentices and training candidates in the sample" in english_page

    download = reverse("surveys:quality_report_download", kwargs={"file_format": "csv"})
    lines = list(
        csv.reader(
            io.StringIO(county_admin.client.get(download).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert any(cell == "1002" for line in lines for cell in line)

    out = io.StringIO()
    call_command(
        "import_extract", str(big_extract), "--round", "2026", "--dry-run", "--json", stdout=out
    )
    assert json.loads(out.getvalue())["rows"] == 1001


def test_mobile_numbers_are_shown_as_people_read_them_and_exported_in_e164(county_admin):
    round_ = open_round(2026)
    rows = [row(person_id="P1", fornavn="Feil", etternavn="Epost", epost="feil@", mobil="91234567")]
    import_extract(csv_bytes(rows), round_=round_, file_name="u.csv", kind="preliminary")
    shown = f"912{NBSP}34{NBSP}567"
    assert shown in county_admin.client.get(reverse("surveys:sample")).content.decode()
    quality = county_admin.client.get(reverse("surveys:quality_report")).content.decode()
    assert shown in quality and "+4791234567" not in quality
    download = reverse("surveys:quality_report_download", kwargs={"file_format": "csv"})
    assert "+4791234567" in county_admin.client.get(download).content.decode("utf-8-sig")
