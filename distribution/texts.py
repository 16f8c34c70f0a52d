"""What a message says: the e-mail (subject, text and HTML) and the SMS of an invitation or
a reminder, with the personal link and the last day to answer, in the participant's
language (the one they chose on the respondent pages, else the dispatch's written
standard).

An SMS stays within two segments: GSM-7 has æ, ø and å, so Norwegian text needs no UCS-2
(which would halve a segment); `segments()` counts, and a test holds every language's text
to two with the longest link and date.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from surveys.respondents import links

# GSM 03.38's basic character set, and the characters its extension table holds (each of
# those counts as two).
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")
MAX_SMS_SEGMENTS = 2


def segments(text: str) -> int:
    """How many SMS segments `text` takes: 160 GSM-7 characters in one, 153 each when
    concatenated; 70 and 67 in UCS-2 once any character is outside GSM-7."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text):
        length = sum(2 if c in GSM7_EXTENDED else 1 for c in text)
        return 1 if length <= 160 else -(-length // 153)
    length = len(text)
    return 1 if length <= 70 else -(-length // 67)


def _context(participant, round_, purpose: str, sender_name: str) -> dict:
    link = links.url_for(participant)
    return {
        "link": link,
        "opt_out": f"{link}/reserver",
        "last_day": round_.last_answer_day,
        "survey": round_.get_survey_display(),
        "purpose": purpose,
        "reminder": purpose == "reminder",
        "sender": sender_name,
        "first_name": participant.first_name,
        "lost_link": settings.SITE_URL.rstrip("/") + reverse("distribution:lost_link"),
        "information": settings.SITE_URL.rstrip("/")
        + reverse(
            "surveys:information_sheet",
            kwargs={"survey": round_.survey, "language": "nb"},
        ),
    }


def language_for(participant, dispatch_language: str) -> str:
    chosen = getattr(getattr(participant, "draft", None), "language", "")
    return chosen or dispatch_language or "nb"


def message_id_header(message_pk: int) -> str:
    """The e-mail's Message-ID: our Message's id, so a bounce (which quotes it) finds it."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<melding-{message_pk}@{domain}>"


_MESSAGE_ID = re.compile(r"<?melding-(\d{1,18})@[^>\s]+>?")


def message_pk_from_header(value: str) -> int | None:
    """Our Message's id in a Message-ID header made by message_id_header(), else None."""
    match = _MESSAGE_ID.fullmatch(value.strip())
    return int(match.group(1)) if match else None


def email(
    participant,
    round_,
    purpose: str,
    sender_name: str,
    language: str,
    message_id: int | None = None,
):
    """The e-mail, with List-Unsubscribe pointing at the link's one-click opt-out (RFC 8058),
    and, when it is a dispatch's message, a Message-ID carrying that message's id."""
    context = _context(participant, round_, purpose, sender_name)
    with translation.override(language):
        subject = render_to_string("distribution/messages/email_subject.txt", context).strip()
        text = render_to_string("distribution/messages/email.txt", context)
        html = render_to_string("distribution/messages/email.html", context)
    headers = {
        "List-Unsubscribe": f"<{context['opt_out']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": language,
    }
    if message_id is not None:
        headers["Message-ID"] = message_id_header(message_id)
    message = EmailMultiAlternatives(subject, text, None, [participant.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


# An organisation's name may be 200 characters; in an SMS it is cut so the text stays
# within two segments with the longest link and date.
SMS_SENDER_LENGTH = 60


def sms(participant, round_, purpose: str, sender_name: str, language: str) -> str:
    if len(sender_name) > SMS_SENDER_LENGTH:
        sender_name = sender_name[: SMS_SENDER_LENGTH - 3].rstrip() + "..."
    context = _context(participant, round_, purpose, sender_name)
    with translation.override(language):
        return " ".join(render_to_string("distribution/messages/sms.txt", context).split())
