"""Udir previews a round in a real Chromium, in nynorsk, on a phone, with axe."""

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisation
from surveys.models import Item, QuestionnaireVersion, Theme
from surveys.questionnaires.loading import load_shipped
from surveys.rounds.creation import create_rounds
from tests.browser.harness import PHONE, assert_accessible
from tests.sample_helpers import orgnr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def udir(django_user_model):
    # The questionnaires come from a data migration, which an earlier transactional test
    # may have flushed away.
    load_shipped(QuestionnaireVersion, Theme, Item)
    # Udir may act for every organisation, so the header's organisation switch lists them
    # all: two with very long names are always among them, whatever earlier tests left.
    for first_eight in ("92999990", "92999991"):
        Organisation.objects.create(
            kind=Organisation.Kind.TRAINING_OFFICE,
            orgnr=orgnr(first_eight),
            name=f"Opplæringskontoret for bygg- og anleggsfagene, tekniske fag og service i "
            f"Vestland, Rogaland og Agder ({first_eight})",
        )
    return django_user_model.objects.create_superuser(
        "udir", "udir@example.no", "et langt passord 123"
    )


def _log_in(page, user) -> None:
    """A session that has passed the admin's password and TOTP steps (tested elsewhere)."""
    client = Client()
    client.force_login(user)
    session = client.session
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": page.url}]
    )


def test_udir_previews_a_round_in_nynorsk_from_the_admin_and_axe_finds_nothing(page, udir):
    round_ = create_rounds(2027)[0].round
    page.goto("/")
    _log_in(page, udir)
    page.goto(f"/admin/surveys/round/{round_.pk}/change/")
    page.get_by_role("link", name="Forhåndsvis spørreskjemaet").click()
    page.get_by_role("navigation", name="Språk i forhåndsvisningen").get_by_role(
        "link", name="Norsk nynorsk"
    ).click()

    respondent = page.locator('[data-testid="respondent-view"]')
    assert respondent.get_attribute("lang") == "nn"
    assert respondent.get_by_role("heading", name="Trivsel på arbeidsplassen").is_visible()
    question = Item.objects.get(
        theme__version=round_.questionnaire, comparability_key="wellbeing-happy-at-work"
    )
    group = page.get_by_role("group", name=question.text_nn)
    group.get_by_label("Heilt samd").check()  # clicking the label works; nothing is sent
    assert group.get_by_label("Heilt samd").is_checked()
    assert page.get_by_text("Ikkje samanliknbar med 2018").first.is_visible()
    assert page.get_by_role("button", name="Send inn svara").is_disabled()
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    assert page.get_by_label("Organisasjon").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_preview_in_bokmal_and_english_passes_axe(page, udir, language):
    round_ = create_rounds(2027)[1].round  # the supervisor survey
    page.goto("/")
    _log_in(page, udir)
    page.goto(f"/gjennomforinger/{round_.pk}/forhandsvisning/?sprak={language}")
    heading = {"nb": "Ressurser til veiledning", "en": "Resources for guidance"}[language]
    assert page.get_by_role("heading", name=heading).is_visible()
    assert_accessible(page)
