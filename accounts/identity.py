"""The person's national identity number (pid) is never stored: only this keyed hash.

HMAC-SHA256 under PID_HASH_KEY, a secret kept outside the database, so the hash cannot
be reversed by trying every possible number without the key.
"""

import hashlib
import hmac
import re

from django.conf import settings

PID = re.compile(r"^\d{11}$")


def pid_hash(pid: str) -> str:
    return hmac.new(settings.PID_HASH_KEY.encode(), pid.encode(), hashlib.sha256).hexdigest()


def is_pid(value: str) -> bool:
    return bool(PID.match(value))
