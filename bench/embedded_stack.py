"""`make run`'s processes, started for a soak run or a test beside any running demo.

The Procfile's own lines under honcho, as `make run` starts them, but with their own
VAR_DIR (a temporary folder: SQLite database, broker, beat schedule, tick records), free
ports, DATABASE_URL and REDIS_URL removed (the embedded mode) and beat ticking
laerling.tick every BEAT_TICK_SECONDS. Used by bench/embedded_soak.py and
tests/laerling/; the figures they report come from the files read here.
"""

from __future__ import annotations

import collections
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HONCHO = str(ROOT / ".venv" / "bin" / "honcho")
_STARTED = re.compile(r"supervise (\w+): started \(pid (\d+)\)")
_HONCHO_STARTED = re.compile(r"\| \w+\.\d+ started \(pid=(\d+)\)")
_EXITED = re.compile(r"supervise (\w+): exited with code (-?\d+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Ticks:
    """What laerling/tick.py wrote: task ids sent (by source) and every run of each."""

    sent: dict[str, str] = field(default_factory=dict)  # task id -> source
    sent_at: dict[str, float] = field(default_factory=dict)  # task id -> time.time()
    runs: collections.Counter = field(default_factory=collections.Counter)

    def sent_by(self, source: str) -> set[str]:
        return {task_id for task_id, s in self.sent.items() if s == source}

    def lost(self, ids: set[str]) -> set[str]:
        return {task_id for task_id in ids if self.runs[task_id] == 0}

    def duplicated(self) -> set[str]:
        return {task_id for task_id, n in self.runs.items() if n > 1}

    def unsent(self) -> set[str]:
        """Runs of an id never recorded as sent: a message the broker made up."""
        return set(self.runs) - set(self.sent)


class EmbeddedStack:
    def __init__(
        self,
        processes: list[str] | None = None,
        tick_seconds: int = 1,
        settings_module: str | None = None,
        var_dir: str | None = None,
    ):
        self.processes = processes or []  # empty: every Procfile line
        self.var_dir = Path(var_dir or tempfile.mkdtemp(prefix="laerling-embedded-"))
        self.web_port = free_port()
        self.simulator_port = free_port()
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PORT"}
        }
        self.env.update(
            VAR_DIR=str(self.var_dir),
            BEAT_TICK_SECONDS=str(tick_seconds),
            WEB_PORT=str(self.web_port),
            SIMULATOR_PORT=str(self.simulator_port),
            PYTHONUNBUFFERED="1",
        )
        if settings_module:
            self.env["DJANGO_SETTINGS_MODULE"] = settings_module
        self.log_path = self.var_dir / "stack.log"
        self.honcho: subprocess.Popen | None = None

    # Starting and stopping

    def migrate(self) -> None:
        for settings_module in (None, "accounts.simulator.settings"):
            env = dict(self.env)
            if settings_module:
                env["DJANGO_SETTINGS_MODULE"] = settings_module
            subprocess.run(
                [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=600,
            )

    def start(self) -> None:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - open while the stack runs
        self.honcho = subprocess.Popen(
            [HONCHO, "start", "-f", "Procfile", *self.processes],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def ctrl_c(self, timeout: float = 30.0) -> float:
        """Stops the stack as Ctrl-C on `make run` does; returns the seconds it took."""
        assert self.honcho is not None
        began = time.monotonic()
        self.honcho.send_signal(signal.SIGINT)
        try:
            self.honcho.wait(timeout=timeout)
        finally:
            self._log.close()
        return time.monotonic() - began

    def kill_everything(self) -> None:
        """Teardown after a failure: nothing of this stack may outlive its test."""
        # honcho starts each process in a session of its own: one group per Procfile line.
        groups = [int(pid) for pid in _HONCHO_STARTED.findall(self.log())]
        for pid in [*groups, *([self.honcho.pid] if self.honcho else [])]:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        for pid in self.all_pids():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if self.honcho:
            self.honcho.wait(timeout=10)

    # What it says

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def pids(self, name: str) -> list[int]:
        """Every pid the supervisor started for one process, oldest first."""
        return [int(pid) for n, pid in _STARTED.findall(self.log()) if n == name]

    def all_pids(self) -> list[int]:
        return [int(pid) for _n, pid in _STARTED.findall(self.log())]

    def processes_of(self, *words: str, wrappers: bool = False) -> list[int]:
        """This stack's running processes whose command line holds every word, found in /proc
        by VAR_DIR (so it works whoever started them), parents before their children.
        Without wrappers, not honcho's shells or laerling/supervise.py, whose command lines
        hold their child's."""
        found = []
        marker = f"VAR_DIR={self.var_dir}".encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or not alive(int(entry.name)):
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                environ = (entry / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            args = [a.decode(errors="replace") for a in cmdline]
            wrapper = args[0].endswith("sh") or any("supervise.py" in a for a in args)
            if wrapper and not wrappers:
                continue
            if marker in environ and all(any(w in a for a in args) for w in words):
                found.append(int(entry.name))
        return sorted(found)

    def worker_pid(self) -> int:
        """The Celery worker's main process (not its prefork pool's children)."""
        pids = self.processes_of("celery", "worker")
        parents = {pid: _parent(pid) for pid in pids}
        main = [pid for pid in pids if parents[pid] not in pids]
        assert len(main) == 1, f"worker processes {pids}"
        return main[0]

    def restarts(self) -> collections.Counter:
        return collections.Counter(name for name, _code in _EXITED.findall(self.log()))

    def ticks(self) -> Ticks:
        ticks = Ticks()
        folder = self.var_dir / "ticks"
        sent = folder / "sent.log"
        ran = folder / "ran.log"
        if sent.exists():
            for line in sent.read_text().splitlines():
                task_id, source, _pid, at = line.split()
                ticks.sent[task_id] = source
                ticks.sent_at[task_id] = float(at)
        if ran.exists():
            for line in ran.read_text().splitlines():
                ticks.runs[line.split()[0]] += 1
        return ticks

    def get(self, path: str = "/helse/", timeout: float = 5.0) -> int:
        """The web server's status code for path, 0 when it does not answer."""
        try:
            url = f"http://127.0.0.1:{self.web_port}{path}"
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
                return response.status
        except OSError:
            return 0

    def publish_ticks(self, count: int, per_second: float = 0.0) -> float:
        """Sends count ticks (source "burst") from a process of their own, as the web server
        sends tasks while beat ticks, as fast as it can or per_second; returns the seconds
        the sending took, the process's start-up included."""
        code = (
            "import time, django; django.setup()\n"
            "from laerling.tick import tick\n"
            f"pause = {1 / per_second if per_second else 0.0}\n"
            f"for _ in range({count}):\n"
            "    tick.delay(source='burst')\n"
            "    time.sleep(pause)\n"
        )
        env = dict(self.env)
        env.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")
        began = time.monotonic()
        subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, timeout=600)
        return time.monotonic() - began


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])
    except OSError:
        return 0


def alive(pid: int) -> bool:
    """Running, or stopped; a zombie has exited and only waits for init to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_for(condition, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


if __name__ == "__main__":
    sys.exit("A module for bench/embedded_soak.py and tests/laerling/; run those.")
