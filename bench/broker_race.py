"""The embedded broker's race, without Celery: one process publishes, another takes.

    .venv/bin/python bench/broker_race.py [--messages 5000] [--rate 0] [--broker sqla|filesystem]

A publisher process sends --messages small messages as fast as it can while a consumer
process takes them off the queue as fast as it can, the way beat and the worker share
the embedded broker. Counts the messages taken whole, the ones that came back unreadable
(the filesystem transport's JSONDecodeError: the consumer moved away a file the publisher
had created but not yet written) and the ones never seen. Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from kombu import Connection


def _connection(broker: str, folder: Path) -> Connection:
    if broker == "sqla":
        from sqlalchemy.pool import NullPool

        url = "sqla+sqlite:///" + str(folder / "broker.sqlite3")
        return Connection(url, transport_options={"poolclass": NullPool})
    for sub in ("out", "processed"):
        (folder / sub).mkdir(exist_ok=True)
    return Connection(
        "filesystem://",
        transport_options={
            "data_folder_in": str(folder / "out"),
            "data_folder_out": str(folder / "out"),
            "processed_folder": str(folder / "processed"),
            "store_processed": False,
        },
    )


def _publish(broker: str, folder: Path, count: int, rate: float) -> None:
    with _connection(broker, folder) as conn:
        queue = conn.SimpleQueue("race")
        for n in range(count):
            queue.put({"n": n})
            if rate:
                time.sleep(1 / rate)
        queue.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    # Below the consumer's pace it keeps up and takes the newest file, the one being written.
    parser.add_argument("--rate", type=float, default=0.0, help="messages a second (0: all)")
    parser.add_argument("--broker", choices=["sqla", "filesystem"], default="sqla")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="laerling-race-"))

    with _connection(args.broker, folder) as conn:
        queue = conn.SimpleQueue("race")
        publisher = multiprocessing.Process(
            target=_publish, args=(args.broker, folder, args.messages, args.rate)
        )
        began = time.monotonic()
        publisher.start()
        seen: list[int] = []
        unreadable = 0
        deadline = began + 120 + args.messages / 10
        while time.monotonic() < deadline:
            try:
                message = queue.get(timeout=2)
            except queue.Empty:
                if not publisher.is_alive():
                    break
                continue
            except json.JSONDecodeError:
                unreadable += 1
                continue
            seen.append(message.payload["n"])
            message.ack()
        took = time.monotonic() - began
        publisher.join(timeout=10)
        queue.close()

    duplicated = len(seen) - len(set(seen))
    never = args.messages - len(set(seen))
    print(
        f"{args.broker}: {args.messages} sent, {len(set(seen))} taken whole in {took:.1f} s "
        f"({len(seen) / took:.0f}/s), {unreadable} unreadable (JSONDecodeError), "
        f"{never} never taken, {duplicated} taken twice"
    )
    return 0 if unreadable == never == duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
