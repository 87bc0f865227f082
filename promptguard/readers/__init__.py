"""Readers turn files, folders, logs and stdin into `Record`s; they know nothing of analyzers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from promptguard.readers.encoding import decode_text, encoding_note, looks_binary
from promptguard.readers.files import (
    SNIFF_BYTES,
    iter_files,
    read_text_file,
    text_records,
)
from promptguard.readers.logs import (
    filter_since,
    parse_log_line,
    read_csv,
    read_json_array,
    read_jsonl,
)
from promptguard.readers.records import ERROR, NOTICE, SKIPPED, ReadError, Record

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
JSON_SUFFIXES = frozenset({".json"})


@dataclass(frozen=True)
class ReadOptions:
    """Reader settings from the command line: the CSV prompt column and `--since`."""

    column: str | None = None
    since: datetime | None = None


DEFAULT_OPTIONS = ReadOptions()


def read_paths(
    paths: Iterable[Path], exclude: Iterable[str] = (), options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Record | ReadError]:
    """Records from every file under `paths`, each read by the reader its format needs."""
    roots = {Path(path) for path in paths}
    for item in iter_files(paths, exclude):
        if isinstance(item, ReadError):
            yield item
        elif item in roots:
            # named on the command line: a file that cannot be read as text is an error,
            # not a binary quietly skipped on a folder walk
            for result in read_path(item, options):
                if isinstance(result, ReadError) and result.level == SKIPPED:
                    result = replace(result, level=ERROR, message=_named(result.message))
                yield result
        else:
            yield from read_path(item, options)


def _named(message: str) -> str:
    return message.replace("skipped: binary file", "cannot scan: binary file, not text")


def read_path(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Record | ReadError]:
    """Records of one file, by its format; records older than `--since` are left out."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        records = read_jsonl(path)
    elif suffix in CSV_SUFFIXES:
        records = read_csv(path, options.column)
    elif suffix in JSON_SUFFIXES and _starts_with_array(path):
        records = read_json_array(path)
    elif suffix == ".pdf":
        records = read_pdf(path)
    else:
        records = read_text_file(path)
    return filter_since(records, options.since) if options.since else records


def read_pdf(path: Path, display: str | None = None) -> Iterator[Record | ReadError]:
    """The text layer of a PDF (lines counted in the extracted text, pages joined by a
    blank line); a PDF that cannot be read (truncated, encrypted, image only) is an error."""
    from promptguard.errors import ScriptReadError
    from promptguard.readers.files import MAX_FILE_BYTES
    from promptguard.readers.pdf import pdf_pages

    name = display or str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            yield ReadError(name, "not scanned: over the 20 MiB limit for a file")
            return
        data = path.read_bytes()
    except OSError as error:
        yield ReadError(name, f"cannot read: {error.strerror or error}")
        return
    try:
        pages = pdf_pages(data, name)
    except ScriptReadError as error:
        yield ReadError(name, str(error).removeprefix(f"{name}: "))
        return
    yield from text_records("\n\n".join(pages), name)


def _starts_with_array(path: Path) -> bool:
    """A `.json` file whose first non-blank character is `[` (a ChatGPT export or an array
    of log records); any other JSON file is scanned as text, line by line."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def read_blob(data: bytes, name: str) -> Iterator[Record | ReadError]:
    """Records of file content held in memory (a staged git blob): JSONL line by line,
    everything else as text with exact line numbers. Binary content is skipped."""
    if looks_binary(data):
        yield ReadError(name, "skipped: binary file", level=SKIPPED)
        return
    if Path(name).suffix.lower() in JSONL_SUFFIXES:
        for number, raw in enumerate(data.splitlines(), start=1):
            if raw.strip():
                yield from parse_log_line(raw, name, number)
        return
    text, encoding = decode_text(data)
    note = encoding_note(encoding)
    if note:
        yield ReadError(name, note, level=NOTICE)
    yield from text_records(text, name)


def read_stream_text(text: str, name: str = "<stdin>") -> Iterator[Record]:
    """Records of a text read from stdin or given by a caller."""
    return text_records(text, name)


__all__ = [
    "ReadOptions",
    "read_paths",
    "read_path",
    "read_blob",
    "read_stream_text",
    "Record",
    "ReadError",
]
