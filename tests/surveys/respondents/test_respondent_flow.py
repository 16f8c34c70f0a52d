"""The respondent's survey behind a personal link: start page, language, theme pages,
saving for later, summary, submit; what a link shows before the round opens; opt-out."""

import gzip
import re

import pytest
from django.test import Client

from surveys.models import Draft, Participant
from surveys.rounds import schedule
from tests.respondents import a_participant, a_round, items_of, path, themes_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return a_round()


@pytest.fixture
def person(round_):
    return a_participant(round_)


def _items_on_page(round_, number):
    theme = themes_of(round_)[number - 1]
    return [item for item in items_of(round_) if item.theme_id == theme.pk]


def test_the_start_page_says_what_the_survey_is_that_it_is_voluntary_and_who_is_responsible(
    client, person
):
    body = client.get(path(person)).content.decode()
    assert "læringsmiljøet og arbeidsmiljøet i lærebedriften" in body
    assert "Det er frivillig å svare." in body
    assert "Utdanningsdirektoratet (Udir) er behandlingsansvarlig" in body
    assert "/informasjonsark/apprentice-nb.pdf" in body
    assert "/informasjonsark/apprentice-nn.pdf" in body
    assert "/informasjonsark/apprentice-en.pdf" in body
    assert "kontakte fylkeskommunen eller opplæringskontoret" in body
    assert 'href="mailto:post@udir.no"' in body
    assert "Start undersøkelsen" in body


def test_a_respondent_answers_page_by_page_goes_back_and_submits(client, round_, person):
    first, second = _items_on_page(round_, 1), _items_on_page(round_, 2)
    response = client.post(
        path(person, "/side/1"),
        {f"item-{first[0].pk}": "5", "navigate": "next"},
    )
    assert response.status_code == 302 and response["Location"] == path(person, "/side/2")
    page_two = client.get(path(person, "/side/2")).content.decode()
    assert "Side 2 av" in page_two
    client.post(path(person, "/side/2"), {f"item-{second[0].pk}": "1", "navigate": "previous"})
    page_one = client.get(path(person, "/side/1")).content.decode()
    assert re.search(rf'id="item-{first[0].pk}-5"[^>]*checked', page_one)

    summary = client.get(path(person, "/oppsummering")).content.decode()
    assert "Helt enig" in summary and "Ikke besvart" in summary
    assert Participant.objects.get(pk=person.pk).answered_on is None

    response = client.post(path(person, "/send-inn"))
    assert response["Location"] == path(person)
    assert "Takk for svarene!" in client.get(path(person)).content.decode()
    person.refresh_from_db()
    assert person.answered_on == schedule.today()
    draft = Draft.objects.get(participant=person)
    assert draft.submitted
    assert draft.answers == {str(first[0].pk): 5, str(second[0].pk): 1}


def test_each_person_sees_only_their_own_choices_checked_in_each_language(client, round_, person):
    # The item markup is kept between requests (surveys/respondents/item_markup.py); what is checked
    # must still be each person's own answer, and the labels the person's language.
    other = a_participant(round_)
    item = _items_on_page(round_, 1)[0]
    client.post(path(person, "/side/1"), {f"item-{item.pk}": "5", "navigate": "save"})
    Client().post(path(other, "/side/1"), {f"item-{item.pk}": "1", "navigate": "save"})
    for language, label in (("nb", "Helt enig"), ("en", "Strongly agree")):
        for someone, mine, theirs in ((person, "5", "1"), (other, "1", "5")):
            visitor = Client()
            visitor.post(path(someone, "/sprak"), {"language": language, "next": path(someone)})
            page = visitor.get(path(someone, "/side/1")).content.decode()
            checked = re.findall(r"<input[^>]*checked[^>]*>", page)
            assert len(checked) == 1 and f'id="item-{item.pk}-{mine}"' in checked[0]
            assert not re.search(rf'id="item-{item.pk}-{theirs}"[^>]*checked', page)
            assert label in page
    assert "checked" not in Client().get(path(a_participant(round_), "/side/1")).content.decode()


def test_every_item_is_optional_and_an_empty_survey_can_be_submitted(client, person):
    client.post(path(person, "/side/1"), {"navigate": "next"})
    client.post(path(person, "/send-inn"))
    person.refresh_from_db()
    assert person.answered_on is not None


