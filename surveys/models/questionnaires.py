from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from surveys.questionnaires.languages import supported
from surveys.questionnaires.scales import Scale
from surveys.rounds import schedule


class Survey(models.TextChoices):
    APPRENTICE = "apprentice", _("Lærlingundersøkelsen")
    SUPERVISOR = "supervisor", _("Faglig leder-undersøkelsen")


class FrozenQuestionnaire(ValidationError):
    """Raised by every path that would change a questionnaire a round has opened with."""

    def __init__(self, version: QuestionnaireVersion):
        super().__init__(
            _(
                "Spørreskjemaet «%(version)s» er låst fordi en gjennomføring som bruker det, "
                "har åpnet. Ingenting er endret. Lag en ny versjon for å endre spørsmålene."
            ),
            code="frozen",
            params={"version": version},
        )


def _non_empty(*fields: str) -> Q:
    condition = Q()
    for field in fields:
        condition &= ~Q(**{field: ""})
    return condition


class QuestionnaireVersionQuerySet(models.QuerySet):
    def frozen(self, day: datetime.date | None = None) -> QuestionnaireVersionQuerySet:
        """Versions that a round has opened with: their questions are fixed for good."""
        return self.filter(schedule.opened_by(day, prefix="rounds__")).distinct()

    def update(self, **kwargs):
        _refuse_if_any_frozen(self.model.objects.filter(pk__in=self.values("pk")))
        return super().update(**kwargs)

    def delete(self):
        _refuse_if_any_frozen(self.model.objects.filter(pk__in=self.values("pk")))
        return super().delete()


def _refuse_if_any_frozen(versions: models.QuerySet) -> None:
    frozen = QuestionnaireVersion.objects.filter(pk__in=versions.values("pk")).frozen().first()
    if frozen is not None:
        raise FrozenQuestionnaire(frozen)


class QuestionnaireVersion(models.Model):
    """One survey's questions as they were from a year on (the questions changed in 2018 and
    2020). Editable until a round using it opens; then frozen, so that every answer to it
    was given to the same questions."""

    survey = models.CharField(_("undersøkelse"), max_length=16, choices=Survey.choices)
    year = models.PositiveSmallIntegerField(_("gjelder fra år"))
    note = models.TextField(
        _("merknad"), blank=True, help_text=_("Hva som endret seg, og hvorfor.")
    )

    objects = QuestionnaireVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("spørreskjemaversjon")
        verbose_name_plural = _("spørreskjemaversjoner")
        ordering = ["survey", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "year"], name="one_version_per_survey_year")
        ]

    def __str__(self) -> str:
        return f"{self.get_survey_display()} {self.year}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            QuestionnaireVersion.objects.get(pk=self.pk).refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def is_frozen(self, day: datetime.date | None = None) -> bool:
        if self.pk is None:
            return False
        return self.rounds.filter(schedule.opened_by(day)).exists()

    def previous(self) -> QuestionnaireVersion | None:
        """The version before this one, which comparability keys point back to."""
        return (
            QuestionnaireVersion.objects.filter(survey=self.survey, year__lt=self.year)
            .order_by("-year")
            .first()
        )

    def refuse_if_frozen(self) -> None:
        if self.is_frozen():
            raise FrozenQuestionnaire(self)


class PartOfVersionQuerySet(models.QuerySet):
    """Bulk updates and deletes of themes and items check freezing as save() does."""

    version_path = ""

    def _refuse_if_frozen(self) -> None:
        _refuse_if_any_frozen(
            QuestionnaireVersion.objects.filter(pk__in=self.values(self.version_path or "version"))
        )

    def update(self, **kwargs):
        self._refuse_if_frozen()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_if_frozen()
        return super().delete()


class ThemeQuerySet(PartOfVersionQuerySet):
    version_path = "version"


class ItemQuerySet(PartOfVersionQuerySet):
    version_path = "theme__version"


