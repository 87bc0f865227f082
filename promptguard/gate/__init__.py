"""The gate: turns findings into the production's decision (allow, notify, clearance, block).

Independent of how findings were made: it takes `Finding`s and a `Config`, applies the policy
table and the written approvals (clearances), and records every decision in the audit trail.
"""

from promptguard.errors import AuditError, ClearanceError
from promptguard.gate.audit import AuditLog
from promptguard.gate.audit_records import AuditRecord
from promptguard.gate.clearances.requests import ClearanceRequest, RequestStore
from promptguard.gate.clearances.store import Clearance, ClearanceStore
from promptguard.gate.clearances.subjects import canonical_subject
from promptguard.gate.decision import EXIT_CODES, Decision, FindingAction, Gate, exit_code
from promptguard.gate.policy import USE_CATEGORY, action_for, strictest

__all__ = [
    "EXIT_CODES",
    "USE_CATEGORY",
    "AuditError",
    "AuditLog",
    "AuditRecord",
    "Clearance",
    "ClearanceError",
    "ClearanceRequest",
    "ClearanceStore",
    "Decision",
    "FindingAction",
    "Gate",
    "RequestStore",
    "action_for",
    "canonical_subject",
    "exit_code",
    "strictest",
]
