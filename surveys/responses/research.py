"""The research extract: the stored responses of chosen rounds, as the end-of-round step
generalised them, for researchers who signed the directorate's confidentiality declaration.

What it holds and why (docs/research-extract.md has the format):
- one row per stored response, in random order, with no id of any kind: not the response's
  (random as it is, it would let two extracts be joined), no participant, link or contact
  data, which the response table does not hold anyway;
- the response's dimensions exactly as stored, so every combination of them is shared by
  at least 6 responses of its round (generalising.MINIMUM); the extract checks this again
  itself and refuses to be made if it does not hold, rather than trust the step;
- the answers, one column per question, and a codebook of the questions, scales and
  generalisation markers.

It is made only from a complete record (project, researchers, purpose, period, the
reference of the signed declaration), once per record, within the record's period, and the
record, the rounds and what the file held go to the audit log.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import random
import zipfile
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from surveys.models import Answer, Item, ResearchExtract, Response, Round
from surveys.questionnaires.scales import options
from surveys.responses import generalising
from surveys.responses.programmes import PROGRAMMES
from surveys.rounds import schedule

# Markers in the file, one per generalisation (surveys/models/responses.py, Response).
ANOTHER = "ANNET"
BOTH = "begge"
CONTRACT_TYPES = {"apprentice": "laerling", "candidate": "laerekandidat", Response.BOTH: BOTH}
DIMENSIONS = [
    "aar",
    "undersokelse",
    "fylke",
    "opplaeringskontor",
    "laerebedrift",
    "programomrade",
    "utdanningsprogram",
    "kontraktstype",
]
RECORD_FIELDS = [
    "project",
    "institution",
    "researchers",
    "purpose",
    "period_from",
    "period_until",
    "declaration_reference",
]


class Refused(Exception):
    """The extract may not be made; the message says why, in the user's language."""


@dataclass(frozen=True)
class Made:
    filename: str
    content: bytes
    rows: int


def _random() -> random.Random:
    return random.SystemRandom()


def refusal(extract: ResearchExtract, day: datetime.date | None = None) -> str | None:
    """Why this record may not give an extract now, or None when it may."""
    day = day or schedule.today()
    missing = [
        str(ResearchExtract._meta.get_field(name).verbose_name)
        for name in RECORD_FIELDS
        if not str(getattr(extract, name) or "").strip()
    ]
    if missing:
        return _("Registreringen mangler: %(fields)s.") % {"fields": ", ".join(missing)}
    if extract.made_at is not None:
        return _("Uttrekket ble laget %(when)s. Et nytt uttrekk krever en ny registrering.") % {
            "when": timezone.localtime(extract.made_at).strftime("%d.%m.%Y %H:%M")
        }
    if not (extract.period_from <= day <= extract.period_until):
        return _(
            "Uttrekket kan bare lages i perioden registreringen gjelder (%(start)s–%(end)s)."
        ) % {
            "start": extract.period_from.strftime("%d.%m.%Y"),
            "end": extract.period_until.strftime("%d.%m.%Y"),
        }
    rounds = list(extract.rounds.all()) if extract.pk else []
    if not rounds:
        return _("Velg minst én gjennomføring.")
    unstored = [str(round_) for round_ in rounds if round_.responses_stored_on is None]
    if unstored:
        return _("Svarene er ikke lagret ennå for: %(rounds)s.") % {"rounds": ", ".join(unstored)}
    return None


