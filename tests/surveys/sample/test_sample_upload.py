"""Udir uploads an extract in the admin: a Celery worker imports it while the page shows
progress, then the report and the difference from the previous import; the file itself
is deleted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import (
    Item,
    Participant,
    QuestionnaireVersion,
    SampleImport,
    SampleUpload,
    Theme,
)
from surveys.questionnaires.loading import load_shipped
from surveys.rounds.creation import create_rounds
from tests.sample_helpers import csv_bytes, open_round, row
from tests.waiting import wait_for

UPLOAD = reverse("admin:surveys_sampleimport_upload")


def _status_url(upload: SampleUpload) -> str:
    return reverse("admin:surveys_sampleimport_upload_status", kwargs={"pk": upload.pk})


def _post(admin_client, round_, content: bytes, name="uttrekk.csv", follow=False):
    return admin_client.post(
        UPLOAD,
        {"round": round_.pk, "kind": "", "file": SimpleUploadedFile(name, content)},
        follow=follow,
    )


@pytest.fixture
def questionnaires(organisations):
    # Transactional tests flush what data migrations made; the rounds need these.
    load_shipped(QuestionnaireVersion, Theme, Item)


def test_an_upload_is_imported_by_the_worker_and_the_page_shows_the_report_and_the_difference(
    admin_client, questionnaires, worker
):
    round_ = open_round(2026)
    people = [row(person_id=f"P{n}") for n in range(10)]
    first = _post(admin_client, round_, csv_bytes(people))
    upload = SampleUpload.objects.get()
    assert first["Location"] == _status_url(upload)
    assert wait_for(lambda: SampleUpload.objects.get().status == "done")

    # One of ten changed, one withdrawn (10 %: no confirmation asked), one rejected.
    changed = [row(person_id="P0", epost="ny@example.no"), *people[1:9]]
    second = _post(admin_client, round_, csv_bytes([*changed, row(person_id="C", avbrudd="J")]))
    latest = SampleUpload.objects.order_by("-pk").first()
    assert wait_for(lambda: SampleUpload.objects.get(pk=latest.pk).status == "done")
    page = admin_client.get(second["Location"]).content.decode()
    assert "Importert: 10 rader, 9 i utvalget." in page
    assert "Endringer fra forrige import" in page
    assert "<td>0</td><td>1</td><td>1</td><td>0</td><td>8</td>" in page.replace("\n", "")
    assert "Forrige import (" in page
    assert 'hx-trigger="every 1s"' not in page and 'http-equiv="refresh"' not in page

    assert SampleImport.objects.count() == 2
    assert Participant.objects.filter(round=round_, withdrawn_at__isnull=True).count() == 9
    # The uploaded files are gone once imported.
    assert list(SampleUpload.objects.values_list("content", flat=True)) == [None, None]


def test_a_broken_upload_fails_with_its_message_and_changes_nothing(
    admin_client, questionnaires, worker
):
    round_ = open_round(2026)
    response = _post(admin_client, round_, b"person_id,fornavn\n1,Ola\n")
    assert wait_for(lambda: SampleUpload.objects.get().status == "failed")
    page = admin_client.get(response["Location"]).content.decode()
    assert "ingenting er endret" in page and "semikolon" in page
    assert not Participant.objects.exists() and not SampleImport.objects.exists()
    assert SampleUpload.objects.get().content is None


@pytest.mark.django_db
def test_while_waiting_the_page_polls_with_htmx_and_refreshes_without_javascript(admin_client):
    round_ = open_round(2026)
    response = _post(admin_client, round_, csv_bytes([row()]), follow=True)
    page = response.content.decode()
    assert "Venter på å starte" in page and "<progress" in page
    assert 'hx-trigger="every 1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    fragment = admin_client.get(_status_url(SampleUpload.objects.get()), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="upload-status"')


@pytest.mark.django_db
def test_a_closed_round_is_refused_on_the_form(admin_client):
    create_rounds(2025)
    closed = create_rounds(2025)[0].round
    response = _post(admin_client, closed, csv_bytes([row()]))
    assert response.status_code == 200
    assert "er avsluttet" in response.content.decode()
    assert not SampleUpload.objects.exists()


@pytest.mark.django_db
def test_the_history_lists_imports_and_links_to_the_upload(admin_client):
    round_ = open_round(2026)
    from surveys.sample.importing import import_extract

    import_extract(csv_bytes([row()]), round_=round_, file_name="historikk.csv")
    page = admin_client.get(reverse("admin:surveys_sampleimport_changelist")).content.decode()
    assert "historikk.csv" in page and UPLOAD in page


@pytest.mark.django_db
def test_a_history_entry_shows_the_report_in_words_beside_the_import_before(admin_client):
    round_ = open_round(2026)
    from surveys.sample.importing import import_extract

    import_extract(csv_bytes([row(person_id="A")]), round_=round_, file_name="forrige.csv")
    _report, entry = import_extract(
        csv_bytes([row(person_id="B", faglig_leder_navn="Ny Leder", faglig_leder_epost="")]),
        round_=round_,
        file_name="ny.csv",
        withdrawals_confirmed=True,
    )
    url = reverse("admin:surveys_sampleimport_change", args=[entry.pk])
    page = " ".join(admin_client.get(url).content.decode().split())
    assert "Endringer fra forrige import" in page and "Forrige import (" in page
    # Apprentices: one new, one withdrawn; supervisors: the new one in, the old one out.
    # (New, updated, withdrawn, taken back in, unchanged.)
    assert (
        "Lærlinger og lærekandidater</th><td>1</td><td>0</td><td>1</td><td>0</td><td>0</td>"
    ) in page
    assert "Faglige ledere</th><td>1</td><td>0</td><td>1</td><td>0</td><td>0</td>" in page
    assert "Tatt inn igjen" in page
    assert "Avvist: Kontrakten er avbrutt" in page
    assert "Avvist i alt</th><td>0</td><td>0</td>" in page
    assert "Importert som endelig uttrekk." in page  # after the reference date
    assert "Flere rader er avvist enn tatt med" not in page


@pytest.mark.django_db
def test_the_history_cannot_be_changed_or_deleted_in_the_admin(admin_client):
    round_ = open_round(2026)
    from surveys.sample.importing import import_extract

    _report, entry = import_extract(csv_bytes([row()]), round_=round_, file_name="fast.csv")
    delete = reverse("admin:surveys_sampleimport_delete", args=[entry.pk])
    assert admin_client.get(delete).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:surveys_sampleimport_change", args=[entry.pk])
    page = admin_client.get(change).content.decode()
    assert delete not in page and 'name="_save"' not in page
    assert SampleImport.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_the_same_file_imported_again_is_named_as_such(admin_client):
    round_ = open_round(2026)
    from surveys.sample.importing import import_extract

    entries = [
        import_extract(csv_bytes([row()]), round_=round_, file_name=name)[1]
        for name in ("første.csv", "igjen.csv")
    ]
    pages = [
        admin_client.get(reverse("admin:surveys_sampleimport_change", args=[entry.pk]))
        for entry in entries
    ]
    notice = "Filen er den samme som ved forrige import"
    assert [notice in page.content.decode() for page in pages] == [False, True]


@pytest.mark.django_db
def test_an_import_that_rejects_more_than_it_takes_asks_whether_the_file_is_right(admin_client):
    round_ = open_round(2026)
    from surveys.sample.importing import import_extract

    # A later year's contracts: they start too late for this round.
    rows = [row(person_id=f"P{n}", kontrakt_start="01.08.2026") for n in range(2)]
    _report, entry = import_extract(
        csv_bytes([*rows, row(person_id="P9")]), round_=round_, file_name="feil.csv"
    )
    url = reverse("admin:surveys_sampleimport_change", args=[entry.pk])
    page = " ".join(admin_client.get(url).content.decode().split())
    assert "Flere rader er avvist enn tatt med i utvalget." in page
    assert "uttrekket for Lærlingundersøkelsen 2026" in page
    assert '"in_sample"' not in page and "&quot;in_sample&quot;" not in page


@pytest.mark.django_db
def test_staff_without_the_permission_cannot_upload_or_decide(django_user_model):
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    client = _verified_client(staff)
    assert client.get(UPLOAD).status_code == 403
    upload = SampleUpload.objects.create(
        round=open_round(2026), file_name="x.csv", content=b"", status="confirm"
    )
    assert _decide(client, upload, discard="1").status_code == 403
    assert SampleUpload.objects.get(pk=upload.pk).status == "confirm"


# An upload that would withdraw more than a tenth of the sample: the changes, then a choice.


def _verified_client(user):
    """A client of `user`, logged in and verified by a TOTP device, as the admin requires."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    session = client.session
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _decide(client, upload: SampleUpload, **fields):
    url = reverse("admin:surveys_sampleimport_upload_decision", kwargs={"pk": upload.pk})
    return client.post(url, fields)


