"""An apprentice answers the whole survey on a phone in nynorsk in a real Chromium, leaves
and comes back through the link, and submits; axe checks every page on the way."""

import pytest

from surveys.models import Draft, Participant
from tests.browser.harness import PHONE, assert_accessible
from tests.respondents import a_participant, a_round, items_of, path, themes_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_phone_page(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


def _answer_page(page, items) -> None:
    """Chooses the last option of every item, by clicking its label as a thumb would."""
    for item in items:
        group = page.get_by_role("group", name=item.text_nn)
        group.locator("label").last.click()


def test_an_apprentice_answers_in_nynorsk_on_a_phone_leaves_comes_back_and_submits(
    page, organisations
):
    round_ = a_round()
    person = a_participant(round_)
    themes = themes_of(round_)
    items = items_of(round_)
    page.set_viewport_size(PHONE)

    page.goto(path(person))
    _check_phone_page(page)
    page.get_by_role("button", name="Norsk nynorsk").click()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.get_by_text("Det er frivillig å svare.").is_visible()
    _check_phone_page(page)
    page.get_by_role("link", name="Start undersøkinga").click()

    halfway = len(themes) // 2
    for number, theme in enumerate(themes[:halfway], start=1):
        assert page.get_by_role("heading", level=1, name=theme.title_nn).is_visible()
        assert page.get_by_text(f"Side {number} av {len(themes)}").is_visible()
        _answer_page(page, [item for item in items if item.theme_id == theme.pk])
        _check_phone_page(page)
        page.get_by_role("button", name="Neste").click()

    # Save, leave, and come back later through the same link.
    page.get_by_role("button", name="Lagre og hald fram seinare").click()
    assert page.get_by_role("heading", name="Svara er lagra").is_visible()
    _check_phone_page(page)
    page.goto("/")
    page.goto(path(person))
    page.get_by_role("link", name="Hald fram").click()
    assert page.get_by_role("heading", level=1, name=themes[halfway].title_nn).is_visible()
    # Back a page: the answers given before leaving are still chosen.
    page.get_by_role("button", name="Førre").click()
    first_item = next(item for item in items if item.theme_id == themes[halfway - 1].pk)
    assert page.get_by_role("group", name=first_item.text_nn).locator("input").last.is_checked()
    page.get_by_role("button", name="Neste").click()

    for theme in themes[halfway:]:
        assert page.get_by_role("heading", level=1, name=theme.title_nn).is_visible()
        _answer_page(page, [item for item in items if item.theme_id == theme.pk])
        _check_phone_page(page)
        forward = "Neste" if theme != themes[-1] else "Sjå over svara"
        page.get_by_role("button", name=forward).click()

    assert page.get_by_role("heading", name="Sjå over svara").is_visible()
    assert page.get_by_text(f"Du har svart på {len(items)} av {len(items)} spørsmål").is_visible()
    _check_phone_page(page)
    page.get_by_role("button", name="Send inn svara").first.click()
    assert page.get_by_role("heading", name="Takk for svara!").is_visible()
    _check_phone_page(page)

    person = Participant.objects.get(pk=person.pk)
    assert person.answered_on is not None
    draft = Draft.objects.get(participant=person)
    assert draft.submitted and len(draft.answers) == len(items)


def test_the_pages_around_the_survey_pass_axe_on_a_phone(page, organisations):
    person = a_participant(a_round())
    early = a_participant(a_round("supervisor", opens_in=5, closes_in=40))
    page.set_viewport_size(PHONE)
    for url in (
        "/s/AAAAAAAAAAAAAAAAAAAAAA",
        path(early),
        path(person, "/reserver"),
        path(person, "/oppsummering"),
    ):
        page.goto(url)
        _check_phone_page(page)
    page.goto(path(person, "/reserver"))
    page.get_by_role("button", name="Ja, ikke send meg flere meldinger").click()
    assert page.get_by_text("Du får ikke flere meldinger").is_visible()
    _check_phone_page(page)


def test_on_a_phone_the_summary_can_be_sent_without_scrolling(page, organisations):
    """The summary of every item is thousands of pixels long on a phone: the count and the
    submit button are on its first screen."""
    round_ = a_round()
    person = a_participant(round_)
    page.set_viewport_size(PHONE)
    page.goto(path(person, "/oppsummering"))
    assert page.evaluate("document.documentElement.scrollHeight") > 3 * PHONE["height"]
    count = page.get_by_text(f"Du har svart på 0 av {len(items_of(round_))} spørsmål")
    submit = page.get_by_role("button", name="Send inn svarene").first
    for element in (count, submit):
        box = element.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], box
    _check_phone_page(page)
    submit.click()
    assert page.get_by_role("heading", name="Takk for svarene!").is_visible()
    assert Participant.objects.get(pk=person.pk).answered_on is not None
