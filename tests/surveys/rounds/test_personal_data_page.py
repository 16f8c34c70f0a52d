"""Udir's page of the personal data each round holds, and when it goes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, translation

from surveys.models import Participant
from surveys.rounds import retention
from surveys.sample.importing import import_extract
from tests.sample_helpers import csv_bytes, open_round, row

pytestmark = pytest.mark.django_db

PAGE = reverse("admin:surveys_round_personal_data")


def _day(value: datetime.date) -> str:
    with translation.override("nb"):
        return formats.date_format(value, "DATE_FORMAT")


def test_udir_sees_what_each_round_holds_and_when_it_goes(admin_client, settings):
    settings.CONTACT_DATA_DAYS = 30
    round_ = open_round(2026)
    rows = [row(person_id="A1"), row(person_id="A2"), row(person_id="R1", avbrudd="J")]
    import_extract(csv_bytes(rows), round_=round_, file_name="x.csv")
    page = admin_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    line = page.split(f'<th scope="row">{round_}</th>')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in line.split("<td>")[1:]]
    assert cells[0] == "2"  # A1 and A2 with their contact data
    assert cells[1] == _day(round_.last_answer_day + datetime.timedelta(days=30))
    assert cells[4] == "1"  # the rejected row
    assert cells[5] == _day(round_.last_answer_day + datetime.timedelta(days=1))
    # Once the contact data has gone, the page says so.
    retention.delete_contact_data(round_)
    held = {h.round.pk: h for h in retention.held()}[round_.pk]
    assert held.with_contact_data == 0 and held.contact_data_gone_on is not None
    assert Participant.objects.filter(round=round_).exists()


def test_the_rounds_list_links_to_the_page(admin_client):
    open_round(2026)
    page = admin_client.get(reverse("admin:surveys_round_changelist")).content.decode()
    assert f'href="{PAGE}"' in page


def test_only_staff_see_it(client, django_user_model):
    user = django_user_model.objects.create_user("ikke.udir", password="x" * 20)
    client.force_login(user)
    assert client.get(PAGE).status_code in (302, 403)
