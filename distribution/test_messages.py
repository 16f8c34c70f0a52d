"""A dispatch's test message: what its recipients will get, sent first to the administrator's
own e-mail address or mobile number.

It goes through the same texts and the same e-mail and SMS backends as the dispatch's
messages (from the worker), but with an example link that is no one's, and it writes no
message row and no dispatch: it counts against no SMS quota and no one's reminders. The
audit log records that it was sent, never to what address.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import gettext as _
from sms.message import Message as SmsMessage

from accounts import audit
from accounts.models import User
from distribution import texts
from distribution.models import Channel, Dispatch
from distribution.rules import Refused
from surveys.sample import contact_checks


def addresses(dispatch: Dispatch, email: str, mobile: str) -> tuple[str, str]:
    """The test's addresses, checked: those of the dispatch's channels, each valid."""
    email, mobile = email.strip(), mobile.strip()
    if dispatch.email and email:
        checked = contact_checks.email(email)
        if checked is None:
            raise Refused(_("«%(value)s» er ikke en gyldig e-postadresse.") % {"value": email})
        email = checked
    else:
        email = ""
    if dispatch.sms and mobile:
        checked = contact_checks.mobile(mobile)
        if checked is None:
            raise Refused(_("«%(value)s» er ikke et gyldig mobilnummer.") % {"value": mobile})
        mobile = checked
    else:
        mobile = ""
    if not email and not mobile:
        raise Refused(
            _("Skriv e-postadressen eller mobilnummeret ditt for de kanalene utsendingen bruker.")
        )
    return email, mobile


def request(dispatch: Dispatch, email: str, mobile: str, language: str, actor: User) -> None:
    """Checks the addresses and has the worker send the test (Refused: nothing sent)."""
    from distribution.tasks import send_dispatch_test

    email, mobile = addresses(dispatch, email, mobile)
    language = language if language in ("nb", "nn", "en") else dispatch.language
    try:
        send_dispatch_test.apply_async((dispatch.pk, email, mobile, language), retry=False)
    except Exception as error:  # noqa: BLE001 - any broker error: nothing was sent
        raise Refused(
            _("Testmeldingen kunne ikke sendes akkurat nå. Prøv igjen om litt.")
        ) from error
    audit.record(
        "distribution.dispatch.test_sent",
        actor=actor,
        target=dispatch,
        organisation=dispatch.organisation,
        email=bool(email),
        sms=bool(mobile),
    )


def _example(dispatch: Dispatch):
    # What the texts read of a participant; nothing else is there to read.
    return SimpleNamespace(first_name=_("Ola"), email="", draft=None)


def send(dispatch_id: int, email: str, mobile: str, language: str) -> list[str]:
    """Sends the test (in the worker); returns the channels it went on."""
    dispatch = Dispatch.objects.select_related("round", "organisation").get(pk=dispatch_id)
    example, link = _example(dispatch), texts.example_link()
    sent = []
    if email:
        message = texts.email(
            example,
            dispatch.round,
            dispatch.purpose,
            dispatch.organisation.name,
            language,
            greeting=dispatch.greeting,
            link=link,
        )
        message.subject = _("[Test] %(subject)s") % {"subject": message.subject}
        message.to = [email]
        message.send()
        sent.append(Channel.EMAIL)
    if mobile:
        body = texts.sms(
            example,
            dispatch.round,
            dispatch.purpose,
            dispatch.organisation.name,
            language,
            link=link,
        )
        SmsMessage(body, settings.DEFAULT_FROM_SMS, [mobile]).send()
        sent.append(Channel.SMS)
    return sent
