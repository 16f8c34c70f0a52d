"""Where a contract is: the county (contract owner), the training office, the company.

Shared by participants (who is in the sample) and responses (what reports count), so the
two always carry the same dimensions under the same names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Workplace(models.Model):
    county = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fylke (kontrakteier)"),
    )
    office = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("opplæringskontor"),
    )
    company = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("lærebedrift"),
    )

    class Meta:
        abstract = True