def make(extract: ResearchExtract, actor) -> Made:
    """Makes the extract of a complete record, once: the file's bytes (a zip of the responses,
    the codebook and a read-me), with the record marked made and the audit line written."""
    with transaction.atomic():
        # Two clicks, or two of Udir at once: the second waits here and is then refused.
        locked = ResearchExtract.objects.select_for_update().get(pk=extract.pk)
        why = refusal(locked)
        if why:
            raise Refused(why)
        rounds = list(locked.rounds.select_related("questionnaire").order_by("year", "survey"))
        items = _columns(rounds)
        rows = _rows(rounds, items)
        _refuse_small_combinations(rows)
        content = _zip(locked, rounds, items, rows)
        digest = hashlib.sha256(content).hexdigest()
        ResearchExtract.objects.filter(pk=locked.pk).update(
            made_at=timezone.now(), made_by=actor, rows=len(rows), sha256=digest
        )
        audit.record(
            "research.extract.made",
            actor=actor,
            target=locked,
            project=locked.project,
            institution=locked.institution,
            researchers=locked.researchers.splitlines(),
            purpose=locked.purpose,
            period=[locked.period_from.isoformat(), locked.period_until.isoformat()],
            declaration=locked.declaration_reference,
            rounds=[str(round_) for round_ in rounds],
            responses=len(rows),
            columns=DIMENSIONS + [column for column, _item in items],
            sha256=digest,
        )
    return Made(f"forskningsuttrekk-{locked.pk}.zip", content, len(rows))


def _column_of(item: Item) -> str:
    # The comparability key names a question across questionnaire versions, so a time series
    # is one column; a question without one is its own, named by its version and place.
    if item.comparability_key:
        return item.comparability_key
    return f"v{item.theme.version_id}_{item.theme.key}_{item.order}"


def _columns(rounds: list[Round]) -> list[tuple[str, Item]]:
    """One column per question of the rounds' questionnaires, in questionnaire order; a
    question asked in several versions under one key keeps its newest wording."""
    versions = sorted({round_.questionnaire_id for round_ in rounds})
    chosen: dict[str, Item] = {}
    for item in (
        Item.objects.filter(theme__version__in=versions)
        .select_related("theme", "theme__version")
        .order_by("theme__version__year", "theme__order", "order")
    ):
        chosen[_column_of(item)] = item
    return sorted(chosen.items(), key=lambda pair: (pair[1].theme.order, pair[1].order))


def _organisation(orgnr: str | None, other: bool) -> str:
    if other:
        return ANOTHER
    return orgnr or ""


def _rows(rounds: list[Round], items: list[tuple[str, Item]]) -> list[list[str]]:
    column_of_item = {}
    for round_ in rounds:
        for item in Item.objects.filter(theme__version=round_.questionnaire_id).select_related(
            "theme"
        ):
            column_of_item[item.pk] = _column_of(item)
    place = {column: index for index, (column, _item) in enumerate(items)}
    rows = []
    for round_ in rounds:
        responses = Response.objects.filter(round=round_).values_list(
            "pk",
            "county__orgnr",
            "other_county",
            "office__orgnr",
            "other_office",
            "company__orgnr",
            "other_company",
            "trade_code",
            "programme",
            "contract_type",
        )
        values: dict = {}
        for response_id, item_id, value in Answer.objects.filter(
            response__round=round_
        ).values_list("response_id", "item_id", "value"):
            values.setdefault(response_id, {})[item_id] = value
        for (
            pk,
            county,
            other_county,
            office,
            other_office,
            company,
            other_company,
            *rest,
        ) in responses:
            trade, programme, contract_type = rest
            answers = [""] * len(items)
            for item_id, value in values.get(pk, {}).items():
                answers[place[column_of_item[item_id]]] = str(value)
            rows.append(
                [
                    str(round_.year),
                    round_.survey,
                    _organisation(county, other_county),
                    _organisation(office, other_office),
                    _organisation(company, other_company),
                    trade,
                    ANOTHER if programme == Response.OTHER_PROGRAMME else programme,
                    CONTRACT_TYPES.get(contract_type, contract_type),
                    *answers,
                ]
            )
    # No order either: the file's rows follow neither the table's nor the answers' order.
    _random().shuffle(rows)
    return rows


