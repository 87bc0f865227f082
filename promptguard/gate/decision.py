"""The gate: findings x tool x purpose -> a `Decision`, after clearances, recorded for audit.

The gate knows nothing about how findings were made. It asks the policy table for the action
each finding triggers, adds the floor for the use itself (final deliverables always need
approval), lets valid clearances cover what needs approval, and keeps the strictest of what
is left. A `block` is never cleared: it means the material must not go to that tool at all.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from promptguard.config.load import Config, Tool
from promptguard.errors import AuditError, ClearanceError
from promptguard.findings import SENSITIVE_SUBJECT_CATEGORIES, Finding
from promptguard.gate.audit import AuditLog
from promptguard.gate.audit_records import AuditRecord, utc_timestamp
from promptguard.gate.clearances.store import (
    TAMPERED,
    UNVERIFIED,
    VALID,
    ClearanceState,
    ClearanceStore,
)
from promptguard.gate.clearances.subjects import request_id, subject_key
from promptguard.gate.policy import (
    CATEGORY_LABELS,
    USE_CATEGORY,
    action_for,
    strictest,
    use_action,
    validate_purpose,
    validate_tool_id,
)

#: Process exit code per decision: 0 go ahead, 1 blocked, 3 written approval needed.
EXIT_CODES: dict[str, int] = {"allow": 0, "notify": 0, "block": 1, "clearance": 3}


def exit_code(decision: str) -> int:
    """The exit code `check` uses for a decision."""
    return EXIT_CODES[decision]


@dataclass(frozen=True)
class FindingAction:
    """A finding, the action the policy gave it, and the clearance that covered it."""

    finding: Finding
    action: str
    cleared_by: str | None = None

    def to_dict(self, show_values: bool = False) -> dict[str, Any]:
        data = self.finding.to_dict(show_values)
        return {**data, "action": self.action, "cleared_by": self.cleared_by}


@dataclass
class Decision:
    """What the person may do with this prompt and this tool, and what to do next."""

    decision: str
    tool: Tool
    purpose: str
    findings: list[FindingAction] = field(default_factory=list)
    #: The floor from the use itself (the table's "nothing found" rows) and its clearance.
    use_action: str = "allow"
    use_cleared_by: str | None = None
    #: Clearances relied on to let the prompt through (none when the decision is block).
    clearances_used: list[str] = field(default_factory=list)
    #: Set when approval is needed: stable for the same items, tool and purpose.
    request_id: str | None = None
    #: (category, subject) pairs the request asks for; personal data by kind, never value.
    request_items: list[tuple[str, str]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    next_step: str = ""
    warnings: list[str] = field(default_factory=list)
    #: Why the scan was incomplete, when it was: the decision is then a fail-closed block.
    scan_failures: list[str] = field(default_factory=list)

    @property
    def enterprise(self) -> bool:
        return self.tool.enterprise

    @property
    def exit_code(self) -> int:
        return exit_code(self.decision)

    def to_dict(self, show_values: bool = False) -> dict[str, Any]:
        """The JSON of `check --format json`."""
        return {
            "decision": self.decision,
            "tool": self.tool.id,
            "tool_name": self.tool.display_name,
            "enterprise": self.tool.enterprise,
            "purpose": self.purpose,
            "findings": [f.to_dict(show_values) for f in self.findings],
            "use": {"action": self.use_action, "cleared_by": self.use_cleared_by},
            "clearances_used": list(self.clearances_used),
            "request_id": self.request_id,
            "next_step": self.next_step,
            "warnings": list(self.warnings),
            "scan_failures": list(self.scan_failures),
        }


@dataclass
class _Item:
    """One thing that may need approval: a (category, subject) for a finding, or the use."""

    category: str
    subject: str
    what: str
    action: str
    cleared_by: str | None = None


class Gate:
    """Applies a production's policy, clearances and audit trail to findings."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.clearances = ClearanceStore(config.state_dir)
        self.audit = AuditLog(config.state_dir)

    def decide(
        self,
        findings: Iterable[Finding],
        tool: str | None,
        purpose: str | None = None,
        prompt_text: str | None = None,
        user: str | None = None,
        record: bool = True,
        *,
        today: date | None = None,
        scan_failures: Iterable[str] = (),
    ) -> Decision:
        """Decide; raises ValueError only for a bad tool or purpose, never on findings.

        `scan_failures` says the scan was incomplete (an analyzer crashed, a model would not
        load): the gate then fails closed and blocks, since what was not looked at may hold
        exactly what the policy forbids."""
        failures = list(scan_failures)
        purpose = validate_purpose(purpose or self.config.default_purpose)
        if tool is not None:
            validate_tool_id(tool)
        tool_obj = self.config.resolve_tool(tool)
        findings = list(findings)
        warnings: list[str] = []

        items: dict[tuple[str, str], _Item] = {}
        per_finding: list[tuple[Finding, tuple[str, str]]] = []
        for finding in findings:
            key = (finding.category, subject_key(finding))
            if finding.severity == "info":
                # Shown and recorded, never a clearance or a block: e.g. a public-domain style.
                key = (finding.category, f"info:{key[1]}")
            if key not in items:
                action = (
                    "allow"
                    if finding.severity == "info"
                    else action_for(self.config, tool_obj, finding.category)
                )
                items[key] = _Item(key[0], key[1].removeprefix("info:"), _describe(finding), action)
            per_finding.append((finding, key))
        use = _Item(
            USE_CATEGORY,
            purpose,
            _describe_use(purpose),
            use_action(self.config, tool_obj, purpose),
        )

        needing = [item for item in (*items.values(), use) if item.action == "clearance"]
        if needing:
            states = self._states(today, warnings)
            self._cover(needing, states, tool_obj.id, purpose, warnings)

        left = [i.action for i in (*items.values(), use) if i.cleared_by is None]
        decision = "block" if failures else strictest(left)
        # Clearances "used" are the ones relied on to let the prompt through: none on a block.
        used = sorted({i.cleared_by for i in (*items.values(), use) if i.cleared_by})
        used = [] if decision == "block" else used
        request_items = (
            sorted((i.category, i.subject) for i in needing if i.cleared_by is None)
            if decision == "clearance"
            else []
        )
        result = Decision(
            decision=decision,
            tool=tool_obj,
            purpose=purpose,
            findings=[
                FindingAction(f, items[k].action, items[k].cleared_by) for f, k in per_finding
            ],
            use_action=use.action,
            use_cleared_by=use.cleared_by,
            clearances_used=used,
            request_id=request_id(request_items, tool_obj.id, purpose) if request_items else None,
            request_items=request_items,
            warnings=warnings,
        )
        all_items = [*items.values(), use]
        result.reasons = _reasons(all_items, tool_obj)
        result.next_step = _next_step(result, all_items, self.config.ai_contact)
        if failures:
            result.scan_failures = failures
            result.reasons = [f"scan incomplete: {failure}" for failure in failures]
            result.next_step = (
                "Blocked because the prompt could not be fully checked ("
                + "; ".join(failures)
                + "). Fix promptguard's installation or report it; do not send meanwhile."
            )
        if record:
            self._record(result, findings, prompt_text, user)
        return result

    def _states(self, today: date | None, warnings: list[str]) -> list[ClearanceState]:
        try:
            states = self.clearances.states(today)
        except ClearanceError as error:
            warnings.append(f"clearances ignored: {error}")
            return []
        tampered = [s.clearance.id for s in states if s.status == TAMPERED]
        if tampered:
            warnings.append(
                f"{len(tampered)} clearance(s) in {self.clearances.path} fail verification "
                f"and are ignored ({', '.join(tampered)}); see `promptguard clearance list`"
            )
        return states

    def _cover(
        self,
        needing: list[_Item],
        states: list[ClearanceState],
        tool_id: str,
        purpose: str,
        warnings: list[str],
    ) -> None:
        for item in needing:
            cover = self.clearances.covering(states, item.category, item.subject, tool_id, purpose)
            if cover is not None:
                item.cleared_by = cover.id
                continue
            for state in states:
                if state.status == VALID or not state.clearance.matches(
                    item.category, item.subject, tool_id, purpose
                ):
                    continue
                if state.status in (TAMPERED, UNVERIFIED):
                    warnings.append(
                        f"clearance {state.clearance.id} would cover {item.what} but is "
                        f"ignored: {state.detail}"
                    )
                else:
                    warnings.append(
                        f"clearance {state.clearance.id} for {item.what} no longer applies: "
                        f"{state.detail}"
                    )

    def _record(
        self,
        decision: Decision,
        findings: list[Finding],
        prompt_text: str | None,
        user: str | None,
    ) -> None:
        """Append to the audit trail. A failing trail does not change the decision (the
        policy is still enforced); the person sees a warning so it gets fixed."""
        record = AuditRecord(
            time=utc_timestamp(),
            user=user or _current_user(),
            tool=decision.tool.id,
            enterprise=decision.tool.enterprise,
            purpose=decision.purpose,
            decision=decision.decision,
            categories=sorted({f.category for f in findings}),
            subjects=sorted(
                {
                    f.subject
                    for f in findings
                    if f.subject and f.category not in SENSITIVE_SUBJECT_CATEGORIES
                }
            ),
            clearances=list(decision.clearances_used),
            request_id=decision.request_id,
        )
        pending = None
        if decision.request_id:
            pending = {
                "id": decision.request_id,
                "tool": decision.tool.id,
                "purpose": decision.purpose,
                "items": [{"category": c, "subject": s} for c, s in decision.request_items],
            }
        try:
            self.audit.append(record, prompt_text, pending)
        except AuditError as error:
            decision.warnings.append(f"audit trail not written: {error}")


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def _describe(finding: Finding) -> str:
    """A short name for what was found; personal data by kind only, never the value."""
    label = CATEGORY_LABELS.get(finding.category, finding.category)
    if finding.category in SENSITIVE_SUBJECT_CATEGORIES:
        return f"{label} ({finding.type})"
    if finding.severity == "info":
        return f"{finding.subject or finding.type} (an allowed reference, for the record)"
    if finding.subject:
        return f"{finding.subject} ({label})"
    return f"{label} ({finding.type})"


