"""Staged git content as records: what the pre-commit hook scans, read from the index.

One `git cat-file --batch` reads every staged blob; binary and huge blobs are skipped with
a reason, promptguard's own state folder is never scanned. With explicit file names (the
pre-commit framework, after stashing unstaged changes) the working-tree files are read.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

from promptguard.errors import HookError
from promptguard.readers.records import ERROR, SKIPPED, ReadError, Record

#: Staged blobs larger than this are not prompts or notes (same limit as the file reader).
MAX_BLOB_BYTES = 20 * 1024 * 1024
#: Never scanned: promptguard's own state (baseline, clearances) describes findings.
SKIPPED_PREFIXES = (".promptguard/",)

# --- git ----------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except OSError as error:
        raise HookError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HookError(f"git {args[0]} failed: {message[0] if message else done.returncode}")
    return done.stdout


def git_root(cwd: Path | None = None) -> Path:
    """The top folder of the work tree (the hook runs there; paths are relative to it)."""
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd)
    except HookError:
        raise HookError("not inside a git work tree") from None
    return Path(out.decode("utf-8", "surrogateescape").strip())


def git_hooks_dir(cwd: Path | None = None) -> Path:
    """Where git looks for hooks (honours core.hooksPath and worktrees)."""
    out = _git(["rev-parse", "--git-path", "hooks"], cwd).decode("utf-8", "surrogateescape")
    path = Path(out.strip())
    return path if path.is_absolute() else (cwd or Path.cwd()) / path


def staged_paths(root: Path) -> list[str]:
    """Paths of added, copied, modified and renamed files in the index (not deletions)."""
    out = _git(
        ["diff", "--cached", "--name-only", "--diff-filter=ACMR", "--no-renames", "-z"], root
    )
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def staged_blobs(root: Path, paths: list[str]) -> Iterator[tuple[str, bytes | None, str]]:
    """(path, content, reason) of each staged file, read with one `git cat-file --batch`.

    `content` is None when the blob is skipped, with the reason (too large, not a file)."""
    simple = [p for p in paths if "\n" not in p and "\r" not in p]
    for path in paths:
        if path not in simple:  # --batch is line-based: read odd names one by one
            yield path, _git(["show", f":{path}"], root), ""
    if not simple:
        return
    request = "".join(f":{p}\n" for p in simple).encode("utf-8", "surrogateescape")
    out = _git(["cat-file", "--batch"], root, stdin=request)
    position = 0
    for path in simple:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            yield path, None, "skipped: not a file in the index (submodule?)"
            continue
        kind, size = header[1], int(header[2])
        data = out[position : position + size]
        position += size + 1
        if kind != b"blob":
            yield path, None, "skipped: not a file (submodule?)"
        elif size > MAX_BLOB_BYTES:
            yield path, None, f"skipped: {size // (1024 * 1024)} MiB is over the size limit"
        else:
            yield path, data, ""


def _excluded(path: str, patterns: list[str]) -> bool:
    if path.startswith(SKIPPED_PREFIXES):
        return True
    if not patterns:
        return False
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", patterns).match_file(path)


def staged_records(
    root: Path, files: list[str] | None, exclude: list[str], counter: list[int]
) -> Iterator[Record | ReadError]:
    """Records of the staged files (or, with `files`, of those working-tree files: the
    pre-commit framework passes names after stashing unstaged changes)."""
    from promptguard.readers import read_blob

    if files is None:
        sources = (
            (path, data, reason)
            for path, data, reason in staged_blobs(root, staged_paths(root))
            if not _excluded(path, exclude)
        )
    else:
        sources = (_read_worktree(root, name) for name in files)
    for path, data, reason in sources:
        if files is not None and _excluded(path, exclude):
            continue
        counter[0] += 1
        if data is None:
            # a file too large to be a prompt is left out like a binary; one that cannot be
            # read at all blocks the commit (fail closed)
            level = SKIPPED if reason.startswith("skipped:") else ERROR
            yield ReadError(path, reason, level=level)
        else:
            yield from read_blob(data, path)


def _read_worktree(root: Path, name: str) -> tuple[str, bytes | None, str]:
    path = Path(name)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        shown = absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = name
    try:
        size = absolute.stat().st_size
        if size > MAX_BLOB_BYTES:
            return shown, None, f"skipped: {size // (1024 * 1024)} MiB is over the size limit"
        return shown, absolute.read_bytes(), ""
    except OSError as error:
        return shown, None, f"cannot read: {error.strerror or error}"
