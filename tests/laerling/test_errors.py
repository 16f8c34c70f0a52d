"""The site's own pages for refused forms: no Django stock page reaches a user."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", "Skjemaet kunne ikke sendes"),
        ("nn", "Skjemaet kunne ikkje sendast"),
        ("en", "The form could not be sent"),
    ],
)
def test_a_form_without_its_csrf_cookie_gets_our_page_in_the_visitors_language(language, words):
    response = Client(enforce_csrf_checks=True).post(
        "/i18n/setlang/",
        {"language": "nb"},
        headers={"Accept-Language": language, "Referer": "http://testserver/utvalg/?side=2"},
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert words in body
    assert "CSRF" not in body
    assert 'href="/utvalg/?side=2"' in body


def test_the_way_back_from_a_refused_form_never_leads_to_another_site():
    response = Client(enforce_csrf_checks=True).post(
        "/i18n/setlang/", headers={"Referer": "https://evil.example/"}
    )
    assert 'href="/"' in response.content.decode()
    assert "evil.example" not in response.content.decode()
