"""The git pre-commit hook: scan what is about to be committed, and only that.

The hook reads the **staged** content of added, copied, modified and renamed files straight
from the index (`git cat-file --batch`, one process for all files), never the working tree:
an unstaged edit must neither block a clean commit nor hide a staged leak. Binary and huge
blobs are skipped. Inline `promptguard: allow` comments and the baseline
(`.promptguard/baseline.json`) accept findings on purpose (see `promptguard.pipeline.suppress`).

A blocked commit prints file:line, category and a masked excerpt (never the value) and how
to fix or accept it. Exit codes: 0 pass, 1 blocked, 2 cannot scan (not a repository, bad
configuration, an analyzer failed): the hook fails closed, an unscanned file never passes.

Start-up cost matters here: nothing heavy is imported before a file needs scanning, and the
NLP model loads only if some staged text could hold what a model-based analyzer looks for.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from promptguard._util import one_line as _one_line
from promptguard.errors import HookError
from promptguard.readers.git import git_hooks_dir, git_root, staged_records
from promptguard.readers.records import ReadError, Record

#: Marker that identifies a hook written by `promptguard hook install`.
HOOK_MARKER = "# promptguard-managed-hook"
#: The installed `.git/hooks/pre-commit`; `@PYTHON@` becomes the interpreter that installed
#: it, so the hook works from GUIs and shells where the virtualenv is not on PATH.
#: Kept identical to hooks/pre-commit (a test checks it).
HOOK_TEMPLATE = """#!/bin/sh
# promptguard-managed-hook
# promptguard pre-commit hook: scans the staged content of this commit for personal data,
# unreleased script material and other content that must not leak into generative-AI tools.
# Installed by `promptguard hook install`; to skip it once (careful): git commit --no-verify
PROMPTGUARD_PYTHON="${PROMPTGUARD_PYTHON:-@PYTHON@}"
if "$PROMPTGUARD_PYTHON" -c "import promptguard" >/dev/null 2>&1; then
    exec "$PROMPTGUARD_PYTHON" -m promptguard.githook "$@"
fi
if command -v promptguard >/dev/null 2>&1; then
    exec promptguard hook run "$@"
fi
echo "promptguard: not installed (looked for $PROMPTGUARD_PYTHON and promptguard);" \\
    "commit blocked. Install it or set PROMPTGUARD_PYTHON." >&2
