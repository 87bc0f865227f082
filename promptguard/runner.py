"""Wire the data flow for the command line: readers -> scanner -> located rows.

Kept out of `cli` so the same flow serves the git hook, the service and tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from promptguard.readers import read_paths, read_stream_text
from promptguard.records import ReadError, Record
from promptguard.reports import FindingRow, finding_rows
from promptguard.scanner import Scanner, ScanResult


@dataclass
class ScanReport:
    rows: list[FindingRow] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    records: int = 0
    sources: set[str] = field(default_factory=set)

    @property
    def max_score(self) -> float:
        return max((row.finding.score for row in self.rows), default=0.0)


def collect(
    scanner: Scanner,
    items: Iterable[Record | ReadError],
    show_values: bool = False,
    language: str | None = None,
) -> ScanReport:
    """Scan every record; keep located findings, read errors and analyzer failures."""
    report = ScanReport()
    for result in scanner.scan_records(items, language=language):
        if isinstance(result, ReadError):
            report.errors.append(result)
            report.sources.add(result.path)
            continue
        assert isinstance(result, ScanResult)
        report.records += 1
        report.sources.add(result.record.path)
        report.rows.extend(finding_rows(result.record, result.findings, show_values))
        for failure in result.failures:
            report.errors.append(ReadError(result.record.path, failure, result.record.line))
    return report


def scan_paths(
    scanner: Scanner,
    paths: list[Path],
    exclude: Iterable[str] = (),
    show_values: bool = False,
    language: str | None = None,
) -> ScanReport:
    return collect(scanner, read_paths(paths, exclude), show_values, language)


def scan_stdin_text(
    scanner: Scanner, text: str, show_values: bool = False, language: str | None = None
) -> ScanReport:
    return collect(scanner, read_stream_text(text), show_values, language)
