from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from surveys import rounds
from surveys.scales import LANGUAGES, Scale


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
        return self.filter(rounds.opened_by(day, prefix="rounds__")).distinct()

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
        return self.rounds.filter(rounds.opened_by(day)).exists()

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
        return getattr(self, f"title_{language if language in LANGUAGES else 'nb'}")

    def intro(self, language: str) -> str:
        return getattr(self, f"intro_{language if language in LANGUAGES else 'nb'}")

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
        return getattr(self, f"text_{language if language in LANGUAGES else 'nb'}")

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


class RoundQuerySet(models.QuerySet):
    def opened(self, day: datetime.date | None = None) -> RoundQuerySet:
        return self.filter(rounds.opened_by(day))

    def update(self, **kwargs):
        if LOCKED_AFTER_OPENING & set(kwargs) and self.opened().exists():
            raise ValidationError(OPENED_MESSAGE, code="opened")
        return super().update(**kwargs)

    def delete(self):
        if self.opened().exists():
            raise ValidationError(_("En gjennomføring som har åpnet, kan ikke slettes."))
        return super().delete()


# What a round may no longer change once it has opened: moving any of these would unfreeze a
# questionnaire that respondents have already answered, or move answers to another round.
LOCKED_AFTER_OPENING = {"survey", "year", "questionnaire", "questionnaire_id", "sending_starts_on"}
OPENED_MESSAGE = _(
    "Gjennomføringen har åpnet. Undersøkelse, år, spørreskjema og startdato for "
    "utsending kan ikke lenger endres."
)


class Round(models.Model):
    """One survey in one year (a gjennomføring). Its state follows from its dates."""

    survey = models.CharField(_("undersøkelse"), max_length=16, choices=Survey.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    reference_date = models.DateField(
        _("referansedato"), help_text=_("Dagen utvalget regnes fra (1. oktober).")
    )
    sending_starts_on = models.DateField(
        _("utsending kan starte"),
        help_text=_("Fra denne dagen kan fylker og opplæringskontor sende ut undersøkelsen."),
    )
    last_answer_day = models.DateField(_("siste dag for å svare"))
    publication_date = models.DateField(_("publiseringsdato"))
    vigo_correction_deadline = models.DateTimeField(
        _("frist for rettinger i VIGO"), help_text=_("Norsk tid (30. september kl. 12.00).")
    )
    questionnaire = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("spørreskjemaversjon"),
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("gjennomføring")
        verbose_name_plural = _("gjennomføringer")
        ordering = ["-year", "survey"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "year"], name="one_round_per_survey_year"),
            models.CheckConstraint(
                condition=Q(reference_date__lte=models.F("sending_starts_on"))
                & Q(sending_starts_on__lte=models.F("last_answer_day"))
                & Q(last_answer_day__lt=models.F("publication_date")),
                name="round_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_survey_display()} {self.year}"

    def save(self, *args, **kwargs):
        self._refuse_changes_after_opening()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if rounds.has_opened(self):
            raise ValidationError(_("En gjennomføring som har åpnet, kan ikke slettes."))
        return super().delete(*args, **kwargs)

    @property
    def state(self) -> rounds.RoundState:
        return rounds.state_on(self)

    def get_state_display(self) -> str:
        return self.state.label

    def _stored(self) -> Round | None:
        if self.pk is None:
            return None
        return Round.objects.filter(pk=self.pk).first()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        dates = [self.reference_date, self.sending_starts_on, self.last_answer_day]
        if None not in dates and self.publication_date is not None:
            if self.reference_date.year != self.year:
                errors["reference_date"] = _("Referansedatoen må ligge i gjennomføringens år.")
            if self.sending_starts_on < self.reference_date:
                errors["sending_starts_on"] = _("Utsendingen kan ikke starte før referansedatoen.")
            if self.last_answer_day < self.sending_starts_on:
                errors["last_answer_day"] = _(
                    "Siste dag for å svare kan ikke komme før utsendingen starter."
                )
            if self.publication_date <= self.last_answer_day:
                errors["publication_date"] = _(
                    "Resultatene kan ikke publiseres før etter siste dag for å svare."
                )
        if self.vigo_correction_deadline and self.sending_starts_on:
            deadline_day = self.vigo_correction_deadline.astimezone(rounds.OSLO).date()
            if deadline_day >= self.sending_starts_on:
                errors["vigo_correction_deadline"] = _(
                    "Fristen for rettinger i VIGO må være før utsendingen starter."
                )
        if self.questionnaire_id is not None and self.survey:
            if self.questionnaire.survey != self.survey:
                errors["questionnaire"] = _("Spørreskjemaet hører til en annen undersøkelse.")
            elif self.year and self.questionnaire.year > self.year:
                errors["questionnaire"] = _("Spørreskjemaet gjelder først fra et senere år.")
        if errors:
            raise ValidationError(errors)
        self._refuse_changes_after_opening()

    def _refuse_changes_after_opening(self) -> None:
        stored = self._stored()
        if stored is None or not rounds.has_opened(stored):
            return
        fields = LOCKED_AFTER_OPENING - {"questionnaire"}
        if any(getattr(stored, field) != getattr(self, field) for field in fields):
            raise ValidationError(OPENED_MESSAGE, code="opened")


from surveys.import_models import (  # noqa: E402, F401
    ExtractKind,
    RejectedRow,
    SampleImport,
    SampleUpload,
    UploadStatus,
)
from surveys.participant_models import ContractType, Participant  # noqa: E402, F401
from surveys.response_models import Answer, Draft, Response  # noqa: E402, F401
