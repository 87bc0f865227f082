"""Accepting findings on purpose: inline `promptguard: allow` comments and the baseline file.

Modelled on the secret scanners people already know (detect-secrets' `pragma: allowlist
secret`, gitleaks' `gitleaks:allow` and baseline files):

* **Inline**: a line holding `promptguard: allow personal_data` (several categories comma
  separated, or `all`) accepts findings of those categories on that same line and on the
  line right after it, so the comment can sit above a line it cannot share (a CSV row, a
  Markdown table). Inline comments are honoured in files only, never in a prompt being
  checked or in a prompt log: the author of a prompt must not be able to wave it through.
* **Baseline** (`.promptguard/baseline.json`, written by `promptguard baseline create`):
  accepts findings that already exist, by fingerprint. A fingerprint is the SHA-256 of the
  path, the category, the type and the finding's line with *every* finding on that line
  replaced by a placeholder. It never hashes the value itself: phone numbers and NIRs have so
  little entropy that a hash of one is as good as the number. It holds no line number either,
  so moving a line keeps it accepted and unrelated edits do not rewrite the file; editing the
  line itself makes it a new finding, to be looked at again. The file is sorted, one entry per
  line and free of timestamps, so two branches that both add entries merge cleanly.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from promptguard.errors import BaselineError
from promptguard.findings import CATEGORIES
from promptguard.readers.records import Record
from promptguard.reports.rows import FindingRow

BASELINE_FILENAME = "baseline.json"
BASELINE_VERSION = 1
#: Written into the baseline so a reviewer knows what the hashes are (and are not) made of.
FINGERPRINT_DOC = (
    "sha256 of path, category, type and the finding's line with every finding on it masked; "
    "never of a found value"
)
ALLOW_ALL = "all"

_PRAGMA = re.compile(r"promptguard:\s*allow\b[ \t]*([A-Za-z_-]+(?:[ \t]*,[ \t]*[A-Za-z_-]+)*)?")
_SPACES = re.compile(r"\s+")


# --- inline comments ---------------------------------------------------------------------


def allowed_categories(line: str) -> tuple[set[str], set[str]]:
    """Categories a line's `promptguard: allow` comment names, and names that are not
    categories (so a typo is reported instead of silently allowing nothing)."""
    allowed: set[str] = set()
    unknown: set[str] = set()
    for match in _PRAGMA.finditer(line):
        names = match.group(1)
        if not names:
            unknown.add("(none given)")
            continue
        for name in (n.strip().lower() for n in names.split(",")):
            if name == ALLOW_ALL or name in CATEGORIES:
                allowed.add(name)
            else:
                unknown.add(name)
    return allowed, unknown


def _line_at(text: str, number: int) -> str:
    """Line `number` (1-based) of `text`, or '' when out of range."""
    if number < 1:
        return ""
    lines = text.splitlines()
    return lines[number - 1] if number <= len(lines) else ""


def inline_allowed(record: Record, row: FindingRow) -> bool:
    """Whether an inline comment on the row's line, or the line before, accepts it.

    Records with a `field` (log entries) never honour comments: see the module docstring."""
    if record.field or "promptguard" not in record.text:
        return False
    local = row.line - record.line + 1
    for number in (local, local - 1):
        allowed, _ = allowed_categories(_line_at(record.text, number))
        if ALLOW_ALL in allowed or row.finding.category in allowed:
            return True
    return False


def unknown_pragmas(record: Record) -> list[tuple[int, str]]:
    """(line, name) of every `promptguard: allow` naming something that is not a category."""
    if record.field or "promptguard" not in record.text:
        return []
    found = []
    for index, line in enumerate(record.text.splitlines()):
        for name in sorted(allowed_categories(line)[1]):
            found.append((record.line + index, name))
    return found


# --- fingerprints ------------------------------------------------------------------------


def masked_context(record: Record, row: FindingRow, rows: Iterable[FindingRow]) -> str:
    """The row's line (or its log field) with every finding on it replaced by its type.

    Whitespace is collapsed so re-indenting a file keeps its baseline valid."""
    if record.field:
        text, spans = record.text, [(r.start, r.end, r.finding.type) for r in rows]
    else:
        text = _line_at(record.text, row.line - record.line + 1)
        spans = [(r.start, r.end, r.finding.type) for r in rows if r.line == row.line]
    pieces, cursor = [], 0
    for start, end, kind in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(f"\u0000{kind}\u0000")
        cursor = end
    pieces.append(text[cursor:])
    return _SPACES.sub(" ", "".join(pieces)).strip()


def fingerprint(path: str, category: str, kind: str, field_name: str, context: str) -> str:
    """Stable id of an accepted finding; see the module docstring for what goes in."""
    material = "\u0001".join(("promptguard-v1", path, field_name, category, kind, context))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def row_fingerprints(
    record: Record, rows: list[FindingRow], relpath: str | None = None
) -> list[str]:
    """Fingerprint of each row of one record (same order)."""
    path = relpath if relpath is not None else record.path
    return [
        fingerprint(
            path, r.finding.category, r.finding.type, record.field, masked_context(record, r, rows)
        )
        for r in rows
    ]


# --- the baseline file -------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineEntry:
    path: str
    category: str
    type: str
    fingerprint: str

    def to_dict(self) -> dict:
        return {"category": self.category, "fingerprint": self.fingerprint, "type": self.type}


@dataclass
class Baseline:
    """Accepted findings, by fingerprint; paths are relative to `root`."""

    root: Path
    entries: set[BaselineEntry] = field(default_factory=set)

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)

    def relpath(self, path: str) -> str:
        """The path as stored: relative to the project root, with forward slashes
        (a relative `path` is taken from the current folder)."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            return Path(path).as_posix().removeprefix("./")

    def accepts(self, print_: str) -> bool:
        return print_ in self.fingerprints

    def add(self, path: str, category: str, kind: str, print_: str) -> None:
        self.entries.add(BaselineEntry(path, category, kind, print_))

    def dumps(self) -> str:
        """Merge-friendly JSON: sorted, one entry per line, nothing that changes per run."""
        by_path: dict[str, list[BaselineEntry]] = {}
        for entry in self.entries:
            by_path.setdefault(entry.path, []).append(entry)
        lines = [
            "{",
            f'  "version": {BASELINE_VERSION},',
            f'  "fingerprint": {json.dumps(FINGERPRINT_DOC)},',
            '  "results": {',
        ]
        paths = sorted(by_path)
        for p_index, path in enumerate(paths):
            lines.append(f"    {json.dumps(path, ensure_ascii=False)}: [")
            ordered = sorted(by_path[path], key=lambda e: (e.category, e.type, e.fingerprint))
            for e_index, entry in enumerate(ordered):
                comma = "," if e_index < len(ordered) - 1 else ""
                lines.append(f"      {json.dumps(entry.to_dict(), sort_keys=True)}{comma}")
            lines.append("    ]" + ("," if p_index < len(paths) - 1 else ""))
        lines += ["  }", "}", ""]
        return "\n".join(lines)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.dumps(), encoding="utf-8")


