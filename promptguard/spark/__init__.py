"""Scan prompt logs on Apache Spark: the same findings on a cluster as on one machine.

`scan_dataframe` runs promptguard's own scanner inside `mapInPandas`: each Python worker
process builds one `Scanner` (the models load once per worker, then stay warm for every
batch of every task it runs) and scans Arrow batches of records. The configuration is loaded
on the driver and shipped to the executors as data (not read from each worker's current
folder); the production's script index goes with the job through `SparkContext.addFile`.

Output rows are keyed by the record's id and follow `FINDINGS_SCHEMA` (documented in
docs/SPARK.md): offsets, category, type, score, the policy's action for the tool the record
went to, never the matched text unless `show_values`. Records that could not be scanned are
in the errors output (`ERRORS_SCHEMA`: id, field, reason): nothing is dropped silently.

Needs the `spark` extra (`pip install "promptguard[spark]"`) and a Java 17+ runtime.
Command line: `python -m promptguard.spark IN OUT` (see `promptguard.spark.__main__`).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pyspark import StorageLevel
from pyspark.sql import functions as F
from pyspark.sql.types import (
    BinaryType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

from promptguard.config.load import Config, load_config
from promptguard.readers.logs import MAX_LINE_BYTES
from promptguard.spark.worker import FIELD, ID, RESULT_COLUMNS, TEXT, TOOL, WorkerJob

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: One row per finding; every column is nullable as Spark sees it, but only `id`, `field`,
#: `tool` and `value` are ever null. `start`/`end` are character offsets in the scanned
#: text; `severity` is the action the finding's category triggers at a tool that is not
#: enterprise-secured (the policy's `other` table), `decision` the action for the record's
#: own tool (`tool`; an undeclared or unknown tool is not enterprise). `subject` is empty
#: for personal data, and `value` is null unless `show_values`.
FINDINGS_SCHEMA = StructType(
    [
        StructField("id", StringType(), True),
        StructField("field", StringType(), True),
        StructField("tool", StringType(), True),
        StructField("category", StringType(), True),
        StructField("type", StringType(), True),
        StructField("start", IntegerType(), True),
        StructField("end", IntegerType(), True),
        StructField("score", DoubleType(), True),
        StructField("severity", StringType(), True),
        StructField("decision", StringType(), True),
        StructField("subject", StringType(), True),
        StructField("message", StringType(), True),
        StructField("analyzer", StringType(), True),
        StructField("value", StringType(), True),
    ]
)

#: One row per record (or read problem) that could not be scanned, or not entirely.
ERRORS_SCHEMA = StructType(
    [
        StructField("id", StringType(), True),
        StructField("field", StringType(), True),
        StructField("reason", StringType(), True),
    ]
)

#: What `mapInPandas` returns: the findings columns, nullable, and `reason` for error rows.
RESULT_SCHEMA = StructType(
    [StructField(f.name, f.dataType, True) for f in FINDINGS_SCHEMA.fields]
    + [StructField("reason", StringType(), True)]
)
assert tuple(RESULT_SCHEMA.fieldNames()) == RESULT_COLUMNS

#: Texts longer than this (characters) are reported as oversize, not scanned: the same
#: number as the log reader's line limit, so the command finds what `promptguard scan` finds.
MAX_CHARS = MAX_LINE_BYTES


class SparkScan:
    """The two outputs of one scan: `findings, errors = scan_dataframe(df)`.

    Both are views of `rows` (one scan, persisted the first time either is computed, so
    reading both does not scan twice); call `unpersist()` when done with them."""

    def __init__(self, findings: DataFrame, errors: DataFrame, rows: DataFrame) -> None:
        self.findings = findings
        self.errors = errors
        self.rows = rows

    def __iter__(self) -> Iterator[DataFrame]:
        return iter((self.findings, self.errors))

    def unpersist(self) -> None:
        self.rows.unpersist()


def scan_dataframe(
    df: DataFrame,
    text_col: str = "text",
    id_col: str = "id",
    config: Config | None = None,
    show_values: bool = False,
    *,
    field_col: str | None = None,
    tool_col: str | None = None,
    language: str | None = None,
    max_chars: int | None = MAX_CHARS,
) -> SparkScan:
    """Scan the `text_col` of every row of `df` with promptguard's analyzers.

    `text_col` holds strings (or UTF-8 bytes); `id_col` keys the results (cast to a string).
    `field_col` / `tool_col` optionally name which part of the record the text is and the
    tool it was sent to (for `decision`). `config` defaults to the `promptguard.toml` found
    from the driver's current folder; it is loaded here, on the driver, and sent to the
    executors with the job. Returns `SparkScan(findings, errors, rows)`."""
    columns = set(df.columns)
    for name in (text_col, id_col, field_col, tool_col):
        if name is not None and name not in columns:
            raise ValueError(f"no column {name!r} (columns: {', '.join(df.columns)})")
    text_type = df.schema[text_col].dataType
    if not isinstance(text_type, (StringType, BinaryType)):
        raise ValueError(f"column {text_col!r} must hold strings or bytes, not {text_type}")
    config = config if config is not None else load_config()
    spark = df.sparkSession
    job = WorkerJob(
        config,
        ship_script_index(spark, config),
        show_values=show_values,
        max_chars=max_chars,
        language=language,
    )
    selected = [
        F.col(id_col).cast("string").alias(ID),
        F.col(text_col).alias(TEXT),
        (F.col(field_col).cast("string") if field_col else F.lit(None).cast("string")).alias(FIELD),
        (F.col(tool_col).cast("string") if tool_col else F.lit(None).cast("string")).alias(TOOL),
    ]
    rows = df.select(*selected).mapInPandas(job, RESULT_SCHEMA)
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    findings = rows.where(F.col("reason").isNull()).select(
        *[F.col(name) for name in FINDINGS_SCHEMA.fieldNames()]
    )
    errors = rows.where(F.col("reason").isNotNull()).select("id", "field", "reason")
    return SparkScan(findings, errors, rows)


def ship_script_index(spark: SparkSession, config: Config) -> str | None:
    """Add the production's script index to the job (`SparkContext.addFile`) and return the
    name executors fetch it by; None when the production registered no script.

    The file is added under a name made of its content hash, so two indexes (or two versions
    of one) never collide in one Spark application, and a changed index is a new name."""
    path = Path(config.corpus_path)
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    name = f"promptguard-scripts-{digest.hexdigest()[:16]}.idx"
    staged = Path(tempfile.gettempdir()) / "promptguard-spark" / name
    if not staged.is_file():
        staged.parent.mkdir(parents=True, exist_ok=True)
        partial = staged.with_suffix(".part")
        shutil.copyfile(path, partial)
        partial.replace(staged)
    # Adding the same path again is a no-op in Spark (it logs a warning and keeps the first).
    spark.sparkContext.addFile(str(staged))
    return name


__all__ = [
    "ERRORS_SCHEMA",
    "FINDINGS_SCHEMA",
    "MAX_CHARS",
    "RESULT_SCHEMA",
    "SparkScan",
    "scan_dataframe",
    "ship_script_index",
]
