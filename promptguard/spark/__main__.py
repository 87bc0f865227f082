"""`python -m promptguard.spark IN OUT`: audit prompt logs on Spark (or `spark-submit`).

Reads JSON Lines, CSV, ChatGPT exports and Parquet logs (a file, a folder or a glob) with
`promptguard scan`'s readers, scans every record with `scan_dataframe`, and writes

    OUT/findings/     one row per finding (FINDINGS_SCHEMA), Parquet or JSON Lines parts
    OUT/errors/       one row per record or line that could not be read or scanned
    OUT/summary.json  counts per category, decision and tool (also printed)

Run locally it starts Spark on `local[*]` (or `--master`), bound to the loopback address;
under `spark-submit` the master and resources are spark-submit's. Exit 0 when the outputs
are written (`--fail-on-findings`: 1 when there are findings), 2 on a usage or
configuration error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from promptguard.errors import ConfigError

OUTPUT_FORMATS = ("parquet", "json")
#: Scan tasks per core when the input has fewer partitions (see `--partitions`).
TASKS_PER_CORE = 4


class UsageFailure(click.ClickException):
    """A usage or configuration problem: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"promptguard.spark: {self.format_message()}", err=True)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("source")
@click.argument("out")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="parquet",
    show_default=True,
    help="Format of the findings and errors parts.",
)
@click.option(
    "--input-format",
    type=click.Choice(("auto", "jsonl", "csv", "json", "text", "parquet")),
    default="auto",
    show_default=True,
    help="Format of the logs (auto: by file suffix).",
)
@click.option(
    "--text-col",
    help="Scan only this field / column (default: prompt, text, content, input, messages...).",
)
@click.option("--id-col", default="id", show_default=True, help="Field holding record ids.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="promptguard.toml (default: found from the current folder, or $PROMPTGUARD_CONFIG).",
)
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Script fingerprint index (default: .promptguard/scripts.idx).",
)
@click.option("--language", type=click.Choice(("en", "fr")), help="Language of every text.")
@click.option("--since", help="Only records dated at or after this (as `promptguard scan`).")
@click.option("--show-values", is_flag=True, help="Write found values unmasked (careful).")
@click.option("--master", help="Spark master (default: spark-submit's, else local[*]).")
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    help="Partitions to scan in (default: 4 per core, or the input's if more).",
)
@click.option(
    "--conf",
    "confs",
    multiple=True,
    metavar="KEY=VALUE",
    help="A Spark setting, as spark-submit's --conf (repeatable).",
)
@click.option("--overwrite", is_flag=True, help="Replace OUT's findings and errors.")
@click.option("--fail-on-findings", is_flag=True, help="Exit 1 when anything was found.")
def main(
    source: str,
    out: str,
    fmt: str,
    input_format: str,
    text_col: str | None,
    id_col: str,
    config_path: Path | None,
    corpus: Path | None,
    language: str | None,
    since: str | None,
    show_values: bool,
    master: str | None,
    partitions: int | None,
    confs: tuple[str, ...],
    overwrite: bool,
    fail_on_findings: bool,
) -> None:
    """Scan the prompt logs at SOURCE; write findings, errors and a summary under OUT."""
    from promptguard.config.load import load_config
    from promptguard.readers.logs import parse_since

    started = time.monotonic()
    try:
        config = load_config(config_path)
        moment = parse_since(since) if since else None
    except (ConfigError, ValueError) as error:
        raise UsageFailure(str(error)) from None
    if corpus is not None:
        if not corpus.is_file():
            raise UsageFailure(f"{corpus}: script index not found")
        config.corpus_override = corpus

    settings = {}
    for item in confs:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageFailure(f"--conf {item!r}: give KEY=VALUE")
        settings[key.strip()] = value
    spark = spark_session(master, settings)
    from pyspark import StorageLevel

    from promptguard.spark import scan_dataframe
    from promptguard.spark.logs import read_logs

    # Read once: the records and what could not be read go through one shuffle into a few
    # tasks per core (even one big file keeps every core busy; with worker reuse, Spark's
    # default, each Python worker still loads the models once), and are kept (in memory,
    # spilling to disk) for the scan, the errors output and the count: no log is read or
    # parsed twice.
    read = read_logs(spark, source, input_format, text_col=text_col, id_col=id_col, since=moment)
    wanted = partitions or max(
        TASKS_PER_CORE * spark.sparkContext.defaultParallelism, read.rdd.getNumPartitions()
    )
    read = read.repartition(wanted).persist(StorageLevel.MEMORY_AND_DISK)
    records = read.where("reason IS NULL")
    scan = scan_dataframe(
        records,
        "text",
        "id",
        config,
        show_values,
        field_col="field",
        tool_col="tool",
        language=language,
    )
    errors = read.where("reason IS NOT NULL").select("id", "field", "reason").union(scan.errors)
    mode = "overwrite" if overwrite else "errorifexists"
    try:
        _write(scan.findings, f"{out.rstrip('/')}/findings", fmt, mode)
        _write(errors, f"{out.rstrip('/')}/errors", fmt, mode)
    except Exception as error:  # noqa: BLE001 - e.g. OUT exists: one line, exit 2
        if "already exists" in str(error):
            raise UsageFailure(f"{out}: output exists; pass --overwrite to replace it") from None
        raise
    summary = summarize(spark, scan, read, errors, source, time.monotonic() - started)
    scan.unpersist()
    read.unpersist()
    _write_summary(spark, summary, out)
    click.echo(format_summary(summary, out))
    sys.exit(1 if fail_on_findings and summary["findings"] else 0)


