"""The clearance file: signed `[[clearance]]` tables in `.promptguard/clearances.toml`.

Sorted by id, so a production can commit it and review every change like code; an entry
that no longer verifies is reported as tampered and ignored.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path

from promptguard._util import atomic_write
from promptguard.config.load import PURPOSES
from promptguard.errors import ClearanceError
from promptguard.gate.audit_records import utc_timestamp
from promptguard.gate.clearances.signing import ENV_KEY, SignedRecord, key_file, key_id, load_key
from promptguard.gate.clearances.subjects import canonical_subject, validate_item

CLEARANCES_FILE = "clearances.toml"

#: Statuses shown by `clearance list`; only "valid" covers anything.
VALID, EXPIRED, REVOKED, TAMPERED, UNVERIFIED = (
    "valid",
    "expired",
    "revoked",
    "tampered",
    "unverified",
)

_FILE_HEADER = """\
# promptguard clearances: written approvals to use material with generative-AI tools.
# Managed with `promptguard clearance grant|revoke`; review changes like code.
# Every entry is signed with a key kept outside this repository: an entry edited by
# hand no longer verifies and is ignored (shown as "tampered" by `clearance list`).
"""

# --- clearances ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Clearance(SignedRecord):
    """One written approval, as stored (and signed) in clearances.toml."""

    id: str
    category: str
    subject: str
    tool: str = ""
    purpose: str = ""
    expires: str = ""
    approved_by: str = ""
    reference: str = ""
    request_id: str = ""
    granted_at: str = ""
    revoked: bool = False
    revoked_at: str = ""
    key_id: str = ""
    signature: str = ""

    @property
    def expiry_date(self) -> date | None:
        try:
            return date.fromisoformat(self.expires)
        except ValueError:
            return None

    def matches(self, category: str, subject: str, tool_id: str, purpose: str) -> bool:
        """Same category and canonical subject, and inside the tool/purpose scope if any."""
        return (
            self.category == category
            and canonical_subject(self.subject) == canonical_subject(subject)
            and (not self.tool or self.tool.casefold() == tool_id.casefold())
            and (not self.purpose or self.purpose == purpose)
        )

    def scope(self) -> str:
        return f"tool {self.tool or 'any'}, purpose {self.purpose or 'any'}"

    def to_dict(self, status: str) -> dict:
        data = asdict(self)
        data.pop("signature")
        data["status"] = status
        return data


@dataclass(frozen=True)
class ClearanceState:
    """A clearance with its status today, and why when it is not valid."""

    clearance: Clearance
    status: str
    detail: str = ""


def parse_date(value: str, what: str = "date") -> date:
    """A strict YYYY-MM-DD date, or a one-line error naming what was expected."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise ClearanceError(f"{what} must be a date YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ClearanceError(f"{what} must be a real date YYYY-MM-DD, not {value!r}") from None


