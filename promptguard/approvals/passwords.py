"""Approvers' passwords: argon2id hashes (argon2-cffi) kept in `promptguard.toml`.

Only the hash is stored, so the configuration can be committed; `promptguard approvers add
NAME` makes it. Verification is constant-time inside argon2, and an unknown login costs one
hash too, so timing does not tell which logins exist.
"""

from __future__ import annotations

import re
from pathlib import Path

from promptguard.errors import ApproverError

__all__ = ["ApproverError", "add_approver", "hash_password", "verify_password"]

LOGIN_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,39}$")
MIN_PASSWORD = 10


def _hasher():  # noqa: ANN202 - argon2 is imported only where passwords are used
    try:
        from argon2 import PasswordHasher
    except ImportError:  # pragma: no cover - a dependency
        raise ApproverError("argon2-cffi is not installed: pip install argon2-cffi") from None
    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ApproverError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher().hash(password)


#: A hash of a random password, checked when the login is unknown (same cost, no match).
_DUMMY: list[str] = []


def verify_password(approvers: dict[str, dict[str, str]], login: str, password: str) -> bool:
    """True when `login` is a configured approver and `password` matches its hash."""
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = _hasher()
    entry = approvers.get(login)
    if entry is None:
        if not _DUMMY:
            _DUMMY.append(hasher.hash("no such approver, just the same cost"))
        stored, known = _DUMMY[0], False
    else:
        stored, known = entry["password_hash"], True
    try:
        return hasher.verify(stored, password) and known
    except (VerificationError, InvalidHashError):
        return False


def add_approver(config_path: Path, login: str, password: str, name: str = "") -> bool:
    """Write `[approvers.LOGIN]` with a fresh hash into the config file (replacing that
    table if it exists); returns whether it replaced one. Other lines stay as they are."""
    if not LOGIN_RE.match(login):
        raise ApproverError(
            f"invalid approver login {login!r}: lower-case letters, digits, '.', '_', '-'"
        )
    hashed = hash_password(password)
    prefix = "tool.promptguard." if config_path.name == "pyproject.toml" else ""
    header = f"[{prefix}approvers.{login}]"
    block = [header]
    if name.strip():
        block.append(f"name = {_quote(' '.join(name.split()))}")
    block.append(f'password_hash = "{hashed}"')
    try:
        text = config_path.read_text(encoding="utf-8") if config_path.exists() else ""
    except OSError as error:
        raise ApproverError(f"cannot read {config_path}: {error.strerror or error}") from None
    lines = text.splitlines()
    replaced = False
    if header in (line.strip() for line in lines):
        start = next(i for i, line in enumerate(lines) if line.strip() == header)
        end = start + 1
        while end < len(lines) and not lines[end].lstrip().startswith("["):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1  # keep the blank line before the next table
        lines[start:end] = block
        replaced = True
        new_text = "\n".join(lines) + "\n"
    else:
        new_text = text.rstrip("\n") + ("\n\n" if text.strip() else "") + "\n".join(block) + "\n"
    try:
        config_path.write_text(new_text, encoding="utf-8")
    except OSError as error:
        raise ApproverError(f"cannot write {config_path}: {error.strerror or error}") from None
    return replaced


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if ord(c) >= 0x20 else f"\\u{ord(c):04x}" for c in escaped) + '"'
