"""Sealing a participant's answers while the round is open (docs/anonymity.md).

A draft's answers (and the page to continue from) are stored only as

    b"S1" + key id (8 bytes) + nonce (12 bytes) + AES-256-GCM(padded JSON)

under a key derived by HKDF-SHA256 from SEALING_SECRET, a secret kept outside the
database, with a label of its own (so the same secret could never give the link or any
other key), and with the participant's id as associated data: a sealed value copied onto
another participant's draft does not open. The plaintext is padded to a whole number of
PAD bytes, and one PAD holds a whole questionnaire's answers, so every sealed draft of a
round has the same length whatever was answered. What the database, its dead rows, its WAL
and its backups hold of a draft is then ciphertext and a language code.

Two keys during a change (README.md, "Going live"): seal() always uses SEALING_SECRET;
unseal() also opens what was sealed under SEALING_SECRET_PREVIOUS, found by the key id.
The key id is a second HKDF output under another label, so it tells nothing of the key.
"""

from __future__ import annotations

import json
import os
import struct
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

MAGIC = b"S1"
# One block holds about 90 answers in the compact JSON below ({"123":4,...}, up to 11 bytes
# each with a five-digit item id), more than twice the 30-40 items of a questionnaire; a
# longer plaintext would take two blocks and show only that it is longer than any real one.
PAD = 1024
KEY_LABEL = b"laerling/sealed-answers/v1"
KEY_ID_LABEL = b"laerling/sealed-answers/key-id/v1"
_HEADER = len(MAGIC) + 8 + 12


class Unreadable(Exception):
    """A sealed value no configured key opens (another participant's, a lost key, damage)."""


@lru_cache(maxsize=8)
def _derive(secret: str) -> tuple[bytes, bytes]:
    def hkdf(label: bytes, length: int) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label).derive(
            secret.encode()
        )

    return hkdf(KEY_LABEL, 32), hkdf(KEY_ID_LABEL, 8)


def _keys() -> list[tuple[bytes, bytes]]:
    secrets = [settings.SEALING_SECRET, getattr(settings, "SEALING_SECRET_PREVIOUS", None)]
    return [_derive(secret) for secret in secrets if secret]


def _aad(participant_id: int) -> bytes:
    return b"participant:%d" % participant_id


def seal(participant_id: int, content: dict) -> bytes:
    """`content` (JSON-able) sealed for this participant, padded to a multiple of PAD."""
    key, key_id = _keys()[0]
    body = json.dumps(content, separators=(",", ":"), sort_keys=True).encode()
    framed = struct.pack(">I", len(body)) + body
    framed += bytes(-len(framed) % PAD)
    nonce = os.urandom(12)
    return MAGIC + key_id + nonce + AESGCM(key).encrypt(nonce, framed, _aad(participant_id))


def unseal(participant_id: int, sealed: bytes) -> dict:
    sealed = bytes(sealed)
    if len(sealed) < _HEADER or not sealed.startswith(MAGIC):
        raise Unreadable("not a sealed value")
    key_id, nonce = sealed[2:10], sealed[10:_HEADER]
    for key, candidate in _keys():
        if candidate != key_id:
            continue
        try:
            framed = AESGCM(key).decrypt(nonce, sealed[_HEADER:], _aad(participant_id))
        except InvalidTag:
            raise Unreadable("the seal does not open for this participant") from None
        (length,) = struct.unpack(">I", framed[:4])
        return json.loads(framed[4 : 4 + length])
    raise Unreadable("sealed under a key that is not configured")
