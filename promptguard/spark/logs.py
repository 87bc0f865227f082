"""Prompt logs into a Spark DataFrame of records, with `promptguard scan`'s own readers.

JSON Lines, CSV, ChatGPT exports and text files are read whole per file (Spark's
`binaryFile` source) and parsed on the executors by the functions `promptguard scan` uses
(`parse_log_line`, `read_csv`, `read_json_array`, `read_text_file`), so the same fields are
found (`prompt`, `text`, `content`, `input`, `messages[].content`, also under `request` /
`body`...), the same lines are reported, and the offsets are the same. Parquet is read by
Spark, each row as the JSON object it would be in a JSON Lines log.

Every record gets an id: the log's own (`id_col`, by default `id`) when the record has one,
else `PATH:LINE` (for Parquet, `PATH:ROW`). One log line can hold several records (a chat
request's messages): they share the id and differ by `field`. What cannot be read becomes a
row with a `reason` instead of a text: the errors output, never a silent gap.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyspark.sql.types import StringType, StructField, StructType

from promptguard.readers import CSV_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES
from promptguard.readers.files import read_text_file
from promptguard.readers.logs import (
    MAX_LINE_BYTES,
    before_since,
    parse_log_line,
    read_csv,
    read_json_array,
    record_meta,
)
from promptguard.readers.records import ReadError, Record

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: One row per record to scan (`reason` null) or per thing that could not be read (`text`
#: null, `reason` set).
READ_SCHEMA = StructType(
    [
        StructField("id", StringType(), True),
        StructField("field", StringType(), True),
        StructField("tool", StringType(), True),
        StructField("text", StringType(), True),
        StructField("reason", StringType(), True),
    ]
)

INPUT_FORMATS = ("auto", "jsonl", "csv", "json", "text", "parquet")
PARQUET_SUFFIXES = frozenset({".parquet", ".parq"})


def read_logs(
    spark: SparkSession,
    path: str,
    input_format: str = "auto",
    *,
    text_col: str | None = None,
    id_col: str = "id",
    since: datetime | None = None,
) -> DataFrame:
    """Records (and read problems) of the log(s) at `path`: a file, a folder (read
    recursively) or a glob, on any file system Spark reads."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r} ({', '.join(INPUT_FORMATS)})")
    if input_format == "parquet" or (input_format == "auto" and _is_parquet(path)):
        return _read_parquet(spark, path, text_col, id_col, since)
    files = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(path)
        .select("path", "content")
    )
    options = (input_format, text_col, id_col, since)
    records = files.rdd.flatMap(lambda row: read_file(row.path, row.content, *options))
    return spark.createDataFrame(records, READ_SCHEMA)


def _is_parquet(path: str) -> bool:
    """A `.parquet` file, or a local folder of them (what Spark itself writes)."""
    if Path(path).suffix.lower() in PARQUET_SUFFIXES:
        return True
    local = Path(_display(path))
    return local.is_dir() and any(local.glob("*.parquet"))


def _read_parquet(
    spark: SparkSession, path: str, text_col: str | None, id_col: str, since: datetime | None
) -> DataFrame:
    """Each Parquet row as the JSON object a JSON Lines log would hold for it."""
    from pyspark.sql import functions as F

    frame = spark.read.parquet(path)
    as_json = frame.select(F.to_json(F.struct(*[F.col(f"`{c}`") for c in frame.columns])))
    rows = as_json.rdd.map(lambda row: row[0]).zipWithIndex()
    name = _display(path)

    def records(item: tuple[str, int]) -> Iterator[tuple]:
        raw, index = item
        yield from log_line_rows(raw.encode("utf-8"), name, index + 1, text_col, id_col, since)

    return spark.createDataFrame(rows.flatMap(records), READ_SCHEMA)


