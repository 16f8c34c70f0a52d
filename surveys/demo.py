"""Demo rounds: this year's round of both surveys and next year's, in preparation."""

from surveys import rounds
from surveys.round_creation import create_rounds


def build(seed: int, log) -> None:
    # The seed does not matter: the rounds follow the calendar, as real ones do.
    this_year = rounds.today().year
    for year in (this_year, this_year + 1):
        for outcome in create_rounds(year):
            made = outcome.round
            verb = "created" if outcome.created else "already there"
            log(f"Round {made.survey} {year} ({made.state.value}, {made.questionnaire}): {verb}.")