def _page(client, upload: SampleUpload) -> str:
    return " ".join(client.get(_status_url(upload)).content.decode().split())


def _active(round_) -> int:
    return Participant.objects.filter(round=round_, withdrawn_at__isnull=True).count()


def test_an_upload_withdrawing_much_of_the_sample_waits_and_one_confirmation_applies_it(
    admin_client, questionnaires, worker, django_user_model
):
    round_ = open_round(2026)
    people = [row(person_id=f"P{n}") for n in range(10)]
    _post(admin_client, round_, csv_bytes(people))
    assert wait_for(lambda: SampleUpload.objects.get().status == "done")

    _post(admin_client, round_, csv_bytes(people[:6]), name="ett-fylke.csv")
    upload = SampleUpload.objects.latest("pk")
    assert wait_for(lambda: SampleUpload.objects.get(pk=upload.pk).status == "confirm")
    page = _page(admin_client, upload)
    assert "Importen vil trekke ut 4 av de 10 i utvalget (40 %), mer enn grensen på 10 %" in page
    # New, updated, withdrawn, taken back in, unchanged.
    assert "<td>0</td><td>0</td><td>4</td><td>0</td><td>6</td>" in page
    assert 'name="confirm"' in page and 'name="discard"' in page
    assert 'hx-trigger="every 1s"' not in page
    # Nothing changed yet, and the file is kept until someone decides.
    assert _active(round_) == 10 and SampleImport.objects.count() == 1
    upload.refresh_from_db()
    assert upload.content is not None and upload.pending["withdrawn"] == 4

    # A double click, and another administrator at the same moment: imported once.
    other = django_user_model.objects.create_superuser("annen", "annen@example.no", "x")
    for client in (admin_client, admin_client, _verified_client(other)):
        response = _decide(client, upload, fingerprint=upload.fingerprint, confirm="1")
        assert response["Location"] == _status_url(upload)
    assert wait_for(lambda: SampleUpload.objects.get(pk=upload.pk).status == "done")
    assert SampleImport.objects.count() == 2 and _active(round_) == 6
    from accounts.models import AuditEvent

    assert AuditEvent.objects.filter(action="surveys.sample.withdrawals_confirmed").count() == 1
    page = _page(admin_client, upload)
    assert "Importen trakk ut 4 av de 10 i utvalget og ble gjort etter at den var bekreftet." in (
        page
    )
    assert SampleUpload.objects.get(pk=upload.pk).content is None
    # A discard from a page left open changes nothing either.
    _decide(admin_client, upload, discard="1")
    assert SampleUpload.objects.get(pk=upload.pk).status == "done"


