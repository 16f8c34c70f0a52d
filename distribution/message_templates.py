"""Udir's message templates: their placeholders, the rules a template must keep, and how one
is turned into an e-mail's text and HTML or an SMS.

A template is plain text with placeholders in braces ({lenke}, {siste_dag} …), never Django
template code, so whoever edits one in the admin can neither reach other data nor break the
page. Paragraphs are separated by an empty line; the HTML of an e-mail is made from the
text (escaped, links made links), so the two never say different things. A county's or
office's own greeting stands as a paragraph of its own after the first.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from distribution.models import Channel, MessageTemplate, Purpose

PLACEHOLDERS = {
    "fornavn": gettext_lazy("mottakerens fornavn (kan være tomt)"),
    "avsender": gettext_lazy("fylkeskommunen eller opplæringskontoret som sender"),
    "undersokelse": gettext_lazy("undersøkelsens navn"),
    "lenke": gettext_lazy("den personlige lenken"),
    "siste_dag": gettext_lazy("siste dag for å svare"),
    "apner": gettext_lazy("dagen undersøkelsen åpner"),
    "informasjonsskriv": gettext_lazy("lenken til informasjonsskrivet"),
    "reservasjon": gettext_lazy("lenken for å slippe flere meldinger (personlig)"),
}
LINKS = {"lenke", "informasjonsskriv", "reservasjon"}
PERSONAL = {"lenke", "reservasjon"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# The longest a placeholder can be in an SMS, for the check that a template stays within
# MAX_SMS_SEGMENTS whatever it is filled with.
_TOKEN_LENGTH = 22


def placeholders_in(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def problems(purpose: str, channel: str, subject: str, body: str) -> list[str]:
    """What is wrong with a template, in words for Udir; empty when it may be used."""
    from distribution import texts

    found = []
    used = placeholders_in(subject) + placeholders_in(body)
    unknown = sorted({name for name in used if name not in PLACEHOLDERS})
    if unknown:
        found.append(
            _("Ukjent felt: %(names)s. Disse finnes: %(known)s.")
            % {
                "names": ", ".join("{" + name + "}" for name in unknown),
                "known": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            }
        )
    if purpose == Purpose.INFORMATION:
        personal = sorted(PERSONAL & set(used))
        if personal:
            found.append(
                _("Informasjon før åpning har ingen personlig lenke: fjern %(names)s.")
                % {"names": ", ".join("{" + name + "}" for name in personal)}
            )
        if "informasjonsskriv" not in used:
            found.append(_("Informasjon før åpning må ha {informasjonsskriv}."))
    elif "lenke" not in used:
        found.append(_("Teksten må ha den personlige lenken: {lenke}."))
    if channel == Channel.EMAIL and not subject.strip():
        found.append(_("En e-post må ha et emne."))
    if channel == Channel.SMS:
        if subject.strip():
            found.append(_("En SMS har ikke noe emne: la feltet stå tomt."))
        if "fornavn" in used:
            found.append(
                _("{fornavn} kan ikke brukes i SMS: et langt navn ville gjort den for lang.")
            )
        if not unknown:
            count = texts.segments(render_text(body, longest_values(purpose)))
            if count > texts.MAX_SMS_SEGMENTS:
                found.append(
                    _(
                        "SMS-en blir %(count)s segmenter med lengste lenke, dato og avsender; "
                        "den kan være høyst %(max)s."
                    )
                    % {"count": count, "max": texts.MAX_SMS_SEGMENTS}
                )
    return found


def longest_values(purpose: str) -> dict[str, str]:
    from distribution import texts

    site = settings.SITE_URL.rstrip("/")
    link = f"{site}/s/{'x' * _TOKEN_LENGTH}"
    return {
        "fornavn": "",
        "avsender": "x" * texts.SMS_SENDER_LENGTH,
        "undersokelse": "Faglig leder-undersøkelsen",
        "lenke": link,
        "reservasjon": f"{link}/reserver",
        "siste_dag": "30.11.",
        "apner": "30.11.",
        "informasjonsskriv": f"{site}/informasjonsark/supervisor-nb.pdf",
    }


def _fill(text: str, values: dict[str, str], escaped: bool) -> str:
    """The text with its placeholders filled; a placeholder left empty takes the space
    before it along ("Hei {fornavn}!" with no name: "Hei!")."""
    out, at = [], 0
    for match in _PLACEHOLDER.finditer(text):
        literal = text[at : match.start()]
        value = values.get(match.group(1), "")
        if not value and literal.endswith(" "):
            literal = literal[:-1]
        out.append(escape(literal) if escaped else literal)
        if escaped and match.group(1) in LINKS and value:
            out.append(f'<a href="{escape(value)}">{escape(value)}</a>')
        else:
            out.append(escape(value) if escaped else value)
        at = match.end()
    rest = text[at:]
    out.append(escape(rest) if escaped else rest)
    return "".join(out)


def render_text(text: str, values: dict[str, str]) -> str:
    return _fill(text, values, escaped=False)


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if p.strip()]


def email_text(body: str, values: dict[str, str], greeting: str = "") -> str:
    paragraphs = [render_text(p, values) for p in _paragraphs(body)]
    if greeting:
        paragraphs.insert(1, greeting.strip())
    return "\n\n".join(paragraphs) + "\n"


def email_html_paragraphs(body: str, values: dict[str, str], greeting: str = "") -> str:
    paragraphs = [_fill(p, values, escaped=True).replace("\n", "<br>\n") for p in _paragraphs(body)]
    if greeting:
        paragraphs.insert(1, escape(greeting.strip()).replace("\n", "<br>\n"))
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def email_html(body: str, values: dict[str, str], greeting: str = "", language: str = "nb") -> str:
    inner = email_html_paragraphs(body, values, greeting)
    return f'<!doctype html>\n<html lang="{escape(language)}">\n<body>\n{inner}\n</body>\n</html>\n'


def sms_text(body: str, values: dict[str, str]) -> str:
    return " ".join(render_text(body, values).split())


def find(purpose: str, survey: str, channel: str, language: str, cache: dict | None = None):
    """Udir's template for the kind, or None (the shipped text is sent). `cache`, a dict a
    batch keeps, saves asking the database again for every message."""
    key = (purpose, survey, channel, language)
    if cache is not None and key in cache:
        return cache[key]
    template = MessageTemplate.objects.filter(
        purpose=purpose, survey=survey, channel=channel, language=language
    ).first()
    if cache is not None:
        cache[key] = template
    return template


def shipped(purpose: str, survey: str, channel: str, language: str) -> tuple[str, str]:
    """The shipped text of a kind as a template (subject, body), for Udir to start from."""
    from surveys.models import Survey

    values = {name: "{" + name + "}" for name in PLACEHOLDERS}
    context = {
        "link": values["lenke"],
        "opt_out": values["reservasjon"],
        "last_day_short": values["siste_dag"],
        "last_day_long": values["siste_dag"],
        "opens_short": values["apner"],
        "opens_long": values["apner"],
        "survey": values["undersokelse"],
        "sender": values["avsender"],
        "first_name": values["fornavn"] if channel == Channel.EMAIL else "",
        "information": values["informasjonsskriv"],
        "purpose": purpose,
        "reminder": purpose == Purpose.REMINDER,
        "before_opening": purpose == Purpose.INFORMATION,
        "greeting": "",
        "survey_key": survey if survey in Survey.values else Survey.APPRENTICE,
    }
    with translation.override(language):
        if channel == Channel.SMS:
            body = " ".join(render_to_string("distribution/messages/sms.txt", context).split())
            return "", body
        subject = render_to_string("distribution/messages/email_subject.txt", context).strip()
        body = render_to_string("distribution/messages/email.txt", context)
    return subject, re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"


def preview(template: MessageTemplate) -> dict:
    """The template filled with example values, as the channel shows it, with an SMS's
    characters and segments counted."""
    from distribution import texts

    with translation.override(template.language):
        values = example_values(template)
        if template.channel == Channel.SMS:
            text = sms_text(template.body, values)
            return {
                "sms": text,
                "characters": len(text),
                "segments": texts.segments(text),
                "encoding": "GSM-7" if texts.is_gsm7(text) else "UCS-2",
                "max_segments": texts.MAX_SMS_SEGMENTS,
            }
        return {
            "subject": render_text(template.subject, values),
            "text": email_text(template.body, values, _("En egen hilsen fra fylket står her.")),
            "html": email_html_paragraphs(
                template.body, values, _("En egen hilsen fra fylket står her.")
            ),
        }


def example_values(template: MessageTemplate) -> dict[str, str]:
    from distribution import texts

    site = settings.SITE_URL.rstrip("/")
    short = template.channel == Channel.SMS
    return {
        "fornavn": _("Ola"),
        "avsender": _("Vestland fylkeskommune"),
        "undersokelse": template.get_survey_display(),
        "lenke": texts.example_link(),
        "reservasjon": texts.example_link() + "/reserver",
        "siste_dag": "1.11." if short else _("1. november 2026"),
        "apner": "7.10." if short else _("7. oktober 2026"),
        "informasjonsskriv": f"{site}/informasjonsark/{template.survey}-nb.pdf",
    }
