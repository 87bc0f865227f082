"""The audit trail: every gate decision, appended to `.promptguard/audit.sqlite3`.

Why SQLite: many git hooks and editor plugins may check prompts at the same moment, and a
plain append-to-file would interleave or lose lines. WAL mode lets readers run while one
writer commits; each append is one short `BEGIN IMMEDIATE` transaction, retried on
SQLITE_BUSY, so concurrent hooks queue instead of failing.

What is stored proves the rules were followed without becoming a leak itself: no prompt,
no personal value. The prompt is kept only as HMAC-SHA256(salt, prompt), with a random salt
per production in the database, so the AI contact can confirm that a given prompt was
checked but nobody can read prompts back out of the trail.

Durability: each process keeps one writer connection open (a service appends thousands of
decisions; opening a connection and syncing the disk per decision cost 1-25 ms each) with
`synchronous=NORMAL` in WAL mode. A decision is committed to the WAL before `append`
returns, so a killed or crashed process loses nothing it had recorded; only an operating-
system crash or a power loss can lose the last few decisions (never corrupt the file). A
forked child never uses its parent's connection: it opens its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import secrets
import sqlite3
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from promptguard._util import one_line as _one_line
from promptguard.errors import AuditError
from promptguard.gate.audit_records import (
    _SCHEMA,
    SCHEMA_VERSION,
    AuditRecord,
    _file_id,
    _has_table,
    _hash,
    _insert,
    _is_busy,
    _select_suggested_requests,
    _upsert_request,
)

AUDIT_FILE = "audit.sqlite3"

T = TypeVar("T")


def parse_since(value: str) -> str:
    """`--since` as a UTC timestamp prefix: YYYY-MM-DD or an ISO date-time."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise AuditError(f"--since must be a date YYYY-MM-DD, not {value!r}") from None
    if len(value.strip()) == 10:
        return moment.strftime("%Y-%m-%d")
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class AuditLog:
    """Append decisions and summarise them.

    Appends go through one persistent connection per process, shared by threads under a
    lock; reads (reports, look-ups) open a short connection of their own."""

    def __init__(self, state_dir: Path, timeout: float = 30.0, retries: int = 12) -> None:
        self.path = Path(state_dir) / AUDIT_FILE
        self.timeout = timeout
        self.retries = retries
        self._salt: bytes | None = None
        self._lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        self._writer_pid = 0
        #: (device, inode) of the file the writer has open: moved aside or replaced -> reopen.
        self._writer_file: tuple[int, int] | None = None
        _LIVE_LOGS.add(self)

    # writing

    def append(
        self,
        record: AuditRecord,
        prompt_text: str | None = None,
        pending: dict | None = None,
    ) -> AuditRecord:
        """Record one decision (and the clearance request it suggests, if any).

        `pending` = {"id", "tool", "purpose", "items"} with items already free of personal
        values. Returns the record as stored, with the prompt hash filled in.
        """
        with self._lock:
            try:
                with self._errors():
                    return self._append(record, prompt_text, pending)
            except AuditError:
                self._close_writer()  # the file may be broken or replaced: start afresh
                raise

    def close(self) -> None:
        """Close this process's writer connection (it reopens on the next append)."""
        with self._lock:
            self._close_writer()

    def _append(
        self, record: AuditRecord, prompt_text: str | None, pending: dict | None
    ) -> AuditRecord:
        connection = self._writer_connection()
        salt = self._ensure_schema(connection)
        if self._writer_file is None:
            self._writer_file = _file_id(self.path)
        prompt_hash = _hash(salt, prompt_text) if prompt_text is not None else None
        stored = AuditRecord(**{**asdict(record), "prompt_hash": prompt_hash})

        def write() -> None:
            connection.execute("BEGIN IMMEDIATE")
            try:
                _insert(connection, stored)
                if pending:
                    _upsert_request(connection, pending, stored.time)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

        self._retry(write)
        return stored

    def _writer_connection(self) -> sqlite3.Connection:
        """This process's writer, opened on first use; reopened when the file was moved aside
        or replaced (a new trail has a new salt) and after a fork (never share it)."""
        if self._writer is not None and self._writer_pid != os.getpid():
            self._abandon_writer()  # forked without os.fork's hooks: leave the parent's alone
        if self._writer is not None:
            if self._writer_file is not None and _file_id(self.path) == self._writer_file:
                if self._writer.in_transaction:  # an interrupted write: start clean
                    self._writer.execute("ROLLBACK")
                return self._writer
            self._close_writer()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = self._connect()
        try:
            # WAL + NORMAL: the commit is in the WAL when append returns (a killed process
            # loses nothing), without a disk sync per decision. See the module docstring.
            connection.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            connection.close()
            raise
        self._writer, self._writer_pid = connection, os.getpid()
        self._writer_file, self._salt = None, None
        return connection

    def _close_writer(self) -> None:
        connection, self._writer = self._writer, None
        self._writer_file, self._salt = None, None
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.close()

    def _abandon_writer(self) -> None:
        """In a forked child: forget the parent's connection without closing it. SQLite
        connections must not cross a fork; closing the copy here could release this
        process's file locks or checkpoint the WAL under the parent's feet."""
        if self._writer is not None:
            _INHERITED.append(self._writer)
        self._writer, self._writer_file, self._salt = None, None, None

    def _after_fork(self) -> None:
        self._lock = threading.Lock()  # a thread of the parent may have held it
        self._abandon_writer()

    # reading

    def records(self, since: str | None = None) -> list[AuditRecord]:
        """Every decision since a timestamp prefix (see `parse_since`), oldest first."""
        if not self.path.exists():
            return []
        with self._connection(create=False) as connection:
            self._check_version(connection)
            if not _has_table(connection, "decisions"):
                return []
            query = (
                "SELECT time, user, tool, enterprise, purpose, decision, categories, subjects,"
                " clearances, request_id, prompt_hash FROM decisions"
            )
            params: tuple = ()
            if since:
                query += " WHERE time >= ?"
                params = (since,)
            query += " ORDER BY id"
            rows = self._retry(lambda: connection.execute(query, params).fetchall())
        return [
            AuditRecord(
                time=r[0],
                user=r[1],
                tool=r[2],
                enterprise=bool(r[3]),
                purpose=r[4],
                decision=r[5],
                categories=json.loads(r[6]),
                subjects=json.loads(r[7]),
                clearances=json.loads(r[8]),
                request_id=r[9],
                prompt_hash=r[10],
            )
            for r in rows
        ]

    def pending_request(self, wanted: str) -> dict | None:
        """A clearance request a check suggested on this machine, by id."""
        if not self.path.exists():
            return None
        with self._connection(create=False) as connection:
            self._check_version(connection)
            if not _has_table(connection, "requests"):
                return None
            row = self._retry(
                lambda: connection.execute(
                    "SELECT id, tool, purpose, items FROM requests WHERE id = ?", (wanted,)
                ).fetchone()
            )
        if row is None:
            return None
        return {"id": row[0], "tool": row[1], "purpose": row[2], "items": json.loads(row[3])}

    def suggested_requests(self) -> list[dict]:
        """Every clearance request a check suggested here, with who ran those checks (for
        the approvals page); see `audit_records.select_suggested_requests`."""
        if not self.path.exists():
            return []
        with self._connection(create=False) as connection:
            self._check_version(connection)
            return self._retry(lambda: _select_suggested_requests(connection))

    def prompt_hash(self, prompt_text: str) -> str | None:
        """The hash a prompt would be recorded under, to confirm it was checked."""
        if not self.path.exists():
            return None
        with self._connection(create=False) as connection:
            row = connection.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
        if row is None:
            return None
        return _hash(bytes.fromhex(row[0]), prompt_text)

    def report(self, since: str | None = None) -> dict:
        """Counts for the production's AI contact: who needs to know what was used, how."""
        records = self.records(since)
        count = Counter
        by_decision = count(r.decision for r in records)
        decisions = ("allow", "notify", "clearance", "block")
        return {
            "audit_trail": str(self.path),
            "since": since,
            "first": records[0].time if records else None,
            "last": records[-1].time if records else None,
            "total": len(records),
            "users": len({r.user for r in records}),
            "by_decision": {d: by_decision.get(d, 0) for d in decisions},
            "by_tool": _sorted(count(r.tool for r in records)),
            "by_purpose": _sorted(count(r.purpose for r in records)),
            "by_category": _sorted(count(c for r in records for c in r.categories)),
            "by_subject": _sorted(count(s for r in records for s in r.subjects)),
            "clearances_used": _sorted(count(c for r in records for c in r.clearances)),
            "requests": _sorted(count(r.request_id for r in records if r.request_id)),
        }

    # plumbing

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        except BaseException:
            connection.close()
            raise
        return connection

    @contextlib.contextmanager
    def _connection(self, create: bool) -> Iterator[sqlite3.Connection]:
        """A short connection for one read, closed afterwards."""
        with self._errors():
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = self._connect()
            try:
                yield connection
            finally:
                connection.close()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """SQLite and file-system errors as one-line `AuditError`s."""
        try:
            yield
        except AuditError:
            raise
        except sqlite3.OperationalError as error:
            if _is_busy(error):
                raise AuditError(
                    f"{self.path}: audit trail busy (locked by another process for over "
                    f"{self.timeout:g}s)"
                ) from None
            raise AuditError(f"{self.path}: audit trail error ({_one_line(error)})") from None
        except sqlite3.DatabaseError as error:
            raise AuditError(
                f"{self.path}: audit trail unreadable ({_one_line(error)}); "
                "move it aside to start a new one"
            ) from None
        except OSError as error:
            raise AuditError(f"{self.path}: {error.strerror or error}") from None

    def _ensure_schema(self, connection: sqlite3.Connection) -> bytes:
        """Create tables, WAL mode and the salt once; cheap when already done."""
        if self._salt is not None:
            return self._salt

        def setup() -> bytes:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise sqlite3.OperationalError("database is locked (journal mode)")
                connection.execute("BEGIN IMMEDIATE")
                try:
                    if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
                        # Statement by statement: executescript() would COMMIT first.
                        for statement in _SCHEMA.split(";"):
                            if statement.strip():
                                connection.execute(statement)
                        connection.execute(
                            "INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)",
                            (secrets.token_hex(32),),
                        )
                        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
            else:
                self._check_version(connection)
            row = connection.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            if row is None:
                raise AuditError(f"{self.path}: audit trail has no salt; move it aside")
            return bytes.fromhex(row[0])

        self._salt = self._retry(setup)
        return self._salt

    def _check_version(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise AuditError(
                f"{self.path}: written by a newer promptguard (schema {version}); upgrade"
            )

    def _retry(self, action: Callable[[], T]) -> T:
        """Run `action`, retrying with jittered backoff while another writer holds the lock."""
        for attempt in range(self.retries):
            try:
                return action()
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or attempt == self.retries - 1:
                    raise
                time.sleep(min(1.0, 0.01 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")


#: Every AuditLog of this process, so a forked child can drop its parent's connections.
_LIVE_LOGS: weakref.WeakSet[AuditLog] = weakref.WeakSet()
#: Connections inherited through fork: kept referenced so they are never closed in the child.
_INHERITED: list[sqlite3.Connection] = []


def _after_fork_in_child() -> None:
    for log in list(_LIVE_LOGS):
        log._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _sorted(counter: Counter) -> dict[str, int]:
    """Most frequent first, then alphabetical, so reports are stable."""
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
