"""laerling/supervise.py: what keeps each of `make run`'s processes running."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.embedded_stack import alive, wait_for

SUPERVISE = str(Path(__file__).resolve().parents[2] / "laerling" / "supervise.py")


@pytest.fixture
def supervise():
    started = []

    def start(*command: str) -> subprocess.Popen:
        supervisor = subprocess.Popen(
            [sys.executable, SUPERVISE, "crasher", "--", *command],
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own group, as under honcho, to clean up after
        )
        started.append(supervisor)
        return supervisor

    yield start
    for supervisor in started:
        with contextlib.suppress(OSError):
            os.killpg(supervisor.pid, signal.SIGKILL)
        supervisor.wait(timeout=5)


def test_a_command_that_keeps_dying_is_restarted_ever_more_slowly(supervise):
    supervisor = supervise(sys.executable, "-c", "import sys; sys.exit(3)")
    time.sleep(4.5)  # starts at about 0, 1 and 3 s; the next would come at 7 s
    supervisor.send_signal(signal.SIGTERM)
    supervisor.wait(timeout=5)
    said = supervisor.stderr.read()

    assert said.count("started") == 3, said
    assert "exited with code 3" in said
    assert "restart 1 in 1 s" in said
    assert "restart 2 in 2 s" in said
    assert "restart 3 in 4 s" in said


def test_sigterm_stops_the_command_and_nothing_is_restarted(supervise):
    supervisor = supervise(sys.executable, "-c", "import time; time.sleep(60)")

    def children() -> list[str]:
        pgrep = ["pgrep", "-P", str(supervisor.pid)]
        return subprocess.run(pgrep, capture_output=True, text=True).stdout.split()

    assert wait_for(children, timeout=10)
    (child,) = children()

    supervisor.send_signal(signal.SIGTERM)  # as honcho does on Ctrl-C

    assert supervisor.wait(timeout=5) != 0
    assert wait_for(lambda: not alive(int(child)), timeout=5)
    assert "restart" not in supervisor.stderr.read()
