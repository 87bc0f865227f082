"""`promptguard scan`: files, folders and prompt logs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click

from promptguard.cli.common import UsageFailure, get_config, write_report
from promptguard.config.load import Config
from promptguard.pipeline.runner import ScanReport, collect, scan_paths
from promptguard.pipeline.scanner import Scanner
from promptguard.readers import read_stream_text
from promptguard.readers.encoding import decode_text, encoding_note
from promptguard.readers.records import NOTICE, ReadError, Record
from promptguard.reports import json_report
from promptguard.reports import text as text_report
from promptguard.reports.json_report import write_json
from promptguard.reports.sarif import write_sarif
from promptguard.reports.spool import RowSpool
from promptguard.reports.text import write_diagnostics, write_text

FORMATS = ("text", "json", "sarif")


def _fail_on(value: str) -> float:
    """`any` (every finding fails) or a score from 0 to 1."""
    if value == "any":
        return 0.0
    try:
        score = float(value)
    except ValueError:
        raise UsageFailure(
            f"--fail-on must be 'any' or a score from 0 to 1, not {value!r}"
        ) from None
    if not 0 <= score <= 1:
        raise UsageFailure(f"--fail-on must be 'any' or a score from 0 to 1, not {value!r}")
    return score


class JobsType(click.ParamType):
    """`--jobs`: 'auto' or a number of processes from 1 to 64."""

    name = "auto|N"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        if isinstance(value, int) or str(value).strip().lower() == "auto":
            return value if isinstance(value, int) else "auto"
        try:
            number = int(value)
        except ValueError:
            self.fail(f"must be 'auto' or a number from 1 to 64, not {value!r}", param, ctx)
        if not 1 <= number <= 64:
            self.fail(f"must be 'auto' or a number from 1 to 64, not {value!r}", param, ctx)
        return number


def _prepare(config: Config, corpus: Path | None) -> Scanner:
    if corpus is not None:
        config.corpus_override = corpus
    try:
        return Scanner(config)
    except (ValueError, ImportError) as error:
        raise UsageFailure(str(error)) from None


def _write(report: ScanReport, fmt: str, show_values: bool, out: TextIO) -> None:
    spool = report.spool
    if spool is not None and fmt == "json":
        rows = spool.sorted_rows(json_report.sort_key)
        json_report.write_json_sorted(rows, report.errors, out, show_values)
    elif spool is not None and fmt == "sarif":  # one document, its rules first: in memory
        write_sarif(list(spool.sorted_rows(text_report.sort_key)), report.errors, out)
    elif spool is not None:
        rows = spool.sorted_rows(text_report.sort_key)
        text_report.write_text_sorted(rows, [], out, files_scanned=len(report.sources))
        write_summary(report, out)
    elif fmt == "json":
        write_json(report.rows, report.errors, out, show_values)
    elif fmt == "sarif":
        write_sarif(report.rows, report.errors, out)
    else:
        write_text(report.rows, [], out, files_scanned=len(report.sources))
        write_summary(report, out)


def read_stdin_bytes() -> bytes:
    return sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()


def stdin_records(data: bytes, name: str = "<stdin>") -> Iterator[Record | ReadError]:
    """Records of what came on stdin, with a note for the encoding assumed and for an
    empty input (a broken pipe upstream must be visible)."""
    if not data.strip():
        yield ReadError(name, "empty input: nothing to scan", level=NOTICE)
        return
    text, encoding = decode_text(data)
    note = encoding_note(encoding)
    if note:
        yield ReadError(name, note, level=NOTICE)
    yield from read_stream_text(text, name)


common_options = [
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True),
    click.option("--show-values", is_flag=True, help="Print found values unmasked (careful)."),
    click.option(
        "--output",
        "-o",
        "output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="Write the report to this file instead of stdout.",
    ),
    click.option(
        "--quiet",
        "-q",
        is_flag=True,
        help="No report on stdout and no notes: only warnings (stderr) and the exit code.",
    ),
    click.option(
        "--corpus",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Script fingerprint index (default: .promptguard/scripts.idx).",
    ),
    click.option(
        "--language",
        type=click.Choice(("en", "fr")),
        help="Language of the text (default: detected per text).",
    ),
]


def with_common_options(command):  # noqa: ANN001, ANN201 - decorator
    for option in reversed(common_options):
        command = option(command)
    return command


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@with_common_options
@click.option("--fail-on", default="any", show_default=True, help="'any' or a minimum score.")
@click.option("--exclude", multiple=True, help="gitignore-style pattern to skip (repeatable).")
@click.option(
    "--jobs",
    "-j",
    type=JobsType(),
    default="auto",
    show_default=True,
    help="Worker processes (each loads its own models): a number, or 'auto' = one per core "
    "once the input is big enough to pay for them, else one.",
)
@click.option(
    "--since",
    help="Only log records dated at or after this (2025-01-31, an ISO time, epoch seconds).",
)
@click.option("--column", help="CSV column holding the prompt (default: prompt/text/content).")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Accept the findings listed in this baseline (see `promptguard baseline create`).",
)
@click.pass_context
def scan(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    show_values: bool,
    output: Path | None,
    quiet: bool,
    corpus: Path | None,
    language: str | None,
    fail_on: str,
    exclude: tuple[str, ...],
    jobs: int | str,
    since: str | None,
    column: str | None,
    baseline_path: Path | None,
) -> None:
    """Scan files, folders and prompt logs (PATH '-' reads stdin).

    Logs: JSONL (.jsonl), ChatGPT exports (conversations.json), CSV (.csv/.tsv, --column).
    Inline `promptguard: allow CATEGORY` comments are honoured in files (not in logs).
    Exit 0 when nothing is found at or above --fail-on, 1 when something is, 2 when an
    input could not be read or scanned (the rest is still scanned and reported) or on
    errors of usage or configuration."""
    from promptguard.pipeline.suppress import BaselineError, Suppressor, load_baseline
    from promptguard.readers import ReadOptions
    from promptguard.readers.logs import parse_since

    threshold = _fail_on(fail_on)
    config = get_config(ctx)
    try:
        options = ReadOptions(column=column, since=parse_since(since) if since else None)
    except ValueError as error:
        raise UsageFailure(str(error)) from None
    baseline = None
    if baseline_path is not None:
        if not baseline_path.is_file():
            raise UsageFailure(f"{baseline_path}: baseline file not found")
        try:
            baseline = load_baseline(baseline_path, root=Path.cwd())
        except BaselineError as error:
            raise UsageFailure(str(error)) from None
    suppressor = Suppressor(inline=True, baseline=baseline)
    if corpus is not None:
        config.corpus_override = corpus
    file_paths = [p for p in paths if str(p) != "-"]
    needs_scanner = jobs == 1 or len(file_paths) != len(paths)
    scanner = _prepare(config, corpus) if needs_scanner else None
    # rows go to disk as they come, so a long log's report never sits in memory (stdin's
    # rows are merged in memory below: keep them all in memory then)
    spool = RowSpool() if len(file_paths) == len(paths) else None
    with _progress(fmt) as tick:
        report = scan_paths(
            scanner,
            file_paths,
            [*config.exclude, *exclude],
            show_values,
            language,
            options=options,
            suppressor=suppressor,
            jobs=jobs,
            config=config,
            progress=tick,
            make_scanner=lambda: _prepare(config, corpus),
            spool=spool,
        )
    if len(file_paths) != len(paths):
        assert scanner is not None
        stdin_report = collect(
            scanner, stdin_records(read_stdin_bytes()), show_values, language, suppressor=suppressor
        )
        report.rows.extend(stdin_report.rows)
        report.findings += stdin_report.findings
        report.max_score = max(report.max_score, stdin_report.max_score)
        report.errors.extend(stdin_report.errors)
        report.records += stdin_report.records
        report.incomplete += stdin_report.incomplete
        report.sources |= stdin_report.sources
        report.by_category.update(stdin_report.by_category)
    lost = [error for error in report.errors if error.lost]
    try:
        if not quiet or output is not None:
            write_report(output, lambda out: _write(report, fmt, show_values, out))
    finally:
        if spool is not None:
            spool.close()
    write_diagnostics(lost if quiet else report.errors, sys.stderr)
    if report.incomplete or lost:
        click.echo(
            f"promptguard: {len(lost)} input(s) could not be read or fully scanned (see the "
            "warnings; everything else was scanned); treat the scan as failed",
            err=True,
        )
        ctx.exit(2)
    ctx.exit(1 if report.findings and report.max_score >= threshold else 0)


@contextmanager
def _progress(fmt: str) -> Iterator[Callable[[], None] | None]:
    """A rich progress line on stderr when it is a terminal (never in pipes or CI logs)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("scanning: {task.completed} records"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("scan", total=None)
        yield lambda: bar.advance(task)


def write_summary(report: ScanReport, out: TextIO) -> None:
    """Counts per category, and per user and tool when the logs name them."""
    if report.suppressed_inline or report.suppressed_baseline:
        out.write(
            f"Accepted: {report.suppressed_inline} by inline comment, "
            f"{report.suppressed_baseline} by baseline.\n"
        )
    if not report.findings:
        return
    tables = [("category", report.by_category)]
    if report.by_user:
        tables.append(("user", report.by_user))
    if report.by_tool:
        tables.append(("tool", report.by_tool))
    out.write(f"\nSummary of {report.records} record(s) scanned:\n")
    for index, (title, counts) in enumerate(tables):
        if index:
            out.write("\n")
        width = max(len(title), *(len(k) for k in counts))
        out.write(f"  {title:<{width}}  findings\n")
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write(f"  {key:<{width}}  {count:>8}\n")
