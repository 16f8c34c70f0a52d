"""A round's published results: every cell of every table any organisation can see, with
whether it is hidden, computed once by reporting/publication.py and read by every page and
every export. A hidden cell keeps no figure at all (n, value and counts are empty), so no
page, export or query can show what the suppression hid."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.visibility import OrganisationScopedQuerySet


class Publication(models.Model):
    """That a round's figures and suppression are computed, from which data. Results are
    shown once this exists and the round's publication date has come (Udir earlier, as a
    preview)."""

    round = models.OneToOneField(
        "surveys.Round",
        on_delete=models.CASCADE,
        related_name="publication",
        verbose_name=_("gjennomføring"),
    )
    computed_at = models.DateTimeField(_("beregnet"))
    responses = models.PositiveIntegerField(_("besvarelser"))
    # Of the stored responses the figures were counted from: publishing again after they
    # changed computes everything again (reporting/publication.py).
    fingerprint = models.CharField(max_length=64)
    limit = models.PositiveSmallIntegerField(_("minste viste gruppe minus én"))

    class Meta:
        verbose_name = _("publisering")
        verbose_name_plural = _("publiseringer")

    def __str__(self) -> str:
        return str(self.round)


class CellQuerySet(OrganisationScopedQuerySet):
    """A county sees its own tables and the country's own figures, an office the same, Udir
    every table (accounts/visibility.py's rule, with the country beside). Not the country's
    breakdowns: its table by county is every county's figures."""

    county_field = "scope"
    office_field = "scope"

    def for_organisation(self, organisation: Organisation) -> models.QuerySet:
        if organisation.kind == Organisation.Kind.DIRECTORATE:
            return self.all()
        own = super().for_organisation(organisation)
        if not own.query.is_empty():
            return self.filter(Q(scope=organisation) | Q(scope__isnull=True, by=""))
        return own


class Cell(models.Model):
    """One figure of one group of one table: a theme's index (item empty) or an item's
    distribution and share. `scope` is whose table it is (empty: the country), `by` the
    breakdown ("" for the scope's own figures) and `group` the group's key in it
    (reporting/figures.py: an organisation's id, a trade code, a contract type, "*" for
    small groups together, "-" for no value; "" for the scope's own figures)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="cells")
    scope = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
    )
    by = models.CharField(max_length=16, blank=True)
    group = models.CharField(max_length=32, blank=True)
    theme = models.ForeignKey(
        "surveys.Theme", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    item = models.ForeignKey(
        "surveys.Item", on_delete=models.PROTECT, related_name="+", null=True, db_index=False
    )
    n = models.PositiveIntegerField(null=True)
    value = models.FloatField(null=True)
    counts = models.JSONField(null=True)
    hidden = models.BooleanField(default=False)

    objects = CellQuerySet.as_manager()

    class Meta:
        verbose_name = _("resultatcelle")
        verbose_name_plural = _("resultatceller")
        indexes = [
            models.Index(fields=["publication", "scope", "by"], name="cell_table"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden=False)
                | Q(n__isnull=True, value__isnull=True, counts__isnull=True),
                name="hidden_cell_holds_no_figure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope_id or 'country'}/{self.by}/{self.group}"
