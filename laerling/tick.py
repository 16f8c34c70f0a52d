"""The beat tick: a trivial task whose every send and every run is written down.

bench/embedded_soak.py and tests/laerling/test_embedded_broker.py count from these two
files whether the embedded broker lost or duplicated a message between beat and the
worker. Beat schedules it only when BEAT_TICK_SECONDS is set (laerling/settings.py).
"""

import os
import time
from pathlib import Path

from celery import shared_task
from celery.signals import after_task_publish
from django.conf import settings

TICK_TASK = "laerling.tick"


def _record(kind: str, task_id: str, source: str) -> None:
    folder = Path(settings.VAR_DIR) / "ticks"
    folder.mkdir(parents=True, exist_ok=True)
    # One short write in append mode: lines from several processes never interleave.
    with open(folder / f"{kind}.log", "a") as log:
        log.write(f"{task_id} {source} {os.getpid()} {time.time():.3f}\n")


@shared_task(name=TICK_TASK, ignore_result=True, bind=True)
def tick(self, source: str = "beat") -> None:
    _record("ran", self.request.id, source)


@after_task_publish.connect
def _record_sent(sender=None, headers=None, body=None, **kwargs):
    # after_task_publish fires once the broker has taken the message.
    if sender == TICK_TASK:
        _args, task_kwargs, _embed = body
        _record("sent", headers["id"], task_kwargs.get("source", "beat"))
