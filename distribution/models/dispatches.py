"""Dispatches (utsendinger) and their messages: the database is the truth of every message.

A dispatch is one send-out of invitations or reminders by one organisation, by e-mail, SMS
or both. Confirming it writes the dispatch and one Message per (participant, channel) in one
transaction; the pipeline (distribution/sending/) then moves each message through its
states by conditional updates, so a task run twice never sends a message twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet


class Purpose(models.TextChoices):
    INVITATION = "invitation", _("Invitasjon")
    REMINDER = "reminder", _("Påminnelse")
    # Before the round opens: what the survey is and that it comes, with the information
    # sheet and no personal link (the seeds: "informere lærlingene i forkant").
    INFORMATION = "information", _("Informasjon før åpning")
    # The same link again, asked for on the lost-link page (distribution/lost_link.py).
    LOST_LINK = "lost_link", _("Lenken sendt på nytt")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-post")
    SMS = "sms", _("SMS")


class Status(models.TextChoices):
    """A message's states, as GOV.UK Notify's notifications move through theirs."""

    QUEUED = "queued", _("I kø")
    SENDING = "sending", _("Sendes")
    SENT = "sent", _("Levert til e-post- eller SMS-tjenesten")
    DELIVERED = "delivered", _("Mottatt")
    # Handed over, but no delivery report within SENDING_UNCONFIRMED_DAYS: perhaps never
    # arrived (a phone switched off for days, a report lost). A late report still applies.
    UNCONFIRMED = "unconfirmed", _("Ikke bekreftet mottatt")
    NOT_SENT = "not_sent", _("Ikke sendt")
    TEMPORARY_FAILURE = "temporary_failure", _("Midlertidig feil, prøves igjen")
    PERMANENT_FAILURE = "permanent_failure", _("Feilet")


# The states a message can still leave by being sent.
SENDABLE = (Status.QUEUED, Status.TEMPORARY_FAILURE)
FINAL = (Status.SENT, Status.DELIVERED, Status.NOT_SENT, Status.PERMANENT_FAILURE)
# The states a delivery report or a bounce may still change: handed over, fate not known.
AWAITING_REPORT = (Status.SENT, Status.UNCONFIRMED)


class State(models.TextChoices):
    """A dispatch planned for later waits, scheduled, until beat starts it; until then it
    may be changed or cancelled (a cancelled one gives its SMS quota back)."""

    SCHEDULED = "scheduled", _("Planlagt")
    STARTED = "started", _("Startet")
    CANCELLED = "cancelled", _("Avlyst")


# The longest greeting of its own a county or office may add to its e-mail.
GREETING_MAX_LENGTH = 300


class DispatchQuerySet(OrganisationScopedQuerySet):
    # A dispatch belongs to the organisation that sent it, county or office alike.
    county_field = "organisation"
    office_field = "organisation"

    def using_sms(self):
        return self.filter(sms=True)

    def counting_against_quota(self):
        """What the SMS quota counts: every SMS dispatch made or planned, not cancelled; a
        link sent again on request (the lost-link page) counts against no one's quota."""
        return (
            self.filter(sms=True).exclude(state=State.CANCELLED).exclude(purpose=Purpose.LOST_LINK)
        )


class Dispatch(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("avsender"),
    )
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("gjennomføring"),
    )
    purpose = models.CharField(_("formål"), max_length=16, choices=Purpose.choices)
    email = models.BooleanField(_("e-post"), default=False)
    sms = models.BooleanField(_("SMS"), default=False)
    include_offices = models.BooleanField(_("også lærlinger i opplæringskontor"), default=False)
    trade_code = models.CharField(_("programområde"), max_length=20, blank=True)
    company = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lærebedrift"),
    )
    language = models.CharField(_("målform"), max_length=2, default="nb")
    greeting = models.TextField(
        _("hilsen i e-posten"), max_length=GREETING_MAX_LENGTH, blank=True, default=""
    )
    state = models.CharField(
        _("status"), max_length=12, choices=State.choices, default=State.STARTED
    )
    scheduled_for = models.DateTimeField(_("planlagt til"), null=True, blank=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avlyst"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avlyst av"),
    )
    # Why a planned dispatch did not start (the round closed, or it reached no one then).
    cancelled_reason = models.CharField(max_length=40, blank=True, default="")
    # The form's one-time key: a double click or a second tab posts the same key again.
    request_key = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(_("bekreftet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bekreftet av"),
    )
    # Set when `manage.py dispatch` made it: the command line, for the audit trail.
    command = models.TextField(_("kommando"), blank=True)
    email_count = models.PositiveIntegerField(_("e-poster"), default=0)
    sms_count = models.PositiveIntegerField(_("SMS-er"), default=0)
    left_out = models.JSONField(_("utelatt"), default=dict, blank=True)
    warnings = models.JSONField(_("advarsler"), default=dict, blank=True)

    objects = DispatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("utsending")
        verbose_name_plural = _("utsendinger")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "round"]),
            models.Index(
                fields=["scheduled_for"],
                condition=Q(state="scheduled"),
                name="dispatch_scheduled_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(email=True) | Q(sms=True), name="dispatch_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.round} – {self.organisation.name}"

    @property
    def channels(self) -> list[str]:
        return [c for c, on in ((Channel.EMAIL, self.email), (Channel.SMS, self.sms)) if on]


class Message(models.Model):
    """One message to one participant on one channel. Its address is read from the
    participant when it is sent, and kept as sent."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="messages")
    participant = models.ForeignKey(
        "surveys.Participant", on_delete=models.CASCADE, related_name="messages"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    # The dispatch's purpose again, so the database itself refuses a second invitation.
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    reason = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    address = models.CharField(max_length=254, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    # The SMS gateway's id of the message, by which its delivery reports name it.
    gateway_id = models.CharField(max_length=64, blank=True, default="", db_default="")
    # The sweep found it being handed over by a worker that died: it may have arrived twice.
    possibly_duplicate = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "participant", "channel"], name="one_message_per_dispatch"
            ),
            models.UniqueConstraint(
                fields=["participant", "channel"],
                condition=Q(purpose="invitation"),
                name="one_invitation_per_participant_and_channel",
            ),
        ]
        indexes = [
            models.Index(fields=["dispatch", "status"]),
            models.Index(fields=["status", "updated_at"]),
            models.Index(
                fields=["gateway_id"], condition=~Q(gateway_id=""), name="message_gateway_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk} ({self.status})"
