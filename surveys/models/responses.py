"""Answers: a participant's sealed draft while the round is open, and the responses no one
can trace, stored after it.

A Draft belongs to its participant and holds the answers, sealed, while the person answers
and, after submitting, until the round's last day has passed; then one step
(surveys/responses/storing.py) writes every answered draft of the round as a Response, all
at once in random order, and deletes the drafts. A Response carries the dimensions reports
need, generalised so that none singles anyone out, and nothing else: no reference to the
participant, no date or time, no sequence; its id is random (UUID4).

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
from surveys.responses import sealing


class Draft(models.Model):
    """A participant's answers so far, sealed (surveys/responses/sealing.py): encrypted and
    padded under a key the database never holds, with the participant's id bound in. Linked
    to the participant, so it lives only until the round's responses are stored
    (surveys/responses/storing.py), which deletes every draft of the round.

    `answers` and `page` are read and set in memory; save() seals them. Nothing here holds a
    time: no timestamp column, and `submitted` says no more than the answered mark's date."""

    participant = models.OneToOneField(
        "surveys.Participant",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="draft",
    )
    # The sealed {"answers": {"<item id>": value}, "page": n}; the same length for everyone.
    sealed = models.BinaryField(default=b"", editable=False)
    # In clear on purpose: messages are written in it (distribution/texts.py), and it is
    # chosen on the first page, before any answer, so it tells nothing of what was answered.
    language = models.CharField(max_length=2, blank=True)
    submitted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("utkast til svar")
        verbose_name_plural = _("utkast til svar")

    def __str__(self) -> str:
        return f"Draft {self.pk}"

    def save(self, *args, **kwargs):
        if not self.sealed:
            self.seal()
        super().save(*args, **kwargs)

    def _content(self) -> dict:
        if not hasattr(self, "_opened"):
            self._opened = (
                sealing.unseal(self.participant_id, self.sealed)
                if self.sealed
                else {"answers": {}, "page": 1}
            )
        return self._opened

    @property
    def answers(self) -> dict[str, int]:
        """{"<item id>": value}: only items of the round's questionnaire, values of their scale."""
        return self._content()["answers"]

    @answers.setter
    def answers(self, value: dict[str, int]) -> None:
        self._content()["answers"] = dict(value)
        self.sealed = b""  # sealed again by save() or seal()

    @property
    def page(self) -> int:
        """The theme page to continue from when the person comes back through the link."""
        return self._content()["page"]

    @page.setter
    def page(self, value: int) -> None:
        self._content()["page"] = int(value)
        self.sealed = b""

    def seal(self) -> None:
        """Seals what is in memory (save() does it; bulk_create callers call this first)."""
        self.sealed = sealing.seal(self.participant_id, self._content())


class Response(Workplace):
    """One person's answers, stored after the round: the dimensions reports need, generalised
    until no combination is rarer than 6 (surveys/responses/generalising.py), a random id,
    nothing else.

    How a generalised value is written, each distinct from the value it replaces:
    - county NULL with `other_county`: "another county" (counted in national figures only);
    - office NULL: "no office" (an independent company); with `other_office`: "another office";
    - company NULL: "no company" (an apprentice attached straight to an office); with
      `other_company`: "another company";
    - trade_code "" with a programme: the trade generalised to its education programme;
      programme OTHER_PROGRAMME: "another programme";
    - contract_type BOTH: apprentice or training candidate.
    """

    OTHER_PROGRAMME = "*"
    BOTH = "both"

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
    # Nullable here (not on participants): "another county" has no county.
    county = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        verbose_name=_("fylke (kontrakteier)"),
    )
    other_county = models.BooleanField(_("annet fylke"), default=False)
    other_office = models.BooleanField(_("annet opplæringskontor"), default=False)
    other_company = models.BooleanField(_("annen lærebedrift"), default=False)
    trade_code = models.CharField(_("programområdekode"), max_length=20, blank=True)
    programme = models.CharField(_("utdanningsprogram"), max_length=8, blank=True)
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
        constraints = [
            # A marker replaces the value; it never sits beside one.
            models.CheckConstraint(
                condition=~models.Q(other_county=True, county__isnull=False)
                & ~models.Q(other_office=True, office__isnull=False)
                & ~models.Q(other_company=True, company__isnull=False)
                & (models.Q(other_county=True) | models.Q(county__isnull=False)),
                name="response_markers_replace_values",
            ),
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
