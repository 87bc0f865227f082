"""Clearance requests: what a `clearance` decision asks Legal to approve, kept until granted."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from promptguard.config.load import PURPOSES
from promptguard.errors import ClearanceError
from promptguard.gate.audit_records import utc_timestamp
from promptguard.gate.clearances.store import _atomic_write, _file_lock
from promptguard.gate.clearances.subjects import request_id, validate_item

REQUESTS_FILE = "requests.jsonl"

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
