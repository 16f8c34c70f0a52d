"""`manage.py dispatch` and `manage.py send_due`, as an operator's script would use them."""

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import AuditEvent
from distribution.models import Dispatch, Message, OutboxMessage, SmsQuota, Status
from surveys.models import Round
from surveys.rounds import schedule
from tests.distribution.sending_helpers import office, small_sample
from tests.smtp_sink import free_port

ROOT = Path(__file__).resolve().parents[2]
VESTLAND = "821311632"


def _dispatch(*args) -> dict:
    out = io.StringIO()
    call_command("dispatch", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_dispatch_applies_the_portals_rules_and_prints_one_json_object():
    round_ = small_sample()
    result = _dispatch(
        "--org", VESTLAND, "--round", "2026", "--purpose", "invitation",
        "--channels", "email,sms", "--json",
    )  # fmt: skip
    assert result["reached"] == {"email": 2, "sms": 2}
    assert result["left_out"] == {"no_email": 1, "no_mobile": 1, "office_sends": 1}
    assert result["warnings"] == {}
    assert result["sms_dispatches_left"] == 6
    dispatch = Dispatch.objects.get()
    assert dispatch.round == round_ and dispatch.created_by is None
    event = AuditEvent.objects.get(action="distribution.dispatch.created")
    assert "manage.py dispatch --org 821311632" in event.details["command"]


@pytest.mark.django_db
def test_a_dry_run_changes_nothing():
    small_sample()
    result = _dispatch(
        "--org", VESTLAND, "--round", "2026", "--purpose", "invitation",
        "--channels", "email", "--dry-run", "--json",
    )  # fmt: skip
    assert result["reached"] == {"email": 2, "sms": 0}
    assert not Dispatch.objects.exists() and not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setup", "args", "says"),
    [
        ("closed", ["--purpose", "invitation", "--channels", "email"], "ikke åpen for utsending"),
        ("no_quota", ["--purpose", "invitation", "--channels", "sms"], "brukt alle SMS"),
        ("", ["--purpose", "reminder", "--channels", "email"], "ikke nådd noen"),
        ("", ["--purpose", "invitation", "--channels", "fax"], "--channels"),
    ],
)
def test_dispatch_exits_2_with_the_reason_when_a_rule_refuses(setup, args, says):
    round_ = small_sample()
    if setup == "closed":
        Round.objects.filter(pk=round_.pk).update(
            last_answer_day=schedule.today() - datetime.timedelta(days=1)
        )
    if setup == "no_quota":
        SmsQuota.objects.create(organisation=office(), round=round_, limit=0)
    with pytest.raises(CommandError, match=says) as refused:
        call_command("dispatch", "--org", office().orgnr, "--round", "2026", *args)
    assert refused.value.returncode == 2
    assert not Dispatch.objects.exists()


@pytest.mark.django_db
def test_send_due_sends_what_is_queued_as_a_worker_would():
    small_sample()
    _dispatch("--org", VESTLAND, "--round", "2026", "--purpose", "invitation", "--channels",
              "email", "--json")  # fmt: skip
    assert Message.objects.filter(status=Status.QUEUED).count() == 2
    out = io.StringIO()
    call_command("send_due", stdout=out)
    assert json.loads(out.getvalue())["sent"] == 2
    assert set(OutboxMessage.objects.values_list("recipient", flat=True)) == {
        "ada@example.no",
        "bo@example.no",
    }


@pytest.mark.django_db(transaction=True)
def test_a_broker_that_cannot_be_reached_never_fails_dispatch(organisations, questionnaires):
    small_sample()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
    }
    command = [sys.executable, "manage.py", "dispatch", "--org", VESTLAND, "--round", "2026",
               "--purpose", "invitation", "--channels", "email", "--json"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["reached"] == {"email": 2, "sms": 0}
    assert Message.objects.filter(status=Status.QUEUED).count() == 2  # for the sweep
