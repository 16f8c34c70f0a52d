"""Message templates: what Udir has chosen a message to say, per purpose, survey, channel
and language. Where there is none, the shipped text (templates/distribution/messages/) is
sent. The placeholders and the rules a template must keep are distribution/message_templates.py's.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from distribution.models.dispatches import Channel, Purpose
from surveys.models import Survey

LANGUAGES = [("nb", _("Bokmål")), ("nn", _("Nynorsk")), ("en", _("Engelsk"))]


class MessageTemplate(models.Model):
    purpose = models.CharField(_("formål"), max_length=16, choices=Purpose.choices)
    survey = models.CharField(_("undersøkelse"), max_length=16, choices=Survey.choices)
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    language = models.CharField(_("språk"), max_length=2, choices=LANGUAGES)
    subject = models.CharField(
        _("emne"), max_length=200, blank=True, help_text=_("Bare for e-post.")
    )
    body = models.TextField(_("tekst"))
    updated_at = models.DateTimeField(_("endret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("endret av"),
        editable=False,
    )

    class Meta:
        verbose_name = _("meldingstekst")
        verbose_name_plural = _("meldingstekster")
        ordering = ["survey", "purpose", "channel", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "survey", "channel", "language"],
                name="one_template_per_kind",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_survey_display()}: {self.get_purpose_display()}, "
            f"{self.get_channel_display()}, {self.get_language_display()}"
        )