exit 2
"""
DEFAULT_PYTHON = "python3"

EXIT_OK, EXIT_BLOCKED, EXIT_ERROR = 0, 1, 2

# --- the scan ------------------------------------------------------------------------------


@dataclass
class HookResult:
    """What the hook found in the staged content."""

    report: object  # runner.ScanReport; typed loosely to keep the import lazy
    failures: list[ReadError] = field(default_factory=list)
    files: int = 0

    @property
    def blocked(self) -> bool:
        return bool(self.report.rows)  # type: ignore[attr-defined]


def run_hook(
    cwd: Path | None = None,
    files: list[str] | None = None,
    config_path: Path | None = None,
) -> HookResult:
    """Scan the staged content of the repository containing `cwd`."""
    from promptguard.config.load import load_config
    from promptguard.pipeline.runner import ScanReport
    from promptguard.pipeline.scanner import ScanResult
    from promptguard.pipeline.suppress import Suppressor, default_baseline_path, load_baseline

    root = git_root(cwd)
    config = load_config(config_path, start=root)
    baseline = load_baseline(default_baseline_path(root), root=root)
    suppressor = Suppressor(inline=True, baseline=baseline)
    report = ScanReport()
    result = HookResult(report)
    counter = [0]
    previous = Path.cwd()
    os.chdir(root)  # baseline paths and file names are relative to the work tree's top
    try:
        items = list(staged_records(root, files, config.exclude, counter))
        records = [item for item in items if isinstance(item, Record)]
        scanner = None
        if records:  # nothing to scan (deletions, binaries only): never load an analyzer
            from promptguard.pipeline.scanner import Scanner

            scanner = Scanner(config)
        stream = scanner.scan_records(items) if scanner else iter(items)
        for scanned in stream:
            report.add(scanned, show_values=False, suppressor=suppressor)
            if isinstance(scanned, ScanResult):
                for failure in scanned.failures:
                    result.failures.append(
                        ReadError(scanned.record.path, failure, scanned.record.line)
                    )
    finally:
        os.chdir(previous)
    result.files = counter[0]
    return result


# --- output --------------------------------------------------------------------------------


def print_result(result: HookResult, out: TextIO) -> int:
    """Tell the committer what blocks the commit and how to fix it; return the exit code."""
    report = result.report
    failures = {(f.path, f.line, f.message) for f in result.failures}
    unread = [e for e in report.errors if e.lost and (e.path, e.line, e.message) not in failures]  # type: ignore[attr-defined]
    notes = [e for e in report.errors if not e.lost]  # type: ignore[attr-defined]
    for note in notes:
        out.write(f"promptguard: note: {note}\n")
    if result.failures or unread:
        for failure in [*unread, *result.failures]:
            out.write(f"promptguard: could not scan {failure}\n")
        out.write(
            "promptguard: commit blocked: staged content could not be fully scanned "
            "(fail closed). Fix the error above and commit again.\n"
        )
        return EXIT_ERROR
    rows = sorted(report.rows, key=lambda r: (r.path, r.line, r.start))  # type: ignore[attr-defined]
    if not rows:
        return EXIT_OK
    files = len({row.path for row in rows})
    out.write(f"promptguard: commit blocked: {len(rows)} finding(s) in {files} staged file(s)\n\n")
    for row in rows:
        finding = row.finding
        out.write(
            f"  {row.path}:{row.line}:{row.start + 1}  {finding.category}/{finding.type}  "
            f"{row.excerpt}\n"
        )
        if finding.message:
            out.write(f"      {finding.message}\n")
    categories = sorted({row.finding.category for row in rows})
    out.write(
        "\nTo fix: remove or replace the value, then `git add` the file again.\n"
        "If it is intended, accept it with a comment on that line or the line above:\n"
        f"    promptguard: allow {','.join(categories)}\n"
        "To accept every finding that exists today: `promptguard baseline create`, then commit\n"
        "    .promptguard/baseline.json (fingerprints only, never the values).\n"
        "To skip the check once (careful): git commit --no-verify\n"
    )
    return EXIT_BLOCKED


def main(argv: list[str] | None = None) -> int:
    """What the installed hook runs: `python -m promptguard.githook [FILES...]`."""
    args = list(sys.argv[1:] if argv is None else argv)
    files = args or None
    try:
        result = run_hook(files=files)
    except KeyboardInterrupt:
        sys.stderr.write("promptguard: interrupted; commit blocked\n")
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - a hook never shows a traceback
        sys.stderr.write(f"promptguard: commit blocked: {_one_line(error)}\n")
        return EXIT_ERROR
    return print_result(result, sys.stderr)


def hook_script(python: str | None = None) -> str:
    """The pre-commit script, pinned to `python` (default: this interpreter)."""
    return HOOK_TEMPLATE.replace("@PYTHON@", python or sys.executable)


def is_promptguard_hook(path: Path) -> bool:
    try:
        return HOOK_MARKER in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def install_hook(cwd: Path | None = None, force: bool = False) -> Path:
    """Write the pre-commit hook; a hook written by something else is kept unless `force`."""
    git_root(cwd)
    hooks = git_hooks_dir(cwd)
    target = hooks / "pre-commit"
    if target.exists() and not is_promptguard_hook(target) and not force:
        raise HookError(
            f"{target} exists and was not written by promptguard; keep it and call "
            "`promptguard hook run` from it, or replace it with --force"
        )
    hooks.mkdir(parents=True, exist_ok=True)
    target.write_text(hook_script(), encoding="utf-8")
    target.chmod(0o755)
    return target