class ClearanceStore:
    """Reads, verifies and changes `.promptguard/clearances.toml`."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = Path(state_dir)
        self.path = self.state_dir / CLEARANCES_FILE

    # reading

    def load(self) -> list[Clearance]:
        """Every entry in the file, unverified; a missing file is an empty list."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as error:
            raise ClearanceError(f"{self.path}: cannot read: {error}") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ClearanceError(f"{self.path}: invalid TOML: {error}") from None
        entries = data.get("clearance", [])
        if not isinstance(entries, list):
            raise ClearanceError(f"{self.path}: 'clearance' must be an array of tables")
        return [self._entry(raw, index) for index, raw in enumerate(entries, 1)]

    def _entry(self, raw: object, index: int) -> Clearance:
        names = {f.name for f in fields(Clearance)}
        if not isinstance(raw, dict):
            raise ClearanceError(f"{self.path}: clearance #{index} is not a table")
        values: dict = {}
        for name, value in raw.items():
            if name not in names:
                continue  # an unknown key changes nothing the signature covers: ignored
            if isinstance(value, date):  # a hand-written TOML date
                value = value.isoformat()
            values[name] = value if name == "revoked" else str(value)
        values["revoked"] = values.get("revoked") is True
        for required in ("id", "category", "subject"):
            values.setdefault(required, "")
        return Clearance(**values)

    def states(self, today: date | None = None, key: bytes | None = None) -> list[ClearanceState]:
        """Every entry with its status. Without a key nothing can be verified, so nothing
        is valid: an approval must be provable, not just present."""
        if key is None:
            key, _ = load_key(create=False)
        today = today or date.today()
        current = key_id(key) if key else ""
        states = []
        for clearance in self.load():
            states.append(_state(clearance, key, current, today))
        return states

    def covering(
        self,
        states: list[ClearanceState],
        category: str,
        subject: str,
        tool_id: str,
        purpose: str,
    ) -> Clearance | None:
        """The first valid clearance covering the item, by id (deterministic)."""
        for state in states:
            if state.status == VALID and state.clearance.matches(
                category, subject, tool_id, purpose
            ):
                return state.clearance
        return None

    # writing

    def grant(
        self,
        category: str,
        subject: str,
        expires: str,
        approved_by: str,
        reference: str,
        tool: str | None = None,
        purpose: str | None = None,
        request_id: str | None = None,
        today: date | None = None,
    ) -> tuple[Clearance, list[str]]:
        """Sign and store one approval; returns it and notes for the user."""
        created, notes = self.grant_many(
            [(category, subject)], expires, approved_by, reference, tool, purpose, request_id, today
        )
        return created[0], notes

    def grant_many(
        self,
        items: list[tuple[str, str]],
        expires: str,
        approved_by: str,
        reference: str,
        tool: str | None = None,
        purpose: str | None = None,
        request_id: str | None = None,
        today: date | None = None,
    ) -> tuple[list[Clearance], list[str]]:
        """Grant every item at once (a whole request), all or nothing."""
        items = [validate_item(category, subject) for category, subject in items]
        if not items:
            raise ClearanceError("nothing to grant")
        self._validate_grant(expires, approved_by, reference, tool, purpose, today)
        key, note = load_key(create=True)
        assert key is not None
        notes = [note] if note else []
        with self._locked():
            existing = self.load()
            taken = {c.id for c in existing}
            created = []
            for category, subject in items:
                clearance = Clearance(
                    id=_new_id(taken),
                    category=category,
                    subject=subject,
                    tool=tool or "",
                    purpose=purpose or "",
                    expires=expires,
                    approved_by=approved_by.strip(),
                    reference=reference.strip(),
                    granted_at=utc_timestamp(),
                    request_id=request_id or "",
                ).signed(key)
                taken.add(clearance.id)
                created.append(clearance)
            self._write(existing + created)
        return created, notes

    def revoke(self, clearance_id: str) -> tuple[Clearance, bool]:
        """Mark revoked and re-sign; returns the entry and whether it changed."""
        key, _ = load_key(create=False)
        if key is None:
            raise ClearanceError(
                f"revoking needs the clearance key ({key_file()} or ${ENV_KEY}); "
                "without it, delete the entry from the file instead"
            )
        with self._locked():
            entries = self.load()
            for index, clearance in enumerate(entries):
                if clearance.id != clearance_id:
                    continue
                if clearance.revoked:
                    return clearance, False
                revoked = replace(clearance, revoked=True, revoked_at=utc_timestamp()).signed(key)
                entries[index] = revoked
                self._write(entries)
                return revoked, True
        raise ClearanceError(f"no clearance with id {clearance_id!r} (see `clearance list`)")

    def _validate_grant(
        self,
        expires: str,
        approved_by: str,
        reference: str,
        tool: str | None,
        purpose: str | None,
        today: date | None,
    ) -> None:
        if parse_date(expires, "--expires") < (today or date.today()):
            raise ClearanceError(f"--expires {expires} is in the past")
        if not approved_by.strip():
            raise ClearanceError("--approved-by must name who gave the written approval")
        if not reference.strip():
            raise ClearanceError("--reference must point to the written approval")
        if purpose and purpose not in PURPOSES:
            raise ClearanceError(f"unknown purpose {purpose!r} (allowed: {', '.join(PURPOSES)})")
        if tool is not None and (not tool.strip() or any(c.isspace() for c in tool)):
            raise ClearanceError(f"invalid tool {tool!r}: give the tool id")

    def _write(self, entries: list[Clearance]) -> None:
        chunks = [_FILE_HEADER]
        for clearance in sorted(entries, key=lambda c: c.id):
            chunks.append("\n[[clearance]]\n")
            for name, value in asdict(clearance).items():
                if value == "" or (name == "revoked" and not value):
                    continue
                chunks.append(f"{name} = {_toml_value(value)}\n")
        _atomic_write(self.path, "".join(chunks))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with _file_lock(self.state_dir / ".clearances.lock"):
            yield


def _state(clearance: Clearance, key: bytes | None, current: str, today: date) -> ClearanceState:
    if key is None:
        return ClearanceState(clearance, UNVERIFIED, "no clearance key on this machine")
    if not clearance.verify(key):
        if clearance.key_id and clearance.key_id != current:
            detail = f"signed with another key ({clearance.key_id}, this one is {current})"
            return ClearanceState(clearance, UNVERIFIED, detail)
        return ClearanceState(clearance, TAMPERED, "edited after signing: signature mismatch")
    if clearance.revoked:
        return ClearanceState(clearance, REVOKED, f"revoked {clearance.revoked_at}")
    expiry = clearance.expiry_date
    if expiry is None or expiry < today:
        return ClearanceState(clearance, EXPIRED, f"expired {clearance.expires}")
    return ClearanceState(clearance, VALID)


def _new_id(taken: set[str]) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    while True:
        candidate = f"cl-{stamp}-{secrets.token_hex(3)}"
        if candidate not in taken:
            return candidate


def _toml_value(value: object) -> str:
    """A TOML basic string (or boolean); readable, accents kept, control chars escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    out = []
    for char in str(value):
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _atomic_write(path: Path, text: str) -> None:
    """Write beside, then rename (`promptguard._util.atomic_write`), as a ClearanceError."""
    try:
        atomic_write(path, text)
    except OSError as error:
        raise ClearanceError(f"cannot write {path}: {error.strerror or error}") from None


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock, so two grants at once do not lose one another."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, rare concurrent grants
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a")  # noqa: SIM115 - held for the duration of the lock
    except OSError as error:
        raise ClearanceError(f"cannot lock {path}: {error.strerror or error}") from None
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
