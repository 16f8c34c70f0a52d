"""Posts delivery reports to the webhook as LINK's gate would, for bench/dispatch.py --sms:
one process of several, each with a few threads on plain http.client connections, so that
the posting side (not the server) is not what the benchmark measures.

    python bench/report_poster.py URL SECRET THREADS FILE

FILE holds one gateway message id a line; prints a JSON object of HTTP statuses counted.
"""

from __future__ import annotations

import base64
import http.client
import json
import sys
import threading
from collections import Counter
from urllib.parse import urlsplit


def main() -> None:
    url, secret, threads, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    ids = open(path).read().split()  # noqa: SIM115 - read once
    target = urlsplit(url)
    headers = {
        "Content-Type": "application/json",
        "Authorization": "Basic " + base64.b64encode(f"link:{secret}".encode()).decode(),
    }
    statuses: Counter = Counter()
    lock = threading.Lock()

    def post(chunk: list[str]) -> None:
        connection = None
        for gateway_id in chunk:
            body = json.dumps(
                {
                    "id": gateway_id,
                    "refId": "",
                    "resultCode": 1001,
                    "operator": "no.telenor",
                    "segments": 1,
                    "timestamp": "2026-10-05T10:00:05Z",
                }
            )
            for _attempt in range(3):
                try:
                    if connection is None:
                        connection = http.client.HTTPConnection(target.hostname, target.port)
                    connection.request("POST", target.path, body, headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    if response.getheader("Connection", "").lower() == "close":
                        connection.close()
                        connection = None
                    break
                except (OSError, http.client.HTTPException):
                    connection = None
                    status = "error"
            with lock:
                statuses[str(status)] += 1

    chunks = [ids[n::threads] for n in range(threads)]
    workers = [threading.Thread(target=post, args=(chunk,)) for chunk in chunks]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps(statuses))


if __name__ == "__main__":
    main()