def _waiting_upload(admin_client, round_, rows) -> SampleUpload:
    """An upload imported (by the task, run here) up to the confirmation it waits for."""
    from surveys.sample import tasks

    _post(admin_client, round_, csv_bytes(rows))
    upload = SampleUpload.objects.latest("pk")
    tasks.import_upload(upload.pk)
    upload.refresh_from_db()
    assert upload.status == "confirm"
    return upload


@pytest.mark.django_db
def test_a_discarded_upload_changes_nothing_and_its_file_is_deleted(admin_client):
    from surveys.sample.importing import import_extract

    round_ = open_round(2026)
    people = [row(person_id=f"P{n}") for n in range(10)]
    import_extract(csv_bytes(people), round_=round_, file_name="hel.csv")
    upload = _waiting_upload(admin_client, round_, people[:3])
    _decide(admin_client, upload, fingerprint=upload.fingerprint, discard="1")
    upload.refresh_from_db()
    assert upload.status == "discarded" and upload.content is None
    assert "Filen er forkastet, og ingenting er endret." in _page(admin_client, upload)
    assert _active(round_) == 10 and SampleImport.objects.count() == 1
    # A confirmation after that (an old tab) imports nothing.
    _decide(admin_client, upload, fingerprint=upload.fingerprint, confirm="1")
    assert SampleUpload.objects.get(pk=upload.pk).status == "discarded"


