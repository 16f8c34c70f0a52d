"""Where a contract is: the county (contract owner), the training office, the company.

Shared by participants (who is in the sample) and responses (what reports count), so the
two always carry the same dimensions under the same names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


def _organisation_key(verbose_name, *, optional: bool = False) -> models.ForeignKey:
    # The keys are written by the sample import, which takes them from the organisation
    # table in the same transaction, and copied from participants to responses. Django still
    # refuses to delete an organisation they point to (PROTECT); the database does not check
    # them again, and has no index on each key alone: at commit PostgreSQL checked each key
    # of each new participant (2.4 s of a 100,000-row import), and three more indexes took
    # another second to fill. Both tables are read by round, through their (round, county),
    # (round, office) and (for responses) (round, company) indexes.
    return models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
        null=optional,
        blank=optional,
        verbose_name=verbose_name,
    )


class Workplace(models.Model):
    county = _organisation_key(_("fylke (kontrakteier)"))
    office = _organisation_key(_("opplæringskontor"), optional=True)
    company = _organisation_key(_("lærebedrift"), optional=True)

    class Meta:
        abstract = True
