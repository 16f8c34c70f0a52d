"""Delivery reports applied in batches: the webhook appends each report to a Redis list and
one drain task applies up to REPORT_BATCH at a time, the "delivered" ones (nearly all) by a
single UPDATE, instead of one Celery task and one UPDATE per report.

Measured on the shared 2-core machine (docs/performance.md): a Celery task per report
spent more time in kombu, in the web request and in the worker, than in the database.

No report is lost to a worker that dies: the drain reads a batch without removing it
(LRANGE), applies it in one transaction, and trims it off the list only after the commit;
a batch applied twice changes nothing the second time, as every report is a conditional
update of a message still awaiting its fate. One drain runs at a time (a flag with an
expiry, renewed while it runs); the webhook queues a drain only when it sets the flag, and
beat's sweep queues one if reports wait with no drain running. Where there is no Redis
(the embedded mode) each report is its own task, as before.
"""

from __future__ import annotations

import contextlib
import json
import logging
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from redis.exceptions import LockError

from distribution.backends.results import Outcome
from distribution.backends.sms_gateway import codes
from distribution.models import Channel, Message, Status
from distribution.models.dispatches import AWAITING_REPORT
from distribution.sending import reports

log = logging.getLogger(__name__)

KEY = "laerling:sms-reports"
FLAG = "laerling:sms-reports:draining"
LOCK = "laerling:sms-reports:lock"
FLAG_SECONDS = 30
REPORT_BATCH = 1000


@lru_cache(maxsize=1)
def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


def available() -> bool:
    return bool(settings.REDIS_URL)


def push(gateway_id: str, code: int) -> None:
    """Appends a report (raises on a Redis error: the webhook answers 503 and the gate posts
    it again) and queues a drain unless one is running."""
    from distribution.sending.tasks import drain_sms_reports

    connection = _redis()
    connection.rpush(KEY, json.dumps([gateway_id, code]))
    if connection.set(FLAG, 1, nx=True, ex=FLAG_SECONDS):
        drain_sms_reports.apply_async(retry=False)


def waiting() -> int:
    return _redis().llen(KEY) if available() else 0


def wake() -> bool:
    """Queues a drain if reports wait and none runs (beat's sweep asks)."""
    from distribution.sending.tasks import drain_sms_reports

    if waiting() and _redis().set(FLAG, 1, nx=True, ex=FLAG_SECONDS):
        drain_sms_reports.apply_async(retry=False)
        return True
    return False


def drain(wait: float = FLAG_SECONDS) -> int:
    """Applies every report waiting, a batch at a time; returns how many it read. Under a
    lock, so no batch is trimmed by a drain that did not apply it: a second drain waits for
    the first (queued by a report pushed just as the first was finishing, it would
    otherwise leave that report waiting) and gives up after `wait` seconds, when the first
    is still at work and sees the report itself."""
    connection = _redis()
    lock = connection.lock(LOCK, timeout=FLAG_SECONDS, blocking_timeout=wait)
    if not lock.acquire():
        return 0
    try:
        return _drain(connection, lock)
    finally:
        with contextlib.suppress(LockError):
            lock.release()


def _drain(connection, lock) -> int:
    done = 0
    while True:
        rows = connection.lrange(KEY, 0, REPORT_BATCH - 1)
        if not rows:
            connection.delete(FLAG)
            # A report pushed while the flag was still set queued no drain: go on with it.
            if connection.llen(KEY) and connection.set(FLAG, 1, nx=True, ex=FLAG_SECONDS):
                continue
            return done
        apply_batch([json.loads(row) for row in rows])
        connection.ltrim(KEY, len(rows), -1)
        connection.expire(FLAG, FLAG_SECONDS)
        lock.extend(FLAG_SECONDS, replace_ttl=True)
        done += len(rows)


def apply_batch(batch: list[tuple[str, int]]) -> dict[str, int]:
    """Applies reports as reports.apply_sms_report() does one: the delivered by one UPDATE,
    the rest (failures, unknown numbers: few) one by one. In one transaction."""
    delivered, others = [], []
    for gateway_id, code in batch:
        outcome, _reason = codes.outcome(int(code))
        if not gateway_id or outcome == Outcome.ACCEPTED:
            continue  # on its way still: the final report follows
        (delivered if outcome == Outcome.DELIVERED else others).append((str(gateway_id), code))
    with transaction.atomic():
        done = Message.objects.filter(
            gateway_id__in=[gateway_id for gateway_id, _code in delivered],
            channel=Channel.SMS,
            status__in=AWAITING_REPORT,
        ).update(status=Status.DELIVERED, reason="", updated_at=timezone.now())
        applied = {"delivered": done, "other": 0}
        for gateway_id, code in others:
            if reports.apply_sms_report(gateway_id, int(code)) != "ignored":
                applied["other"] += 1
    return applied
