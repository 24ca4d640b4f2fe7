"""The platform's Ed25519 signing key: read from a PEM file, made once on first use (mode 0600)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from django.conf import settings

from techtalent.catalog.engine.proof import did_key
from techtalent.core.errors import UserError

__all__ = ["key_path", "signing_key", "platform_did"]

_lock = threading.Lock()
_cache: dict[Path, Ed25519PrivateKey] = {}


def key_path() -> Path:
    """TECHTALENT_CREDENTIAL_KEY, else credentials/ed25519.pem in the data directory."""
    configured = os.environ.get("TECHTALENT_CREDENTIAL_KEY")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "credentials" / "ed25519.pem"


def signing_key() -> Ed25519PrivateKey:
    """The platform's private key, created and stored the first time it is needed."""
    path = key_path()
    with _lock:
        if path in _cache:
            return _cache[path]
        if path.exists():
            key = load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise UserError(f"{path}: not an Ed25519 private key")
        else:
            key = Ed25519PrivateKey.generate()
            path.parent.mkdir(parents=True, exist_ok=True)
            pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
        _cache[path] = key
        return key


def platform_did() -> str:
    """The did:key under which this platform issues credentials."""
    return did_key(signing_key().public_key())
