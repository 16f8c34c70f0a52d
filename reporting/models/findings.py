"""Udir's rules for findings that need follow-up at once (the seeds: "spesielle funn som
krever umiddelbar oppfølging"): a theme, a threshold and a direction. A shown group whose
figure on the theme is at or beyond the threshold is a finding (reporting/findings.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The theme whose figure is a share in per cent, not an index (reporting/figures.BULLYING).
SHARE_THEME = "bullying"


class FindingRule(models.Model):
    class Direction(models.TextChoices):
        ABOVE = "above", _("Lik eller over")
        BELOW = "below", _("Lik eller under")

    theme = models.SlugField(
        _("tema"),
        max_length=64,
        help_text=_("Temaets nøkkel, for eksempel «bullying» (andel mobbet) eller «motivation»."),
    )
    threshold = models.DecimalField(
        _("terskel"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Andel i prosent (0–100) for mobbing, ellers en indeks fra 1 til 5."),
    )
    direction = models.CharField(
        _("retning"), max_length=8, choices=Direction.choices, default=Direction.ABOVE
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("regel for funn som krever oppfølging")
        verbose_name_plural = _("regler for funn som krever oppfølging")
        ordering = ["theme", "id"]

    def __str__(self) -> str:
        sign = "≥" if self.direction == self.Direction.ABOVE else "≤"
        return f"{self.theme} {sign} {self.threshold}"

    @property
    def is_share(self) -> bool:
        return self.theme == SHARE_THEME

    def clean(self) -> None:
        if self.threshold is None:
            return
        low, high = (0, 100) if self.is_share else (1, 5)
        if not low <= self.threshold <= high:
            raise ValidationError(
                {
                    "threshold": _("Terskelen må være fra %(low)s til %(high)s.")
                    % {"low": low, "high": high}
                }
            )

    def beyond(self, value: float) -> bool:
        if self.direction == self.Direction.ABOVE:
            return value >= float(self.threshold)
        return value <= float(self.threshold)
