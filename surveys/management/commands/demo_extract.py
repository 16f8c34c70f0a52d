"""`manage.py demo_extract FILE`: writes a generated national extract for a manual import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.formatting import count
from surveys.models import Round, Survey
from surveys.sample import demo_extract


class Command(BaseCommand):
    help = "Skriver et generert uttrekk fra VIGO (CSV eller XLSX, etter filendelsen)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Filnavn som slutter på .csv eller .xlsx.")
        parser.add_argument("--round", type=int, required=True, help="Året, for eksempel 2026.")
        parser.add_argument("--rows", type=int, default=demo_extract.ROWS)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--encoding",
            default="utf-8",
            choices=["utf-8", "utf-8-sig", "windows-1252"],
            help="Tegnkoding for CSV.",
        )

    def handle(self, *args, file, round, rows, seed, encoding, **options):
        round_ = Round.objects.filter(survey=Survey.APPRENTICE, year=round).first()
        if round_ is None:
            raise CommandError(f"Det finnes ingen lærlingundersøkelse i {round}.", returncode=2)
        frame = demo_extract.Frame(round, round_.reference_date, round_.last_answer_day)
        generated = demo_extract.generate(seed, frame, rows)
        path = Path(file)
        if path.suffix.lower() == ".xlsx":
            content = demo_extract.to_xlsx(generated)
        elif path.suffix.lower() == ".csv":
            content = demo_extract.to_csv(generated, encoding)
        else:
            raise CommandError("Filnavnet må slutte på .csv eller .xlsx.", returncode=2)
        path.write_bytes(content)
        self.stdout.write(f"{count(rows)} rader skrevet til {path}.")
