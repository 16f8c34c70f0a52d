"""`manage.py publish_results --round YEAR [--survey apprentice|supervisor]`: computes and
stores the round's figures and suppression (reporting/publication.py), as beat does every
night; again only if the stored responses changed. A round whose responses are not stored
exits with status 2."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting import publication
from surveys.models import Round, Survey


class Command(BaseCommand):
    help = "Beregner resultatene og hva som skjules for en gjennomføring."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, help="Året.")
        parser.add_argument("--survey", default=Survey.APPRENTICE, choices=Survey.values)

    def handle(self, *args, **options):
        round_ = Round.objects.filter(survey=options["survey"], year=options["round"]).first()
        if round_ is None:
            raise CommandError(
                _("Fant ingen gjennomføring %(year)s av denne undersøkelsen.")
                % {"year": options["round"]},
                returncode=2,
            )
        try:
            done = publication.publish(round_)
        except publication.NotStored as refused:
            raise CommandError(str(refused), returncode=2) from refused
        self.stdout.write(
            _("%(round)s: beregnet fra %(responses)s besvarelser.")
            % {"round": round_, "responses": done.responses}
        )
