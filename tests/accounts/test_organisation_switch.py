"""Switching to an organisation one does not hold is refused and audited; past a limit of
refusals in a window the person gets 429 for a while, and the burst is one audit row.
(One user once made 5,236 refused switches, each an audit row.)"""

import time

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AltinnGrant, AuditEvent, Organisation, User

pytestmark = pytest.mark.django_db
SWITCH = reverse("accounts:switch_organisation")


def _person(name: str, *county_numbers: str) -> Client:
    user = User.objects.create_user(name, pid_hash=name[0] * 64)
    for number in county_numbers:
        AltinnGrant.objects.create(
            user=user, organisation=Organisation.objects.get(county_number=number)
        )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _switch(client: Client, county_number: str) -> int:
    organisation = Organisation.objects.get(county_number=county_number)
    return client.post(SWITCH, {"organisation": organisation.pk}).status_code


def _rows(action: str) -> int:
    return AuditEvent.objects.filter(action=f"accounts.organisation.{action}").count()


def test_past_the_limit_refused_switches_get_429_and_the_burst_is_one_audit_row(settings):
    person = _person("ola", "11", "46")
    statuses = [_switch(person, "03") for _ in range(200)]

    limit = settings.SWITCH_REFUSED_LIMIT
    assert statuses[:limit] == [404] * limit and set(statuses[limit:]) == {429}
    assert (_rows("switch_refused"), _rows("switch_throttled")) == (limit, 1)
    burst = AuditEvent.objects.get(action="accounts.organisation.switch_throttled")
    assert burst.actor.username == "ola"
    assert burst.details == {"refused": limit + 1, "within_seconds": settings.SWITCH_REFUSED_WINDOW}

    page = person.post(SWITCH, {"organisation": Organisation.objects.get(county_number="03").pk})
    assert "For mange forsøk på å bytte organisasjon" in page.content.decode()
    # What the person holds still works, and someone else is not held back.
    assert _switch(person, "46") == 302
    assert _switch(_person("kari", "11"), "03") == 404


def test_the_hold_ends_after_its_time(settings):
    settings.SWITCH_REFUSED_LIMIT = 1
    settings.SWITCH_REFUSED_WINDOW = 1
    person = _person("ola", "11")
    assert [_switch(person, "03") for _ in range(3)] == [404, 429, 429]
    time.sleep(1.2)
    assert _switch(person, "03") == 404
