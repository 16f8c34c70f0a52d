"""Runs the mixing now, as beat does: `manage.py mix_responses [--closed-rounds]`."""

from django.core.management.base import BaseCommand

from surveys.responses import mixing


class Command(BaseCommand):
    help = "Moves submitted answers into the response table (random batches; closed rounds)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--closed-rounds",
            action="store_true",
            help="Also move everything left of rounds whose last day has passed.",
        )

    def handle(self, *args, closed_rounds: bool = False, **options):
        moved = mixing.mix_waiting()
        if closed_rounds:
            moved += mixing.mix_closed_rounds()
        self.stdout.write(f"{moved} responses mixed.")
