"""The information sheets: PDFs in bokmål, nynorsk and English, from the start page and the
portal."""

import pytest

from surveys.information import sheets

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["Det er frivillig å svare", "art. 6 nr. 1 bokstav e", "behandlingsansvarlig"]),
        ("nn", ["Det er frivillig å svare", "art. 6 nr. 1 bokstav e", "behandlingsansvarleg"]),
        (
            "en",
            ["Answering is voluntary", "Article 6(1)(e)", "data controller", "Education Act"],
        ),
    ],
)
def test_the_sheet_says_it_is_voluntary_with_the_legal_basis_and_the_data_controller(
    language, expected
):
    text = sheets.html("apprentice", language)
    for words in expected:
        assert words in text
    if language != "en":
        assert "forskrift til opplærings" in text and "Utdanningsdirektoratet" in text


@pytest.mark.parametrize(
    ("language", "ask"),
    [
        ("nb", "kontakte fylkeskommunen eller opplæringskontoret"),
        ("nn", "kontakte fylkeskommunen eller opplæringskontoret"),
        ("en", "contact the county authority or the training office"),
    ],
)
@pytest.mark.parametrize("survey", ["apprentice", "supervisor"])
def test_the_sheet_says_whom_to_ask(survey, language, ask):
    text = sheets.html(survey, language)
    assert ask in text
    assert "post@udir.no" in text


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_sheet_is_a_pdf_anyone_can_download(client, language):
    response = client.get(f"/informasjonsark/apprentice-{language}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5_000
    assert f"laerlingundersokelsen-{language}.pdf" in response["Content-Disposition"]


def test_the_supervisor_survey_has_its_own_sheet():
    assert "Faglig leder-undersøkelsen spør" in sheets.html("supervisor", "nb")


def test_an_unknown_sheet_is_a_404(client):
    assert client.get("/informasjonsark/apprentice-de.pdf").status_code == 404
    assert client.get("/informasjonsark/other-nb.pdf").status_code == 404


def test_counties_and_offices_find_the_sheets_on_their_pages(client, django_user_model):
    from accounts.models import AltinnGrant, Organisation

    user = django_user_model.objects.create_user("fylke", pid_hash="a" * 64)
    AltinnGrant.objects.create(user=user, organisation=Organisation.objects.get(county_number="46"))
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    body = client.get("/portal/").content.decode()
    assert "/portal/informasjonsark/" in body
    page = client.get("/portal/informasjonsark/").content.decode()
    assert "/informasjonsark/apprentice-nb.pdf" in page
    assert "/informasjonsark/apprentice-nn.pdf" in page
    assert "/informasjonsark/supervisor-nn.pdf" in page
    assert "/informasjonsark/apprentice-en.pdf" in page


def test_the_sheets_page_asks_for_login(client):
    response = client.get("/portal/informasjonsark/")
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
