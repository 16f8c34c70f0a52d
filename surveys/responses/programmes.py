"""Education programmes (utdanningsprogram) and the trades (programområde) in them.

A trade code (VIGO's programområdekode, e.g. `ELELE3----`) begins with the two letters of
its education programme, in both the curriculum of 2006 (LK06) and that of 2020 (LK20);
the table below is Udir's list of vocational programmes in both. The responses keep the
programme beside the trade, so a trade too rare to show can give way to its programme
(surveys/responses/generalising.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PROGRAMMES = {
    # LK20 (from 2020)
    "BA": _("Bygg- og anleggsteknikk"),
    "EL": _("Elektro og datateknologi"),
    "FD": _("Frisør, blomster, interiør og eksponeringsdesign"),
    "HD": _("Håndverk, design og produktutvikling"),
    "HO": _("Helse- og oppvekstfag"),
    "IM": _("Informasjonsteknologi og medieproduksjon"),
    "NA": _("Naturbruk"),
    "RM": _("Restaurant- og matfag"),
    "SR": _("Salg, service og reiseliv"),
    "TP": _("Teknologi- og industrifag"),
    # LK06 (2006-2020), still in contracts begun before 2020
    "DH": _("Design og håndverk"),
    "HS": _("Helse- og oppvekstfag (LK06)"),
    "MK": _("Medier og kommunikasjon"),
    "SS": _("Service og samferdsel"),
}


def programme_of(trade_code: str) -> str:
    """The programme's code for a trade code; OTHER ("*") for a code of no known programme,
    which then says no more than "another programme"."""
    from surveys.models import Response

    prefix = (trade_code or "")[:2].upper()
    return prefix if prefix in PROGRAMMES else Response.OTHER_PROGRAMME
