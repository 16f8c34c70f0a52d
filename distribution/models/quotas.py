"""SMS quotas: how many SMS dispatches an organisation may make in a round.

One dispatch counts as one, whatever its number of recipients. The default is the seeds'
rule (7 for a county, 3 for a training office; settings SMS_DISPATCHES_COUNTY and
SMS_DISPATCHES_OFFICE); Udir changes one organisation's quota in the admin by editing its
row. The row is also what two confirmations at once lock, so the quota holds.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def default_limit(organisation) -> int:
    if organisation.kind == "county":
        return settings.SMS_DISPATCHES_COUNTY
    if organisation.kind == "office":
        return settings.SMS_DISPATCHES_OFFICE
    return 0


class SmsQuota(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="sms_quotas",
        verbose_name=_("organisasjon"),
    )
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.CASCADE,
        related_name="sms_quotas",
        verbose_name=_("gjennomføring"),
    )
    limit = models.PositiveSmallIntegerField(_("SMS-utsendinger"))

    class Meta:
        verbose_name = _("SMS-kvote")
        verbose_name_plural = _("SMS-kvoter")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "round"], name="one_quota_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name}, {self.round}: {self.limit}"
