from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Undersøkelser")

    def ready(self) -> None:
        from surveys import checks  # noqa: F401  (registers the sealing secret's check)