def _describe_use(purpose: str) -> str:
    if purpose == "final":
        return "use in a final deliverable"
    return f"use for {purpose}"


_ACTION_TEXT = {
    "block": "not allowed with this tool",
    "clearance": "needs written approval",
    "notify": "allowed, recorded for the AI contact",
}


def _reasons(items: list[_Item], tool: Tool) -> list[str]:
    reasons = []
    for item in items:
        if item.cleared_by:
            reasons.append(f"{item.what}: covered by clearance {item.cleared_by}")
        elif item.action != "allow":
            reasons.append(f"{item.what}: {_ACTION_TEXT[item.action]} ({tool.display_name})")
    return reasons


def _summary(items: list[_Item], limit: int = 3) -> str:
    names = [item.what for item in items]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _next_step(decision: Decision, items: list[_Item], contact: str) -> str:
    """One or two lines: what was found, why, who to ask, the request id."""
    who = contact or "your production's AI contact"
    tool = decision.tool.display_name
    open_items = [i for i in items if i.cleared_by is None and i.action == decision.decision]
    covered = (
        f" Covered by clearance {', '.join(decision.clearances_used)}."
        if decision.clearances_used
        else ""
    )
    if decision.decision == "block":
        kind = "an enterprise tool" if decision.tool.enterprise else "not an enterprise tool"
        fix = "" if decision.tool.enterprise else " or use an approved enterprise tool"
        return (
            f"Blocked: {_summary(open_items)} must not go to {tool} ({kind}).\n"
            f"Remove it from the prompt{fix}; questions: {who}."
        )
    if decision.decision == "clearance":
        return (
            f"Written approval needed to use {tool} ({decision.purpose}): "
            f"{_summary(open_items)}.{covered}\n"
            f"Ask {who}, quoting request {decision.request_id}: "
            f'promptguard clearance request {decision.request_id} --reason "..."'
        )
    if decision.decision == "notify":
        return f"Allowed with {tool}; {_summary(open_items)} is recorded for {who}.{covered}"
    if decision.clearances_used:
        return f"Allowed with {tool}.{covered}"
    return f"Allowed with {tool}: nothing needs approval."
