"""A research extract and the record that allows it: who gets the stored responses of which
rounds, for what, until when, under which signed confidentiality declaration.

One record is one extract: it is made once (surveys/responses/research.py), and a new
request is a new record, so the list of records is the list of every extract handed out.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResearchExtract(models.Model):
    project = models.CharField(_("prosjekt"), max_length=200)
    institution = models.CharField(_("institusjon"), max_length=200)
    researchers = models.TextField(
        _("forskere"), help_text=_("Én forsker per linje: navn og e-postadresse.")
    )
    purpose = models.TextField(_("formål"))
    period_from = models.DateField(_("bruk fra"))
    period_until = models.DateField(_("bruk til og med"))
    declaration_reference = models.CharField(
        _("referanse til signert taushetserklæring"),
        max_length=100,
        help_text=_("Saksnummeret eller arkivreferansen til erklæringen forskerne har signert."),
    )
    rounds = models.ManyToManyField(
        "surveys.Round",
        related_name="+",
        verbose_name=_("gjennomføringer"),
        help_text=_("Bare gjennomføringer med lagrede svar kan tas med."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        null=True,
        verbose_name=_("registrert av"),
    )
    recorded_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        null=True,
        verbose_name=_("laget av"),
    )
    made_at = models.DateTimeField(_("laget"), null=True, editable=False)
    rows = models.PositiveIntegerField(_("besvarelser"), null=True, editable=False)
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("forskningsuttrekk")
        verbose_name_plural = _("forskningsuttrekk")
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_until__gte=models.F("period_from")),
                name="research_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.institution})"
