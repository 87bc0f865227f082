"""Human-readable report: findings grouped by file and line, values masked."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from promptguard.readers.records import ReadError
from promptguard.reports.rows import FindingRow


def write_text(
    rows: list[FindingRow], errors: list[ReadError], out: TextIO, files_scanned: int | None = None
) -> None:
    current_path = None
    for row in sorted(rows, key=lambda r: (r.path, r.line, r.start)):
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
    for error in errors:
        out.write(f"warning: {error}\n")
    counts = Counter(row.finding.category for row in rows)
    summary = ", ".join(f"{n} {category}" for category, n in counts.most_common())
    total = len(rows)
    scanned = f" in {files_scanned} file(s)" if files_scanned is not None else ""
    if total:
        out.write(f"\n{total} finding(s){scanned}: {summary}\n")
    else:
        out.write(f"No findings{scanned}.\n")
    if errors:
        out.write(f"{len(errors)} item(s) could not be read fully (see warnings above).\n")
