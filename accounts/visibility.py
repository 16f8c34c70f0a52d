"""What an organisation may see of rows that belong to counties and training offices: the
one home of that rule, for every model that holds an organisation's rows (participants,
rejected rows, and the dispatches, messages and results of later apps).

A county sees the rows it owns as contract owner; a training office sees its own rows, in
any county; the directorate sees every row; any other kind sees nothing. The request side
(which organisation is active) is accounts/scoping.py; this module imports no view code, so
model modules can use it while Django is still loading the apps.
"""

from django.db import models

from accounts.models import Organisation


class OrganisationScopedQuerySet(models.QuerySet):
    """Mix into a model's queryset; name the fields (or paths) of its county and office."""

    county_field = "county"
    office_field = "office"

    def for_organisation(self, organisation: Organisation) -> models.QuerySet:
        kind = organisation.kind
        if kind == Organisation.Kind.COUNTY:
            return self.filter(**{self.county_field: organisation})
        if kind == Organisation.Kind.TRAINING_OFFICE:
            return self.filter(**{self.office_field: organisation})
        if kind == Organisation.Kind.DIRECTORATE:
            return self.all()
        return self.none()
