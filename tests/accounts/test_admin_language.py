"""The admin reads as bokmål throughout: Django's newer admin strings, django-otp's and
django-axes' names, and nynorsk that writes one form of a word."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_admin_index_has_no_english_in_bokmal(admin_client):
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    for english in ("Skip to main content", "Toggle theme", "Start typing to filter", "Axes"):
        assert english not in page
    for english in ("Access attempts", "TOTP devices", "Otp_Totp"):
        assert english not in page
    assert "Gå til hovedinnholdet" in page
    assert "TOTP-enheter" in page and "Tofaktorinnlogging" in page
    assert "Innloggingsforsøk" in page


def test_the_admin_login_asks_for_the_code_in_bokmal():
    page = Client().get("/admin/login/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "OTP Token" not in page and "Engangskode:" in page


def test_nynorsk_writes_godkjent_one_way():
    from django.utils import translation

    with translation.override("nn"):
        assert translation.gettext("Lærebedriften er ikke godkjent i NLR").endswith(
            "godkjent i NLR"
        )
        assert translation.gettext("godkjent i NLR") == "godkjent i NLR"
