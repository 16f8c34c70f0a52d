"""`manage.py response_rates --round YEAR [--survey apprentice|supervisor] [--org ORGNR]
[--by county|office|company|trade|contract_type] [--json]`.

The response-rate pages' figures, with the same suppression (distribution/rates.py and
surveys/disclosure.py): for the organisation, or without --org for the country as Udir sees
it. With --json, standard output holds one object: `total` (in_sample, invited, answered)
and `groups` (group, in_sample, invited, answered; answered is null for a hidden group),
the groups of the breakdown adding up to the total (no groups without --by). An unknown
organisation or round exits with status 2 and the reason on standard error.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.counties import DIRECTORATE
from accounts.formatting import count
from accounts.models import Organisation
from distribution import rates
from surveys.models import Round, Survey

KINDS = (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE, Organisation.Kind.DIRECTORATE)


class Command(BaseCommand):
    help = "Viser svarprosenten for et fylke, et opplæringskontor eller hele landet."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, help="Året.")
        parser.add_argument("--survey", default=Survey.APPRENTICE, choices=Survey.values)
        parser.add_argument("--org", default="", help="Organisasjonsnummeret; uten: hele landet.")
        parser.add_argument("--by", choices=list(rates.BREAKDOWNS), default="")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        orgnr = options["org"].strip() or DIRECTORATE[0]
        organisation = Organisation.objects.filter(orgnr=orgnr, kind__in=KINDS).first()
        if organisation is None:
            raise CommandError(
                _(
                    "Fant ingen fylkeskommune, opplæringskontor eller direktorat med "
                    "organisasjonsnummer %(orgnr)s."
                )
                % {"orgnr": orgnr},
                returncode=2,
            )
        round_ = Round.objects.filter(survey=options["survey"], year=options["round"]).first()
        if round_ is None:
            raise CommandError(
                _("Fant ingen gjennomføring %(year)s av denne undersøkelsen.")
                % {"year": options["round"]},
                returncode=2,
            )
        if options["by"]:
            table = rates.breakdown(organisation, round_, options["by"])
        else:
            table = rates.Table(by=None, total=rates.total(organisation, round_))
        if options["json"]:
            self.stdout.write(json.dumps(table.as_json(), ensure_ascii=False))
            return
        for row in [*table.groups, table.total]:
            answered = _("skjult") if row.hidden else count(row.answered)
            self.stdout.write(
                f"{row.group}: {count(row.in_sample)} / {count(row.invited)} / {answered}"
            )
