"""The real code flow against the simulator: each demo person gets exactly their
organisations, from Altinn's answer and Udir's local grants."""

import datetime

import pytest
from allauth.socialaccount.models import SocialAccount
from django.db import connection
from django.urls import reverse

from accounts import identity
from accounts.models import AltinnGrant, AuditEvent, LocalGrant, Organisation, User
from tests.login_helpers import demo_person, login_through_simulator

pytestmark = pytest.mark.django_db(transaction=True)


def _portal_orgnrs(client) -> set[str]:
    response = client.get(reverse("accounts:portal"))
    assert response.status_code == 200
    return {org.orgnr for org in response.wsgi_request.organisations}


def test_a_county_administrator_gets_her_county(client, simulator, organisations):
    response = login_through_simulator(client, "Kari Fylke")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:portal")
    assert _portal_orgnrs(client) == {"821311632"}


def test_a_person_with_a_county_and_an_office_gets_both(client, simulator, organisations):
    login_through_simulator(client, "Ola Kontor")
    person = demo_person("Ola Kontor")
    assert _portal_orgnrs(client) == {right.orgnr for right in person.rights}


def test_a_right_on_a_main_unit_gives_its_known_sub_unit_not_the_unknown_main_unit(
    client, simulator, organisations
):
    login_through_simulator(client, "Ingrid To")
    person = demo_person("Ingrid To")
    office, main_unit = person.rights
    assert not Organisation.objects.filter(orgnr=main_unit.orgnr).exists()
    assert _portal_orgnrs(client) == {office.orgnr, main_unit.subunits[0].orgnr}


def test_a_former_county_comes_from_udirs_local_grant_beside_altinns(
    client, simulator, organisations
):
    # The demo gives Per Tidligere a local grant for Viken (accounts/demo.py).
    grant = LocalGrant.objects.get(pid_hash=identity.pid_hash(demo_person("Per Tidligere").pid))
    assert grant.organisation.orgnr == "921693230" and grant.valid_until >= datetime.date.today()
    login_through_simulator(client, "Per Tidligere")
    assert _portal_orgnrs(client) == {"930580783", "921693230"}


def test_an_expired_local_grant_gives_nothing(client, simulator, organisations):
    LocalGrant.objects.filter(pid_hash=identity.pid_hash(demo_person("Per Tidligere").pid)).update(
        valid_until=datetime.date.today() - datetime.timedelta(days=1)
    )
    login_through_simulator(client, "Per Tidligere")
    assert _portal_orgnrs(client) == {"930580783"}


def test_a_person_with_no_grant_is_sent_to_the_page_on_getting_access(
    client, simulator, organisations
):
    login_through_simulator(client, "Nora Ingen")
    response = client.get(reverse("accounts:portal"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:no_access")
    page = client.get(response["Location"])
    assert "Lærlingundersøkelsen administrasjon" in page.text
    assert "Daglig leder ved opplæringskontoret" in page.text


def test_the_identity_number_is_stored_nowhere_in_clear(client, simulator, organisations):
    person = demo_person("Kari Fylke")
    login_through_simulator(client, "Kari Fylke")
    user = User.objects.get(pid_hash=identity.pid_hash(person.pid))
    account = SocialAccount.objects.get(user=user)
    assert account.uid == user.pid_hash
    assert "pid" not in account.extra_data["id_token"]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            assert person.pid not in repr(cursor.fetchall()), table
    assert AuditEvent.objects.filter(action="accounts.login.succeeded", actor=user).exists()


def test_rights_altinn_no_longer_gives_are_dropped_at_the_next_login(
    client, simulator, organisations
):
    login_through_simulator(client, "Kari Fylke")
    user = User.objects.get()
    stale = Organisation.objects.get(orgnr="971045698")
    AltinnGrant.objects.create(user=user, organisation=stale)
    client.post(reverse("accounts:logout"))
    login_through_simulator(client, "Kari Fylke")
    assert _portal_orgnrs(client) == {"821311632"}
    assert AuditEvent.objects.filter(action="accounts.grant.removed", organisation=stale).exists()


def test_altinn_down_refuses_the_login(client, simulator, organisations, settings):
    settings.ALTINN_PLATFORM_URL = "http://127.0.0.1:9"  # nothing listens there
    response = login_through_simulator(client, "Kari Fylke")
    assert response.status_code == 503
    assert "Vi får ikke kontakt med Altinn" in response.text
    assert "_auth_user_id" not in client.session
    assert not AltinnGrant.objects.exists()


def test_switching_to_an_organisation_one_holds_is_remembered_and_logged(
    client, simulator, organisations
):
    login_through_simulator(client, "Ola Kontor")
    office = Organisation.objects.get(orgnr=demo_person("Ola Kontor").rights[1].orgnr)
    response = client.post(
        reverse("accounts:switch_organisation"), {"organisation": office.pk}, follow=True
    )
    assert response.wsgi_request.organisation == office
    assert client.get(reverse("accounts:portal")).wsgi_request.organisation == office
    assert AuditEvent.objects.filter(
        action="accounts.organisation.switched", organisation=office
    ).exists()


def test_switching_to_an_organisation_one_does_not_hold_is_404_and_changes_nothing(
    client, simulator, organisations
):
    login_through_simulator(client, "Ola Kontor")
    before = client.get(reverse("accounts:portal")).wsgi_request.organisation
    other = Organisation.objects.get(orgnr="821311632")
    response = client.post(reverse("accounts:switch_organisation"), {"organisation": other.pk})
    assert response.status_code == 404
    assert client.get(reverse("accounts:portal")).wsgi_request.organisation == before
    response = client.post(reverse("accounts:switch_organisation"), {"organisation": "x"})
    assert response.status_code == 404
