"""`manage.py demo`: the one demo-data generator. Idempotent; the same seed gives the same data.

Each app contributes a `demo.py` with `build(seed, log)`; they run in INSTALLED_APPS order,
which is also the order the apps depend on each other (accounts first).
"""

import importlib
import importlib.util
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Creates or refreshes the demo data (organisations, rounds, sample, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same data.")

    def handle(self, *args, seed, **options):
        started = time.monotonic()
        for config in apps.get_app_configs():
            name = f"{config.name}.demo"
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
            with transaction.atomic():
                module.build(seed, self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s.")
        )
