"""Importing a round's VIGO extract: the one function behind the admin upload, the
`import_extract` command and the Celery task.

The file is read and every row judged (surveys/sample/rules.py) before anything is
written; then, in one transaction, the organisations the extract names are found or
created, the round's participants are brought in line with the sample as a diff (added,
updated, withdrawn, unchanged: a participant keeps its id, and so its link), the supervisor
sample is chosen (surveys/sample/supervisor_selection.py) and applied the same way to the
supervisor round, the rejected rows replace the previous import's, and the import is
written to the history. A file-level problem raises ExtractError before any write.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, formatting, orgnr
from accounts.models import Organisation, User
from surveys.models import (
    ExtractKind,
    Participant,
    RejectedRow,
    Round,
    SampleImport,
    Survey,
)
from surveys.respondents import links
from surveys.rounds import schedule
from surveys.sample import bulk_rows, rules, supervisor_selection
from surveys.sample.extract_file import COL, ExtractError
from surveys.sample.extract_file import read as read_extract


class Record(NamedTuple):
    """The participant fields an import sets, one record per person. A diff compares the
    stored values with the record field by field; built by keyword, so adding a field can
    never shift another."""

    first_name: str
    last_name: str
    email: str
    email_in_extract: str
    mobile: str
    mobile_in_extract: str
    warnings: list[str]
    birth_year: int | None
    gender: str
    contract_type: str
    trade_code: str
    trade_name: str
    contract_start: datetime.date | None
    contract_end: datetime.date | None
    county_id: int
    office_id: int | None
    company_id: int | None


FIELDS = Record._fields


class Rejected(NamedTuple):
    """A row the rules kept out of the sample, with its values as read."""

    row_number: int
    reason: str
    values: tuple[str, ...]


Progress = Callable[[float], None]

__all__ = ["ExtractError", "Report", "import_extract"]


@dataclass
class Changes:
    added: int = 0
    updated: int = 0
    withdrawn: int = 0
    unchanged: int = 0


@dataclass
class Report:
    rows: int = 0
    in_sample: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    added: int = 0
    updated: int = 0
    withdrawn: int = 0
    unchanged: int = 0
    supervisors: int = 0
    supervisor_changes: dict[str, int] = field(default_factory=dict)
    supervisor_warnings: dict[str, int] = field(default_factory=dict)
    companies_without_supervisor: list[str] = field(default_factory=list)
    kind: str = ""
    file_name: str = ""
    file_sha256: str = ""
    file_format: str = ""
    dry_run: bool = False

    def as_json(self) -> dict:
        return asdict(self)


@functools.cache
def _max_length(model_field: str) -> int:
    return Participant._meta.get_field(model_field).max_length


def _fits(model_field: str, value: str) -> str:
    # Called several times for every row: the field's length is looked up once.
    return value[: _max_length(model_field)]


def _counties_of_year(year: int) -> dict[str, int]:
    """County number -> id, of the counties that existed at some time in `year`."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    counties = Organisation.objects.counties().filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last),
        Q(valid_to__isnull=True) | Q(valid_to__gte=first),
    )
    return dict(counties.values_list("county_number", "id"))


def check_round(round_: Round, day: datetime.date | None = None) -> Round:
    """The supervisor round of the same year; ExtractError if either round cannot take
    an import."""
    if round_.survey != Survey.APPRENTICE:
        raise ExtractError(
            _(
                "Uttrekket fra VIGO importeres til lærlingundersøkelsen; utvalget av faglige "
                "ledere hentes fra det samme uttrekket."
            )
        )
    supervisor_round = Round.objects.filter(survey=Survey.SUPERVISOR, year=round_.year).first()
    if supervisor_round is None:
        raise ExtractError(
            _(
                "Faglig leder-undersøkelsen %(year)s finnes ikke ennå. Opprett gjennomføringene "
                "for %(year)s (manage.py create_round --year %(year)s) før uttrekket importeres."
            )
            % {"year": round_.year}
        )
    for candidate in (round_, supervisor_round):
        if schedule.state_on(candidate, day) in (
            schedule.RoundState.CLOSED,
            schedule.RoundState.PUBLISHED,
        ):
            raise ExtractError(
                _(
                    "%(round)s er avsluttet (siste svardag var %(day)s). Et avsluttet utvalg "
                    "kan ikke endres, så ingenting er importert."
                )
                % {"round": candidate, "day": formatting.day(candidate.last_answer_day)}
            )
    return supervisor_round


@dataclass
class Judged:
    """An extract read and every row judged: all that writing it needs, nothing written."""

    round: Round
    supervisor_round: Round
    frame: rules.Frame
    report: Report
    in_sample: list[rules.InSample]
    rejected: list[Rejected]
    supervisors: list[supervisor_selection.Supervisor]


