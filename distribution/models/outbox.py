"""Messages: the development outbox's rows (one per message and recipient)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail or SMS that the embedded mode "sent": kept here instead of leaving the machine."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-post")
        SMS = "sms", _("SMS")

    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("mottaker"), max_length=254)
    sender = models.CharField(_("avsender"), max_length=254, blank=True)
    subject = models.CharField(_("emne"), max_length=300, blank=True)
    body = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("hoder"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("melding i utboksen")
        verbose_name_plural = _("utboks (utvikling)")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}"
