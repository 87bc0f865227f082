"""The approval queue: every clearance request with its status, and the verdicts on them.

A request comes from two places: `promptguard clearance request ID --reason ...` saves it in
`.promptguard/requests.jsonl` (who asked, when, why), and every check that needs approval
records the request it suggests in the audit trail (which tool, purpose and items, how often,
by whom). The queue merges both by request id.

A request is **granted** when a live clearance names it (`clearance grant --request`, or the
approvals page), or when live clearances cover every one of its items for its tool and
purpose (a direct `clearance grant --category ... --subject ...`). It is **denied** when the
latest verdict on it says so and nobody asked again since. Otherwise it is **pending**; a
request whose clearances expired or were revoked is pending again, since a check of the same
prompt needs approval again.

Verdicts (`.promptguard/verdicts.jsonl`) record who approved or denied a request, when and
why, one JSON line each, signed with the clearance key like the clearances themselves: a
hand-written or edited verdict no longer verifies and is ignored.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from promptguard.errors import AuditError, ClearanceError
from promptguard.gate.audit import AuditLog
from promptguard.gate.audit_records import utc_timestamp
from promptguard.gate.clearances.requests import RequestStore
from promptguard.gate.clearances.signing import SignedRecord, load_key
from promptguard.gate.clearances.store import (
    EXPIRED,
    REVOKED,
    UNVERIFIED,
    VALID,
    Clearance,
    ClearanceState,
    ClearanceStore,
)
from promptguard.reports.masking import MASKED_VALUE_CATEGORIES, mask

VERDICTS_FILE = "verdicts.jsonl"
PENDING, GRANTED, DENIED = "pending", "granted", "denied"
GRANT, DENY = "granted", "denied"


@dataclass(frozen=True)
class Verdict(SignedRecord):
    """One approver's decision on one request, signed with the clearance key."""

    request_id: str
    verdict: str  # "granted" or "denied"
    by: str
    reason: str
    at: str
    clearances: list[str] = field(default_factory=list)
    #: When the written request it answers was made ("" for one only a check suggested):
    #: a later request for the same id reopens a denied one.
    requested_at: str = ""
    key_id: str = ""
    signature: str = ""


