from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tilgang og organisasjoner")

    def ready(self) -> None:
        # Registers the national-service settings check and the login clock's receiver.
        from accounts import checks, session_limits  # noqa: F401
