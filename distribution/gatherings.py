"""Making a gathering (samling) and drawing its page: the short address and its QR code.
The apprentices in the room then ask for their own link through the lost-link mechanism
(distribution/lost_link.py), limited to the gathering organisation's apprentices."""

from __future__ import annotations

import datetime

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import Organisation, User
from distribution.models import Gathering
from distribution.rules import Refused
from surveys.models import Round
from surveys.rounds import schedule


def create(
    organisation: Organisation, round_: Round, title: str, day: datetime.date, actor: User | None
) -> Gathering:
    """A gathering on a day the round is open, for a county or a training office."""
    if organisation.kind not in (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE):
        raise Refused(_("Bare fylkeskommuner og opplæringskontor holder samlinger."))
    title = title.strip()
    if not title:
        raise Refused(_("Gi samlingen et navn, for eksempel «Samling på Voss 12. oktober»."))
    if not round_.sending_starts_on <= day <= round_.last_answer_day:
        raise Refused(
            _("En samling må være mens undersøkelsen er åpen: fra %(start)s til og med %(last)s.")
            % {
                "start": round_.sending_starts_on.strftime("%d.%m.%Y"),
                "last": round_.last_answer_day.strftime("%d.%m.%Y"),
            }
        )
    for _attempt in range(5):  # a new code on the rare clash with an existing one
        try:
            with transaction.atomic():
                gathering = Gathering.objects.create(
                    organisation=organisation,
                    round=round_,
                    title=title[:120],
                    day=day,
                    created_by=actor,
                )
            break
        except IntegrityError:
            continue
    else:
        raise Refused(_("Samlingen kunne ikke lages. Prøv igjen."))
    audit.record(
        "distribution.gathering.created",
        actor=actor,
        organisation=organisation,
        target=gathering,
        round=str(round_),
    )
    return gathering


def short_address(gathering: Gathering) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "distribution:gathering_public", args=[gathering.code]
    )


def qr_svg(gathering: Gathering) -> str:
    """The short address as a QR code, an inline SVG (no script, no image request)."""
    code = segno.make(short_address(gathering), error="m")
    return code.svg_inline(scale=8, border=2, omitsize=True, svgclass="gathering-qr")


def is_open(gathering: Gathering) -> bool:
    return schedule.state_on(gathering.round) == schedule.RoundState.OPEN
