"""The audit log's one writer. Every access to personal data and every send calls record()."""

from __future__ import annotations

import re
from typing import Any

from django.db import models

from accounts.models import AuditEvent, Organisation, User

ACTION = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


def record(
    action: str,
    *,
    actor: User | None = None,
    organisation: Organisation | None = None,
    organisation_id: int | None = None,
    target: models.Model | str = "",
    **details: Any,
) -> AuditEvent:
    """Writes one audit line; `action` is a dotted name like "sample.quality_report.downloaded"."""
    if not ACTION.match(action):
        raise ValueError(f"Audit actions are dotted lower-case names, not {action!r}.")
    if isinstance(target, models.Model):
        target = f"{target._meta.label}:{target.pk}"
    actor_label = ""
    if actor is not None and actor.is_authenticated:
        actor_label = actor.get_username()
    else:
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label,
        organisation_id=organisation.pk if organisation is not None else organisation_id,
        target=target,
        details=details,
    )
