"""Who sends to a training office's apprentices in a county this round: the county, the
office or both, as the county recorded it after talking with the office (the seeds: "god
dialog med opplæringskontorene"). No row means the office sends. rules.audience() reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet


class Sender(models.TextChoices):
    COUNTY = "county", _("Fylkeskommunen")
    OFFICE = "office", _("Opplæringskontoret")
    BOTH = "both", _("Begge")


class AgreementQuerySet(OrganisationScopedQuerySet):
    # The county keeps the agreement; the office sees the agreements about it.
    county_field = "county"
    office_field = "office"


class SendingAgreement(models.Model):
    round = models.ForeignKey("surveys.Round", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    sender = models.CharField(_("hvem sender"), max_length=8, choices=Sender.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("avtale om utsending")
        verbose_name_plural = _("avtaler om utsending")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "county", "office"], name="one_agreement_per_office"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.office_id} – {self.sender}"
