"""Demo rounds and sample: this year's round of both surveys, open today, with a national
extract imported; next year's rounds in preparation with the default dates.

DEMO ONLY: this year's rounds do not get the default dates (sending 7 October to 1
November), which would often leave them closed on the day the demo is made, and a closed
round takes no import. They are made open today instead: sending started 7 days ago, the
last day to answer is 3 weeks ahead, publication 2 weeks after that. Real rounds are made
by `create_round` or the admin with the default dates.
"""

import datetime
import random

from surveys import demo_answers
from surveys.models import Draft, ExtractKind, Participant, ResearchExtract, Round, Survey
from surveys.respondents import links
from surveys.responses import storing
from surveys.rounds import retention, schedule
from surveys.rounds.creation import create_rounds, questionnaire_for
from surveys.sample import demo_extract, importing

SENDING_STARTED_DAYS_AGO = 7
OPEN_FOR_DAYS = 21
PUBLISHED_DAYS_AFTER = 14


def demo_year(today: datetime.date) -> int:
    """The year whose round is open today: the reference date (1 October) must come
    before the sending start, so early in a year that is last year's round."""
    started = today - datetime.timedelta(days=SENDING_STARTED_DAYS_AGO)
    return today.year if started >= datetime.date(today.year, 10, 1) else today.year - 1


def _open_round(survey: str, year: int, today: datetime.date) -> tuple[Round, bool]:
    existing = Round.objects.filter(survey=survey, year=year).first()
    if existing is not None:
        return existing, False
    last_answer_day = today + datetime.timedelta(days=OPEN_FOR_DAYS)
    made = Round(
        survey=survey,
        year=year,
        questionnaire=questionnaire_for(survey, year),
        **{
            **schedule.default_dates(year),
            "sending_starts_on": today - datetime.timedelta(days=SENDING_STARTED_DAYS_AGO),
            "last_answer_day": last_answer_day,
            "publication_date": last_answer_day + datetime.timedelta(days=PUBLISHED_DAYS_AFTER),
        },
    )
    made.full_clean()
    made.save()
    return made, True


def build(seed: int, log) -> None:
    today = schedule.today()
    year = demo_year(today)
    for survey in Survey:
        made, created = _open_round(survey, year, today)
        verb = "created, open today (demo dates)" if created else "already there"
        log(f"Round {survey} {year} ({made.state.value}, {made.questionnaire}): {verb}.")
    for outcome in create_rounds(year + 1):
        made = outcome.round
        verb = "created" if outcome.created else "already there"
        log(f"Round {made.survey} {year + 1} ({made.state.value}, {made.questionnaire}): {verb}.")

    _sample(seed, year, log)
    _last_year(seed, year - 1, log)
    _research_record(year - 1, today, log)


def _sample(seed: int, year: int, log) -> None:
    round_ = Round.objects.get(survey=Survey.APPRENTICE, year=year)
    if schedule.state_on(round_) != schedule.RoundState.OPEN and round_.sample_imports.exists():
        log(f"Sample {year}: round not open, extract left as it is.")
        return
    frame = demo_extract.Frame(year, round_.reference_date, round_.last_answer_day)
    content = demo_extract.to_csv(demo_extract.generate(seed, frame))
    report, _entry = importing.import_extract(
        content,
        round_=round_,
        file_name=f"demo-uttrekk-{year}.csv",
        kind=ExtractKind.FINAL,
        # The demo's own generated extract, not a file that may be the wrong one: another
        # seed replaces the sample, as asked.
        withdrawals_confirmed=True,
    )
    log(
        f"Sample {year}: {report.rows} rows, {report.in_sample} in the sample "
        f"({report.added} added, {report.updated} updated, {report.withdrawn} withdrawn, "
        f"{report.taken_back} taken back in, {report.unchanged} unchanged), "
        f"{report.supervisors} supervisors."
    )


# Last year's rounds: this share of the sample answered, and was stored after the round.
LAST_YEAR_ANSWERED = 0.4


