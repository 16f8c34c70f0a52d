"""Organisations (counties through their reforms, training offices, companies, the
directorate), users, grants, ID-porten sessions and the audit log."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import orgnr


class User(AbstractUser):
    """A person who logs in: an administrator through ID-porten, or Udir staff in the admin.

    The national identity number is never stored: `pid_hash` (accounts.identity) is a
    keyed hash of it, enough to recognise the person and to match Udir's local grants.
    """

    pid_hash = models.CharField(
        _("personidentifikator (nøkkelhash)"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")


class OrganisationQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> OrganisationQuerySet:
        """Organisations that existed on a day (a county reform ends some, starts others)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def counties(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.COUNTY)

    def training_offices(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.TRAINING_OFFICE)

    def training_companies(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.TRAINING_COMPANY)


class Organisation(models.Model):
    """A county, a training office, a training company, or the directorate.

    Counties are never edited across a reform: a merged or split county is a new
    organisation whose `predecessors` are the old ones, so results stay on the
    organisation that existed when they were collected.
    """

    class Kind(models.TextChoices):
        COUNTY = "county", _("Fylkeskommune")
        TRAINING_OFFICE = "office", _("Opplæringskontor")
        TRAINING_COMPANY = "company", _("Lærebedrift")
        DIRECTORATE = "directorate", _("Direktorat")

    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    orgnr = models.CharField(
        _("organisasjonsnummer"), max_length=9, unique=True, validators=[orgnr.validate]
    )
    name = models.CharField(_("navn"), max_length=200)
    county_number = models.CharField(
        _("fylkesnummer"), max_length=2, blank=True, help_text=_("SSBs fylkesnummer, for fylker.")
    )
    valid_from = models.DateField(_("gyldig fra"), null=True, blank=True)
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="successors",
        blank=True,
        verbose_name=_("forgjengere"),
    )
    main_unit = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_units",
        verbose_name=_("hovedenhet"),
        help_text=_("Hovedenheten i Enhetsregisteret, når dette er en underenhet."),
    )
    training_office = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_companies",
        limit_choices_to={"kind": "office"},
        verbose_name=_("opplæringskontor"),
        help_text=_("For en medlemsbedrift: opplæringskontoret den hører til."),
    )
    nlr_approved = models.BooleanField(_("godkjent i NLR"), default=False)
    nor_approved = models.BooleanField(_("godkjent i NOR"), default=False)
    # The written standard (målform) the organisation writes to its apprentices in: the
    # default language of its messages.
    language = models.CharField(
        _("målform"),
        max_length=2,
        choices=[("nb", _("Bokmål")), ("nn", _("Nynorsk"))],
        default="nb",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["kind", "county_number", "name"]
        indexes = [models.Index(fields=["kind", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_valid_period",
            ),
            models.CheckConstraint(
                condition=~Q(kind="county") | ~Q(county_number=""),
                name="county_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.orgnr})"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class AuditEvent(models.Model):
    """One line of the audit log; written only through accounts.audit.record()."""

    action = models.CharField(_("handling"), max_length=100, db_index=True)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hvem"),
    )
    # Kept beside the foreign key so the line still says who after a user is deleted.
    actor_label = models.CharField(_("hvem (tekst)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisasjon"),
    )
    target = models.CharField(_("gjelder"), max_length=200, blank=True)
    details = models.JSONField(_("detaljer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("logglinje")
        verbose_name_plural = _("revisjonslogg")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class AltinnGrant(models.Model):
    """A right Altinn gave at the person's latest login; replaced at every login."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="altinn_grants"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    synced_at = models.DateTimeField(_("hentet fra Altinn"), auto_now=True)

    class Meta:
        verbose_name = _("tilgang fra Altinn")
        verbose_name_plural = _("tilganger fra Altinn")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_altinn_grant")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class LocalGrant(models.Model):
    """A right Udir gives by hand, always with an end date: for a former county such as
    Viken, which Altinn no longer lists. Keyed by the person's identity-number hash, so it
    can be given before the person's first login."""

    pid_hash = models.CharField(_("personidentifikator (nøkkelhash)"), max_length=64, db_index=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisasjon")
    )
    valid_until = models.DateField(_("gyldig til og med"))
    reason = models.CharField(_("begrunnelse"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("lokal tilgang")
        verbose_name_plural = _("lokale tilganger")
        constraints = [
            models.UniqueConstraint(fields=["pid_hash", "organisation"], name="one_local_grant")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} (til {self.valid_until})"


class IDPortenSession(models.Model):
    """Which of our sessions belongs to which ID-porten session (`sid`), so ID-porten's
    front-channel logout can end ours. Deleted with the session's logout."""

    sid = models.CharField(max_length=200, db_index=True)
    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
