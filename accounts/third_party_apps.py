"""The third-party apps whose models Udir sees in the admin, with Norwegian names.

django-otp and django-axes name their apps by label ("Otp_Totp-administrasjon", "Axes")
and django-otp's TOTP model with an untranslatable "TOTP device"; these subclasses, named
in INSTALLED_APPS in their place, give the names through our own catalogue.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class TOTPConfig(TOTPAppConfig):
    verbose_name = _("Tofaktorinnlogging")

    def ready(self):
        super().ready()
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # Only the names shown: Meta's declared options (original_attrs), which migrations
        # compare, stay as django-otp wrote them, so no migration is asked for.
        TOTPDevice._meta.verbose_name = _("TOTP-enhet")
        TOTPDevice._meta.verbose_name_plural = _("TOTP-enheter")


class AxesConfig(AxesAppConfig):
    verbose_name = _("Innloggingsforsøk")
