"""Udir's message templates: the rules a template must keep, what is sent from one, the
shipped text to start from, and the admin's preview with SMS segments counted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from distribution import message_templates, texts
from distribution.models import MessageTemplate, OutboxMessage
from distribution.sending import pipeline
from tests.distribution.sending_helpers import person, send, small_sample
from tests.distribution.sending_helpers import vestland as county

pytestmark = pytest.mark.django_db

SMS_OK = "{avsender}: Svar på {undersokelse} innen {siste_dag}. {lenke}"


def _problems(body, purpose="invitation", channel="sms", subject=""):
    return " ".join(message_templates.problems(purpose, channel, subject, body))


def test_a_template_with_an_unknown_placeholder_is_refused_by_name():
    assert "Ukjent felt: {link}" in _problems("Svar her: {link}")


def test_an_invitation_or_reminder_must_carry_the_personal_link():
    assert "personlige lenken" in _problems("Svar på {undersokelse}.")
    assert "personlige lenken" in _problems("Svar.", purpose="reminder")
    assert _problems(SMS_OK) == ""


def test_information_before_opening_has_the_sheet_and_no_personal_link():
    found = _problems("Les mer: {lenke}", purpose="information")
    assert "ingen personlig lenke" in found and "{informasjonsskriv}" in found
    assert _problems("Les mer: {informasjonsskriv}", purpose="information") == ""


def test_an_sms_template_must_fit_two_segments_with_the_longest_values():
    long = SMS_OK + " Det er frivillig å svare, og ingen kan se hva du har svart. " * 3
    assert "3 segmenter" in _problems(long) or "4 segmenter" in _problems(long)
    # An emoji makes it UCS-2: 67 characters a segment, so the same text no longer fits.
    assert "segmenter" in _problems(SMS_OK + " Takk for hjelpen, vi setter pris på det 🙂")
    assert _problems(SMS_OK + " Takk for hjelpen, vi setter pris på det!") == ""


def test_norwegian_letters_keep_an_sms_in_gsm_7():
    assert texts.is_gsm7("Læretida di – æøå ÆØÅ") is False  # the en dash is not GSM-7
    assert texts.is_gsm7("Læretida di - æøå ÆØÅ")


def test_an_email_needs_a_subject_and_an_sms_none():
    assert "emne" in _problems("Hei {fornavn}! {lenke}", channel="email")
    assert "ikke noe emne" in _problems(SMS_OK, subject="Hei")


def test_a_template_is_what_is_sent_in_its_language_and_the_shipped_text_elsewhere():
    round_ = small_sample()
    MessageTemplate.objects.create(
        purpose="invitation",
        survey="apprentice",
        channel="email",
        language="nb",
        subject="Hva synes du om læretida, {fornavn}?",
        body="Hei {fornavn}!\n\nSvar innen {siste_dag}: {lenke}\n\nMer: {informasjonsskriv}",
    )
    MessageTemplate.objects.create(
        purpose="invitation", survey="apprentice", channel="sms", language="nb", body=SMS_OK
    )
    send(county(), round_, channels=("email", "sms"), greeting="Hilsen <Vestland>")
    pipeline.send_due()
    email = OutboxMessage.objects.get(channel="email", recipient="ada@example.no")
    assert email.subject == "Hva synes du om læretida, Ada?"
    link = texts.links.url_for(person("A1"))
    assert email.body.startswith("Hei Ada!\n\nHilsen <Vestland>\n\nSvar innen ")
    assert link in email.body
    assert f'<a href="{link}">' in email.html and "Hilsen &lt;Vestland&gt;" in email.html
    sms = OutboxMessage.objects.get(channel="sms", recipient="+4791000001")
    assert sms.body.startswith("Vestland fylkeskommune: Svar på Lærlingundersøkelsen innen ")
    assert sms.body.endswith(texts.links.url_for(person("A1")))
    # Nynorsk has no template: the shipped text goes.
    nynorsk = texts.email(person("A1"), round_, "invitation", "Vestland", "nn")
    assert "Hva synes du" not in nynorsk.subject


def test_an_empty_first_name_takes_its_space_along():
    values = {"fornavn": ""}
    assert message_templates.render_text("Hei {fornavn}!", values) == "Hei!"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("purpose", ["invitation", "reminder", "information"])
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_the_shipped_text_of_every_kind_is_a_valid_template_to_start_from(
    language, purpose, channel
):
    subject, body = message_templates.shipped(purpose, "apprentice", channel, language)
    assert message_templates.problems(purpose, channel, subject, body) == []


def test_udir_edits_a_template_in_the_admin_and_sees_it_as_the_channel_shows_it(admin_client):
    add = reverse("admin:distribution_messagetemplate_add")
    page = admin_client.get(add + "?channel=sms&purpose=reminder&language=nn").text
    assert "{lenke}" in page  # the shipped text to start from
    data = {
        "survey": "apprentice",
        "purpose": "reminder",
        "channel": "sms",
        "language": "nn",
        "subject": "",
        "body": "Påminning frå {avsender}: svar innan {siste_dag}. {lenke}",
        "_continue": "1",
    }
    response = admin_client.post(add, data)
    assert response.status_code == 302
    template = MessageTemplate.objects.get()
    page = admin_client.get(response.url).text
    assert "Påminning frå Vestland fylkeskommune: svar innan 1.11." in page
    assert "(GSM-7): 1 SMS-segment" in page
    # A wrong one is refused with the reason, and the saved text stays.
    data["body"] = "Påminning: svar innan {siste_dag}."
    response = admin_client.post(
        reverse("admin:distribution_messagetemplate_change", args=[template.pk]), data
    )
    assert response.status_code == 200
    assert "personlige lenken" in response.text
    template.refresh_from_db()
    assert "{lenke}" in template.body
