"""`manage.py store_responses --round YEAR [--survey apprentice|supervisor]`: stores a closed
round's responses now, as beat does the day after its last day (surveys/responses/storing.py).
Safe to run twice: a stored round is left as it is."""

from django.core.management.base import BaseCommand, CommandError

from surveys.models import Round, Survey
from surveys.responses import storing


class Command(BaseCommand):
    help = "Stores the responses of a round whose last day to answer has passed."

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, required=True, metavar="YEAR")
        parser.add_argument("--survey", choices=list(Survey.values))

    def handle(self, *args, round, survey, **options):
        rounds = Round.objects.filter(year=round)
        if survey:
            rounds = rounds.filter(survey=survey)
        if not rounds.exists():
            raise CommandError(f"No round {survey or ''} {round}.".replace("  ", " "))
        for round_ in rounds.order_by("survey"):
            try:
                outcome = storing.store_round(round_)
            except storing.NotClosed as error:
                raise CommandError(str(error)) from None
            if outcome.already:
                self.stdout.write(f"{round_}: already stored, nothing changed.")
                continue
            shares = ", ".join(f"{step} {count}" for step, count in outcome.generalised.items())
            self.stdout.write(
                f"{round_}: {outcome.responses} responses stored, "
                f"{outcome.drafts_deleted} drafts deleted"
                + (f"; generalised: {shares}." if shares else ".")
            )
