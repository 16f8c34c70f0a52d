"""Rounds: one survey in one year (a gjennomføring), whose dates decide its state
(surveys/rounds/schedule.py)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models.questionnaires import QuestionnaireVersion, Survey
from surveys.rounds import schedule


class RoundQuerySet(models.QuerySet):
    def opened(self, day: datetime.date | None = None) -> RoundQuerySet:
        return self.filter(schedule.opened_by(day))

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
    # Set by the one step that stores the round's responses after its last day
    # (surveys/responses/storing.py): a round's results exist only from then on.
    responses_stored_on = models.DateField(_("svar lagret"), null=True, blank=True, editable=False)
    # Set when the round's contact data was deleted (surveys/rounds/retention.py).
    contact_data_deleted_on = models.DateField(
        _("kontaktopplysninger slettet"), null=True, blank=True, editable=False
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
        if schedule.has_opened(self):
            raise ValidationError(_("En gjennomføring som har åpnet, kan ikke slettes."))
        return super().delete(*args, **kwargs)

    @property
    def state(self) -> schedule.RoundState:
        return schedule.state_on(self)

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
            deadline_day = self.vigo_correction_deadline.astimezone(schedule.OSLO).date()
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
        if stored is None or not schedule.has_opened(stored):
            return
        fields = LOCKED_AFTER_OPENING - {"questionnaire"}
        if any(getattr(stored, field) != getattr(self, field) for field in fields):
            raise ValidationError(OPENED_MESSAGE, code="opened")
