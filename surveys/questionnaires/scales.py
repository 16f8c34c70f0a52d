"""Answer scales: the options a respondent chooses from, with their labels in nb, nn and en.

Scales are code, not data, because reports compute with their values: an item stores only
its scale's key. The value is what a response stores; a higher value means "more" of what
the option says (more agreement, more often, yes). Whether more is good is the item's
direction, not the scale's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from surveys.questionnaires.languages import supported


@dataclass(frozen=True)
class Option:
    value: int
    nb: str
    nn: str
    en: str

    def label(self, language: str) -> str:
        return getattr(self, supported(language))


class Scale(TextChoices):
    AGREEMENT = "agreement", _("Enighet 1–5")
    YES_PARTLY_NO = "yes_partly_no", _("Ja / delvis / nei")
    YES_NO = "yes_no", _("Ja / nei")
    FREQUENCY = "frequency", _("Hyppighet")


OPTIONS: dict[str, tuple[Option, ...]] = {
    Scale.AGREEMENT: (
        Option(1, "Helt uenig", "Heilt usamd", "Strongly disagree"),
        Option(2, "Litt uenig", "Litt usamd", "Somewhat disagree"),
        Option(
            3, "Verken enig eller uenig", "Verken samd eller usamd", "Neither agree nor disagree"
        ),
        Option(4, "Litt enig", "Litt samd", "Somewhat agree"),
        Option(5, "Helt enig", "Heilt samd", "Strongly agree"),
    ),
    Scale.YES_PARTLY_NO: (
        Option(3, "Ja", "Ja", "Yes"),
        Option(2, "Delvis", "Delvis", "Partly"),
        Option(1, "Nei", "Nei", "No"),
    ),
    Scale.YES_NO: (
        Option(2, "Ja", "Ja", "Yes"),
        Option(1, "Nei", "Nei", "No"),
    ),
    Scale.FREQUENCY: (
        Option(1, "Aldri", "Aldri", "Never"),
        Option(2, "Noen få ganger", "Nokre få gonger", "A few times"),
        Option(3, "Omtrent én gang i måneden", "Omtrent éin gong i månaden", "About once a month"),
        Option(4, "Omtrent én gang i uka", "Omtrent éin gong i veka", "About once a week"),
        Option(5, "Daglig", "Dagleg", "Daily"),
    ),
}


def options(scale: str) -> tuple[Option, ...]:
    return OPTIONS[scale]
