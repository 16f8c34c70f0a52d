"""What a county or training office sees of its sample: which round, whether the extract
was preliminary or final, its participants and their counts by company, office and trade.

Every query starts from `Participant.objects.for_organisation(organisation)`: a county sees
those whose contract owner it is, an office its own apprentices in any county.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.models import Organisation
from surveys.models import Participant, Round, SampleImport, Survey


def rounds_with_sample() -> QuerySet[Round]:
    return (
        Round.objects.filter(survey=Survey.APPRENTICE, sample_imports__isnull=False)
        .distinct()
        .order_by("-year")
    )


def chosen_round(year: str | None) -> Round | None:
    """The round of `year` (from the page's ?ar=), else the latest with a sample."""
    available = rounds_with_sample()
    if year and year.isdigit():
        found = available.filter(year=int(year)).first()
        if found is not None:
            return found
    return available.first()


def latest_import(round_: Round) -> SampleImport | None:
    return round_.sample_imports.order_by("-imported_at", "-id").first()


def participants(organisation: Organisation, round_: Round) -> QuerySet[Participant]:
    return (
        Participant.objects.for_organisation(organisation)
        .filter(round=round_)
        .active()
        .select_related("company", "office", "county")
        .order_by("last_name", "first_name", "pk")
    )


# How the participants can be ordered: the page's ?sorter= value and the fields it sorts by.
SORTS = {
    "navn": ("last_name", "first_name", "pk"),
    "bedrift": ("company__name", "last_name", "first_name", "pk"),
    "fag": ("trade_name", "last_name", "first_name", "pk"),
    "kontor": ("office__name", "company__name", "last_name", "first_name", "pk"),
}
SEARCHED = ("first_name", "last_name", "trade_name", "trade_code", "company__name")


@dataclass(frozen=True)
class Finding:
    """What the page's search form asks for (?q=, ?tilknytning=, ?problem=, ?sorter=);
    anything it does not know is ignored, so a hand-edited address still shows the list."""

    words: tuple[str, ...] = ()
    attachment: str = ""  # "kontor": at a training office; "frittstaende": independent
    problems: str = ""  # "ja": with incomplete contact data; "nei": without
    sort: str = "navn"

    @classmethod
    def from_query(cls, query) -> Finding:
        return cls(
            words=tuple(query.get("q", "").split()[:5]),
            attachment=query.get("tilknytning")
            if query.get("tilknytning") in ("kontor", "frittstaende")
            else "",
            problems=query.get("problem") if query.get("problem") in ("ja", "nei") else "",
            sort=query.get("sorter") if query.get("sorter") in SORTS else "navn",
        )

    def apply(self, people: QuerySet[Participant]) -> QuerySet[Participant]:
        # Every word must be found in the name, the trade or the company: "Vilde elektro"
        # finds Vilde among the electricians.
        for word in self.words:
            match = Q()
            for field in SEARCHED:
                match |= Q(**{f"{field}__icontains": word})
            people = people.filter(match)
        if self.attachment == "kontor":
            people = people.filter(office__isnull=False)
        elif self.attachment == "frittstaende":
            people = people.filter(office__isnull=True)
        if self.problems == "ja":
            people = people.exclude(warnings=[])
        elif self.problems == "nei":
            people = people.filter(warnings=[])
        return people.order_by(*SORTS[self.sort])

    @property
    def active(self) -> bool:
        return bool(self.words or self.attachment or self.problems)


def supervisors(organisation: Organisation, round_: Round) -> QuerySet[Participant]:
    return (
        Participant.objects.for_organisation(organisation)
        .filter(round__survey=Survey.SUPERVISOR, round__year=round_.year)
        .active()
    )


@dataclass
class Counts:
    total: int
    candidates: int
    with_warnings: int
    supervisors: int
    by_company: list[dict]
    by_office: list[dict]
    by_county: list[dict]
    by_trade: list[dict]


def counts(organisation: Organisation, round_: Round) -> Counts:
    mine = Participant.objects.for_organisation(organisation).filter(round=round_).active()

    def grouped(*fields: str) -> list[dict]:
        return list(mine.values(*fields).annotate(count=Count("id")).order_by("-count", *fields))

    return Counts(
        total=mine.count(),
        candidates=mine.filter(contract_type="candidate").count(),
        with_warnings=mine.exclude(warnings=[]).count(),
        supervisors=supervisors(organisation, round_).count(),
        by_company=grouped("company__name", "company__orgnr"),
        by_office=grouped("office__name", "office__orgnr"),
        by_county=grouped("county__name"),
        by_trade=grouped("trade_code", "trade_name"),
    )
