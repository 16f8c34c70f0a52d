"""What an organisation expects of a round's results, per theme, recorded in its round plan
before the round opens (the seeds: discuss beforehand, from earlier results, what results
you expect). Keyed by the theme's key, so it is compared with the results of the round and
with last year's; the rules (ranges, opening, concurrent edits) are
surveys/rounds/expectations.py's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Expectation(models.Model):
    plan = models.ForeignKey(
        "surveys.RoundPlan",
        on_delete=models.CASCADE,
        related_name="expectations",
        verbose_name=_("gjennomføringsplan"),
    )
    theme_key = models.SlugField(_("tema"), max_length=64)
    # An index 1.00-5.00, or for the bullying theme a share in per cent 0-100.
    value = models.DecimalField(_("forventet"), max_digits=5, decimal_places=2)
    # Raised on every change: a form that saw an older version is refused, so two
    # administrators at once never overwrite each other silently.
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("forventning")
        verbose_name_plural = _("forventninger")
        constraints = [
            models.UniqueConstraint(fields=["plan", "theme_key"], name="one_expectation_per_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.theme_key}: {self.value}"
