"""Our RSA keys for signing client assertions to ID-porten and Maskinporten.

A key is configured as a PEM block or the path of a PEM file (laerling.env.pem). In the
embedded mode a missing key file is created on first use (RSA 2048, readable by its
owner only), so a fresh clone needs no configuration; outside it a missing file is an
error that `manage.py check` reports before any login is tried.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import os
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


class KeyUnavailable(Exception):
    """The configured key (or certificate) cannot be read."""


def load_private_key(source: str, *, create_if_missing: bool = False) -> rsa.RSAPrivateKey:
    """The RSA private key in `source`: a PEM block, or the path of a PEM file."""
    return _load_private_key(source, create_if_missing)


@functools.lru_cache(maxsize=8)
def _load_private_key(source: str, create_if_missing: bool) -> rsa.RSAPrivateKey:
    if "-----BEGIN" in source:
        data = source.encode()
    else:
        path = Path(source)
        if not path.exists() and create_if_missing:
            _create(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise KeyUnavailable(f"No key file can be read at {path}: {error.strerror}.") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise KeyUnavailable(f"Not an unencrypted PEM private key: {error}") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise KeyUnavailable("The key is not an RSA key; ID-porten and Maskinporten need RS256.")
    if key.key_size < 2048:
        raise KeyUnavailable(f"The RSA key has {key.key_size} bits; at least 2048 are needed.")
    return key


def _create(path: Path) -> None:
    """Write a new key without ever exposing a half-written file, even if two processes race."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        os.write(handle, pem)
        os.close(handle)
        os.chmod(temporary, 0o600)
        # link() fails if another process created the key first; theirs wins.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def load_certificate_chain(source: str) -> list[str]:
    """The x5c header value (RFC 7517 4.7): each certificate's DER, base64, leaf first."""
    if "-----BEGIN" in source:
        data = source.encode()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise KeyUnavailable(f"No certificate file at {source}: {error.strerror}.") from None
    try:
        certificates = x509.load_pem_x509_certificates(data)
    except ValueError as error:
        raise KeyUnavailable(f"Not a PEM certificate chain: {error}") from None
    return [
        base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in certificates
    ]


def public_jwk(private_key: rsa.RSAPrivateKey, kid: str) -> dict:
    """The public half as a JWK, to register with Digdir (or the local simulator)."""
    jwk = RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    return {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}
