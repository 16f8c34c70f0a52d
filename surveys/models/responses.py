"""Answers: a participant's draft while answering, and the responses no one can trace.

Imported at the end of surveys/models.py. A Draft belongs to its participant and holds the
answers while the person answers and, after submitting, until the mixing task
(surveys/responses/mixing.py) moves it into the response table. A Response carries the dimensions
reports need and nothing else: no reference to the participant, no date or time, no
sequence; its id is random (UUID4).

Why a row per answer (Answer) and not the answers packed into the response row (a JSON
object or an array keyed by item): every report is an aggregate over answers grouped by
item and by a dimension of the response -

- theme indices: AVG(value) per theme (item -> theme) for a round and organisation;
- answer distributions: COUNT(*) per item and value;
- breakdowns by company or trade: the same grouped by response.company / trade_code;
- time series: the same per round.year, items joined on their comparability key.

With a row per answer each of these is one plain GROUP BY that PostgreSQL and SQLite run
alike (packed answers would need jsonb_each on one and json_each on the other, or every
response pulled into Python), and the database does the counting next to the data. At
national scale (about 14,000 responses of 30-40 items a year) ten years are about 5
million answer rows, 50 million at ten times the scale: a narrow table of a UUID, an
item id and a small integer, with a composite primary key (response, item) - no
sequence, so not even answer ids tell the order of insertion - that also keeps each
response's answers together for the join. Responses are indexed by round and each
dimension reports filter on.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models.workplace import Workplace


class Draft(models.Model):
    """A participant's answers so far. Linked to the participant, so it lives only until
    the mixing task moves it (after submit) or the round closes (never submitted)."""

    participant = models.OneToOneField(
        "surveys.Participant",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="draft",
    )
    # {"<item id>": value}: only items of the round's questionnaire, values of their scale.
    answers = models.JSONField(default=dict)
    language = models.CharField(max_length=2, blank=True)
    # The theme page to continue from when the person comes back through the link.
    page = models.PositiveSmallIntegerField(default=1)
    submitted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("utkast til svar")
        verbose_name_plural = _("utkast til svar")
        indexes = [models.Index(fields=["submitted"], name="draft_submitted")]

    def __str__(self) -> str:
        return f"Draft {self.pk}"


class Response(Workplace):
    """One person's answers, mixed: the dimensions reports need, a random id, nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The (round, ...) indexes below serve lookups by round; no index of its own.
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("gjennomføring"),
        db_index=False,
    )
    questionnaire = models.ForeignKey(
        "surveys.QuestionnaireVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("spørreskjemaversjon"),
    )
    trade_code = models.CharField(_("programområdekode"), max_length=20, blank=True)
    contract_type = models.CharField(_("kontraktstype"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")
        indexes = [
            # The report filters: a round, then one organisation or trade within it.
            models.Index(fields=["round", "county"], name="response_round_county"),
            models.Index(fields=["round", "office"], name="response_round_office"),
            models.Index(fields=["round", "company"], name="response_round_company"),
            models.Index(fields=["round", "trade_code"], name="response_round_trade"),
        ]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One item's answer in one response. Unanswered items have no row."""

    pk = models.CompositePrimaryKey("response_id", "item_id")
    # The primary key's first column serves the join from responses; no separate index.
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    item = models.ForeignKey("surveys.Item", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"
