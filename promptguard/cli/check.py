"""`promptguard check`: may this one prompt be sent?"""

from __future__ import annotations

from pathlib import Path

import click

from promptguard.cli.common import UsageFailure, get_config
from promptguard.cli.scan import _prepare, _write, read_stdin, with_common_options
from promptguard.readers import read_stream_text
from promptguard.readers.files import decode
from promptguard.runner import collect


@click.command()
@click.argument("source", required=False, default="-")
@with_common_options
@click.pass_context
def check(
    ctx: click.Context,
    source: str,
    fmt: str,
    show_values: bool,
    corpus: Path | None,
    language: str | None,
) -> None:
    """Check one prompt (a FILE, or stdin by default) before it is sent."""
    config = get_config(ctx)
    if source == "-":
        text = read_stdin()
    else:
        path = Path(source)
        try:
            text, _ = decode(path.read_bytes())
        except OSError as error:
            raise UsageFailure(f"{source}: cannot read: {error.strerror or error}") from None
    scanner = _prepare(config, corpus)
    report = collect(
        scanner,
        read_stream_text(text, source if source != "-" else "<stdin>"),
        show_values,
        language,
    )
    _write(report, fmt, show_values)
    ctx.exit(1 if report.rows or report.errors else 0)