class VerdictLog:
    """`.promptguard/verdicts.jsonl`: append-only, one signed verdict per line."""

    def __init__(self, state_dir: Path) -> None:
        self.path = Path(state_dir) / VERDICTS_FILE

    def load(self, key: bytes | None) -> tuple[list[Verdict], int]:
        """Verified verdicts, oldest first, and how many lines failed verification."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return [], 0
        except (OSError, UnicodeDecodeError) as error:
            raise ClearanceError(f"{self.path}: cannot read: {error}") from None
        verdicts, rejected = [], 0
        for line in lines:
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                verdict = Verdict(
                    request_id=str(raw["request_id"]),
                    verdict=str(raw["verdict"]),
                    by=str(raw["by"]),
                    reason=str(raw.get("reason", "")),
                    at=str(raw["at"]),
                    clearances=[str(c) for c in raw.get("clearances", [])],
                    requested_at=str(raw.get("requested_at", "")),
                    key_id=str(raw.get("key_id", "")),
                    signature=str(raw.get("signature", "")),
                )
            except (ValueError, KeyError, TypeError):
                rejected += 1
                continue
            if verdict.verdict in (GRANT, DENY) and verdict.verify(key):
                verdicts.append(verdict)
            else:
                rejected += 1
        return verdicts, rejected

    def append(self, verdict: Verdict, key: bytes) -> Verdict:
        signed = verdict.signed(key)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(asdict(signed), ensure_ascii=False, sort_keys=True)
        try:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError as error:
            raise ClearanceError(f"cannot write {self.path}: {error.strerror or error}") from None
        return signed


@dataclass
class QueueEntry:
    """A request as an approver sees it: what, for which scope, who asked, its status."""

    id: str
    tool: str
    purpose: str
    items: list[tuple[str, str]]
    status: str = PENDING
    reason: str = ""
    requested_by: list[str] = field(default_factory=list)
    requested_at: str = ""
    first_seen: str = ""
    last_seen: str = ""
    checks: int = 0
    clearances: list[str] = field(default_factory=list)
    verdict: Verdict | None = None
    note: str = ""

    @property
    def categories(self) -> list[str]:
        return sorted({category for category, _ in self.items})

    def evidence(self) -> list[dict[str, str]]:
        """Each item as shown to approvers: the subject of a secret category (a code name, a
        script title) masked; for personal data only the kind of data, never a value."""
        shown = []
        for category, subject in self.items:
            if category == "personal_data":
                what = f"{subject} (value never recorded)"
            elif category in MASKED_VALUE_CATEGORIES:
                what = mask(subject)
            else:
                what = subject
            shown.append({"category": category, "evidence": what})
        return shown

    @property
    def when(self) -> str:
        return self.requested_at or self.first_seen

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "status": self.status,
            "tool": self.tool,
            "purpose": self.purpose,
            "categories": self.categories,
            "evidence": self.evidence(),
            "reason": self.reason,
            "requested_by": self.requested_by,
            "requested_at": self.requested_at,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "checks": self.checks,
            "clearances": self.clearances,
            "decided_by": self.verdict.by if self.verdict else "",
            "note": self.note,
        }


class ApprovalQueue:
    """Requests with their status; grant and deny them as a named approver."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = Path(state_dir)
        self.requests = RequestStore(self.state_dir)
        self.clearances = ClearanceStore(self.state_dir)
        self.verdicts = VerdictLog(self.state_dir)
        self.audit = AuditLog(self.state_dir)

    # reading

    def entries(self, today: date | None = None) -> list[QueueEntry]:
        """Every known request, newest first, each with its status."""
        key, _ = load_key(create=False)
        merged: dict[str, QueueEntry] = {}
        for suggested in self._suggested():
            merged[suggested.id] = suggested
        for saved in self.requests.load():
            entry = merged.get(saved.id) or QueueEntry(
                id=saved.id, tool=saved.tool, purpose=saved.purpose, items=list(saved.items)
            )
            entry.items = list(saved.items)
            entry.reason = saved.reason
            entry.requested_at = saved.requested_at
            if saved.requested_by and saved.requested_by not in entry.requested_by:
                entry.requested_by = [saved.requested_by, *entry.requested_by]
            merged[saved.id] = entry
        states = self.clearances.states(today, key)
        verdicts, _ = self.verdicts.load(key)
        latest = {verdict.request_id: verdict for verdict in verdicts}
        for entry in merged.values():
            _set_status(entry, states, latest.get(entry.id), key is not None)
        return sorted(merged.values(), key=lambda e: (e.last_seen or e.when, e.id), reverse=True)

    def pending(self, today: date | None = None) -> list[QueueEntry]:
        return [entry for entry in self.entries(today) if entry.status == PENDING]

    def get(self, wanted: str, today: date | None = None) -> QueueEntry | None:
        return next((e for e in self.entries(today) if e.id == wanted), None)

    def rejected_verdicts(self) -> int:
        key, _ = load_key(create=False)
        return self.verdicts.load(key)[1]

    def _suggested(self) -> list[QueueEntry]:
        try:
            rows = self.audit.suggested_requests()
        except AuditError:
            return []
        return [
            QueueEntry(
                id=row["id"],
                tool=row["tool"],
                purpose=row["purpose"],
                items=[(i["category"], i["subject"]) for i in row["items"]],
                requested_by=row["users"],
                first_seen=row["first_seen"],
                last_seen=row["last_seen"],
                checks=row["seen"],
            )
            for row in row_list(rows)
        ]

    # deciding

    def grant(
        self,
        request_id: str,
        approver: str,
        expires: str,
        reference: str,
        reason: str = "",
        today: date | None = None,
    ) -> tuple[list[Clearance], list[str]]:
        """Sign clearances for every item of a pending request, in its scope, and record
        who approved it and why."""
        entry = self._pending_entry(request_id, today)
        created, notes = self.clearances.grant_many(
            entry.items,
            expires,
            approver,
            reference,
            entry.tool,
            entry.purpose,
            entry.id,
            today,
        )
        key, _ = load_key(create=False)
        assert key is not None  # grant_many created it
        self.verdicts.append(
            Verdict(
                request_id=entry.id,
                verdict=GRANT,
                by=approver,
                reason=" ".join(reason.split()),
                at=utc_timestamp(),
                clearances=[c.id for c in created],
                requested_at=entry.requested_at,
            ),
            key,
        )
        return created, notes

    def deny(
        self, request_id: str, approver: str, reason: str, today: date | None = None
    ) -> Verdict:
        """Record a signed refusal; the request leaves the pending list."""
        reason = " ".join(reason.split())
        if not reason:
            raise ClearanceError("a denial needs a reason, for the person who asked")
        if not approver.strip():
            raise ClearanceError("a denial must name who denied it")
        entry = self._pending_entry(request_id, today)
        key, _ = load_key(create=True)
        assert key is not None
        verdict = Verdict(
            request_id=entry.id,
            verdict=DENY,
            by=approver.strip(),
            reason=reason,
            at=utc_timestamp(),
            requested_at=entry.requested_at,
        )
        return self.verdicts.append(verdict, key)

    def _pending_entry(self, request_id: str, today: date | None) -> QueueEntry:
        entry = self.get(request_id, today)
        if entry is None:
            raise ClearanceError(f"no request {request_id!r} (see `promptguard clearance list`)")
        if entry.status != PENDING:
            raise ClearanceError(f"request {request_id} is already {entry.status}")
        return entry


