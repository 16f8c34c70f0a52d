"""What a message says, in each language, and that an SMS stays within two segments."""

import pytest
from django.utils import translation

from distribution import texts
from surveys.models import Draft
from tests.distribution.sending_helpers import person, small_sample

pytestmark = pytest.mark.django_db

LONGEST_NAME = "Opplæringskontoret for bygg- og anleggsfagene i Vestland og Rogaland " * 3


def test_segments_are_counted_as_gsm_7_with_norwegian_letters():
    assert texts.segments("æøå ÆØÅ" * 20) == 1  # 140 characters, all GSM-7
    assert texts.segments("a" * 161) == 2
    assert texts.segments("a" * 307) == 3
    assert texts.segments("€" * 80) == 1  # the extension table counts double: 160
    assert texts.segments("ő" * 71) == 2  # outside GSM-7: UCS-2, 67 a segment


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("purpose", ["invitation", "reminder"])
def test_every_sms_stays_within_two_segments_with_the_longest_name_and_link(
    language, purpose, settings
):
    settings.SITE_URL = "https://laerlingundersokelsen.udir.no"
    round_ = small_sample()
    text = texts.sms(person("A1"), round_, purpose, LONGEST_NAME, language)
    assert "/s/" in text and settings.SITE_URL in text
    assert texts.segments(text) <= texts.MAX_SMS_SEGMENTS, (len(text), text)


def test_the_email_carries_the_link_the_last_day_and_the_one_click_opt_out(settings):
    settings.SITE_URL = "https://laerling.udir.no"
    round_ = small_sample()
    message = texts.email(person("A1"), round_, "invitation", "Vestland fylkeskommune", "nb")
    html = message.alternatives[0][0]
    assert "Vestland fylkeskommune ber deg svare" in message.body
    assert "https://laerling.udir.no/s/" in message.body and "/s/" in html
    with translation.override("nb"):
        from django.utils.formats import date_format

        assert date_format(round_.last_answer_day, "j. F Y") in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://laerling.udir.no/s/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_participant_gets_the_language_they_chose_on_the_respondent_pages():
    small_sample()
    ada = person("A1")
    assert texts.language_for(ada, "nn") == "nn"
    Draft.objects.create(participant=ada, language="en")
    ada = person("A1")
    assert texts.language_for(ada, "nn") == "en"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_information_sms_stays_within_two_segments_and_has_no_personal_link(language, settings):
    settings.SITE_URL = "https://laerlingundersokelsen.udir.no"
    round_ = small_sample()
    text = texts.sms(person("A1"), round_, "information", LONGEST_NAME, language)
    assert "/s/" not in text and texts.information_url(round_) in text
    assert texts.segments(text) <= texts.MAX_SMS_SEGMENTS, (len(text), text)
