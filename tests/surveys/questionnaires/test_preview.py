"""Udir's preview of a round's questionnaire: staff only, every language, breaks marked."""

import re

import pytest
from django.urls import reverse

from surveys.models import Item, QuestionnaireVersion, Survey
from surveys.questionnaires import comparability
from surveys.rounds.creation import create_rounds


@pytest.fixture
def round_2027(db):
    return create_rounds(2027)[0].round  # the apprentice survey, version 2020


def _url(round_, language=None):
    url = reverse("surveys:preview", args=[round_.pk])
    return f"{url}?sprak={language}" if language else url


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in_and_sees_no_question(client, round_2027):
    response = client.get(_url(round_2027))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "Jeg trives" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("is_staff", [False, True])
def test_a_user_who_has_not_passed_the_admins_login_sees_no_question(client, round_2027, is_staff):
    """A county administrator, and Udir staff without their second factor in this session."""
    from accounts.models import User

    user = User.objects.create_user("someone", password="x" * 16, is_staff=is_staff)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(_url(round_2027), follow=True)
    assert "Jeg trives på arbeidsplassen." not in response.text
    assert response.redirect_chain[0][0].startswith(reverse("admin:login"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, option, marker",
    [
        ("nb", "Helt uenig", "Ikke sammenlignbar med 2018"),
        ("nn", "Heilt usamd", "Ikkje samanliknbar med 2018"),
        ("en", "Strongly disagree", "Not comparable with 2018"),
    ],
)
def test_udir_sees_every_theme_and_item_in_the_chosen_language(
    admin_client, round_2027, language, option, marker
):
    response = admin_client.get(_url(round_2027, language))
    assert response.status_code == 200
    html = response.text
    assert f'<div class="respondent" lang="{language}"' in html
    version = round_2027.questionnaire
    for theme in version.themes.all():
        assert theme.title(language) in html
    items = Item.objects.filter(theme__version=version)
    for item in items:
        assert item.text(language).replace("'", "&#x27;") in html
    assert option in html
    # One radio group per item, one radio per option of its scale.
    assert len(re.findall(r'<fieldset class="ds-fieldset respondent-item"', html)) == items.count()
    marked = comparability.not_comparable(version)
    tags = re.findall(r'<p class="ds-tag respondent-mark"[^>]*>([^<]*)</p>', html)
    assert tags == [marker] * len(marked)
    for item_id in marked:
        assert f'id="item-{item_id}-mark"' in html


@pytest.mark.django_db
def test_only_the_items_that_are_not_comparable_are_marked(admin_client, round_2027):
    html = admin_client.get(_url(round_2027, "nb")).text
    changed = Item.objects.get(
        theme__version=round_2027.questionnaire,
        comparability_key="training-assessment-last-half-year",
    )
    unchanged = Item.objects.get(
        theme__version=round_2027.questionnaire, comparability_key="wellbeing-happy-at-work"
    )
    assert f'aria-describedby="item-{changed.pk}-mark"' in html
    assert f'aria-describedby="item-{unchanged.pk}-mark"' not in html


@pytest.mark.django_db
def test_an_unknown_language_falls_back_to_bokmal(admin_client, round_2027):
    html = admin_client.get(_url(round_2027, "sv")).text
    assert '<div class="respondent" lang="nb"' in html
    assert "Jeg trives på arbeidsplassen." in html


@pytest.mark.django_db
def test_a_round_on_the_first_version_says_there_is_nothing_to_compare_with(admin_client):
    round_ = create_rounds(2019)[0].round
    assert round_.questionnaire == QuestionnaireVersion.objects.get(
        survey=Survey.APPRENTICE, year=2018
    )
    html = admin_client.get(_url(round_)).text
    assert "Det finnes ingen tidligere versjon av spørreskjemaet å sammenligne med." in html
    assert "Ikke sammenlignbar" not in html


@pytest.mark.django_db
def test_a_round_that_does_not_exist_is_404(admin_client):
    assert admin_client.get(reverse("surveys:preview", args=[987654])).status_code == 404
