"""`promptguard scan`: files, folders and prompt logs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from promptguard.cli.common import UsageFailure, get_config
from promptguard.config import Config
from promptguard.readers import read_stream_text
from promptguard.readers.files import decode
from promptguard.reports.json_report import write_json
from promptguard.reports.sarif import write_sarif
from promptguard.reports.text import write_text
from promptguard.runner import ScanReport, collect, scan_paths
from promptguard.scanner import Scanner

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


def _prepare(config: Config, corpus: Path | None) -> Scanner:
    if corpus is not None:
        config.corpus_override = corpus
    try:
        return Scanner(config)
    except (ValueError, ImportError) as error:
        raise UsageFailure(str(error)) from None


def _write(report: ScanReport, fmt: str, show_values: bool) -> None:
    out = sys.stdout
    if fmt == "json":
        write_json(report.rows, report.errors, out, show_values)
    elif fmt == "sarif":
        write_sarif(report.rows, report.errors, out)
    else:
        write_text(report.rows, report.errors, out, files_scanned=len(report.sources))


def read_stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    text, _ = decode(data)
    return text


common_options = [
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True),
    click.option("--show-values", is_flag=True, help="Print found values unmasked (careful)."),
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
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_common_options
@click.option("--fail-on", default="any", show_default=True, help="'any' or a minimum score.")
@click.option("--exclude", multiple=True, help="gitignore-style pattern to skip (repeatable).")
@click.pass_context
def scan(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    show_values: bool,
    corpus: Path | None,
    language: str | None,
    fail_on: str,
    exclude: tuple[str, ...],
) -> None:
    """Scan files, folders and prompt logs (PATH '-' reads stdin).

    Exit 0 when nothing is found at or above --fail-on, 1 when something is, 2 on errors
    of usage or configuration."""
    threshold = _fail_on(fail_on)
    config = get_config(ctx)
    scanner = _prepare(config, corpus)
    file_paths = [p for p in paths if str(p) != "-"]
    report = scan_paths(scanner, file_paths, [*config.exclude, *exclude], show_values, language)
    if len(file_paths) != len(paths):
        stdin_report = collect(scanner, read_stream_text(read_stdin()), show_values, language)
        report.rows.extend(stdin_report.rows)
        report.errors.extend(stdin_report.errors)
        report.sources |= stdin_report.sources
    _write(report, fmt, show_values)
    failing = [row for row in report.rows if row.finding.score >= threshold]
    ctx.exit(1 if failing else 0)
