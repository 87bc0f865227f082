"""Stable JSON report: `{"findings": [...], "errors": [...]}` (documented in README)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from promptguard.readers.records import ReadError
from promptguard.reports.rows import FindingRow, error_dict


def sort_key(row: FindingRow) -> tuple:
    """The order of the JSON report's findings."""
    return (row.path, row.line, row.start, row.finding.category)


def report_dict(rows: list[FindingRow], errors: list[ReadError], show_values: bool) -> dict:
    ordered = sorted(rows, key=sort_key)
    return {
        "findings": [row.to_dict(show_values) for row in ordered],
        "errors": [error_dict(error) for error in errors],
    }


def write_json(
    rows: list[FindingRow], errors: list[ReadError], out: TextIO, show_values: bool = False
) -> None:
    write_json_sorted(sorted(rows, key=sort_key), errors, out, show_values)


def write_json_sorted(
    rows: Iterable[FindingRow], errors: list[ReadError], out: TextIO, show_values: bool = False
) -> None:
    """The report of rows already in `sort_key` order, written as they come (a long log's
    report is never held in memory): the same text as `json.dumps(report_dict(...),
    indent=2)`, in one write per finding (`json.dump` writes every token separately)."""
    out.write('{\n  "findings": [')
    first = True
    for row in rows:
        item = json.dumps(row.to_dict(show_values), indent=2, ensure_ascii=False)
        out.write(("\n    " if first else ",\n    ") + item.replace("\n", "\n    "))
        first = False
    out.write("]" if first else "\n  ]")
    listed = json.dumps([error_dict(error) for error in errors], indent=2, ensure_ascii=False)
    out.write(',\n  "errors": ' + listed.replace("\n", "\n  ") + "\n}\n")