def _last_year(seed: int, year: int, log) -> None:
    """Last year's rounds of both surveys, closed, answered by about 40% of a sample like
    this year's and stored by the real step (surveys/responses/storing.py), so the stored,
    generalised responses can be seen. Its contact data is long gone, as it would be: the
    participants carry dimensions and marks only."""
    rng = random.Random(f"last-year-{seed}")
    for survey in Survey:
        if Round.objects.filter(survey=survey, year=year).exists():
            log(f"Round {survey} {year}: already there.")
            continue
        this_year = Participant.objects.filter(round__survey=survey, round__year=year + 1)
        if not this_year.exists():
            continue
        round_ = Round(survey=survey, year=year, questionnaire=questionnaire_for(survey, year))
        for name, value in schedule.default_dates(year).items():
            setattr(round_, name, value)
        round_.full_clean()
        round_.save()
        people = []
        for number, (county, office, company, trade, contract) in enumerate(
            this_year.values_list("county", "office", "company", "trade_code", "contract_type")
        ):
            person = Participant(
                round=round_,
                person_key=f"demo-{year}-{number}",
                county_id=county,
                office_id=office,
                company_id=company,
                trade_code=trade,
                contract_type=contract,
                invited_on=round_.sending_starts_on,
            )
            person.token_hash = links.token_hash(links.token_for(person))
            if rng.random() < LAST_YEAR_ANSWERED:
                days = (round_.last_answer_day - round_.sending_starts_on).days
                person.answered_on = round_.sending_starts_on + datetime.timedelta(
                    days=rng.randrange(days + 1)
                )
            people.append(person)
        Participant.objects.bulk_create(people, batch_size=2000)
        answered = Participant.objects.filter(round=round_, answered_on__isnull=False)
        _sealed_drafts(list(answered.values_list("pk", flat=True)), round_, rng)
        outcome = storing.store_round(round_)
        retention.delete_contact_data(round_)
        shares = ", ".join(
            f"{step} {count / max(outcome.responses, 1):.1%}"
            for step, count in outcome.generalised.items()
        )
        log(
            f"Round {survey} {year} (closed): {len(people)} in the sample, "
            f"{outcome.responses} responses stored; generalised: {shares}."
        )


def _sealed_drafts(participant_ids: list[int], round_: Round, rng) -> None:
    items = demo_answers.items_of(round_.questionnaire_id)
    counties = dict(
        Participant.objects.filter(pk__in=participant_ids).values_list("pk", "county_id")
    )
    offsets: dict[int, float] = {}
    drafts = []
    for participant_id in participant_ids:
        draft = Draft(participant_id=participant_id, submitted=True)
        offset = offsets.setdefault(counties[participant_id], rng.gauss(0, 0.15))
        draft.answers = demo_answers.answers(items, round_.year, offset, rng)
        draft.seal()
        drafts.append(draft)
    Draft.objects.bulk_create(drafts, batch_size=1000)


def answer(participant_ids: list[int], day, rng) -> int:
    """Demo apprentices who answered on `day`: a submitted draft with an answer to most
    items (people skip some), and the answered mark, as the respondent flow leaves them.
    The store step moves the drafts into responses after the round, as in a real one."""
    participants = list(
        Participant.objects.filter(pk__in=participant_ids, answered_on__isnull=True).select_related(
            "round__questionnaire"
        )
    )
    if not participants:
        return 0
    round_ = participants[0].round
    items = demo_answers.items_of(round_.questionnaire_id)
    drafts = []
    for participant in participants:
        answers = demo_answers.answers(items, round_.year, 0.0, rng)
        language = rng.choice(["nb"] * 8 + ["nn", "en"])
        draft = Draft(participant=participant, answers=answers, language=language, submitted=True)
        draft.seal()  # bulk_create does not call save(), which seals
        drafts.append(draft)
    Draft.objects.bulk_create(drafts, batch_size=500, ignore_conflicts=True)
    return Participant.objects.filter(pk__in=[p.pk for p in participants]).update(answered_on=day)


def _research_record(year: int, today: datetime.date, log) -> None:
    """A research project Udir has recorded, with its signed declaration, for last year's
    stored apprentice round: the extract is one click away in the admin."""
    stored = Round.objects.filter(survey="apprentice", year=year, responses_stored_on__isnull=False)
    if not stored.exists() or ResearchExtract.objects.exists():
        return
    record = ResearchExtract.objects.create(
        project="Veiledning og læringsmiljø i lærebedrifter",
        institution="NIFU",
        researchers="Kari Nordmann Forsker <kari.forsker@nifu.example>\n"
        "Ola Hansen <ola.hansen@nifu.example>",
        purpose="Hvordan veiledning henger sammen med trivsel og læring, per utdanningsprogram.",
        period_from=today,
        period_until=today + datetime.timedelta(days=365),
        declaration_reference=f"{today:%y}/04512-3",
    )
    record.rounds.set(stored)
    log(f"Research extract recorded for {year}: ready to be made in the admin.")
