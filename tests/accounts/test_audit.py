import pytest
from django.urls import reverse

from accounts import audit
from accounts.models import AuditEvent, Organisation


@pytest.mark.django_db
def test_an_audit_line_says_what_who_which_organisation_when_and_on_what(django_user_model):
    user = django_user_model.objects.create_user("kari", password="x" * 16)
    county = Organisation.objects.get(county_number="46")
    event = audit.record(
        "sample.quality_report.downloaded",
        actor=user,
        organisation=county,
        target=county,
        rows=12,
    )
    event.refresh_from_db()
    assert event.action == "sample.quality_report.downloaded"
    assert event.actor_label == "kari"
    assert event.organisation == county
    assert event.target == f"accounts.Organisation:{county.pk}"
    assert event.details == {"rows": 12}
    assert event.created_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action", ["login", "Sample.Downloaded", "sample..x", "sample.down loaded"]
)
def test_an_action_that_is_not_a_dotted_lower_case_name_is_refused(action):
    with pytest.raises(ValueError, match="dotted"):
        audit.record(action)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_udir_staff_filter_the_audit_log_by_action_in_the_admin(admin_client):
    audit.record("accounts.login.succeeded")
    audit.record("sample.quality_report.downloaded")
    url = reverse("admin:accounts_auditevent_changelist")
    response = admin_client.get(url, {"action": "accounts.login.succeeded"})
    assert response.status_code == 200
    shown = [event.action for event in response.context["cl"].result_list]
    assert shown == ["accounts.login.succeeded"]


@pytest.mark.django_db
def test_the_audit_log_cannot_be_edited_or_deleted_in_the_admin(admin_client):
    event = audit.record("accounts.login.succeeded")
    change = admin_client.post(
        reverse("admin:accounts_auditevent_change", args=[event.pk]), {"action": "x.y"}
    )
    assert change.status_code == 403
    delete = admin_client.post(reverse("admin:accounts_auditevent_delete", args=[event.pk]))
    assert delete.status_code == 403
    event.refresh_from_db()
    assert event.action == "accounts.login.succeeded"
