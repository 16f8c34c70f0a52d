from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = _("Utsendelse")

    def ready(self) -> None:
        from distribution import retention
        from surveys.rounds.retention import contact_data_deleted

        contact_data_deleted.connect(
            retention.delete_message_addresses, dispatch_uid="distribution.messages"
        )
