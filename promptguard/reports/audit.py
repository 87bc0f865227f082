"""The audit report (`promptguard audit report`): the trail's summary as text, JSON or CSV.

The summary comes from `promptguard.gate.audit.AuditLog.summary`; it holds counts and the
subjects of non-personal findings, never a prompt or a personal value.
"""

from __future__ import annotations

import csv
import io
import json

REPORT_FORMATS: tuple[str, ...] = ("text", "json", "csv")

# --- rendering ----------------------------------------------------------------------------

_SECTIONS = (
    ("by_decision", "Decisions"),
    ("by_tool", "By tool"),
    ("by_purpose", "By purpose"),
    ("by_category", "By category"),
    ("by_subject", "Subjects (personal data never recorded)"),
    ("clearances_used", "Clearances used"),
    ("requests", "Clearance requests suggested"),
)


def render_report(report: dict, fmt: str, ai_contact: str = "") -> str:
    """The report as text (for people), JSON (for tools) or CSV (for spreadsheets)."""
    if fmt == "json":
        return json.dumps({**report, "ai_contact": ai_contact}, indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["section", "key", "count"])
        writer.writerow(["summary", "total", report["total"]])
        writer.writerow(["summary", "users", report["users"]])
        for key, _ in _SECTIONS:
            for name, number in report[key].items():
                writer.writerow([key.removeprefix("by_"), name, number])
        return buffer.getvalue().rstrip("\n")
    lines = [f"promptguard audit report ({report['audit_trail']})"]
    if ai_contact:
        lines.append(f"For the production's AI contact: {ai_contact}")
    if report["since"]:
        lines.append(f"Since: {report['since']}")
    if not report["total"]:
        lines.append("No checks recorded.")
        return "\n".join(lines)
    lines.append(
        f"Checks: {report['total']} by {report['users']} user(s), "
        f"{report['first']} to {report['last']}"
    )
    for key, title in _SECTIONS:
        if report[key]:
            items = ", ".join(f"{name} {number}" for name, number in report[key].items())
            lines.append(f"{title}: {items}")
    return "\n".join(lines)