def row_list(rows: list[dict]) -> list[dict]:
    """Rows from the audit trail whose items are well formed (an old or odd row is skipped)."""
    good = []
    for row in rows:
        items = row.get("items")
        if isinstance(items, list) and all(
            isinstance(i, dict) and "category" in i and "subject" in i for i in items
        ):
            good.append(row)
    return good


def _live(state: ClearanceState, has_key: bool) -> bool:
    """A clearance that counts as given: valid, or (without the key, where nothing can be
    verified) neither revoked nor expired as far as the file says."""
    if state.status == VALID:
        return True
    if has_key or state.status != UNVERIFIED:
        return False
    expiry = state.clearance.expiry_date
    return not state.clearance.revoked and expiry is not None and expiry >= date.today()


def _set_status(
    entry: QueueEntry, states: list[ClearanceState], verdict: Verdict | None, has_key: bool
) -> None:
    naming = [s for s in states if s.clearance.request_id == entry.id]
    live = [s for s in states if _live(s, has_key)]
    covering = []
    for category, subject in entry.items:
        cover = next(
            (
                s.clearance.id
                for s in live
                if s.clearance.matches(category, subject, entry.tool, entry.purpose)
            ),
            None,
        )
        covering.append(cover)
    live_naming = [s.clearance.id for s in naming if _live(s, has_key)]
    entry.verdict = verdict
    if live_naming or (covering and all(covering)):
        entry.status = GRANTED
        entry.clearances = sorted(set(live_naming) | {c for c in covering if c})
        return
    asked_again = verdict is not None and entry.requested_at != verdict.requested_at
    if verdict is not None and verdict.verdict == DENY and not asked_again:
        entry.status = DENIED
        return
    entry.status = PENDING
    lapsed = [s for s in naming if s.status in (EXPIRED, REVOKED)]
    if lapsed:
        entry.note = "approved before; " + ", ".join(f"{s.clearance.id} {s.status}" for s in lapsed)
    elif verdict is not None and verdict.verdict == DENY:
        entry.note = f"denied by {verdict.by} on {verdict.at[:10]}, asked again since"
