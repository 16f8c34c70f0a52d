"""Fills the simulator: the application as an OpenID client, the demo's test persons and
their Altinn rights. Idempotent; run with DJANGO_SETTINGS_MODULE=accounts.simulator.settings.
"""

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from oauth2_provider.models import Application

from accounts.demo_people import persons
from accounts.simulator.models import Person, Right


class Command(BaseCommand):
    help = "Registers the application's client and the demo persons in the simulator."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--client-id", default="laerling-embedded")
        parser.add_argument("--client-secret", default="laerling-embedded-secret")
        parser.add_argument("--app-url", default="http://127.0.0.1:8000")
        parser.add_argument("--resource-id", default="laerlingundersokelsen-administrasjon")

    @transaction.atomic
    def handle(self, *args, seed, client_id, client_secret, app_url, resource_id, **options):
        app, _ = Application.objects.update_or_create(
            client_id=client_id,
            defaults={
                "name": "Lærlingundersøkelsen",
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": f"{app_url}/accounts/idporten/login/callback/",
                "post_logout_redirect_uris": f"{app_url}/",
                "algorithm": Application.RS256_ALGORITHM,
                "skip_authorization": True,
            },
        )
        app.client_secret = client_secret
        app.save()
        for demo in persons(seed):
            user, _ = User.objects.get_or_create(username=demo.pid)
            person, _ = Person.objects.update_or_create(
                pid=demo.pid, defaults={"user": user, "name": demo.name, "description": demo.role}
            )
            person.rights.all().delete()
            for right in demo.rights:
                parent = Right.objects.create(
                    person=person,
                    orgnr=right.orgnr,
                    name=right.name,
                    unit_type=right.unit_type,
                    resource_id=resource_id,
                )
                for sub in right.subunits:
                    Right.objects.create(
                        person=person,
                        parent=parent,
                        orgnr=sub.orgnr,
                        name=sub.name,
                        unit_type=sub.unit_type,
                        resource_id=resource_id,
                    )
        self.stdout.write(f"Simulator: client {client_id}, {Person.objects.count()} persons.")
