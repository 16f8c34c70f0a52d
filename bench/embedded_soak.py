"""Soak run of the embedded mode: does `make run` hold for a working day unattended?

    .venv/bin/python bench/embedded_soak.py [--minutes 60] [--tick-seconds 2]
        [--kill-worker-every MINUTES] [--burst 1000] [--broker sqla|filesystem]

Starts the Procfile's processes under honcho as `make run` does (web, worker, beat,
simulator, each under laerling/supervise.py) with their own VAR_DIR in a temporary
folder, free ports and the databases migrated (no demo data), beat ticking laerling.tick
every --tick-seconds beside the real schedule. First --burst ticks are sent from a
process of their own as fast as it can (the web server sending tasks while beat ticks):
the broker's throughput. Then the stack runs for --minutes while the web server's
/helse/ is fetched every second; --kill-worker-every kills the worker (SIGKILL) that
often, to see it come back. At the end every tick sent must have run exactly once:

    ticks sent, ticks run, lost, duplicated, worker restarts, web answering

and Ctrl-C (SIGINT to honcho) must stop every process. Exit status 0 when all held.
`--broker filesystem` runs the same on kombu's filesystem transport (the embedded
broker before), for comparison. Figures: docs/performance.md, "Embedded broker".
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

# Run as a script, so the repository's root is put on the path before bench.* is imported
# (inside the functions, after this line).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from bench.embedded_stack import EmbeddedStack

SETTINGS = {"sqla": None, "filesystem": "bench.filesystem_broker_settings"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--tick-seconds", type=int, default=2)
    parser.add_argument("--kill-worker-every", type=float, default=0.0, metavar="MINUTES")
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--broker", choices=sorted(SETTINGS), default="sqla")
    parser.add_argument("--keep", action="store_true", help="keep the VAR_DIR afterwards")
    args = parser.parse_args()
    from bench.embedded_stack import EmbeddedStack

    stack = EmbeddedStack(tick_seconds=args.tick_seconds, settings_module=SETTINGS[args.broker])
    print(f"VAR_DIR {stack.var_dir}, web on {stack.web_port}, broker {args.broker}", flush=True)
    began = time.monotonic()
    stack.migrate()
    print(f"migrated in {time.monotonic() - began:.0f} s", flush=True)
    stack.start()
    try:
        return _soak(stack, args)
    finally:
        if stack.honcho and stack.honcho.poll() is None:
            stack.kill_everything()
        if args.keep:
            print(f"kept {stack.var_dir}")
        else:
            shutil.rmtree(stack.var_dir, ignore_errors=True)


def _soak(stack: EmbeddedStack, args) -> int:
    from bench.embedded_stack import alive, wait_for

    up = wait_for(lambda: stack.get() == 200 and stack.ticks().runs, timeout=120, interval=1)
    if not up:
        print(stack.log()[-5000:])
        print("FAILED: the stack did not come up within 120 s")
        return 1
    started_at = datetime.datetime.now().astimezone()

    burst_line = "burst: none"
    if args.burst:
        began = time.monotonic()
        publish_s = stack.publish_ticks(args.burst)
        all_ran = wait_for(
            lambda: not stack.ticks().lost(stack.ticks().sent_by("burst")),
            timeout=max(120.0, args.burst / 5),
            interval=0.2,
        )
        total_s = time.monotonic() - began
        ticks = stack.ticks()
        burst = ticks.sent_by("burst")
        burst_line = (
            f"burst: {len(burst)} of {args.burst} sent in {publish_s:.1f} s "
            f"({len(burst) / publish_s:.0f}/s, one process, including its start-up); "
            f"{len(burst) - len(ticks.lost(burst))} run "
            + (f"in {total_s:.1f} s ({len(burst) / total_s:.0f}/s end to end)" if all_ran else "")
        )
        print(burst_line, flush=True)

    deadline = time.monotonic() + args.minutes * 60
    kill_every = args.kill_worker_every * 60
    next_kill = time.monotonic() + kill_every if kill_every else None
    next_report = time.monotonic() + 60
    web_ok = web_failed = 0
    slowest = 0.0
    kills = 0
    while time.monotonic() < deadline:
        before = time.monotonic()
        if stack.get() == 200:
            web_ok += 1
        else:
            web_failed += 1
        slowest = max(slowest, time.monotonic() - before)
        if next_kill and time.monotonic() >= next_kill:
            os.kill(stack.pids("worker")[-1], signal.SIGKILL)
            kills += 1
            next_kill += kill_every
        if time.monotonic() >= next_report:
            ticks = stack.ticks()
            print(
                f"{datetime.datetime.now():%H:%M:%S} sent {len(ticks.sent)}, "
                f"run {sum(ticks.runs.values())}, web ok {web_ok} failed {web_failed}, "
                f"restarts {dict(stack.restarts())}",
                flush=True,
            )
            next_report += 60
        time.sleep(max(0.0, 1.0 - (time.monotonic() - before)))

    # Every tick sent by now must run; the worker gets a while for the last ones.
    sent_by_now = set(stack.ticks().sent)
    soak_end = time.time()
    wait_for(lambda: not stack.ticks().lost(sent_by_now), timeout=60, interval=0.5)
    ticks = stack.ticks()
    stop_s = stack.ctrl_c()
    wait_for(lambda: not any(alive(pid) for pid in stack.all_pids()), timeout=10)
    left = [pid for pid in stack.all_pids() if alive(pid)]

    beat = ticks.sent_by("beat") & sent_by_now
    lost = ticks.lost(sent_by_now)
    duplicated = ticks.duplicated()
    unsent = ticks.unsent()
    restarts = stack.restarts()
    log = stack.log()
    # Beat kept ticking: no gap between its ticks (nor after the last) much over a tick.
    times = sorted(ticks.sent_at[task_id] for task_id in beat)
    gaps = [b - a for a, b in zip(times, times[1:] + [soak_end], strict=True)]
    mean_gap, max_gap = (times[-1] - times[0]) / (len(times) - 1), max(gaps)
    report = [
        f"broker {args.broker}, {args.minutes:g} minutes from {started_at:%Y-%m-%d %H:%M %Z}, "
        f"tick every {args.tick_seconds} s",
        burst_line,
        f"ticks sent by beat: {len(beat)}, every {mean_gap:.2f} s on average, "
        f"longest gap {max_gap:.1f} s",
        f"ticks sent in all (beat and burst): {len(sent_by_now)}",
        f"ticks run: {sum(ticks.runs[i] for i in sent_by_now)}",
        f"lost: {len(lost)}",
        f"duplicated: {len(duplicated)}",
        f"run but never sent: {len(unsent)}",
        f"worker killed by the soak: {kills}; restarts: "
        + (", ".join(f"{n} {c}" for n, c in sorted(restarts.items())) or "none"),
        f"'Unrecoverable error' in the log: {log.count('Unrecoverable error')}",
        f"web /helse/: {web_ok} answered, {web_failed} not; slowest {slowest * 1000:.0f} ms",
        # runserver reloads itself when a file it loaded changes (the shared .venv, here),
        # and answers nothing for a second or two meanwhile.
        f"web server reloads (a file under it changed): {len(_reloads(log))}",
        f"Ctrl-C stopped the stack in {stop_s:.1f} s; processes left: {len(left)}",
        *(f"  left: {pid} {_cmdline(pid)}" for pid in left),
    ]
    print("\n".join(report))
    held = (
        not lost
        and not duplicated
        and not unsent
        and web_failed == 0
        and not left
        and max_gap <= 2 * args.tick_seconds + 1
        and sum(restarts.values()) == kills
    )
    print("HELD" if held else "FAILED")
    return 0 if held else 1


def _reloads(log: str) -> set[str]:
    """The seconds at which runserver said it reloads (it says so twice)."""
    return {line[:8] for line in log.splitlines() if "changed, reloading." in line}


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