def test_save_and_continue_later_on_another_device_through_the_same_link(client, round_, person):
    item = _items_on_page(round_, 3)[1]
    response = client.post(path(person, "/side/3"), {f"item-{item.pk}": "2", "navigate": "save"})
    assert response["Location"] == path(person, "/lagret")
    assert "Svarene er lagret" in client.get(response["Location"]).content.decode()

    phone = Client()  # no cookie, no session: the link alone carries the person
    start = phone.get(path(person)).content.decode()
    assert "Fortsett" in start and f'href="{path(person, "/side/3")}"' in start
    page = phone.get(path(person, "/side/3")).content.decode()
    assert re.search(rf'id="item-{item.pk}-2"[^>]*checked', page)


def test_a_value_that_is_not_an_option_is_refused_with_a_message_and_nothing_is_saved(
    client, round_, person
):
    good, bad = _items_on_page(round_, 1)[:2]
    response = client.post(
        path(person, "/side/1"),
        {f"item-{good.pk}": "4", f"item-{bad.pk}": "9", "navigate": "next"},
    )
    assert response.status_code == 400
    assert "Et svar var ikke blant valgene. Ingenting er lagret" in response.content.decode()
    assert not Draft.objects.filter(participant=person).exists()


def test_the_language_comes_from_the_browser_until_the_person_chooses_one(client, person):
    nynorsk = client.get(path(person), HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert (
        'lang="nn"' in nynorsk
        and "Det er frivillig å svare." in nynorsk
        and "Start undersøkinga" in nynorsk
    )

    client.post(path(person, "/sprak"), {"language": "en", "next": path(person, "/side/1")})
    english = Client().get(path(person, "/side/1"), HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert 'lang="en"' in english and "Next" in english


def test_the_language_choice_never_redirects_away_from_the_link(client, person):
    response = client.post(
        path(person, "/sprak"), {"language": "nn", "next": "https://evil.example/"}
    )
    assert response["Location"] == path(person)


def test_a_valid_link_before_the_round_opens_says_when_it_opens():
    early = a_round(opens_in=3, closes_in=30)
    person = a_participant(early)
    response = Client().get(path(person))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Undersøkelsen har ikke åpnet ennå" in body
    assert f"Du kan svare fra {early.sending_starts_on.day}." in body
    # The questionnaire itself waits for the opening day.
    assert Client().get(path(person, "/side/1"))["Location"] == path(person)


def test_after_submitting_a_page_post_changes_nothing(client, round_, person):
    item = _items_on_page(round_, 1)[0]
    client.post(path(person, "/side/1"), {f"item-{item.pk}": "3", "navigate": "next"})
    client.post(path(person, "/send-inn"))
    response = client.post(path(person, "/side/1"), {f"item-{item.pk}": "1", "navigate": "next"})
    assert response["Location"] == path(person)
    assert Draft.objects.get(participant=person).answers == {str(item.pk): 3}


@pytest.mark.parametrize(
    "suffix", ["", "/side/1", "/side/2", "/oppsummering", "/lagret", "/reserver"]
)
def test_every_respondent_page_is_under_50_kb_compressed_and_has_no_script(client, person, suffix):
    response = client.get(path(person, suffix))
    assert response.status_code == 200
    assert len(gzip.compress(response.content)) < 50_000
    assert b"<script" not in response.content


def test_personal_pages_are_not_cached_and_never_send_the_link_to_another_site(client, person):
    response = client.get(path(person, "/side/1"))
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_one_click_opt_out_is_a_post_without_csrf_token_and_the_person_can_still_answer(person):
    mail_client = Client(enforce_csrf_checks=True)
    # RFC 8058: the mail client POSTs this body to the List-Unsubscribe address.
    response = mail_client.post(
        path(person, "/reserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Du får ikke flere meldinger" in response.content.decode()
    person.refresh_from_db()
    assert person.opted_out_at is not None
    assert Client().get(path(person, "/side/1")).status_code == 200


def test_opening_the_opt_out_page_does_not_opt_out(client, person):
    body = client.get(path(person, "/reserver")).content.decode()
    assert "Ja, ikke send meg flere meldinger" in body
    person.refresh_from_db()
    assert person.opted_out_at is None


def test_a_respondent_without_a_csrf_cookie_can_still_answer_change_language_and_submit(
    round_, person
):
    """The cookie was lost (another browser, private mode, a cleaner): the link is the
    secret, so Next, the language switch and submitting work without it."""
    no_cookie = Client(enforce_csrf_checks=True)
    item = _items_on_page(round_, 1)[0]
    response = no_cookie.post(path(person, "/side/1"), {f"item-{item.pk}": "2", "navigate": "next"})
    assert response.status_code == 302
    assert response["Location"] == path(person, "/side/2")
    assert Draft.objects.get(participant=person).answers == {str(item.pk): 2}
    response = no_cookie.post(path(person, "/sprak"), {"language": "en", "next": path(person)})
    assert response.status_code == 302
    assert no_cookie.post(path(person, "/send-inn")).status_code == 302
    person.refresh_from_db()
    assert person.answered_on is not None


def test_the_respondent_pages_set_no_cookie(client, person):
    for suffix in ("", "/side/1", "/oppsummering", "/reserver"):
        assert not client.get(path(person, suffix)).cookies


def test_a_form_posted_from_another_site_saves_nothing_and_says_so_in_the_persons_language(
    round_, person
):
    item = _items_on_page(round_, 1)[0]
    Client().post(path(person, "/sprak"), {"language": "en", "next": path(person)})
    for origin in ("https://evil.example", "null"):
        response = Client().post(
            path(person, "/side/1"),
            {f"item-{item.pk}": "2", "navigate": "next"},
            headers={"Origin": origin},
        )
        assert response.status_code == 403
        assert "The answers were not saved" in response.content.decode()
    response = Client().post(
        path(person, "/send-inn"), headers={"Referer": "https://evil.example/x"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.answered_on is None
    assert not Draft.objects.get(participant=person).answers
    # The same form from this site is saved.
    response = Client().post(
        path(person, "/side/1"),
        {f"item-{item.pk}": "2", "navigate": "next"},
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("suffix", ["", "/side/2", "/oppsummering", "/reserver"])
def test_a_link_with_a_slash_at_its_end_leads_to_the_links_page(client, person, suffix):
    response = client.get(path(person, suffix + "/"))
    assert response.status_code == 302
    assert response["Location"] == path(person, suffix)
    assert client.get(response["Location"]).status_code == 200


def test_after_opting_out_the_start_page_says_so_and_offers_no_opt_out(client, person):
    client.post(path(person, "/reserver"))
    body = client.get(path(person)).content.decode()
    assert "Du har bedt om å ikke få flere meldinger" in body
    assert "Du kan likevel svare" in body
    assert "Jeg vil ikke få flere påminnelser" not in body
    assert path(person, "/reserver") not in body
    # and the opt-out page says it is done, and that answering is still open
    body = client.get(path(person, "/reserver")).content.decode()
    assert "Du får ikke flere meldinger" in body
    assert "Ja, ikke send meg flere meldinger" not in body
    assert "Du kan fortsatt svare" in body


def test_after_submitting_the_opt_out_page_says_no_more_reminders_and_not_that_they_can_answer(
    client, person
):
    client.post(path(person, "/send-inn"))
    body = client.get(path(person, "/reserver")).content.decode()
    assert "Du har sendt inn svarene dine, så du får ingen flere påminnelser" in body
    assert "Du kan fortsatt svare" not in body
    assert "Ja, ikke send meg flere meldinger" not in body
    body = client.get(path(person)).content.decode()
    assert "Takk for svarene!" in body and "ingen flere påminnelser" in body


def test_after_submitting_the_person_sees_their_answers_and_can_delete_them(client, round_, person):
    item = _items_on_page(round_, 1)[0]
    client.post(path(person, "/side/1"), {f"item-{item.pk}": "5", "navigate": "next"})
    client.post(path(person, "/send-inn"))
    summary = client.get(path(person, "/oppsummering")).content.decode()
    assert "Helt enig" in summary and "Du har sendt inn svar på 1 av" in summary
    assert "Send inn svarene" not in summary

    confirm = client.get(path(person, "/slett-svar")).content.decode()
    assert "Ja, slett svarene mine" in confirm
    person.refresh_from_db()
    assert person.answered_on is not None  # opening the page deletes nothing

    done = client.post(path(person, "/slett-svar")).content.decode()
    assert "Svarene dine er slettet" in done
    person.refresh_from_db()
    assert person.answered_on is None
    assert not Draft.objects.filter(participant=person).exists()
    # The person may answer again, from an empty survey.
    assert "Start undersøkelsen" in client.get(path(person)).content.decode()


def test_answers_cannot_be_deleted_through_the_link_once_the_round_has_closed(client):
    closed = a_round(opens_in=-20, closes_in=-1)
    person = a_participant(closed, answered_on=closed.last_answer_day)
    assert client.post(path(person, "/slett-svar")).status_code == 404
    person.refresh_from_db()
    assert person.answered_on is not None