def spark_session(master: str | None, settings: dict[str, str] | None = None) -> Any:
    """The job's session. Outside spark-submit it runs locally, bound to the loopback
    address (nothing listens on or leaves by another), with this interpreter as the
    Python workers' and no web UI."""
    from pyspark.sql import SparkSession

    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this driver
    builder = SparkSession.builder.appName("promptguard audit")
    local = (master or ("" if submitted else "local[*]")).startswith("local")
    if master:
        builder = builder.master(master)
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    for key, value in (settings or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _write(frame: Any, path: str, fmt: str, mode: str) -> None:
    writer = frame.write.mode(mode)
    if fmt == "json":
        writer.json(path)
    else:
        writer.parquet(path)


def summarize(
    spark: Any, scan: Any, read: Any, errors: Any, source: str, seconds: float
) -> dict[str, Any]:
    """Counts for the summary, from the scan's persisted rows (nothing is scanned again)."""
    from pyspark.sql import functions as F

    counts = scan.findings.groupBy("category", "decision", "tool").agg(F.count("*").alias("n"))
    by_category: Counter = Counter()
    by_decision: Counter = Counter()
    by_tool: Counter = Counter()
    total = 0
    for row in counts.collect():
        total += row.n
        by_category[row.category] += row.n
        by_decision[row.decision] += row.n
        if row.tool:
            by_tool[row.tool] += row.n
    reasons = Counter(
        {
            row.reason: row.n
            for row in errors.groupBy("reason").agg(F.count("*").alias("n")).collect()
        }
    )
    return {
        "source": source,
        "records": read.where("reason IS NULL").count(),
        "findings": total,
        "errors": sum(reasons.values()),
        "by_category": dict(by_category.most_common()),
        "by_decision": dict(by_decision.most_common()),
        "by_tool": dict(by_tool.most_common()),
        "errors_by_reason": dict(reasons.most_common(20)),
        "seconds": round(seconds, 1),
        "spark": {"version": spark.version, "master": spark.sparkContext.master},
    }


def _write_summary(spark: Any, summary: dict[str, Any], out: str) -> None:
    """OUT/summary.json for a local OUT; through Spark (OUT/summary/) for other schemes."""
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    local = out[len("file:") :] if out.startswith("file:") else out
    if "://" not in local:
        Path(local, "summary.json").write_text(text + "\n", encoding="utf-8")
        return
    lines = spark.sparkContext.parallelize([json.dumps(summary, ensure_ascii=False)], 1)
    lines.saveAsTextFile(f"{out.rstrip('/')}/summary")


def format_summary(summary: dict[str, Any], out: str) -> str:
    lines = [
        f"Scanned {summary['records']} record(s) from {summary['source']} "
        f"in {summary['seconds']} s: {summary['findings']} finding(s), "
        f"{summary['errors']} error(s). Written to {out}/findings and {out}/errors."
    ]
    for title in ("by_category", "by_decision", "by_tool"):
        if summary[title]:
            lines.append(f"  {title.replace('_', ' ')}:")
            lines.extend(f"    {key:<20} {count:>9}" for key, count in summary[title].items())
    if summary["errors"]:
        lines.append("  errors by reason:")
        lines.extend(
            f"    {count:>9}  {reason}" for reason, count in summary["errors_by_reason"].items()
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
