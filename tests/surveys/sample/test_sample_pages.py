"""The sample pages: a county sees its sample and quality report and downloads both files,
and nothing of other counties; a training office sees its apprentices across counties.
Reading and downloading is written to the audit log."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEvent
from surveys.sample import views as sample_views
from surveys.sample.importing import import_extract
from tests.sample_helpers import COMPANY, COMPANY_2, OFFICE, csv_bytes, open_round, row

pytestmark = pytest.mark.django_db

SAMPLE = reverse("surveys:sample")
QUALITY = reverse("surveys:quality_report")


def download(file_format: str) -> str:
    return reverse("surveys:quality_report_download", kwargs={"file_format": file_format})


@pytest.fixture
def extract():
    round_ = open_round(2026)
    office = {"opplaeringskontor_orgnr": OFFICE, "opplaeringskontor_navn": "OK Vest"}
    rows = [
        row(
            person_id="V1",
            fornavn="Vilde",
            etternavn="Vestland",
            **office,
            opplaeringskontor_nor="J",
        ),
        row(
            person_id="V2", fornavn="Vegard", etternavn="Utennummer", epost="", mobil="22 22 22 22"
        ),
        row(
            person_id="V3",
            fornavn='=HYPERLINK("http://x")',
            etternavn="Avvist",
            avbrudd="J",
        ),
        row(
            person_id="R1",
            fornavn="Rune",
            etternavn="Rogaland",
            kontrakteier="11",
            laerebedrift_orgnr=COMPANY_2,
            laerebedrift_navn="Stavanger Rør AS",
            **office,
            opplaeringskontor_nor="J",
        ),
        row(
            person_id="R2",
            fornavn="Rita",
            etternavn="Rogalandavvist",
            kontrakteier="11",
            avslutningskode="HE",
        ),
    ]
    import_extract(csv_bytes(rows), round_=round_, file_name="uttrekk.csv", kind="preliminary")
    return round_


@pytest.fixture
def vestland(county_admin):
    return county_admin.client


@pytest.fixture
def office_client(office_admin, extract):
    return office_admin.client


def test_a_county_sees_its_sample_with_counts_and_whether_it_is_preliminary(vestland, extract):
    page = vestland.get(SAMPLE).content.decode()
    assert "Vilde Vestland" in page and "Vegard Utennummer" in page
    assert "Rune" not in page and "Rogaland" not in page
    assert "foreløpig" in page
    assert "2 lærlinger og lærekandidater i utvalget" in page
    assert "Fjordkraft Elektro AS" in page and "OK Vest" in page and "Elektrikerfaget" in page
    event = AuditEvent.objects.get(action="surveys.sample.viewed")
    assert event.organisation.county_number == "46" and event.details["shown"] == 2


def test_a_county_sees_its_quality_report_and_nothing_of_other_counties(vestland, extract):
    page = vestland.get(QUALITY).content.decode()
    assert "Vegard Utennummer" in page and "mobilnummeret 22 22 22 22: et fasttelefonnummer" in page
    assert "Avvist" in page and "Kontrakten er avbrutt" in page
    assert "Vilde" not in page  # reachable: not in the report
    assert "Rita" not in page and "Rogaland" not in page
    assert AuditEvent.objects.filter(action="surveys.quality_report.viewed").count() == 1


def test_a_number_or_address_a_dispatch_found_wrong_is_shown_as_could_not_be_reached(
    vestland, extract
):
    from surveys.models import Participant

    vilde = Participant.objects.get(person_key="V1")
    Participant.objects.filter(pk=vilde.pk).update(mobile_refused=vilde.mobile)
    page = vestland.get(QUALITY).content.decode()
    assert "Kunne ikke nås (1)" in page
    assert "Vilde Vestland" in page
    assert (
        f"Kunne ikke nås: mobilnummeret {vilde.mobile} finnes ikke, ifølge SMS-tjenesten; "
        "rett mobilnummeret i VIGO." in page
    )
    # Corrected in a later extract: another number, no longer shown.
    Participant.objects.filter(pk=vilde.pk).update(mobile="+4799999999")
    assert "Vilde" not in vestland.get(QUALITY).content.decode()


def test_a_county_downloads_the_quality_report_as_csv_with_formulas_neutralised(vestland, extract):
    response = vestland.get(download("csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Gjelder", "Person-id", "Fornavn", "Etternavn"]
    names = {(r[2], r[3]) for r in rows[1:]}
    assert names == {("Vegard", "Utennummer"), ('\'=HYPERLINK("http://x")', "Avvist")}
    event = AuditEvent.objects.get(action="surveys.quality_report.downloaded")
    assert event.details == {"format": "csv", "lines": 2}


def test_a_county_downloads_the_quality_report_as_xlsx_with_text_cells(vestland, extract):
    response = vestland.get(download("xlsx"))
    sheets = load_workbook(io.BytesIO(response.content)).worksheets
    lines = [line for sheet in sheets for line in sheet.iter_rows()]
    values = [[cell.value for cell in line] for line in lines]
    # A header on each of the three sheets, one line on two of them (none could not be reached).
    assert len(values) == 3 + 2
    formula_cells = [cell for line in lines for cell in line if cell.data_type == "f"]
    assert formula_cells == []
    assert ['\'=HYPERLINK("http://x")', "Avvist"] in [line[2:4] for line in values]
    assert any(line[5] == "22 22 22 22" for line in values)


def test_an_unknown_download_format_is_not_found(vestland, extract):
    assert vestland.get(download("pdf")).status_code == 404


def test_a_training_office_sees_its_apprentices_across_counties(office_client):
    page = office_client.get(SAMPLE).content.decode()
    assert "Vilde Vestland" in page and "Rune Rogaland" in page
    assert "Vegard" not in page  # at an independent company: the county's
    assert "Rogaland fylkeskommune" in page and "Vestland fylkeskommune" in page


def test_a_county_with_no_sample_yet_is_told_so(vestland):
    page = vestland.get(SAMPLE).content.decode()
    assert "ikke importert noe uttrekk" in page
    assert vestland.get(download("csv")).status_code == 404


def test_the_page_for_another_year_shows_that_years_sample(vestland, extract):
    assert "Vilde" in vestland.get(SAMPLE + "?ar=2026").content.decode()
    assert "Vilde" in vestland.get(SAMPLE + "?ar=1999").content.decode()  # falls back


def test_the_sample_is_paginated(vestland, extract, monkeypatch):

    monkeypatch.setattr(sample_views, "PAGE_SIZE", 1)
    first = vestland.get(SAMPLE).content.decode()
    second = vestland.get(SAMPLE + "?ar=2026&side=2").content.decode()
    assert ("Utennummer" in first) != ("Utennummer" in second)
    assert "Neste side" in first


def test_anonymous_visitors_are_sent_to_login(client, extract):
    for url in (SAMPLE, QUALITY, download("csv")):
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))


def test_the_portal_links_to_the_sample(vestland):
    page = vestland.get(reverse("accounts:portal")).content.decode()
    assert SAMPLE in page and QUALITY in page


def test_before_the_vigo_deadline_the_quality_report_asks_for_corrections_by_then(
    vestland, extract
):
    extract.vigo_correction_deadline = timezone.now() + datetime.timedelta(days=3)
    extract.save()
    page = vestland.get(QUALITY).content.decode()
    assert "Rett opplysningene i VIGO innen" in page
    assert "gikk ut" not in page


def test_after_the_vigo_deadline_the_quality_report_says_it_has_passed_and_what_can_be_done(
    vestland, extract
):
    extract.vigo_correction_deadline = timezone.now() - datetime.timedelta(hours=1)
    extract.save()
    page = vestland.get(QUALITY).content.decode()
    assert "Fristen for å rette opplysningene i VIGO gikk ut" in page
    assert "kommer ikke med i årets utvalg" in page
    assert "lærebedriften eller opplæringskontoret" in page
    assert "Rett opplysningene i VIGO innen" not in page


def test_the_xlsx_has_a_sheet_per_group_with_a_frozen_header_a_filter_and_fitting_widths(
    vestland, extract
):
    workbook = load_workbook(io.BytesIO(vestland.get(download("xlsx")).content))
    assert workbook.sheetnames == [
        "Mangelfull kontaktinformasjon",
        "Kunne ikke nås",
        "Avvist fra utvalget",
    ]
    contact, _unreachable, rejected = workbook.worksheets
    assert [cell.value for cell in contact[2]][2:4] == ["Vegard", "Utennummer"]
    assert [cell.value for cell in rejected[2]][3] == "Avvist"
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:J{sheet.max_row}"
        for column in "ABCDEFGHIJ":
            longest = max(len(str(cell.value or "")) for cell in sheet[column])
            width = sheet.column_dimensions[column].width
            assert min(longest, 56) <= width <= 64, (sheet.title, column, longest, width)


def test_an_invalid_mobile_number_says_why_and_overlapping_problems_are_said_once(
    vestland,
):
    round_ = open_round(2026)
    rows = [
        row(person_id="L1", fornavn="Lise", etternavn="Fasttelefon", mobil="25777716"),
        row(person_id="L2", fornavn="Kari", etternavn="Kortnummer", mobil="9170897"),
        row(person_id="L3", fornavn="Bo", etternavn="Begge", epost="bo(at)x", mobil="9170897"),
    ]
    import_extract(csv_bytes(rows), round_=round_, file_name="uttrekk.csv")
    page = vestland.get(QUALITY).content.decode()
    assert "mobilnummeret 25777716: et fasttelefonnummer" in page
    assert "mobilnummeret 9170897: 7 sifre (et norsk mobilnummer har 8" in page
    assert "Kan nås på e-post, ikke på SMS" in page
    begge = page.split("Bo Begge")[1].split("</tr>")[0]
    assert "Kan ikke nås: e-postadressen bo(at)x: mangler @; mobilnummeret 9170897" in begge
    assert "Ugyldig" not in begge and "Verken gyldig" not in begge


def test_rejected_rows_are_identified_by_the_person_not_by_a_line_of_the_file(vestland, extract):
    page = vestland.get(QUALITY).content.decode()
    rejected = page.split('id="rejected-heading"')[1]
    assert '<th scope="col">Person-id</th>' in rejected
    assert '<th scope="col">Rad</th>' not in rejected
    assert "<td>V3</td>" in rejected
    csv_rows = list(
        csv.reader(
            io.StringIO(vestland.get(download("csv")).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert "Rad i uttrekket" not in csv_rows[0]
    assert csv_rows[2][:2] == ["Avvist fra utvalget", "V3"]


def _names_in_table(page: str) -> list[str]:
    table = page.split('id="people-heading"')[1].split("</table>")[0]
    return [name for name in ("Vegard Utennummer", "Vilde Vestland", "Rune") if name in table]


def test_the_sample_can_be_searched_by_name_trade_and_company_within_the_county(vestland, extract):
    def found(query):
        return _names_in_table(vestland.get(SAMPLE + "?" + query).content.decode())

    assert found("q=vilde") == ["Vilde Vestland"]
    assert found("q=Vegard+utennummer") == ["Vegard Utennummer"]
    assert found("q=elektriker") == ["Vegard Utennummer", "Vilde Vestland"]
    assert found("q=fjordkraft") == ["Vegard Utennummer", "Vilde Vestland"]
    assert found("q=rune") == []  # another county's apprentice is never found
    assert "Ingen i utvalget passer til søket." in vestland.get(SAMPLE + "?q=rune").text


def test_the_sample_can_be_filtered_by_office_or_independent_company_and_by_problems(
    vestland, extract
):
    def found(query):
        return _names_in_table(vestland.get(SAMPLE + "?" + query).content.decode())

    assert found("tilknytning=kontor") == ["Vilde Vestland"]
    assert found("tilknytning=frittstaende") == ["Vegard Utennummer"]
    assert found("problem=ja") == ["Vegard Utennummer"]
    assert found("problem=nei") == ["Vilde Vestland"]
    assert found("tilknytning=noe-annet") == ["Vegard Utennummer", "Vilde Vestland"]


def test_the_sample_can_be_sorted(vestland, extract):
    def found(query):
        page = vestland.get(SAMPLE + "?" + query).content.decode()
        table = page.split('id="people-heading"')[1]
        return sorted(["Vegard", "Vilde"], key=table.index)

    assert found("") == ["Vegard", "Vilde"]  # by last name
    assert found("sorter=kontor") == ["Vilde", "Vegard"]  # OK Vest, then no office


def test_the_next_page_keeps_the_search(vestland, extract, monkeypatch):
    monkeypatch.setattr(sample_views, "PAGE_SIZE", 1)
    page = vestland.get(SAMPLE + "?ar=2026&q=fjordkraft&sorter=navn").content.decode()
    assert "q=fjordkraft&amp;sorter=navn&amp;side=2" in page


def test_the_per_company_block_is_paginated(vestland, monkeypatch):
    round_ = open_round(2026)
    rows = [
        row(person_id=f"C{n}", laerebedrift_orgnr=orgnr, laerebedrift_navn=name)
        for n, (orgnr, name) in enumerate([(COMPANY_2, "Bergen Rør AS"), (COMPANY, "Fjordkraft")])
    ]
    import_extract(csv_bytes(rows), round_=round_, file_name="uttrekk.csv")
    monkeypatch.setattr(sample_views, "COMPANY_PAGE_SIZE", 1)
    first = vestland.get(SAMPLE).content.decode()
    block = first.split("Per lærebedrift (2)")[1].split("</details>")[0]
    assert "Bergen Rør AS" in block or "Fjordkraft" in block
    assert not ("Bergen Rør AS" in block and "Fjordkraft" in block)
    assert "bedriftside=2" in block
    second = vestland.get(SAMPLE + "?bedriftside=2").content.decode()
    assert "Per lærebedrift (2)</summary>" in second and '<details class="stack" open>' in second


def test_no_office_is_explained_as_an_independent_training_company(vestland, extract):
    page = vestland.get(SAMPLE).content.decode()
    assert "(ingen)" not in page
    assert "Ingen opplæringskontor: frittstående lærebedrift" in page
    assert "Ingen (frittstående lærebedrift)" in page  # Vegard's row