class Theme(models.Model):
    """A group of items; a respondent sees one theme per page."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("versjon"),
    )
    key = models.SlugField(_("nøkkel"), max_length=64)
    order = models.PositiveSmallIntegerField(_("rekkefølge"))
    title_nb = models.CharField(_("tittel (bokmål)"), max_length=200)
    title_nn = models.CharField(_("tittel (nynorsk)"), max_length=200)
    title_en = models.CharField(_("tittel (engelsk)"), max_length=200)
    intro_nb = models.TextField(_("innledning (bokmål)"), blank=True)
    intro_nn = models.TextField(_("innledning (nynorsk)"), blank=True)
    intro_en = models.TextField(_("innledning (engelsk)"), blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="theme_key_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="theme_order_unique"),
            models.CheckConstraint(
                condition=_non_empty("title_nb", "title_nn", "title_en"),
                name="theme_title_in_three_languages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.order}. {self.title_nb}"

    def save(self, *args, **kwargs):
        for version in self._versions_touched():
            version.refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.version.refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def title(self, language: str) -> str:
        return getattr(self, f"title_{supported(language)}")

    def intro(self, language: str) -> str:
        return getattr(self, f"intro_{supported(language)}")

    def clean(self) -> None:
        if self.version_id is not None:
            for version in self._versions_touched():
                version.refuse_if_frozen()

    def _versions_touched(self) -> list[QuestionnaireVersion]:
        touched = [self.version]
        if self.pk is not None:
            touched.append(Theme.objects.select_related("version").get(pk=self.pk).version)
        return touched


class Item(models.Model):
    """One question. Its comparability key says which item of the previous version asked
    the same question: the same key in two versions means their answers form one time
    series; an empty key or a new one breaks it."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="items", verbose_name=_("tema")
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"))
    text_nb = models.TextField(_("spørsmål (bokmål)"))
    text_nn = models.TextField(_("spørsmål (nynorsk)"))
    text_en = models.TextField(_("spørsmål (engelsk)"))
    scale = models.CharField(_("svarskala"), max_length=16, choices=Scale.choices)
    high_is_good = models.BooleanField(
        _("høy verdi er bra"),
        default=True,
        help_text=_("Av for spørsmål der et høyt svar er dårlig, som hvor ofte noen blir mobbet."),
    )
    comparability_key = models.SlugField(
        _("sammenlignbarhetsnøkkel"),
        max_length=64,
        blank=True,
        help_text=_(
            "Samme nøkkel som et spørsmål i forrige versjon betyr at svarene kan sammenlignes. "
            "Tom eller ny nøkkel når spørsmålet er endret."
        ),
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("one item", "spørsmål")
        verbose_name_plural = _("spørsmål")
        ordering = ["theme__version", "theme__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "order"], name="item_order_unique"),
            models.CheckConstraint(
                condition=_non_empty("text_nb", "text_nn", "text_en"),
                name="item_text_in_three_languages",
            ),
        ]

    def __str__(self) -> str:
        return self.text_nb

    def save(self, *args, **kwargs):
        for version in self._versions_touched():
            version.refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.theme.version.refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def text(self, language: str) -> str:
        return getattr(self, f"text_{supported(language)}")

    def clean(self) -> None:
        if self.theme_id is None:
            return
        for version in self._versions_touched():
            version.refuse_if_frozen()
        if self.comparability_key:
            twins = Item.objects.filter(
                theme__version=self.theme.version, comparability_key=self.comparability_key
            ).exclude(pk=self.pk)
            if twins.exists():
                raise ValidationError(
                    {
                        "comparability_key": _(
                            "Et annet spørsmål i samme versjon har denne nøkkelen."
                        )
                    }
                )

    def _versions_touched(self) -> list[QuestionnaireVersion]:
        touched = [self.theme.version]
        if self.pk is not None:
            touched.append(
                Item.objects.select_related("theme__version").get(pk=self.pk).theme.version
            )
        return touched
