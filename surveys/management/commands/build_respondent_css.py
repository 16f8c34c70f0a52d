"""`manage.py build_respondent_css`: the respondent's Designsystemet subset
(surveys/respondents/stylesheet.py), run at setup before collectstatic."""

from django.conf import settings
from django.core.management.base import BaseCommand

from surveys.respondents import stylesheet


class Command(BaseCommand):
    help = "Bygger stilarket til svarsidene av de Designsystemet-reglene malene bruker."
    # It runs before its output directory exists, which the checks would warn about.
    requires_system_checks = []

    def handle(self, *args, **options):
        target = stylesheet.build(
            settings.DESIGNSYSTEMET_CSS, settings.BASE_DIR / "templates", settings.BUILT_ASSETS
        )
        if options["verbosity"] > 1:
            self.stdout.write(f"{target}: {target.stat().st_size} bytes")
