"""Stable JSON report: `{"findings": [...], "errors": [...]}` (documented in README)."""

from __future__ import annotations

import json
from typing import TextIO

from promptguard.readers.records import ReadError
from promptguard.reports.rows import FindingRow, error_dict


def report_dict(rows: list[FindingRow], errors: list[ReadError], show_values: bool) -> dict:
    ordered = sorted(rows, key=lambda r: (r.path, r.line, r.start, r.finding.category))
    return {
        "findings": [row.to_dict(show_values) for row in ordered],
        "errors": [error_dict(error) for error in errors],
    }


def write_json(
    rows: list[FindingRow], errors: list[ReadError], out: TextIO, show_values: bool = False
) -> None:
    # One write: `json.dump` writes every token separately (~300,000 writes for a big log).
    out.write(json.dumps(report_dict(rows, errors, show_values), indent=2, ensure_ascii=False))
    out.write("\n")