def _refuse_small_combinations(rows: list[list[str]]) -> None:
    combinations = Counter(tuple(row[: len(DIMENSIONS)]) for row in rows)
    if any(count < generalising.MINIMUM for count in combinations.values()):
        raise Refused(
            _(
                "Noen kombinasjoner av bakgrunnsvariabler har færre enn %(minimum)s svar. "
                "Uttrekket ble ikke laget; kontakt driftsteamet."
            )
            % {"minimum": generalising.MINIMUM}
        )


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _codebook(items: list[tuple[str, Item]]) -> list[list[str]]:
    programmes = "; ".join(f"{code}={name}" for code, name in PROGRAMMES.items())
    rows = [
        ["aar", "Året for gjennomføringen", "heltall", "", ""],
        [
            "undersokelse",
            "Undersøkelsen",
            "tekst",
            "apprentice=lærlinger; supervisor=faglige ledere",
            "",
        ],
        [
            "fylke",
            "Fylket som eier kontrakten (organisasjonsnummer)",
            "tekst",
            f"{ANOTHER}=annet fylke",
            "Fylker med 5 eller færre svar i gjennomføringen er slått sammen",
        ],
        [
            "opplaeringskontor",
            "Opplæringskontoret (organisasjonsnummer)",
            "tekst",
            f"tom=ikke tilknyttet kontor; {ANOTHER}=annet kontor",
            "Generalisert der kombinasjonen ellers ville hatt færre enn 6",
        ],
        [
            "laerebedrift",
            "Lærebedriften (organisasjonsnummer)",
            "tekst",
            f"tom=ingen lærebedrift (knyttet direkte til kontor); {ANOTHER}=annen bedrift",
            "Generalisert der kombinasjonen ellers ville hatt færre enn 6",
        ],
        [
            "programomrade",
            "Programområdekode i VIGO",
            "tekst",
            "tom=generalisert til utdanningsprogram",
            "",
        ],
        [
            "utdanningsprogram",
            "Utdanningsprogram (to første tegn i programområdekoden)",
            "tekst",
            f"{programmes}; {ANOTHER}=annet program",
            "",
        ],
        [
            "kontraktstype",
            "Kontraktstype",
            "tekst",
            f"laerling; laerekandidat; {BOTH}=generalisert",
            "",
        ],
    ]
    for column, item in items:
        scale = "; ".join(f"{option.value}={option.nb}" for option in options(item.scale))
        direction = "" if item.high_is_good else "Høy verdi er dårlig"
        rows.append(
            [
                column,
                f"{item.theme.title_nb}: {item.text_nb}",
                "heltall",
                f"tom=ikke besvart; {scale}",
                direction,
            ]
        )
    return rows


def _readme(extract: ResearchExtract, rounds: list[Round], count: int) -> bytes:
    lines = [
        "Forskningsuttrekk fra Lærlingundersøkelsen",
        "",
        f"Prosjekt: {extract.project} ({extract.institution})",
        f"Formål: {extract.purpose}",
        f"Bruk: {extract.period_from:%d.%m.%Y}–{extract.period_until:%d.%m.%Y}",
        f"Taushetserklæring: {extract.declaration_reference}",
        "Gjennomføringer: " + ", ".join(str(round_) for round_ in rounds),
        f"Besvarelser: {count}",
        "",
        "svar.csv: én rad per besvarelse, i tilfeldig rekkefølge, uten id.",
        "kodebok.csv: hver kolonne, hva den betyr og verdiene den kan ha.",
        "",
        "Bakgrunnsvariablene er generalisert slik at hver kombinasjon av dem i en",
        "gjennomføring deles av minst 6 besvarelser. Dataene skal brukes etter",
        "Utdanningsdirektoratets regler om taushetsplikt og ikke kobles med andre data",
        "for å finne ut hvem som har svart.",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _zip(extract, rounds, items, rows) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("svar.csv", _csv(DIMENSIONS + [c for c, _i in items], rows))
        archive.writestr(
            "kodebok.csv",
            _csv(["kolonne", "beskrivelse", "type", "verdier", "merknad"], _codebook(items)),
        )
        archive.writestr("LESMEG.txt", _readme(extract, rounds, len(rows)))
    return buffer.getvalue()
