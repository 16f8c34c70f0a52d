"""Keeps one process of the embedded mode running: `supervise.py NAME -- COMMAND...`.

`make run` starts its processes with honcho, which stops all of them as soon as one exits:
a worker that died took the web server down with it. Each Procfile line therefore runs
its command under this wrapper, which restarts the command when it exits by itself, after
a backoff, and says so on stderr (in honcho's output). SIGTERM or SIGINT (honcho's answer
to Ctrl-C) stop the command and the wrapper, and nothing is restarted.

Run as a script, not as `python -m laerling...`: importing the laerling package would load
Celery and Django settings into a process that only waits.
"""

import signal
import subprocess
import sys
import time

BACKOFF_FIRST = 1.0
BACKOFF_MAX = 30.0
# A command that ran this long was healthy: its next crash is restarted after BACKOFF_FIRST.
HEALTHY_AFTER = 60.0


def _say(name: str, text: str) -> None:
    print(f"supervise {name}: {text}", file=sys.stderr, flush=True)


def supervise(name: str, command: list[str]) -> int:
    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        # honcho signals the whole process group, so the child usually has it already;
        # a signal sent to this process alone must still reach the child.
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    delay = BACKOFF_FIRST
    restarts = 0
    while True:
        started = time.monotonic()
        child = subprocess.Popen(command)  # noqa: S603 - a Procfile line's own command
        _say(name, f"started (pid {child.pid})")
        if stopping:  # a signal that came before the child existed
            child.terminate()
        code = child.wait()
        if stopping:
            return code
        ran = time.monotonic() - started
        if ran >= HEALTHY_AFTER:
            delay = BACKOFF_FIRST
        restarts += 1
        _say(
            name,
            f"exited with code {code} after {ran:.0f} s; restart {restarts} in {delay:.0f} s",
        )
        deadline = time.monotonic() + delay
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)
        if stopping:
            return code
        delay = min(delay * 2, BACKOFF_MAX)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: supervise.py NAME -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    return supervise(argv[0], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