def read_file(
    path: str,
    content: bytes,
    input_format: str = "auto",
    text_col: str | None = None,
    id_col: str = "id",
    since: datetime | None = None,
) -> Iterator[tuple]:
    """READ_SCHEMA rows of one log file, by its format (its suffix when `auto`)."""
    name = _display(path)
    suffix = Path(name).suffix.lower()
    kind = input_format if input_format != "auto" else _kind(suffix, content)
    if kind == "jsonl":
        for number, raw in enumerate(BytesIO(content), start=1):
            if not raw.strip():
                continue
            if len(raw) > MAX_LINE_BYTES:
                yield _error_row(ReadError(name, "skipped: line over the size limit", number))
                continue
            yield from log_line_rows(raw, name, number, text_col, id_col, since)
        return
    if kind == "csv":
        ids = _csv_ids(content, id_col, suffix)
        items = _with_file(content, suffix, lambda p: read_csv(p, text_col, display=name))
        for item in items:
            if isinstance(item, ReadError):
                yield _error_row(item)
            elif not before_since(item.meta, since):
                yield _record_row(item, ids.get(item.line))
        return
    reader = read_json_array if kind == "json" else read_text_file
    for item in _with_file(content, suffix, lambda p: reader(p, display=name)):
        if isinstance(item, ReadError):
            yield _error_row(item)
        elif not before_since(item.meta, since):
            yield _record_row(item, None)


def _kind(suffix: str, content: bytes) -> str:
    """The reader `promptguard scan` would pick for a file (`readers.read_path`)."""
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in JSON_SUFFIXES and content[:8192].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        return "json"
    return "text"


def log_line_rows(
    raw: bytes,
    name: str,
    number: int,
    text_col: str | None,
    id_col: str,
    since: datetime | None,
) -> Iterator[tuple]:
    """READ_SCHEMA rows of one JSON Lines line, parsed by `promptguard scan`'s own parser."""
    data = _json_object(raw)
    record_id = _record_id(data, id_col)
    if text_col is not None:
        yield from _column_rows(data, raw, name, number, text_col, record_id, since)
        return
    for item in parse_log_line(raw, name, number):
        if isinstance(item, ReadError):
            yield _error_row(item, record_id)
        elif not before_since(item.meta, since):
            yield _record_row(item, record_id)


def _column_rows(
    data: dict | None,
    raw: bytes,
    name: str,
    number: int,
    text_col: str,
    record_id: str | None,
    since: datetime | None,
) -> Iterator[tuple]:
    """`--text-col`: the one named field of a JSON record, not the usual prompt fields."""
    if data is None:  # not a JSON object: the usual parser says why
        for item in parse_log_line(raw, name, number):
            if isinstance(item, ReadError):
                yield _error_row(item, record_id)
        return
    meta = record_meta(data)
    value = data.get(text_col)
    if not isinstance(value, str):
        yield _error_row(ReadError(name, f"no text in {text_col!r}", number), record_id)
    elif value.strip() and not before_since(meta, since):
        yield _record_row(Record(value, name, number, text_col, meta), record_id)


def _json_object(raw: bytes) -> dict | None:
    try:
        data = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _record_id(data: dict | None, id_col: str) -> str | None:
    value = data.get(id_col) if data is not None else None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def _record_row(record: Record, record_id: str | None) -> tuple:
    tool = record.meta.get("tool")
    return (
        record_id or f"{record.path}:{record.line}",
        record.field,
        None if tool in (None, "") else str(tool),
        record.text,
        None,
    )


def _error_row(error: ReadError, record_id: str | None = None) -> tuple:
    where = f"{error.path}:{error.line}" if error.line else error.path
    return (record_id or where, None, None, None, error.message)


def _csv_ids(content: bytes, id_col: str, suffix: str) -> dict[int, str]:
    """Row's first physical line -> the row's `id_col` cell, counted as `read_csv` counts."""
    text = content.decode("utf-8-sig", errors="replace")
    dialect = csv.excel_tab if suffix == ".tsv" else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)  # as read_csv's open()
    ids: dict[int, str] = {}
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if id_col.lower() not in header:
            return ids
        column = header.index(id_col.lower())
        start = reader.line_num + 1
        for row in reader:
            if column < len(row) and row[column]:
                ids[start] = row[column]
            start = reader.line_num + 1
    except csv.Error:
        pass  # read_csv reports the bad row; its records fall back to PATH:LINE
    return ids


def _with_file(content: bytes, suffix: str, read: Any) -> Iterator[Record | ReadError]:
    """Run a path-based reader of `promptguard.readers` on bytes, through a temporary file."""
    descriptor, name = tempfile.mkstemp(prefix="promptguard-", suffix=suffix)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        yield from read(Path(name))
    finally:
        os.unlink(name)


def _display(path: str) -> str:
    """A local file's path without Spark's `file:` scheme; other URIs unchanged."""
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


__all__ = ["INPUT_FORMATS", "READ_SCHEMA", "read_file", "read_logs"]
