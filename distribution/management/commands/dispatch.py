"""`manage.py dispatch --org ORGNR --round YEAR --purpose invitation|reminder --channels
email,sms [--survey apprentice|supervisor] [--include-offices] [--dry-run] [--json]`.

Makes a dispatch acting for the organisation with exactly the portal's rules
(distribution/dispatching.py), recorded in the audit log with the command line. A rule that
refuses exits with status 2 and the reason on standard error. With --json, standard output
holds one JSON object: reached, left_out, warnings and sms_dispatches_left (after this
dispatch). A broker that cannot be reached does not fail it: the messages wait in the
database for the sweep or `manage.py send_due`.
"""

import json
import shlex

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import Organisation
from distribution import dispatching, rules
from distribution.models import Channel, Purpose
from distribution.rules import Refused
from surveys.models import Round, Survey


class Command(BaseCommand):
    help = "Sender en invitasjon eller påminnelse på vegne av et fylke eller opplæringskontor."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Organisasjonsnummeret (9 sifre).")
        parser.add_argument("--round", required=True, type=int, help="Året.")
        parser.add_argument("--survey", default=Survey.APPRENTICE, choices=Survey.values)
        parser.add_argument("--purpose", required=True, choices=Purpose.values)
        parser.add_argument("--channels", required=True, help="email, sms eller email,sms.")
        parser.add_argument("--include-offices", action="store_true")
        parser.add_argument("--language", choices=["nb", "nn"], default="")
        parser.add_argument("--dry-run", action="store_true", help="Vis bare hvem den når.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(orgnr=options["org"].strip()).first()
        if organisation is None:
            raise CommandError(
                _("Fant ingen organisasjon med organisasjonsnummer %(orgnr)s.")
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
        channels = tuple(c.strip() for c in options["channels"].split(",") if c.strip())
        if not channels or not set(channels) <= set(Channel.values):
            raise CommandError(_("--channels er email, sms eller email,sms."), returncode=2)
        try:
            request = dispatching.Request(
                organisation=organisation,
                round=round_,
                purpose=options["purpose"],
                channels=channels,
                include_offices=options["include_offices"],
                language=options["language"],
            )
            if options["dry_run"]:
                plan = dispatching.plan(request)
                if not plan.people:
                    raise Refused(_("Utsendingen ville ikke nådd noen."))
                result = plan.as_json()
            else:
                dispatch = dispatching.confirm(
                    request,
                    request_key=dispatching.new_request_key(),
                    command=_command_line(options),
                )
                # What the confirmation decided and recorded, not a second plan.
                result = {
                    "reached": {"email": dispatch.email_count, "sms": dispatch.sms_count},
                    "left_out": dispatch.left_out,
                    "warnings": dispatch.warnings,
                    "sms_dispatches_left": rules.sms_dispatches_left(organisation, round_),
                    "dispatch": dispatch.pk,
                }
        except Refused as refusal:
            raise CommandError(str(refusal.message), returncode=2) from refusal
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(
                _("Når %(email)s på e-post og %(sms)s på SMS. SMS-utsendinger igjen: %(left)s.")
                % {**result["reached"], "left": result["sms_dispatches_left"]}
            )


def _command_line(options) -> str:
    """The command as given, rebuilt from its options (sys.argv is not ours when another
    program calls the command)."""
    words = ["manage.py", "dispatch", "--org", options["org"], "--round", str(options["round"])]
    words += ["--survey", options["survey"], "--purpose", options["purpose"]]
    words += ["--channels", options["channels"]]
    words += ["--include-offices"] if options["include_offices"] else []
    words += ["--language", options["language"]] if options["language"] else []
    return shlex.join(words)
