"""Where a contract is: the county (contract owner), the training office, the company.

Shared by participants (who is in the sample) and responses (what reports count), so the
two always carry the same dimensions under the same names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Workplace(models.Model):
    # The keys are written by the sample import, which takes them from the organisation
    # table in the same transaction, and copied from participants to responses. Django still
    # refuses to delete an organisation they point to (PROTECT); the database does not check
    # them again, and has no index on each key alone: at commit PostgreSQL checked each key
    # of each new participant (2.4 s of a 100,000-row import), and three more indexes took
    # another second to fill. Both tables are read by round, through their (round, county),
    # (round, office) and (for responses) (round, company) indexes.
    county = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
        verbose_name=_("fylke (kontrakteier)"),
    )
    office = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        verbose_name=_("opplæringskontor"),
    )
    company = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        verbose_name=_("lærebedrift"),
    )

    class Meta:
        abstract = True
