"""Altinn's answer mapped to grants: sub-units, unknown and deleted organisations."""

import datetime

import pytest

from accounts.altinn import AuthorizedParty
from accounts.grants import granted_organisations, granted_orgnrs, sync_altinn_grants
from accounts.models import AltinnGrant, LocalGrant, Organisation, User

RESOURCE = "laerlingundersokelsen-administrasjon"


def party(orgnr, resources=(RESOURCE,), subunits=(), deleted=False):
    return AuthorizedParty(
        orgnr=orgnr,
        name=orgnr,
        unit_type="AS",
        resources=frozenset(resources),
        subunits=tuple(subunits),
        is_deleted=deleted,
    )


def test_a_right_on_a_main_unit_covers_its_sub_units():
    parties = [party("111111111", subunits=[party("222222222", resources=())])]
    assert granted_orgnrs(parties, RESOURCE) == {"111111111", "222222222"}


def test_a_right_on_a_sub_unit_alone_gives_the_sub_unit_not_the_main_unit():
    parties = [party("111111111", resources=(), subunits=[party("222222222")])]
    assert granted_orgnrs(parties, RESOURCE) == {"222222222"}


def test_another_resource_and_deleted_units_give_nothing():
    parties = [
        party("111111111", resources=("something-else",)),
        party("333333333", deleted=True),
        party("444444444", resources=(), subunits=[party("555555555", deleted=True)]),
    ]
    assert granted_orgnrs(parties, RESOURCE) == set()


@pytest.mark.django_db
def test_only_known_counties_and_offices_become_grants(settings):
    settings.ALTINN_RESOURCE_ID = RESOURCE
    user = User.objects.create_user("kari")
    company = Organisation.objects.create(kind="company", orgnr="974760673", name="Firma AS")
    sync_altinn_grants(user, [party("821311632"), party(company.orgnr), party("999999999")])
    assert [g.organisation.orgnr for g in AltinnGrant.objects.filter(user=user)] == ["821311632"]


@pytest.mark.django_db
def test_a_local_grant_counts_through_its_last_day_and_not_after():
    user = User.objects.create_user("per", pid_hash="a" * 64)
    viken = Organisation.objects.get(county_number="30")
    LocalGrant.objects.create(
        pid_hash=user.pid_hash,
        organisation=viken,
        valid_until=datetime.date(2026, 12, 31),
        reason="Viken",
    )
    assert list(granted_organisations(user, datetime.date(2026, 12, 31))) == [viken]
    assert list(granted_organisations(user, datetime.date(2027, 1, 1))) == []


@pytest.mark.django_db
def test_udir_staff_with_their_second_factor_may_act_for_every_county_and_office(
    admin_client, organisations_for_staff
):
    response = admin_client.get("/portal/")
    assert response.status_code == 200
    shown = set(response.wsgi_request.organisations)
    assert shown == set(Organisation.objects.filter(kind__in=["county", "office"]))


@pytest.mark.django_db
def test_staff_without_the_second_factor_get_no_organisation(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"] == "/ingen-tilgang/"


@pytest.fixture
def organisations_for_staff(db):
    Organisation.objects.create(kind="office", orgnr="974760673", name="Kontoret")
