"""Give a staff user a TOTP device, the second factor the admin asks for.

The first Udir administrator has no one to set up a device in the admin for them; this
command does, and prints the otpauth:// address to enter (or scan) in an authenticator app.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Add a TOTP device to a staff user and print its otpauth:// address."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Autentiseringsapp")

    def handle(self, username: str, name: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff; the admin would refuse them anyway.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(device.config_url)
