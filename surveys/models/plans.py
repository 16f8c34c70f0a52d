"""A round's local plan (gjennomføringsplan), per organisation: the target response rate,
the dispatches it means to make, and the seeds' check-list of duties with who marked each
done and when. Kept in surveys/ so that response rates (distribution/) and results
(reporting/) can both read it; the rules of the plan are surveys/rounds/plan.py's."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.visibility import OrganisationScopedQuerySet


class PlanQuerySet(OrganisationScopedQuerySet):
    # A plan belongs to the county or office that keeps it.
    county_field = "organisation"
    office_field = "organisation"


class RoundPlan(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="round_plans",
        verbose_name=_("organisasjon"),
    )
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("gjennomføring"),
    )
    # A whole percentage: the seeds speak of rates in whole per cent.
    target_rate = models.PositiveSmallIntegerField(
        _("mål for svarprosent"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    target_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_set_at = models.DateTimeField(null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("gjennomføringsplan")
        verbose_name_plural = _("gjennomføringsplaner")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "round"], name="one_plan_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.organisation.name}"


class PlannedDispatch(models.Model):
    """A dispatch the organisation means to make on a day (the plan; the dispatches made
    are distribution's)."""

    class Purpose(models.TextChoices):
        INVITATION = "invitation", _("Invitasjon")
        REMINDER = "reminder", _("Påminnelse")

    plan = models.ForeignKey(RoundPlan, on_delete=models.CASCADE, related_name="dispatches")
    day = models.DateField(_("dag"))
    purpose = models.CharField(_("formål"), max_length=16, choices=Purpose.choices)
    note = models.CharField(_("merknad"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.day}"


class PlanDuty(models.Model):
    """One duty of the check-list marked done: who marked it and when. Unmarking deletes
    the row (the audit log keeps both)."""

    plan = models.ForeignKey(RoundPlan, on_delete=models.CASCADE, related_name="duties_done")
    duty = models.CharField(max_length=32)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "duty"], name="one_mark_per_duty"),
        ]

    def __str__(self) -> str:
        return self.duty
