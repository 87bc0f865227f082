"""The clearance signing key, kept OUTSIDE the repository (user config folder or environment).

Someone who can edit the repository but does not hold the key cannot widen, extend or
un-revoke an approval: the HMAC of an edited entry no longer verifies.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, Self

from promptguard.errors import ClearanceError

ENV_KEY = "PROMPTGUARD_CLEARANCE_KEY"
ENV_KEY_FILE = "PROMPTGUARD_KEY_FILE"
MIN_KEY_LENGTH = 16

# --- the signing key ----------------------------------------------------------------------


def key_file() -> Path:
    """Where the clearance key lives: `$PROMPTGUARD_KEY_FILE`, else the user's config folder
    (never the repository, which is what the key protects)."""
    env = os.environ.get(ENV_KEY_FILE)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "promptguard" / "clearance.key"


def load_key(create: bool = False) -> tuple[bytes | None, str]:
    """The signing key and a note for the user (set when a key file was just created)."""
    env = os.environ.get(ENV_KEY)
    if env is not None:
        if len(env.strip()) < MIN_KEY_LENGTH:
            raise ClearanceError(f"${ENV_KEY} must be at least {MIN_KEY_LENGTH} characters")
        return env.strip().encode(), ""
    path = key_file()
    with contextlib.suppress(FileNotFoundError):
        return _read_key_file(path), ""
    if not create:
        return None, ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another grant created it a moment ago
        return _read_key_file(path), ""
    except OSError as error:
        raise ClearanceError(f"cannot create clearance key {path}: {error.strerror}") from None
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    note = (
        f"created clearance key {path} (mode 0600); keep it out of the repository and "
        f"share it with other approvers only (or set ${ENV_KEY} in CI)"
    )
    return _read_key_file(path), note


def _read_key_file(path: Path) -> bytes:
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as error:
        raise ClearanceError(f"cannot read clearance key {path}: {error}") from None
    if len(key) < MIN_KEY_LENGTH:
        raise ClearanceError(f"clearance key {path} is too short or empty")
    return key.encode()


def key_id(key: bytes) -> str:
    """A short public fingerprint, to tell "signed with another key" from "tampered"."""
    return hashlib.sha256(b"promptguard-key-id:" + key).hexdigest()[:8]


class SignedRecord:
    """A frozen dataclass with `key_id` and `signature` fields, signed with HMAC-SHA256 over
    every other field: clearances and approvers' verdicts share this one implementation."""

    key_id: str
    signature: str

    def payload(self) -> bytes:
        """The canonical bytes the signature covers: every field but the signature."""
        data: dict[str, Any] = asdict(self)  # type: ignore[call-overload]
        data.pop("signature")
        return json.dumps(data, sort_keys=True, ensure_ascii=False).encode()

    def signed(self, key: bytes) -> Self:
        unsigned = replace(self, key_id=key_id(key), signature="")  # type: ignore[type-var]
        signature = hmac.new(key, unsigned.payload(), hashlib.sha256).hexdigest()
        return replace(unsigned, signature=signature)  # type: ignore[type-var]

    def verify(self, key: bytes | None) -> bool:
        if key is None:
            return False
        expected = hmac.new(key, self.payload(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.signature)
