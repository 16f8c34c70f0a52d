"""The portal says only what is true: what it does not do yet is said to be coming, and
the page for people without access leads somewhere."""

import pytest
from django.urls import reverse

from accounts.models import Organisation
from surveys.rounds.creation import create_rounds
from tests.people import person

pytestmark = pytest.mark.django_db


def test_the_front_page_promises_no_results_and_says_they_are_coming(client):
    create_rounds(2030)
    page = client.get(reverse("accounts:home")).text
    assert "lese resultatene" not in page
    assert "sende invitasjoner og påminnelser" in page  # sending exists
    assert "Tidsserier og diagrammer over flere år kommer." in page
    assert "Svarprosent og resultater kommer." not in page  # response rates exist
    assert "Resultatene for 2030 publiseres" in page


def test_a_former_countys_page_promises_no_results_it_does_not_have():
    viken = person("fylke.viken", Organisation.objects.get(county_number="30"))
    page = viken.client.get(reverse("accounts:portal")).text
    assert "Dette er en tidligere fylkeskommune" in page
    assert "Her finner du resultater" not in page
    assert "blir liggende her, under Resultater" in page


def test_the_no_access_page_links_to_altinns_help_and_its_menu_does_not_lead_back_to_it(
    no_access,
):
    response = no_access.client.get(reverse("accounts:portal"), follow=True)
    assert response.request["PATH_INFO"] == reverse("accounts:no_access")
    page = response.text
    assert 'href="https://info.altinn.no/hjelp/"' in page
    menu = page.split('aria-label="Hovedmeny"')[1].split("</nav>")[0]
    for leads_back in (reverse("accounts:portal"), reverse("surveys:information_sheets")):
        assert f'href="{leads_back}"' not in menu


def test_a_person_with_an_organisation_keeps_the_menu(county_admin):
    page = county_admin.client.get(reverse("accounts:portal")).text
    menu = page.split('aria-label="Hovedmeny"')[1].split("</nav>")[0]
    assert f'href="{reverse("accounts:portal")}"' in menu
