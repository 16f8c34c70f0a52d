"""Gatherings (samlinger): the seeds' single measure that raises the response rate most. An
office or county shows a page with a QR code and a short address (/m/<code>) where the
apprentices in the room ask for their own link by their mobile number or e-mail, through
the lost-link mechanism (distribution/lost_link.py), and answer together."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet

# Letters and digits that cannot be mistaken for one another when read off a wall.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class GatheringQuerySet(OrganisationScopedQuerySet):
    county_field = "organisation"
    office_field = "organisation"


class Gathering(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="gatherings"
    )
    round = models.ForeignKey("surveys.Round", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("navn på samlingen"), max_length=120)
    day = models.DateField(_("dag"))
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GatheringQuerySet.as_manager()

    class Meta:
        verbose_name = _("samling")
        verbose_name_plural = _("samlinger")
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.day})"
