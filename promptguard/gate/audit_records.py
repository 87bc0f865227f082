"""One audit entry and its SQLite form: the schema, the insert, the salted prompt hash.

No prompt and no personal value is ever stored: the prompt only as HMAC-SHA256(salt, prompt).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    user TEXT NOT NULL,
    tool TEXT NOT NULL,
    enterprise INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    decision TEXT NOT NULL,
    categories TEXT NOT NULL,
    subjects TEXT NOT NULL,
    clearances TEXT NOT NULL,
    request_id TEXT,
    prompt_hash TEXT
);
CREATE INDEX IF NOT EXISTS decisions_time ON decisions (time);
CREATE TABLE IF NOT EXISTS requests (
    id TEXT PRIMARY KEY,
    tool TEXT NOT NULL,
    purpose TEXT NOT NULL,
    items TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    seen INTEGER NOT NULL DEFAULT 1
);
"""


@dataclass(frozen=True)
class AuditRecord:
    """One decision as recorded: categories and non-personal subjects only."""

    time: str
    user: str
    tool: str
    enterprise: bool
    purpose: str
    decision: str
    categories: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    clearances: list[str] = field(default_factory=list)
    request_id: str | None = None
    prompt_hash: str | None = None


def utc_timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _hash(salt: bytes, prompt_text: str) -> str:
    """HMAC-SHA256(salt, prompt): comparable for the same prompt, unreadable otherwise."""
    data = prompt_text.encode("utf-8", "surrogatepass")
    return hmac.new(salt, data, hashlib.sha256).hexdigest()


def _insert(connection: sqlite3.Connection, record: AuditRecord) -> None:
    connection.execute(
        "INSERT INTO decisions (time, user, tool, enterprise, purpose, decision, categories,"
        " subjects, clearances, request_id, prompt_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            record.time,
            record.user,
            record.tool,
            int(record.enterprise),
            record.purpose,
            record.decision,
            json.dumps(record.categories, ensure_ascii=False),
            json.dumps(record.subjects, ensure_ascii=False),
            json.dumps(record.clearances),
            record.request_id,
            record.prompt_hash,
        ),
    )


def _upsert_request(connection: sqlite3.Connection, pending: dict, when: str) -> None:
    connection.execute(
        "INSERT INTO requests (id, tool, purpose, items, first_seen, last_seen) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "last_seen = excluded.last_seen, seen = seen + 1",
        (
            pending["id"],
            pending["tool"],
            pending["purpose"],
            json.dumps(pending["items"], ensure_ascii=False),
            when,
            when,
        ),
    )


def _select_suggested_requests(connection: sqlite3.Connection) -> list[dict]:
    """The requests table with the login names of the checks that suggested each one:
    {"id", "tool", "purpose", "items", "first_seen", "last_seen", "seen", "users"}."""
    if not _has_table(connection, "requests"):
        return []
    rows = connection.execute(
        "SELECT id, tool, purpose, items, first_seen, last_seen, seen FROM requests"
    ).fetchall()
    users: dict[str, list[str]] = {}
    for request, user in connection.execute(
        "SELECT DISTINCT request_id, user FROM decisions WHERE request_id IS NOT NULL ORDER BY user"
    ):
        users.setdefault(request, []).append(user)
    keys = ("id", "tool", "purpose", "items", "first_seen", "last_seen", "seen")
    found = []
    for row in rows:
        entry = dict(zip(keys, row, strict=True))
        entry["items"] = json.loads(entry["items"])
        entry["users"] = users.get(entry["id"], [])
        found.append(entry)
    return found


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return connection.execute(query, (name,)).fetchone() is not None


def _is_busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    message = str(error).lower()
    return "locked" in message or "busy" in message
