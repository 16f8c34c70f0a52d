"""The people every scoping test and the URL walk log in as: a county administrator
(Vestland), a training-office administrator, an administrator of another organisation
(Rogaland), and a person with no access. Each has a test client of their own, logged in,
so one test can hold several of them at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pytest
from django.test import Client

from accounts.models import AltinnGrant, Organisation, User
from tests.sample_helpers import OFFICE

COUNTY = "46"  # Vestland
OTHER_COUNTY = "11"  # Rogaland


@dataclass
class Person:
    user: User
    organisation: Organisation | None
    client: Client


def person(username: str, organisation: Organisation | None) -> Person:
    """A person holding a grant for `organisation` (none when it is None), logged in."""
    user = User.objects.create_user(
        username, pid_hash=hashlib.sha256(username.encode()).hexdigest()
    )
    if organisation is not None:
        AltinnGrant.objects.create(user=user, organisation=organisation)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return Person(user, organisation, client)


@pytest.fixture
def county_admin(db) -> Person:
    return person("fylke.vestland", Organisation.objects.get(county_number=COUNTY))


@pytest.fixture
def office_admin(db) -> Person:
    office, _created = Organisation.objects.get_or_create(
        orgnr=OFFICE, defaults={"kind": Organisation.Kind.TRAINING_OFFICE, "name": "OK Vest"}
    )
    return person("kontor.vest", office)


@pytest.fixture
def other_admin(db) -> Person:
    return person("fylke.rogaland", Organisation.objects.get(county_number=OTHER_COUNTY))


@pytest.fixture
def no_access(db) -> Person:
    return person("uten.tilgang", None)
