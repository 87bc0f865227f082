"""Written approvals (clearances) and the requests that ask for them.

Clearances live in `.promptguard/clearances.toml`, one `[[clearance]]` table per approval,
sorted by id, so a production can commit them and review every change like code. Each entry
is signed with HMAC-SHA256 using a key kept OUTSIDE the repository (a file in the user's
config folder, or `$PROMPTGUARD_CLEARANCE_KEY` for CI and teams): someone who can edit the
repository but does not hold the key cannot widen, extend or un-revoke an approval; such an
entry is reported as tampered and ignored.

Personal data never enters these files: a personal_data clearance or request names the
kind of data (PERSON, PHONE_NUMBER), never the value.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path

from promptguard._util import atomic_write
from promptguard.config.load import PURPOSES
from promptguard.errors import ClearanceError
from promptguard.findings import SENSITIVE_SUBJECT_CATEGORIES, Finding
from promptguard.gate.audit import utc_timestamp
from promptguard.gate.policy import CLEARABLE_CATEGORIES, USE_CATEGORY

CLEARANCES_FILE = "clearances.toml"
REQUESTS_FILE = "requests.jsonl"
ENV_KEY = "PROMPTGUARD_CLEARANCE_KEY"
ENV_KEY_FILE = "PROMPTGUARD_KEY_FILE"
MIN_KEY_LENGTH = 16

#: Statuses shown by `clearance list`; only "valid" covers anything.
VALID, EXPIRED, REVOKED, TAMPERED, UNVERIFIED = (
    "valid",
    "expired",
    "revoked",
    "tampered",
    "unverified",
)

_TYPE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_FILE_HEADER = """\
# promptguard clearances: written approvals to use material with generative-AI tools.
# Managed with `promptguard clearance grant|revoke`; review changes like code.
# Every entry is signed with a key kept outside this repository: an entry edited by
# hand no longer verifies and is ignored (shown as "tampered" by `clearance list`).
"""


# --- subjects and request ids -------------------------------------------------------------


def canonical_subject(subject: str) -> str:
    """Case-, accent- and punctuation-insensitive form, so "Penélope Cruz" matches
    "penelope cruz" and "Jean-Luc" matches "Jean Luc"."""
    decomposed = unicodedata.normalize("NFKD", subject)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.split(r"[\W_]+", stripped.casefold())
    return " ".join(w for w in words if w)


def subject_key(finding: Finding) -> str:
    """What a clearance must name to cover a finding. For personal data that is the kind of
    data (its type), never the value, so approvals and requests can be committed safely."""
    if finding.category in SENSITIVE_SUBJECT_CATEGORIES:
        return finding.type
    return finding.subject or finding.type


def request_id(items: Iterable[tuple[str, str]], tool_id: str, purpose: str) -> str:
    """A stable id for "approve these items for this tool and purpose": re-running the same
    check gives the same id, so a request and its grant can refer to each other."""
    canonical = sorted({(category, canonical_subject(subject)) for category, subject in items})
    payload = json.dumps(
        {"items": canonical, "tool": tool_id.casefold(), "purpose": purpose},
        sort_keys=True,
        ensure_ascii=False,
    )
    return "rq-" + hashlib.sha256(payload.encode()).hexdigest()[:12]


def validate_item(category: str, subject: str) -> tuple[str, str]:
    """Check a (category, subject) pair a clearance or request may name."""
    if category not in CLEARABLE_CATEGORIES:
        raise ClearanceError(
            f"unknown category {category!r} (allowed: {', '.join(CLEARABLE_CATEGORIES)})"
        )
    subject = " ".join(subject.split())
    if not subject:
        raise ClearanceError("the subject must not be empty")
    if category in SENSITIVE_SUBJECT_CATEGORIES and not _TYPE_RE.match(subject):
        raise ClearanceError(
            f"for {category}, the subject is the kind of data (e.g. PERSON, PHONE_NUMBER), "
            "never the value itself"
        )
    if category == USE_CATEGORY and subject not in PURPOSES:
        raise ClearanceError(
            f"for {USE_CATEGORY}, the subject is a purpose ({', '.join(PURPOSES)})"
        )
    return category, subject


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


# --- clearances ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Clearance:
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

    def payload(self) -> bytes:
        """The canonical bytes the signature covers: every field but the signature."""
        data = asdict(self)
        data.pop("signature")
        return json.dumps(data, sort_keys=True, ensure_ascii=False).encode()

    def signed(self, key: bytes) -> Clearance:
        unsigned = replace(self, key_id=key_id(key), signature="")
        signature = hmac.new(key, unsigned.payload(), hashlib.sha256).hexdigest()
        return replace(unsigned, signature=signature)

    def verify(self, key: bytes) -> bool:
        expected = hmac.new(key, self.payload(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.signature)

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


# --- requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ClearanceRequest:
    """A pending ask for written approval: what, for which tool and purpose, and why."""

    id: str
    tool: str
    purpose: str
    items: list[tuple[str, str]] = field(default_factory=list)
    reason: str = ""
    requested_by: str = ""
    requested_at: str = ""

    @classmethod
    def build(
        cls,
        items: Iterable[tuple[str, str]],
        tool: str,
        purpose: str,
        reason: str = "",
        requested_by: str = "",
    ) -> ClearanceRequest:
        checked = sorted({validate_item(category, subject) for category, subject in items})
        if not checked:
            raise ClearanceError("a request needs at least one item")
        if purpose not in PURPOSES:
            raise ClearanceError(f"unknown purpose {purpose!r} (allowed: {', '.join(PURPOSES)})")
        if not tool or any(c.isspace() for c in tool):
            raise ClearanceError(f"invalid tool {tool!r}: give the tool id")
        return cls(
            id=request_id(checked, tool, purpose),
            tool=tool,
            purpose=purpose,
            items=checked,
            reason=" ".join(reason.split()),
            requested_by=requested_by,
            requested_at=utc_timestamp(),
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["items"] = [{"category": c, "subject": s} for c, s in self.items]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ClearanceRequest:
        items = [(str(i["category"]), str(i["subject"])) for i in data.get("items", [])]
        return cls(
            id=str(data["id"]),
            tool=str(data.get("tool", "")),
            purpose=str(data.get("purpose", "")),
            items=items,
            reason=str(data.get("reason", "")),
            requested_by=str(data.get("requested_by", "")),
            requested_at=str(data.get("requested_at", "")),
        )


class RequestStore:
    """`.promptguard/requests.jsonl`: one request per line, sorted by id, diff-friendly."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = Path(state_dir)
        self.path = self.state_dir / REQUESTS_FILE

    def load(self) -> list[ClearanceRequest]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as error:
            raise ClearanceError(f"{self.path}: cannot read: {error}") from None
        requests = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                requests.append(ClearanceRequest.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError):
                raise ClearanceError(f"{self.path}:{number}: not a valid request line") from None
        return requests

    def get(self, wanted: str) -> ClearanceRequest | None:
        return next((r for r in self.load() if r.id == wanted), None)

    def save(self, request: ClearanceRequest) -> None:
        """Add or update (same id: same items, the reason may change)."""
        with _file_lock(self.state_dir / ".requests.lock"):
            kept = [r for r in self.load() if r.id != request.id]
            lines = [
                json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True)
                for r in sorted([*kept, request], key=lambda r: r.id)
            ]
            _atomic_write(self.path, "\n".join(lines) + "\n")
