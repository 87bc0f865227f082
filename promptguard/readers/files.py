"""Plain text and Markdown files, and folders of them.

Folders are walked recursively, honouring `.gitignore` files found on the way and the
configured excludes (gitwildmatch syntax, via `pathspec`), and skipping `.git`, binaries and
files too large to be prompts. Each text file becomes records of at most a few thousand
lines, so memory stays flat on large files and line numbers stay exact.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pathspec

from promptguard.nlp.language import language_signal
from promptguard.readers.encoding import decode_text, encoding_note, is_binary, looks_binary
from promptguard.readers.records import NOTICE, SKIPPED, ReadError, Record

__all__ = ["decode", "is_binary", "iter_files", "read_text_file", "text_records"]

#: Files larger than this are not prompts or notes; they are reported, not read.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Lines per record: large enough for multi-line context (addresses, scenes).
LINES_PER_RECORD = 2000
SNIFF_BYTES = 8192
ALWAYS_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".promptguard", "__pycache__", ".venv"})


def decode(data: bytes) -> tuple[str, bool]:
    """The text of `data` (UTF-8, else the encoding it was most likely written in, see
    `readers.encoding`) and whether it was plain UTF-8."""
    text, encoding = decode_text(data)
    return text, encoding_note(encoding) is None


def read_text_file(path: Path, display: str | None = None) -> Iterator[Record | ReadError]:
    """Records for one text file, or a `ReadError` saying why it could not be read."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            mib = size // (1024 * 1024)
            yield ReadError(name, f"not scanned: {mib} MiB is over the 20 MiB text file limit")
            return
        data = path.read_bytes()
    except OSError as error:
        yield ReadError(name, f"cannot read: {error.strerror or error}")
        return
    if looks_binary(data):
        yield ReadError(name, "skipped: binary file", level=SKIPPED)
        return
    text, encoding = decode_text(data)
    note = encoding_note(encoding)
    if note:
        yield ReadError(name, note, level=NOTICE)
    yield from text_records(text, name)


def text_records(text: str, path: str, first_line: int = 1) -> Iterator[Record]:
    """Split a text into records of at most `LINES_PER_RECORD` lines, one per run of
    paragraphs (or lines) in the same language, keeping line numbers.

    A file mixing English and French paragraphs is then read like a log: each record gets
    its own language, so a French paragraph is not parsed with the English model because
    the rest of the file is English."""
    lines = text.splitlines(keepends=True)
    for start, end in language_runs(lines):
        chunk = "".join(lines[start:end])
        if chunk.strip():
            yield Record(text=chunk, path=path, line=first_line + start)


#: A line switches language inside a paragraph only on this much more evidence for the
#: other language (two words or marks): a lone "a" or "de" does not split an address.
LINE_SWITCH_MARGIN = 2


def language_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges, each in one language and at most `LINES_PER_RECORD` long.

    Paragraphs (split at blank lines) take the language their words point to; a line with a
    clear signal of its own starts a run inside a paragraph; lines with no signal stay with
    the run they are in. A boundary never falls right after a `promptguard: allow` comment,
    which speaks for the line below it."""
    if not lines:
        return [(0, 0)]
    languages: list[str | None] = []
    paragraph: list[int] = []

    def close_paragraph() -> None:
        if not paragraph:
            return
        en, fr = language_signal("".join(lines[i] for i in paragraph))
        overall = None if en == fr else ("fr" if fr > en else "en")
        for index in paragraph:
            line_en, line_fr = language_signal(lines[index])
            if abs(line_en - line_fr) >= LINE_SWITCH_MARGIN:
                languages[index] = "fr" if line_fr > line_en else "en"
            else:
                languages[index] = overall
        paragraph.clear()

    for index, line in enumerate(lines):
        languages.append(None)
        if line.strip():
            paragraph.append(index)
        else:
            close_paragraph()
    close_paragraph()

    runs: list[tuple[int, int]] = []
    start, current = 0, None
    for index, language in enumerate(languages):
        switch = language is not None and current is not None and language != current
        full = index - start >= LINES_PER_RECORD
        if (switch or full) and index > start:
            cut = index
            if not full and cut - 1 > start and "promptguard:" in lines[cut - 1]:
                cut -= 1  # keep an allow comment with the line it speaks for
            runs.append((start, cut))
            start = cut
        if language is not None:
            current = language
    runs.append((start, len(lines)))
    return runs


def iter_files(
    paths: Iterable[Path], exclude: Iterable[str] = (), follow_gitignore: bool = True
) -> Iterator[Path | ReadError]:
    """Every file under `paths` that is not excluded, in a stable order."""
    excluded = pathspec.GitIgnoreSpec.from_lines(list(exclude))
    for root in paths:
        if not root.exists():
            yield ReadError(str(root), "no such file or directory")
        elif root.is_dir():
            yield from _walk(root, excluded, follow_gitignore)
        elif not excluded.match_file(root.name):
            yield root


def _walk(
    root: Path, excluded: pathspec.GitIgnoreSpec, follow_gitignore: bool
) -> Iterator[Path | ReadError]:
    ignores: list[tuple[Path, pathspec.GitIgnoreSpec]] = []

    def ignored(path: Path, is_dir: bool) -> bool:
        relative = path.relative_to(root).as_posix() + ("/" if is_dir else "")
        if excluded.match_file(relative):
            return True
        for base, spec in ignores:
            if path.is_relative_to(base):
                inner = path.relative_to(base).as_posix() + ("/" if is_dir else "")
                if spec.match_file(inner):
                    return True
        return False

    def on_error(error: OSError) -> None:
        raise error

    stack = [root]
    while stack:
        folder = stack.pop()
        if follow_gitignore and (folder / ".gitignore").is_file():
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
                ignores.append((folder, pathspec.GitIgnoreSpec.from_lines(lines.splitlines())))
            except OSError:
                pass
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            yield ReadError(str(folder), f"cannot list folder: {error.strerror or error}")
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in ALWAYS_SKIPPED_DIRS and not ignored(path, True):
                    subfolders.append(path)
            elif entry.is_file(follow_symlinks=False) and not ignored(path, False):
                yield path
        stack.extend(reversed(subfolders))
