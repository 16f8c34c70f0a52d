"""The embedded mode's broker holds under a real worker and beat, as `make run` starts them.

These tests start the Procfile's processes under honcho themselves, in the embedded mode
(their own VAR_DIR, DATABASE_URL and REDIS_URL unset for them), beside the suite's
PostgreSQL and Redis: bench/embedded_stack.py. bench/embedded_soak.py is the hour-long run.
"""

import os
import shutil
import signal
import threading
import time

import pytest

from bench.embedded_stack import EmbeddedStack, alive, wait_for


@pytest.fixture
def start_stack():
    stacks = []

    def start(**kwargs) -> EmbeddedStack:
        stack = EmbeddedStack(**kwargs)
        stacks.append(stack)
        stack.start()
        return stack

    yield start
    for stack in stacks:
        if stack.honcho.poll() is None:
            stack.kill_everything()
        shutil.rmtree(stack.var_dir, ignore_errors=True)


def test_every_tick_beat_sends_runs_once_while_other_tasks_are_sent(start_stack):
    stack = start_stack(processes=["worker", "beat"], tick_seconds=1)
    assert wait_for(lambda: stack.ticks().runs, timeout=60), stack.log()[-3000:]

    # The web server sends tasks too, here 15 a second from a process of its own: the
    # filesystem transport this replaced did not keep up (ticks still waiting 30 s on).
    stack.publish_ticks(300, per_second=15)
    assert wait_for(lambda: len(stack.ticks().sent_by("beat")) >= 10, timeout=30)
    sent = set(stack.ticks().sent)
    wait_for(lambda: not stack.ticks().lost(sent), timeout=30)

    ticks = stack.ticks()
    assert len(ticks.sent_by("burst")) == 300
    assert ticks.lost(sent) == set(), stack.log()[-3000:]
    assert ticks.duplicated() == set()
    assert ticks.unsent() == set()
    assert stack.restarts() == {}, stack.log()[-3000:]


def test_a_killed_worker_comes_back_and_the_web_server_keeps_answering(start_stack):
    stack = start_stack(tick_seconds=1)  # every Procfile line, as `make run`
    up = wait_for(lambda: stack.get() == 200 and stack.ticks().runs, timeout=90)
    assert up, stack.log()[-3000:]
    killed = stack.worker_pid()

    answers = []
    stop = threading.Event()

    def ask_the_web_server():
        while not stop.is_set() and len(answers) < 500:
            answers.append(stack.get(timeout=3))
            time.sleep(0.2)

    asker = threading.Thread(target=ask_the_web_server)
    asker.start()
    try:
        os.kill(killed, signal.SIGKILL)
        runs_at_kill = sum(stack.ticks().runs.values())
        assert wait_for(lambda: stack.processes_of("celery", "worker"), timeout=30)
        # Tasks run again: beat's ticks sent after the kill are run by the new worker.
        assert wait_for(lambda: sum(stack.ticks().runs.values()) >= runs_at_kill + 3, timeout=30)
        time.sleep(1)
    finally:
        stop.set()
        asker.join(timeout=10)

    assert stack.worker_pid() != killed
    assert answers and set(answers) == {200}, answers
    assert stack.restarts() == {"worker": 1}, stack.log()[-3000:]

    # Ctrl-C still stops everything, the restarted worker included.
    pids = [*stack.all_pids(), stack.worker_pid()]
    stack.ctrl_c(timeout=30)
    assert wait_for(lambda: not any(alive(pid) for pid in pids), timeout=10)
    assert not stack.processes_of("", wrappers=True)
