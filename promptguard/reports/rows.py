"""Report rows: findings located in their files, the one input every report writer takes.

Reports are where a secret could leak back out, so every writer works from `FindingRow`,
which carries a masked excerpt and no raw value unless the user asked (`--show-values`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from promptguard.findings import Finding
from promptguard.readers.records import ReadError, Record
from promptguard.reports.masking import excerpt


@dataclass(frozen=True)
class FindingRow:
    """A finding placed in its file: 1-based `line`, offsets within that line's text
    (for a structured log record: within the scanned field)."""

    path: str
    line: int
    field: str
    start: int
    end: int
    finding: Finding
    excerpt: str
    value: str | None = None

    def to_dict(self, show_values: bool = False) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "category": self.finding.category,
            "type": self.finding.type,
            "subject": self.finding.public_subject(show_values),
            "score": round(self.finding.score, 3),
            "message": self.finding.message,
            "analyzer": self.finding.analyzer,
            "excerpt": self.excerpt,
        }
        if show_values and self.value is not None:
            data["value"] = self.value
        return data


def finding_rows(
    record: Record, findings: Iterable[Finding], show_values: bool
) -> list[FindingRow]:
    """Place each finding of `record` at its file line and column."""
    findings = list(findings)
    rows = []
    for finding in findings:
        if record.field:
            line, start = record.line, finding.start
            context, shift = record.text, 0
        else:
            line, start = record.locate(finding.start)
            context = record.line_text(finding.start)
            shift = start - finding.start
        others = [
            (f.start + shift, f.end + shift)
            for f in findings
            if f is not finding and f.value_is_secret
        ]
        rows.append(
            FindingRow(
                path=record.path,
                line=line,
                field=record.field,
                start=start,
                end=start + finding.length,
                finding=finding,
                excerpt=excerpt(context, finding.shifted(shift), show_values, others=others),
                value=record.text[finding.start : finding.end] if show_values else None,
            )
        )
    return rows


def error_dict(error: ReadError) -> dict:
    return {"path": error.path, "line": error.line, "message": error.message, "level": error.level}


__all__ = ["FindingRow", "finding_rows", "error_dict"]
