"""Human-readable report: findings grouped by file and line, values masked."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from promptguard.readers.records import ERROR, ReadError
from promptguard.reports.rows import FindingRow


def write_diagnostics(errors: list[ReadError], err: TextIO) -> None:
    """One line per read error ("warning:") or remark ("note:"), for stderr."""
    for error in errors:
        kind = "warning" if error.level == ERROR else "note"
        err.write(f"promptguard: {kind}: {error}\n")


def sort_key(row: FindingRow) -> tuple[str, int, int]:
    """The order of the text report's findings."""
    return (row.path, row.line, row.start)


def write_text(
    rows: list[FindingRow],
    errors: list[ReadError],
    out: TextIO,
    files_scanned: int | None = None,
    err: TextIO | None = None,
) -> None:
    """The report on `out`; what could not be read, and notes, on `err` (stderr), so a
    pipe that keeps the report never mixes them in."""
    write_text_sorted(sorted(rows, key=sort_key), errors, out, files_scanned, err)


def write_text_sorted(
    rows: Iterable[FindingRow],
    errors: list[ReadError],
    out: TextIO,
    files_scanned: int | None = None,
    err: TextIO | None = None,
) -> None:
    """`write_text` for rows already in `sort_key` order, written as they come."""
    current_path = None
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row.finding.category] += 1
        if row.path != current_path:
            if current_path is not None:
                out.write("\n")
            out.write(f"{row.path}\n")
            current_path = row.path
        where = f"{row.line}:{row.start + 1}"
        if row.field:
            where += f" {row.field}"
        finding = row.finding
        out.write(f"  {where}  {finding.category}/{finding.type}  {row.excerpt}\n")
        if finding.message:
            out.write(f"      {finding.message}\n")
    summary = ", ".join(f"{n} {category}" for category, n in counts.most_common())
    total = sum(counts.values())
    scanned = f" in {files_scanned} file(s)" if files_scanned is not None else ""
    if total:
        out.write(f"\n{total} finding(s){scanned}: {summary}\n")
    else:
        out.write(f"No findings{scanned}.\n")
    write_diagnostics(errors, err or sys.stderr)