def default_baseline_path(project_root: Path) -> Path:
    """`.promptguard/baseline.json` beside the clearances and the audit trail."""
    return project_root / ".promptguard" / BASELINE_FILENAME


def load_baseline(path: Path, root: Path | None = None) -> Baseline:
    """Read a baseline; a missing file is an empty baseline, a broken one an error."""
    root = root if root is not None else path.resolve().parent.parent
    baseline = Baseline(root=root)
    if not path.exists():
        return baseline
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: not a readable baseline: {error}") from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a promptguard baseline (version {BASELINE_VERSION})")
    for rel, items in results.items():
        if not isinstance(items, list):
            raise BaselineError(f"{path}: entries of {rel!r} must be a list")
        for item in items:
            try:
                baseline.add(rel, item["category"], item["type"], item["fingerprint"])
            except (KeyError, TypeError):
                raise BaselineError(
                    f"{path}: entry of {rel!r} needs category, type and fingerprint"
                ) from None
    return baseline


# --- applying both -----------------------------------------------------------------------


@dataclass
class Suppressor:
    """Drops the rows of a record that an inline comment or the baseline accepts."""

    inline: bool = True
    baseline: Baseline | None = None
    #: How many rows each mechanism dropped, for the summary line.
    inline_count: int = 0
    baseline_count: int = 0

    def filter(self, record: Record, rows: list[FindingRow]) -> list[FindingRow]:
        if not rows:
            return rows
        kept = rows
        if self.inline and not record.field:
            kept = [r for r in rows if not inline_allowed(record, r)]
            self.inline_count += len(rows) - len(kept)
        if self.baseline is not None and kept:
            rel = self.baseline.relpath(record.path)
            # Fingerprints mask every finding of the line, suppressed or not, so that an
            # inline comment added later does not change the baseline's hashes.
            prints = dict(zip(map(id, rows), row_fingerprints(record, rows, rel), strict=True))
            before = len(kept)
            kept = [r for r in kept if not self.baseline.accepts(prints[id(r)])]
            self.baseline_count += before - len(kept)
        return kept


def build_baseline(
    results: Iterable[object], root: Path, inline: bool = True
) -> tuple[Baseline, list]:
    """A baseline accepting every finding of `results` (scanner output) not already
    accepted by an inline comment; returns it with the read errors met on the way."""
    from promptguard.pipeline.scanner import ScanResult
    from promptguard.readers.records import ReadError
    from promptguard.reports.rows import finding_rows

    baseline = Baseline(root=root)
    errors: list = []
    for result in results:
        if isinstance(result, ReadError):
            errors.append(result)
            continue
        assert isinstance(result, ScanResult)
        for failure in result.failures:
            errors.append(ReadError(result.record.path, failure, result.record.line))
        record = result.record
        rows = finding_rows(record, result.findings, False)
        rel = baseline.relpath(record.path)
        for row, print_ in zip(rows, row_fingerprints(record, rows, rel), strict=True):
            if inline and inline_allowed(record, row):
                continue
            baseline.add(rel, row.finding.category, row.finding.type, print_)
    return baseline, errors
