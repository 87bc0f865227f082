"""The executor side of `scan_dataframe`: one warm `Scanner` per Python worker process.

Spark runs the function of `mapInPandas` in Python worker processes that it keeps for the
next task (`spark.python.worker.reuse`, on by default), so the scanner built for the first
batch a worker sees stays in this module's cache and every later batch of every later task
of that worker scans with warm models. Nothing here imports pyspark at module level: the
functions take and return pandas frames, and the tests can call them without a JVM.

Every input row comes out as findings, an error row, or nothing (a record that was scanned
and holds nothing). A record that could not be scanned (no text, too long, an analyzer or
the scanner failing) becomes an error row with its id and the reason: never a silent gap.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from promptguard._util import one_line
from promptguard.config.load import Config, Tool
from promptguard.findings import Finding
from promptguard.readers.records import Record

#: Column names of the frame every batch is turned into: the findings columns and `reason`,
#: set only on error rows (see `promptguard.spark.RESULT_SCHEMA`).
RESULT_COLUMNS = (
    "id",
    "field",
    "tool",
    "category",
    "type",
    "start",
    "end",
    "score",
    "severity",
    "decision",
    "subject",
    "message",
    "analyzer",
    "value",
    "reason",
)

#: Input columns `scan_dataframe` selects before `mapInPandas` (fixed names, whatever the
#: caller's columns are called).
ID, TEXT, FIELD, TOOL = "_pg_id", "_pg_text", "_pg_field", "_pg_tool"

#: A non-enterprise tool nobody declared: what `severity` is computed against.
_OTHER_TOOL = Tool(id="unknown", enterprise=False)
#: Name of the script index no production registered (a path that never exists).
NO_INDEX = "promptguard-no-script-index"


class WorkerJob:
    """What each executor needs, shipped with the job as data: the driver's `Config`, the
    name the script index was added under (`SparkContext.addFile`), and the options."""

    def __init__(
        self,
        config: Config,
        index_name: str | None,
        show_values: bool = False,
        max_chars: int | None = None,
        language: str | None = None,
    ) -> None:
        self.config = config
        self.index_name = index_name
        self.show_values = show_values
        self.max_chars = max_chars
        self.language = language
        #: The cache key of the scanner: same configuration and index, same scanner.
        self.key = hashlib.sha256(pickle.dumps((config, index_name))).hexdigest()

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        for frame in batches:
            yield scan_frame(frame, self)


_SCANNERS: dict[str, Any] = {}


def worker_scanner(job: WorkerJob) -> Any:
    """This process's scanner for `job`, built on first use (models load once per worker).

    The configuration came from the driver; only the script index path is local: the copy
    Spark fetched for this executor. Raises whatever building the scanner raised."""
    scanner = _SCANNERS.get(job.key)
    if scanner is None:
        from promptguard.pipeline.scanner import Scanner

        config = replace(job.config, corpus_override=local_index_path(job.index_name))
        scanner = Scanner(config)
        _SCANNERS.clear()  # one configuration per job; do not keep an old one's models
        _SCANNERS[job.key] = scanner
    return scanner


def local_index_path(index_name: str | None) -> Path:
    """Where this executor's copy of the script index is; without one, a path that does not
    exist (so no worker ever reads a `.promptguard/scripts.idx` of its own current folder)."""
    from pyspark import SparkFiles

    return Path(SparkFiles.get(index_name or NO_INDEX))


def scan_frame(frame: Any, job: WorkerJob, scanner: Any = None) -> Any:
    """Scan one Arrow batch (a pandas frame with the `ID`, `TEXT`, `FIELD`, `TOOL`
    columns) into a frame of `RESULT_COLUMNS`."""
    import pandas as pd

    from promptguard.readers.files import decode

    ids = frame[ID].tolist()
    texts = frame[TEXT].tolist()
    fields = frame[FIELD].tolist() if FIELD in frame else [None] * len(ids)
    tools = frame[TOOL].tolist() if TOOL in frame else [None] * len(ids)
    rows: list[tuple] = []
    todo: list[tuple[int, Record]] = []
    for index, (record_id, text, field, tool) in enumerate(
        zip(ids, texts, fields, tools, strict=True)
    ):
        record_id, field, tool = _str(record_id), _str(field), _str(tool)
        ids[index], fields[index], tools[index] = record_id, field, tool
        if record_id is None:
            rows.append(error_row(None, field, tool, "missing id"))
        if isinstance(text, (bytes, bytearray, memoryview)):
            text, clean = decode(bytes(text))
            if not clean:
                rows.append(
                    error_row(record_id, field, tool, "not valid UTF-8: undecodable bytes replaced")
                )
        if not isinstance(text, str):
            rows.append(error_row(record_id, field, tool, "missing text: nothing scanned"))
            continue
        if job.max_chars is not None and len(text) > job.max_chars:
            reason = f"oversize: {len(text)} characters (limit {job.max_chars}), not scanned"
            rows.append(error_row(record_id, field, tool, reason))
            continue
        todo.append((index, Record(text=text, path=record_id or "", field=field or "")))
    if todo:
        rows.extend(_scan(todo, ids, fields, tools, job, scanner))
    return pd.DataFrame(_columns(rows))


def _scan(
    todo: list[tuple[int, Record]],
    ids: list,
    fields: list,
    tools: list,
    job: WorkerJob,
    scanner: Any,
) -> list[tuple]:
    """Findings and error rows of the records of one batch."""
    from promptguard.pipeline.scanner import ScanResult

    try:
        scanner = scanner or worker_scanner(job)
    except Exception as error:  # noqa: BLE001 - every record of the batch is reported
        reason = f"scanner unavailable: {one_line(error, with_type=True)}"
        return [error_row(ids[i], fields[i], tools[i], reason) for i, _ in todo]
    try:
        results = list(scanner.scan_records([record for _, record in todo], job.language))
    except Exception:  # noqa: BLE001 - retry one by one, so one bad text fails alone
        results = [_scan_one(scanner, record, job.language) for _, record in todo]
    rows: list[tuple] = []
    for (index, record), result in zip(todo, results, strict=True):
        record_id, field, tool = ids[index], fields[index], tools[index]
        if not isinstance(result, ScanResult):
            rows.append(error_row(record_id, field, tool, str(result)))
            continue
        rows.extend(finding_row(record_id, field, tool, record, f, job) for f in result.findings)
        rows.extend(error_row(record_id, field, tool, failure) for failure in result.failures)
    return rows


def _scan_one(scanner: Any, record: Record, language: str | None) -> Any:
    try:
        return next(iter(scanner.scan_records([record], language)))
    except Exception as error:  # noqa: BLE001 - reported as this record's error
        return f"scan failed: {one_line(error, with_type=True)}"


def finding_row(
    record_id: str | None,
    field: str | None,
    tool: str | None,
    record: Record,
    finding: Finding,
    job: WorkerJob,
) -> tuple:
    from promptguard.gate.policy import action_for

    config = job.config
    return (
        record_id,
        field,
        tool,
        finding.category,
        finding.type,
        finding.start,
        finding.end,
        round(finding.score, 3),
        action_for(config, _OTHER_TOOL, finding.category),
        action_for(config, config.tool(tool), finding.category),
        finding.public_subject(job.show_values),
        finding.message,
        finding.analyzer,
        record.text[finding.start : finding.end] if job.show_values else None,
        None,
    )


def error_row(record_id: str | None, field: str | None, tool: str | None, reason: str) -> tuple:
    return (record_id, field, tool, *([None] * 11), reason)


def _columns(rows: list[tuple]) -> dict[str, Any]:
    """Column data with the types Arrow needs (nullable integers stay integers)."""
    import pandas as pd

    columns = list(zip(*rows, strict=True)) if rows else [()] * len(RESULT_COLUMNS)
    data: dict[str, Any] = {}
    for name, values in zip(RESULT_COLUMNS, columns, strict=True):
        if name in ("start", "end"):
            data[name] = pd.array(values, dtype="Int32")
        elif name == "score":
            data[name] = pd.array(values, dtype="Float64")
        else:
            data[name] = pd.array(values, dtype=object)
    return data


def _str(value: object) -> str | None:
    """A key column's value as a string; None for null / NaN."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value if isinstance(value, str) else str(value)
