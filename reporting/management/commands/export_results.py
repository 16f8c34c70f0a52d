"""`manage.py export_results --round YEAR [--survey apprentice|supervisor] [--org ORGNR]
--format csv|xlsx|pdf [--language nb|nn] --output FILE`.

Writes every table the organisation can see of the round (without --org: the country's, as
Udir sees them; an unpublished round as Udir's preview) in long form
(reporting/exports/long_csv.py): UTF-8, comma-separated, one row per cell; or as a
workbook, a sheet per table (reporting/exports/workbook.py); or as the PDF report in
bokmål or nynorsk (reporting/exports/pdf.py); the formats are
reporting/exports/formats.py's. Each export is written to the audit log. An unknown
organisation or round, or a round not yet computed, exits with status 2, writing nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import audit
from accounts.counties import DIRECTORATE
from accounts.models import Organisation
from reporting.exports import pdf
from reporting.exports.formats import FORMATS
from reporting.models import Publication
from surveys.models import Round, Survey

KINDS = (Organisation.Kind.COUNTY, Organisation.Kind.TRAINING_OFFICE)


class Command(BaseCommand):
    help = "Skriver resultatene for et fylke, et opplæringskontor eller hele landet til en fil."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, help="Året.")
        parser.add_argument("--survey", default=Survey.APPRENTICE, choices=Survey.values)
        parser.add_argument("--org", default="", help="Organisasjonsnummeret; uten: hele landet.")
        parser.add_argument("--format", default="csv", choices=sorted(FORMATS))
        parser.add_argument(
            "--language", default="nb", choices=pdf.LANGUAGES, help="PDF-ens språk."
        )
        parser.add_argument("--output", required=True, help="Filen som skal skrives.")

    def handle(self, *args, **options):
        udir = Organisation.objects.get(orgnr=DIRECTORATE[0])
        scope = None
        if options["org"].strip():
            scope = Organisation.objects.filter(
                orgnr=options["org"].strip(), kind__in=KINDS
            ).first()
            if scope is None:
                raise CommandError(
                    _(
                        "Fant ingen fylkeskommune eller opplæringskontor med "
                        "organisasjonsnummer %(orgnr)s."
                    )
                    % {"orgnr": options["org"]},
                    returncode=2,
                )
        round_ = Round.objects.filter(survey=options["survey"], year=options["round"]).first()
        if round_ is None:
            raise CommandError(
                _("Fant ingen gjennomføring %(year)s av denne undersøkelsen.")
                % {"year": options["round"]},
                returncode=2,
            )
        if not Publication.objects.filter(round=round_).exists():
            raise CommandError(
                _("Resultatene for %(round)s er ikke beregnet ennå.") % {"round": round_},
                returncode=2,
            )
        # The organisation reads its own tables and the country's; without one, Udir.
        viewer = scope or udir
        chosen = FORMATS[options["format"]]
        with open(options["output"], "wb") as file, translation.override(options["language"]):
            written = chosen.write(file, viewer, round_, scope)
        audit.record(
            "reporting.export.written",
            organisation=viewer,
            target=round_,
            format=options["format"],
            scope=scope.orgnr if scope else "",
            via="command",
        )
        message = {
            "csv": _("%(rows)s rader skrevet til %(file)s."),
            "xlsx": _("%(rows)s ark skrevet til %(file)s."),
            "pdf": _("%(rows)s sider skrevet til %(file)s."),
        }[options["format"]]
        self.stdout.write(message % {"rows": written, "file": options["output"]})
