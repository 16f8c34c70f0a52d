from django.apps import AppConfig


class IDPortenConfig(AppConfig):
    name = "accounts.idporten"
    label = "idporten"
    verbose_name = "ID-porten"

    def ready(self):
        from accounts.idporten import signals  # noqa: F401 - connects the login handlers
