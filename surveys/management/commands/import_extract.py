"""`manage.py import_extract FILE --round YEAR [--dry-run] [--json]`: imports a VIGO extract.

A file or round that cannot be imported exits with status 2 and says why on standard
error; nothing has changed then.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.formatting import count as n
from surveys.models import ExtractKind, Round, Survey
from surveys.rounds.creation import BadYear, parse_year
from surveys.sample import importing


class Command(BaseCommand):
    help = "Importerer uttrekket fra VIGO (CSV eller XLSX) til en gjennomføring."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-fil (semikolon) eller XLSX-fil fra VIGO.")
        parser.add_argument("--round", required=True, help="Året, for eksempel 2026.")
        parser.add_argument(
            "--survey",
            default=Survey.APPRENTICE,
            choices=[Survey.APPRENTICE],
            help="Undersøkelsen uttrekket gjelder (utvalget av faglige ledere hentes fra det).",
        )
        parser.add_argument(
            "--kind",
            choices=ExtractKind.values,
            help="Foreløpig eller endelig uttrekk (standard: foreløpig før referansedatoen).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Rapporter, men endre ingenting."
        )
        parser.add_argument("--json", action="store_true", help="Skriv rapporten som JSON.")

    def handle(self, *args, file, round, survey, kind, dry_run, json: bool, **options):
        try:
            year = parse_year(round)
        except BadYear as error:
            raise CommandError(str(error), returncode=2) from error
        round_ = Round.objects.filter(survey=survey, year=year).first()
        if round_ is None:
            raise CommandError(
                _("Det finnes ingen gjennomføring av %(survey)s i %(year)s.")
                % {"survey": Survey(survey).label, "year": year},
                returncode=2,
            )
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Kan ikke lese filen %(file)s: %(error)s")
                % {"file": file, "error": error.strerror},
                returncode=2,
            ) from error
        try:
            report, _entry = importing.import_extract(
                content, round_=round_, file_name=path.name, kind=kind, dry_run=dry_run
            )
        except importing.ExtractError as error:
            raise CommandError(str(error), returncode=2) from error
        if json:
            self.stdout.write(_json_dumps(report.as_json()))
            return
        self.stdout.write(_summary(report))


def _json_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def _summary(report: importing.Report) -> str:
    lines = [
        _("%(rows)s rader, %(in_sample)s i utvalget, %(rejected)s avvist.")
        % {
            "rows": n(report.rows),
            "in_sample": n(report.in_sample),
            "rejected": n(sum(report.rejected.values())),
        },
        _("Nye: %(added)s, endret: %(updated)s, trukket ut: %(withdrawn)s, uendret: %(unchanged)s.")
        % {
            "added": n(report.added),
            "updated": n(report.updated),
            "withdrawn": n(report.withdrawn),
            "unchanged": n(report.unchanged),
        },
        _("Faglige ledere: %(count)s; lærebedrifter uten faglig leder: %(without)s.")
        % {
            "count": n(report.supervisors),
            "without": n(len(report.companies_without_supervisor)),
        },
    ]
    for reason, count in report.rejected.items():
        lines.append(f"  {reason}: {n(count)}")
    for code, count in report.warnings.items():
        lines.append(f"  {code}: {n(count)}")
    if report.dry_run:
        lines.append(_("Prøvekjøring: ingenting er endret."))
    return "\n".join(lines)
