"""Readers turn files, folders, logs and stdin into `Record`s; they know nothing of analyzers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from promptguard.readers.files import iter_files, read_text_file, text_records
from promptguard.readers.logs import read_jsonl
from promptguard.records import ReadError, Record

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


def read_paths(paths: Iterable[Path], exclude: Iterable[str] = ()) -> Iterator[Record | ReadError]:
    """Records from every file under `paths`, each read by the reader its format needs."""
    for item in iter_files(paths, exclude):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_path(item)


def read_path(path: Path) -> Iterator[Record | ReadError]:
    """Records of one file, by its format."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        return read_jsonl(path)
    return read_text_file(path)


def read_stream_text(text: str, name: str = "<stdin>") -> Iterator[Record]:
    """Records of a text read from stdin or given by a caller."""
    return text_records(text, name)


__all__ = ["read_paths", "read_path", "read_stream_text", "Record", "ReadError"]
