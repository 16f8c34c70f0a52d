"""Udir's import pages in the admin, in a real Chromium: the upload form, a history entry's
report and the confirmation an import withdrawing much of the sample asks for pass WCAG
2.1 AA."""

import pytest
from django.urls import reverse

from surveys.models import Item, QuestionnaireVersion, Theme
from surveys.questionnaires.loading import load_shipped
from surveys.sample.importing import import_extract
from tests.browser.harness import assert_accessible
from tests.sample_helpers import csv_bytes, open_round, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_upload_form_and_an_import_report_pass_axe(admin_page, organisations):
    load_shipped(QuestionnaireVersion, Theme, Item)
    round_ = open_round(2026)
    import_extract(csv_bytes([row(person_id="A")]), round_=round_, file_name="forrige.csv")
    _report, entry = import_extract(
        csv_bytes([row(person_id="B"), row(person_id="C", avbrudd="J")]),
        round_=round_,
        file_name="ny.csv",
        withdrawals_confirmed=True,
    )

    admin_page.goto(reverse("admin:surveys_sampleimport_upload"))
    assert admin_page.get_by_label("Fil fra VIGO").is_visible()
    assert_accessible(admin_page)

    admin_page.goto(reverse("admin:surveys_sampleimport_change", args=[entry.pk]))
    assert admin_page.get_by_role("heading", name="Endringer fra forrige import").is_visible()
    # This import and the one before: one row rejected (interrupted) against none.
    rejected = admin_page.get_by_role("row", name="Avvist i alt").inner_text()
    assert rejected.split()[-2:] == ["1", "0"]
    assert_accessible(admin_page)


def test_the_confirmation_of_many_withdrawals_passes_axe(admin_page, organisations):
    from surveys.models import SampleUpload
    from surveys.sample import tasks

    load_shipped(QuestionnaireVersion, Theme, Item)
    round_ = open_round(2026)
    people = [row(person_id=f"P{n}") for n in range(10)]
    import_extract(csv_bytes(people), round_=round_, file_name="hel.csv")
    upload = SampleUpload.objects.create(
        round=round_, file_name="ett-fylke.csv", content=csv_bytes(people[:4])
    )
    tasks.import_upload(upload.pk)

    admin_page.goto(reverse("admin:surveys_sampleimport_upload_status", args=[upload.pk]))
    assert admin_page.get_by_text("Importen vil trekke ut 6 av de 10 i utvalget").is_visible()
    assert admin_page.get_by_role("button", name="Bekreft og importer").is_visible()
    assert admin_page.get_by_role("button", name="Forkast filen").is_visible()
    assert_accessible(admin_page)
