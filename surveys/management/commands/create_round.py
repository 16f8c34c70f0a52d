"""`manage.py create_round --year 2027`: both surveys' rounds for a year, with the default dates."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.formatting import day, moment
from surveys.rounds import creation


class Command(BaseCommand):
    help = "Oppretter årets gjennomføringer av begge undersøkelsene med standarddatoene."

    def add_arguments(self, parser):
        # A string, not type=int, so a bad year gets our message rather than argparse's.
        parser.add_argument("--year", required=True, help="Året, for eksempel 2027.")

    def handle(self, *args, year: str, **options):
        try:
            outcomes = creation.create_rounds(creation.parse_year(year))
        except creation.BadYear as error:
            raise CommandError(str(error), returncode=2) from error
        for outcome in outcomes:
            made = outcome.round
            if not outcome.created:
                self.stdout.write(_("Finnes allerede, ikke endret: %(round)s.") % {"round": made})
                continue
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Opprettet %(round)s: referansedato %(reference)s, utsending fra "
                        "%(start)s, siste svardag %(last)s, publisering %(publication)s, "
                        "VIGO-frist %(deadline)s, spørreskjema %(questionnaire)s."
                    )
                    % {
                        "round": made,
                        "reference": day(made.reference_date),
                        "start": day(made.sending_starts_on),
                        "last": day(made.last_answer_day),
                        "publication": day(made.publication_date),
                        "deadline": moment(made.vigo_correction_deadline),
                        "questionnaire": made.questionnaire,
                    }
                )
            )
