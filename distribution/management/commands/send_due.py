"""`manage.py send_due`: sends every queued message and every retry that is due, here and
now, as the workers would (for operators without a worker). Safe beside running workers:
each message is claimed by one of them."""

import json

from django.core.management.base import BaseCommand

from distribution.sending import pipeline


class Command(BaseCommand):
    help = "Sender meldinger som venter i køen."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(pipeline.send_due()))