def import_extract(
    content: bytes,
    *,
    round_: Round,
    file_name: str,
    actor: User | None = None,
    kind: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> tuple[Report, SampleImport | None]:
    """Imports the extract in `content` into `round_` (the apprentice round) and the
    supervisor round of its year. Returns the report, and the history entry (None on a
    dry run, which reports the same and changes nothing). Raises ExtractError for a file
    or round that cannot be imported; then nothing has changed."""
    progress = progress or (lambda fraction: None)
    judged = read_and_judge(
        content, round_=round_, file_name=file_name, kind=kind, dry_run=dry_run, progress=progress
    )
    return judged.report, write(judged, actor=actor, progress=progress)


def read_and_judge(
    content: bytes,
    *,
    round_: Round,
    file_name: str,
    kind: str | None,
    dry_run: bool,
    progress: Progress,
) -> Judged:
    """Step one: the file read, every row judged, the supervisors chosen; nothing written.
    Raises ExtractError for a file or round that cannot be imported."""
    supervisor_round = check_round(round_)
    if kind is None:
        preliminary = schedule.today() < round_.reference_date
        kind = ExtractKind.PRELIMINARY if preliminary else ExtractKind.FINAL
    extract = read_extract(content)
    frame = rules.Frame(
        reference_date=round_.reference_date,
        last_answer_day=round_.last_answer_day,
        county_ids=_counties_of_year(round_.year),
    )
    report = Report(
        kind=kind,
        file_name=file_name,
        file_sha256=hashlib.sha256(content).hexdigest(),
        file_format=extract.format,
        dry_run=dry_run,
    )
    in_sample: list[rules.InSample] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    estimate = max(extract.estimated_rows, 1)
    for number, row in extract.rows:
        report.rows += 1
        outcome = rules.judge(number, row, seen, frame)
        if isinstance(outcome, str):
            rejected.append(Rejected(number, outcome, row))
        else:
            in_sample.append(outcome)
        if report.rows % 5000 == 0:
            progress(0.6 * min(report.rows / estimate, 1))
    if report.rows == 0:
        raise ExtractError(
            _("Filen har ingen datarader, bare overskrifter. Ingenting er importert.")
        )
    del seen
    progress(0.6)

    report.in_sample = len(in_sample)
    report.rejected = dict(Counter(row.reason for row in rejected).most_common())
    report.warnings = dict(
        Counter(code for row in in_sample for code in row.contact.warnings).most_common()
    )
    supervisors, report.companies_without_supervisor = supervisor_selection.select(in_sample)
    report.supervisors = len(supervisors)
    return Judged(round_, supervisor_round, frame, report, in_sample, rejected, supervisors)


def write(judged: Judged, *, actor: User | None, progress: Progress) -> SampleImport | None:
    """Step two, in one transaction: the organisations, the participants of both rounds as a
    diff, the rejected rows and the history entry. None on a dry run, rolled back."""
    round_, report = judged.round, judged.report
    now = timezone.now()
    with transaction.atomic():
        org_ids = _organisations(judged.in_sample, judged.rejected)
        progress(0.65)
        records = _apprentice_records(judged.in_sample, org_ids)
        changes = _apply(round_, records, now, progress, 0.65, 0.9)
        report.added, report.updated = changes.added, changes.updated
        report.withdrawn, report.unchanged = changes.withdrawn, changes.unchanged
        del records
        supervisor_records, report.supervisor_warnings = _supervisor_records(
            judged.supervisors, org_ids
        )
        report.supervisor_changes = asdict(
            _apply(judged.supervisor_round, supervisor_records, now, progress, 0.9, 0.95)
        )
        sample_import = SampleImport.objects.create(
            round=round_,
            kind=report.kind,
            file_name=report.file_name[:255],
            file_sha256=report.file_sha256,
            imported_by=actor if actor is not None and actor.is_authenticated else None,
            report=report.as_json(),
        )
        _replace_rejected_rows(sample_import, judged.rejected, judged.frame, org_ids)
        audit.record(
            "surveys.sample.imported",
            actor=actor,
            target=sample_import,
            round=str(round_),
            kind=report.kind,
            file_name=report.file_name,
            file_sha256=report.file_sha256,
            rows=report.rows,
            in_sample=report.in_sample,
            added=report.added,
            updated=report.updated,
            withdrawn=report.withdrawn,
        )
        progress(1.0)
        if report.dry_run:
            transaction.set_rollback(True)
            return None
    return sample_import


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _organisations(in_sample: list[rules.InSample], rejected: list[Rejected]) -> dict[str, int]:
    """Organisation number -> id for every valid company and office number in the file.
    Those not known yet are created from the extract (VIGO's copy of NLR and NOR);
    known ones are left as they are."""
    offices: dict[str, tuple[str, bool]] = {}
    companies: dict[str, tuple[str, bool, str]] = {}
    for row in in_sample:
        if row.office_orgnr:
            offices.setdefault(row.office_orgnr, (row.office_name, True))
        if row.company_orgnr:
            companies.setdefault(row.company_orgnr, (row.company_name, True, row.office_orgnr))
    for row in rejected:
        office, company = rules.organisations_named(row.values)
        if office is not None:
            offices.setdefault(office.orgnr, (office.name, office.approved))
        if company is not None:
            companies.setdefault(
                company.orgnr,
                (company.name, company.approved, office.orgnr if office is not None else ""),
            )
    ids = _ids_of(list(offices) + list(companies))
    new_offices = [
        (Organisation.Kind.TRAINING_OFFICE.value, number, name[:200] or number, approved)
        for number, (name, approved) in offices.items()
        if number not in ids
    ]
    bulk_rows.insert(Organisation, ["kind", "orgnr", "name", "nor_approved"], new_offices)
    ids.update(_ids_of([row[1] for row in new_offices]))
    new_companies = [
        (
            Organisation.Kind.TRAINING_COMPANY.value,
            number,
            name[:200] or number,
            approved,
            ids.get(office) if office else None,
        )
        for number, (name, approved, office) in companies.items()
        if number not in ids
    ]
    bulk_rows.insert(
        Organisation,
        ["kind", "orgnr", "name", "nlr_approved", "training_office_id"],
        new_companies,
    )
    ids.update(_ids_of([row[1] for row in new_companies]))
    return ids


def _ids_of(numbers: list[str]) -> dict[str, int]:
    # One pass over the table (tens of thousands of rows) instead of `orgnr IN (...)` in
    # chunks: right after a COPY of new organisations the planner has no statistics for
    # them and scanned the table once per chunk (about a second for 20,000 numbers).
    wanted = set(numbers)
    return {
        number: pk
        for number, pk in Organisation.objects.values_list("orgnr", "id").iterator(10_000)
        if number in wanted
    }


def _apprentice_records(
    in_sample: list[rules.InSample], org_ids: dict[str, int]
) -> dict[str, Record]:
    records = {}
    # The fields' lengths as locals: this loop runs for every row in the sample.
    key_max, first_max, last_max = map(_max_length, ("person_key", "first_name", "last_name"))
    email_max, email_extract_max = _max_length("email"), _max_length("email_in_extract")
    mobile_extract_max = _max_length("mobile_in_extract")
    trade_code_max, trade_name_max = _max_length("trade_code"), _max_length("trade_name")
    for row in in_sample:
        contact = row.contact
        records[row.person_key[:key_max]] = Record(
            first_name=row.first_name[:first_max],
            last_name=row.last_name[:last_max],
            email=contact.email[:email_max],
            email_in_extract=contact.email_in_extract[:email_extract_max],
            mobile=contact.mobile,
            mobile_in_extract=contact.mobile_in_extract[:mobile_extract_max],
            warnings=contact.warnings,
            birth_year=row.birth_year,
            gender=row.gender,
            contract_type=row.contract_type,
            trade_code=row.trade_code[:trade_code_max],
            trade_name=row.trade_name[:trade_name_max],
            contract_start=row.start,
            contract_end=row.end,
            county_id=row.county_id,
            office_id=org_ids.get(row.office_orgnr) if row.office_orgnr else None,
            company_id=org_ids.get(row.company_orgnr) if row.company_orgnr else None,
        )
    return records


def _supervisor_records(
    supervisors: list[supervisor_selection.Supervisor], org_ids: dict[str, int]
) -> tuple[dict[str, Record], dict[str, int]]:
    records = {}
    warnings: Counter = Counter()
    for supervisor in supervisors:
        contact = rules.check_contact(supervisor.email, supervisor.mobile)
        warnings.update(contact.warnings)
        first, _space, last = supervisor.name.rpartition(" ")
        records[supervisor.person_key] = Record(
            first_name=_fits("first_name", first),
            last_name=_fits("last_name", last),
            email=_fits("email", contact.email),
            email_in_extract=_fits("email_in_extract", contact.email_in_extract),
            mobile=contact.mobile,
            mobile_in_extract=_fits("mobile_in_extract", contact.mobile_in_extract),
            warnings=contact.warnings,
            # What VIGO says of the apprentice's contract; nothing of the supervisor's.
            birth_year=None,
            gender="",
            contract_type="",
            trade_code="",
            trade_name="",
            contract_start=None,
            contract_end=None,
            county_id=supervisor.county_id,
            office_id=org_ids.get(supervisor.office_orgnr) if supervisor.office_orgnr else None,
            company_id=org_ids[supervisor.company_orgnr],
        )
    return records, dict(warnings.most_common())


def _apply(
    round_: Round,
    records: dict[str, Record],
    now: datetime.datetime,
    progress: Progress,
    start: float,
    end: float,
) -> Changes:
    """Brings the round's participants in line with `records` (person key -> FIELDS)."""
    changes = Changes()
    existing = (
        Participant.objects.filter(round=round_)
        .values_list("person_key", "id", "withdrawn_at", *FIELDS)
        .iterator(chunk_size=5000)
    )
    updates: list[tuple[int, Record]] = []
    withdraw: list[int] = []
    known: set[str] = set()
    for key, pk, withdrawn_at, *values in existing:
        known.add(key)
        record = records.get(key)
        if record is None:
            if withdrawn_at is None:
                withdraw.append(pk)
            continue
        if withdrawn_at is None and tuple(values) == record:
            changes.unchanged += 1
            continue
        updates.append((pk, record))
    changes.updated = len(updates)
    bulk_rows.update(
        Participant,
        [*FIELDS, "withdrawn_at", "updated_at"],
        ((pk, *record, None, now) for pk, record in updates),
    )
    del updates
    for batch in _chunks(withdraw, 5000):
        Participant.objects.filter(pk__in=batch).update(withdrawn_at=now, updated_at=now)
    changes.withdrawn = len(withdraw)

    new_keys = [key for key in records if key not in known]
    changes.added = len(new_keys)
    bulk_rows.insert(
        Participant, [*_NEW_COLUMNS, *FIELDS], _new_participants(round_, new_keys, records, now)
    )
    progress(end)
    return changes


# A new participant is neither withdrawn, opted out nor answered: given here as None so
# that bulk_rows need not work out these columns' defaults for every row.
_NEW_COLUMNS = [
    "round_id",
    "person_key",
    "link_key",
    "token_hash",
    "created_at",
    "updated_at",
    "withdrawn_at",
    "opted_out_at",
    "answered_on",
]


def _new_participants(
    round_: Round, keys: list[str], records: dict[str, Record], now: datetime.datetime
) -> Iterator[tuple]:
    # The random link keys in one call to the system's random source, not one per person.
    randomness = secrets.token_hex(16 * len(keys))
    secret = links.secret()
    for index, key in enumerate(keys):
        link_key = randomness[32 * index : 32 * (index + 1)]
        token_hash = links.token_hash(links.token_from(link_key, secret))
        yield (round_.pk, key, link_key, token_hash, now, now, None, None, None, *records[key])


def _replace_rejected_rows(
    sample_import: SampleImport,
    rejected: list[Rejected],
    frame: rules.Frame,
    org_ids: dict[str, int],
) -> None:
    """The round's rejected rows are those of its latest import only."""
    RejectedRow.objects.filter(round=sample_import.round).delete()

    def text(values: tuple[str, ...], column: str, model_field: str) -> str:
        return values[COL[column]][: RejectedRow._meta.get_field(model_field).max_length]

    copied = {
        "person_key": "person_id",
        "first_name": "fornavn",
        "last_name": "etternavn",
        "email": "epost",
        "mobile": "mobil",
        "trade_name": "programomraade_navn",
        "company_orgnr": "laerebedrift_orgnr",
        "company_name": "laerebedrift_navn",
        "office_orgnr": "opplaeringskontor_orgnr",
        "office_name": "opplaeringskontor_navn",
    }
    columns = ["sample_import_id", "round_id", "row_number", "reason", "county_id", "office_id"]
    bulk_rows.insert(
        RejectedRow,
        [*columns, *copied],
        (
            (
                sample_import.pk,
                sample_import.round_id,
                number,
                reason,
                frame.county_ids.get(rules.county_number(values[COL["kontrakteier"]])),
                org_ids.get(orgnr.normalise(values[COL["opplaeringskontor_orgnr"]])),
                *(text(values, column, model_field) for model_field, column in copied.items()),
            )
            for number, reason, values in rejected
        ),
    )


def purge_rejected_rows(day: datetime.date | None = None) -> int:
    """Deletes the rejected rows of rounds whose last day to answer has passed: nothing
    is left to fix in VIGO then (the retention rule in DESIGN.md)."""
    deleted, _detail = RejectedRow.objects.filter(
        round__last_answer_day__lt=day or schedule.today()
    ).delete()
    return deleted
