"""Help for every role: every portal page links to its section of the help for the role that
sees it, the section exists, and the help reads in bokmål, nynorsk and English."""

import re

import pytest
from django.urls import reverse

from accounts.counties import DIRECTORATE
from accounts.help import sections
from accounts.models import Organisation
from distribution.rules import Refused
from tests.laerling.test_url_walk import NOT_PUBLIC, _is_admin, _url
from tests.people import person

pytestmark = pytest.mark.django_db

HELP_LINK = re.compile(r'<p class="help-link[^"]*"[^>]*><a class="ds-link" href="([^"]+)"')


def _portal_pages(someone) -> dict[str, str]:
    """Every portal page (not the admin's) that shows this person a whole HTML page."""
    pages = {}
    for name in NOT_PUBLIC:
        if _is_admin(name):
            continue
        try:
            url = _url(name, someone.organisation)
        except Refused:
            # The walk's dispatch is a county's (an office has no county sample to send to);
            # the page is the same template the county's walk checks.
            continue
        response = someone.client.get(url)
        html = response.get("Content-Type", "").startswith("text/html")
        if response.status_code == 200 and html and b"<html" in response.content:
            pages[name] = response.content.decode()
    return pages


def _udir(db):
    directorate = Organisation.objects.get(orgnr=DIRECTORATE[0])
    return person("udir.drift", directorate)


@pytest.fixture
def udir(db):
    return _udir(db)


@pytest.mark.parametrize("who", ["county_admin", "office_admin", "udir"])
def test_every_portal_page_links_to_a_section_of_the_help_that_exists(request, who):
    someone = request.getfixturevalue(who)
    role = sections.ROLE_OF_KIND[someone.organisation.kind]
    pages = _portal_pages(someone)
    assert "accounts:portal" in pages and "distribution:rates" in pages
    for name, html in pages.items():
        links = HELP_LINK.findall(html)
        assert links, f"{name} has no link to the help"
        path, _, anchor = links[0].partition("#")
        assert path == reverse("accounts:help", kwargs={"role": role}), (name, path)
        assert anchor in sections.keys(role), f"{name} links to no section: {links[0]}"
        help_page = someone.client.get(path).content.decode()
        assert f'id="{anchor}"' in help_page, (name, anchor)


def test_the_help_page_of_each_role_links_each_step_to_its_page(client):
    for role in sections.ROLES:
        page = client.get(reverse("accounts:help", kwargs={"role": role})).content.decode()
        for section in sections.SECTIONS[role]:
            assert f'id="{section.key}"' in page
            for url_name, _text in section.pages:
                assert f'href="{reverse(url_name)}"' in page, (role, section.key, url_name)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", "Invitasjoner og påminnelser"),
        ("nn", "Invitasjonar og påminningar"),
        ("en", "Invitations and reminders"),
    ],
)
def test_the_help_reads_in_bokmal_nynorsk_and_english(client, language, words):
    client.cookies["django_language"] = language
    page = client.get(reverse("accounts:help", kwargs={"role": "fylke"})).content.decode()
    assert f'lang="{language}"' in page and words in page


def test_each_section_has_its_text_in_every_language():
    for role, shown in sections.SECTIONS.items():
        assert len({section.key for section in shown}) == len(shown), role
        for section in shown:
            for language in ("nb", "nn", "en"):
                assert section.title[language] and section.text[language], (role, section.key)
                assert all(text[language] for _name, text in section.pages)


def test_the_help_of_the_active_organisation_and_an_unknown_role(office_admin, client):
    response = office_admin.client.get(reverse("accounts:help_index"))
    assert response["Location"] == reverse("accounts:help", kwargs={"role": "kontor"})
    assert client.get(reverse("accounts:help_index")).status_code == 200
    assert client.get("/hjelp/ukjent/").status_code == 404


def test_the_apprentices_page_says_what_happens_to_the_answers_and_when(client, settings):
    settings.CONTACT_DATA_DAYS = 30
    page = client.get(reverse("surveys:about")).content.decode()
    assert "Det er frivillig" in page
    assert "30 dager etter siste svardag slettes" in page
    assert (
        reverse("surveys:information_sheet", kwargs={"survey": "apprentice", "language": "nn"})
        in page
    )
    front = client.get(reverse("accounts:home")).content.decode()
    assert reverse("surveys:about") in front and reverse("accounts:help_index") in front
