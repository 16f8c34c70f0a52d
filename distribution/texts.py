"""What a message says: the e-mail (subject, text and HTML) and the SMS of an invitation, a
reminder or information before opening, with the personal link (none before opening), the
last day to answer and the information sheet, in the participant's
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
from django.utils.formats import date_format

from distribution import message_templates
from surveys.respondents import links

# GSM 03.38's basic character set, and the characters its extension table holds (each of
# those counts as two).
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")
MAX_SMS_SEGMENTS = 2


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text)


def segments(text: str) -> int:
    """How many SMS segments `text` takes: 160 GSM-7 characters in one, 153 each when
    concatenated; 70 and 67 in UCS-2 once any character is outside GSM-7."""
    if is_gsm7(text):
        length = sum(2 if c in GSM7_EXTENDED else 1 for c in text)
        return 1 if length <= 160 else -(-length // 153)
    length = len(text)
    return 1 if length <= 70 else -(-length // 67)


def _context(participant, round_, purpose: str, sender_name: str, link: str | None = None) -> dict:
    """What a text may say. Information before opening has no personal link (the round is
    not open, and a link forwarded early would be a link to someone else's answers)."""
    before_opening = purpose == "information"
    if link is None and not before_opening:
        link = links.url_for(participant)
    return {
        "link": "" if before_opening else link,
        "opt_out": "" if before_opening else f"{link}/reserver",
        "last_day": round_.last_answer_day,
        "opens": round_.sending_starts_on,
        "survey": round_.get_survey_display(),
        "purpose": purpose,
        "reminder": purpose == "reminder",
        "before_opening": before_opening,
        "sender": sender_name,
        "first_name": participant.first_name,
        "information": information_url(round_),
        "lost_link": settings.SITE_URL.rstrip("/") + reverse("distribution:lost_link"),
    }


def _with_dates(context: dict) -> dict:
    """The dates as the texts write them, in the language active now (month names)."""
    return {
        **context,
        "last_day_short": date_format(context["last_day"], "j.n."),
        "last_day_long": date_format(context["last_day"], "j. F Y"),
        "opens_short": date_format(context["opens"], "j.n."),
        "opens_long": date_format(context["opens"], "j. F Y"),
    }


def _values(context: dict, short: bool) -> dict[str, str]:
    """A template's placeholders (distribution/message_templates.py) from the context."""
    return {
        "fornavn": context["first_name"],
        "avsender": context["sender"],
        "undersokelse": str(context["survey"]),
        "lenke": context["link"],
        "reservasjon": context["opt_out"],
        "siste_dag": context["last_day_short" if short else "last_day_long"],
        "apner": context["opens_short" if short else "opens_long"],
        "informasjonsskriv": context["information"],
    }


def information_url(round_) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "surveys:information_sheet", kwargs={"survey": round_.survey, "language": "nb"}
    )


# What a test message links to instead of a personal link: a page that is no one's.
def example_link() -> str:
    return settings.SITE_URL.rstrip("/") + "/s/eksempel-ikke-en-ekte-lenke"


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
    *,
    greeting: str = "",
    link: str | None = None,
    templates: dict | None = None,
):
    """The e-mail, with List-Unsubscribe pointing at the link's one-click opt-out (RFC 8058),
    and, when it is a dispatch's message, a Message-ID carrying that message's id. Udir's
    template of the kind if there is one, else the shipped text. The sender's own greeting,
    if any, stands as its own paragraph (escaped in the HTML)."""
    context = _context(participant, round_, purpose, sender_name, link)
    context["greeting"] = greeting
    template = message_templates.find(purpose, round_.survey, "email", language, cache=templates)
    with translation.override(language):
        context = _with_dates(context)
        if template is not None:
            values = _values(context, short=False)
            subject = message_templates.render_text(template.subject, values).strip()
            text = message_templates.email_text(template.body, values, greeting)
            html = message_templates.email_html(template.body, values, greeting, language)
        else:
            subject = render_to_string("distribution/messages/email_subject.txt", context)
            subject = subject.strip()
            text = render_to_string("distribution/messages/email.txt", context)
            html = render_to_string("distribution/messages/email.html", context)
    headers = {"Content-Language": language}
    if context["opt_out"]:
        headers["List-Unsubscribe"] = f"<{context['opt_out']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if message_id is not None:
        headers["Message-ID"] = message_id_header(message_id)
    message = EmailMultiAlternatives(subject, text, None, [participant.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


# An organisation's name may be 200 characters; in an SMS it is cut so the text stays
# within two segments with the longest link and date.
SMS_SENDER_LENGTH = 60


def sms(
    participant,
    round_,
    purpose: str,
    sender_name: str,
    language: str,
    *,
    link: str | None = None,
    templates: dict | None = None,
) -> str:
    if len(sender_name) > SMS_SENDER_LENGTH:
        sender_name = sender_name[: SMS_SENDER_LENGTH - 3].rstrip() + "..."
    context = _context(participant, round_, purpose, sender_name, link)
    template = message_templates.find(purpose, round_.survey, "sms", language, cache=templates)
    with translation.override(language):
        context = _with_dates(context)
        if template is not None:
            return message_templates.sms_text(template.body, _values(context, short=True))
        return " ".join(render_to_string("distribution/messages/sms.txt", context).split())
