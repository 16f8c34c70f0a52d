"""Participants: who is in a round's sample, with the contact data the messages need.

The sample import (surveys/sample/importing.py) creates and updates them; the respondent
flow finds them from a personal link (`Participant.objects.by_token()`, the token itself from
surveys/respondents/links.py). A participant never holds its link's token: only a hash of
it, for the lookup.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet
from surveys.models.workplace import Workplace
from surveys.respondents import links


def new_link_key() -> str:
    # 128 random bits, the input to the link's HMAC; never shown anywhere.
    return secrets.token_hex(16)


class ContractType(models.TextChoices):
    APPRENTICE = "apprentice", _("Lærling")
    CANDIDATE = "candidate", _("Lærekandidat")


class ParticipantQuerySet(OrganisationScopedQuerySet):
    def active(self):
        """Still in the sample: never contacted again once withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def by_token(self, token: str):
        """The participants a personal link's token can belong to: one indexed lookup of
        its hash, the only way from a link to a person (no token is stored)."""
        return self.filter(token_hash=links.token_hash(token))


class Participant(Workplace):
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("gjennomføring"),
        # The (round, person_key) constraint's index serves every lookup by round.
        db_index=False,
    )
    # Unique by constraints below, not unique=True: on PostgreSQL a unique CharField also gets
    # a second (pattern-ops) index that no query here uses and every import has to fill.
    # Not unique by its own index: the token is a function of the key, so the unique
    # token_hash below already refuses two participants with the same key.
    link_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    # NULL once the round's contact data is deleted (surveys/rounds/retention.py).
    # NULL, not "": the unique constraint lets many NULLs be, but one empty string only.
    token_hash = models.CharField(max_length=64, editable=False, null=True)  # noqa: DJ001
    # VIGO's pseudonymised person key (apprentices), or the supervisor's key (supervisors).
    person_key = models.CharField(_("personnøkkel"), max_length=200)
    first_name = models.CharField(_("fornavn"), max_length=200, blank=True)
    last_name = models.CharField(_("etternavn"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    mobile = models.CharField(_("mobil"), max_length=20, blank=True, help_text=_("E.164, +47…"))
    # The extract's value, kept only when it is not a valid address or mobile number, so the
    # quality report can show what to fix in VIGO; `email`/`mobile` then stay empty.
    email_in_extract = models.CharField(_("e-post i uttrekket"), max_length=254, blank=True)
    mobile_in_extract = models.CharField(_("mobil i uttrekket"), max_length=40, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    gender = models.CharField(_("kjønn"), max_length=1, blank=True)
    contract_type = models.CharField(
        _("kontraktstype"), max_length=16, choices=ContractType.choices, blank=True
    )
    trade_code = models.CharField(_("programområdekode"), max_length=20, blank=True)
    trade_name = models.CharField(_("programområde"), max_length=200, blank=True)
    contract_start = models.DateField(_("kontraktstart"), null=True, blank=True)
    contract_end = models.DateField(_("kontraktslutt"), null=True, blank=True)
    warnings = models.JSONField(_("advarsler"), default=list, blank=True)
    withdrawn_at = models.DateTimeField(_("trukket ut"), null=True, blank=True)
    opted_out_at = models.DateTimeField(_("reservert mot meldinger"), null=True, blank=True)
    # A date, not a time: enough for response-rate curves, too coarse to match a response.
    answered_on = models.DateField(_("har svart"), null=True, blank=True)
    # What response rates count and reminders are limited by, kept here so that the apps
    # that read them need not import distribution/: the day the first invitation was
    # confirmed (queued counts), and how many reminder dispatches reached the person in
    # the round, whoever sent them (a dispatch by e-mail and SMS counts once).
    invited_on = models.DateField(_("invitert"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("påminnelser"), default=0)
    # The day the link was last sent again from the lost-link page: once a day at most.
    link_resent_on = models.DateField(_("lenke sendt på nytt"), null=True, blank=True)
    # The address a mail server refused for good (an SMTP 5xx for the recipient), or the
    # number the SMS gateway called unknown: later dispatches leave that channel out while
    # the participant still has that address (a new extract with another one lifts it).
    email_refused = models.CharField(_("e-post som ble avvist"), max_length=254, blank=True)
    mobile_refused = models.CharField(_("mobilnummer som ble avvist"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("deltaker")
        verbose_name_plural = _("deltakere")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person_key"], name="one_participant_per_person"
            ),
            models.UniqueConstraint(fields=["token_hash"], name="participant_token_hash_unique"),
        ]
        indexes = [
            models.Index(fields=["round", "county"]),
            models.Index(fields=["round", "office"]),
        ]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"

    def save(self, *args, **kwargs):
        if not self.token_hash and self.link_key:
            self.token_hash = links.token_hash(links.token_for(self))
        super().save(*args, **kwargs)