@pytest.mark.django_db
def test_a_confirmation_of_changes_that_are_no_longer_the_changes_shows_the_new_ones(
    admin_client,
):
    from surveys.sample import tasks
    from surveys.sample.importing import import_extract

    round_ = open_round(2026)
    people = [row(person_id=f"P{n}") for n in range(10)]
    import_extract(csv_bytes(people), round_=round_, file_name="hel.csv")
    upload = _waiting_upload(admin_client, round_, people[:5])
    shown = upload.fingerprint
    # Meanwhile another import withdraws one of the ten.
    import_extract(csv_bytes(people[:9]), round_=round_, file_name="ni.csv")

    _decide(admin_client, upload, fingerprint=shown, confirm="1")
    tasks.import_upload(upload.pk)
    upload.refresh_from_db()
    assert upload.status == "confirm" and upload.fingerprint != shown
    assert upload.pending["withdrawn"] == 4 and upload.confirmed_by is None
    page = _page(admin_client, upload)
    assert "Utvalget er endret siden endringene ble vist og bekreftet" in page
    assert "Importen vil trekke ut 4 av de 9 i utvalget (44 %)" in page
    assert _active(round_) == 9 and SampleImport.objects.count() == 2

    # A form still showing the first changes is refused, saying why.
    response = _decide(admin_client, upload, fingerprint=shown, confirm="1")
    assert SampleUpload.objects.get(pk=upload.pk).status == "confirm"
    assert "Endringene er ikke lenger de samme som da siden ble vist" in " ".join(
        admin_client.get(response["Location"]).content.decode().split()
    )
    # The changes now shown, confirmed, are applied.
    _decide(admin_client, upload, fingerprint=upload.fingerprint, confirm="1")
    tasks.import_upload(upload.pk)
    assert SampleUpload.objects.get(pk=upload.pk).status == "done"
    assert _active(round_) == 5


@pytest.mark.django_db
def test_the_decision_is_a_post_by_staff_with_the_permission(admin_client):
    from django.test import Client

    round_ = open_round(2026)
    upload = SampleUpload.objects.create(
        round=round_, file_name="x.csv", content=b"", status="confirm"
    )
    url = reverse("admin:surveys_sampleimport_upload_decision", kwargs={"pk": upload.pk})
    assert admin_client.get(url).status_code == 405
    assert Client().post(url, {"discard": "1"}).status_code == 302  # to the login
    assert SampleUpload.objects.get(pk=upload.pk).status == "confirm"


@pytest.mark.django_db
def test_an_upload_nobody_confirms_loses_its_file_after_the_hours_set(admin_client, settings):
    import datetime

    from django.utils import timezone

    from accounts.models import AuditEvent
    from surveys.sample import tasks
    from surveys.sample.importing import import_extract

    settings.UPLOAD_CONFIRM_HOURS = 48
    round_ = open_round(2026)
    people = [row(person_id=f"P{n}") for n in range(10)]
    import_extract(csv_bytes(people), round_=round_, file_name="hel.csv")
    old = _waiting_upload(admin_client, round_, people[:3])
    recent = _waiting_upload(admin_client, round_, people[:4])
    SampleUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=49)
    )
    SampleUpload.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=47)
    )
    assert tasks.discard_unconfirmed_uploads() == 1
    old.refresh_from_db()
    assert old.status == "expired" and old.content is None and old.pending is None
    assert SampleUpload.objects.get(pk=recent.pk).status == "confirm"
    assert SampleUpload.objects.get(pk=recent.pk).content
    page = " ".join(_page(admin_client, old).split())
    assert "Filen ble slettet fordi endringene ikke ble bekreftet innen 48 timer." in page
    assert AuditEvent.objects.filter(action="surveys.sample.upload_expired").count() == 1
    # A confirmation from a page left open since imports nothing, and nothing changed.
    _decide(admin_client, old, fingerprint=old.fingerprint, confirm="1")
    assert SampleUpload.objects.get(pk=old.pk).status == "expired"
    assert _active(round_) == 10 and SampleImport.objects.count() == 1
    assert tasks.discard_unconfirmed_uploads() == 0
