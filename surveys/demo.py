"""Demo rounds and sample: this year's round of both surveys, open today, with a national
extract imported; next year's rounds in preparation with the default dates.

DEMO ONLY: this year's rounds do not get the default dates (sending 7 October to 1
November), which would often leave them closed on the day the demo is made, and a closed
round takes no import. They are made open today instead: sending started 7 days ago, the
last day to answer is 3 weeks ahead, publication 2 weeks after that. Real rounds are made
by `create_round` or the admin with the default dates.
"""

import datetime

from surveys.models import Draft, ExtractKind, Item, Participant, Round, Survey
from surveys.questionnaires.scales import options
from surveys.rounds import schedule
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
    )
    log(
        f"Sample {year}: {report.rows} rows, {report.in_sample} in the sample "
        f"({report.added} added, {report.updated} updated, {report.withdrawn} withdrawn, "
        f"{report.unchanged} unchanged), {report.supervisors} supervisors."
    )


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
    items = list(
        Item.objects.filter(theme__version=participants[0].round.questionnaire).values_list(
            "id", "scale"
        )
    )
    drafts = []
    for participant in participants:
        answers = {
            str(item_id): rng.choice([option.value for option in options(scale)])
            for item_id, scale in items
            if rng.random() > 0.05
        }
        language = rng.choice(["nb"] * 8 + ["nn", "en"])
        drafts.append(
            Draft(participant=participant, answers=answers, language=language, submitted=True)
        )
    Draft.objects.bulk_create(drafts, batch_size=500, ignore_conflicts=True)
    return Participant.objects.filter(pk__in=[p.pk for p in participants]).update(answered_on=day)
