"""`promptguard check`: may this one prompt be sent to this tool, for this purpose?

When a local `promptguard serve` of the same production is running, the prompt goes to it
(models warm: milliseconds); otherwise it is scanned in this process. Both paths print the
same thing, through `promptguard.service.client.write_decision`. Heavy modules (the scanner, spaCy,
Presidio) are imported only once we know the service will not answer.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from promptguard.cli.common import ToolChoice, UsageFailure, get_config, write_report
from promptguard.config.load import PURPOSES, Config
from promptguard.readers.encoding import decode_text, encoding_note, looks_binary
from promptguard.service import client

#: Kept for callers that imported it from here.
DECISION_WORDS = client.DECISION_WORDS


@click.command()
@click.argument("source", required=False, default="-")
@click.option(
    "--tool",
    "--destination",
    "tool",
    type=ToolChoice(),
    help="Destination tool (built in or declared under [tools.ID]; `promptguard tools list`). "
    "Default: an unnamed tool, never enterprise.",
)
@click.option("--purpose", type=click.Choice(PURPOSES), help="Default: from the configuration.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@click.option("--show-values", is_flag=True, help="Print found values unmasked (careful).")
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the decision to this file instead of stdout.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but warnings; use the exit code.")
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Script fingerprint index (default: .promptguard/scripts.idx).",
)
@click.option("--language", type=click.Choice(("en", "fr")), help="Default: detected.")
@click.option("--no-record", is_flag=True, help="Do not append this check to the audit trail.")
@click.option(
    "--no-service",
    is_flag=True,
    help="Scan in this process even if a local `promptguard serve` is running.",
)
@click.pass_context
def check(
    ctx: click.Context,
    source: str,
    tool: str | None,
    purpose: str | None,
    fmt: str,
    show_values: bool,
    output: Path | None,
    quiet: bool,
    corpus: Path | None,
    language: str | None,
    no_record: bool,
    no_service: bool,
) -> None:
    """Check one prompt (a FILE, or stdin by default) before it is sent.

    Uses a running `promptguard serve` of the same production when there is one
    (PROMPTGUARD_SERVICE=URL to name it, =off to never use it). A prompt that is not UTF-8
    is decoded (Windows-1252, latin-1, UTF-16...) and the encoding assumed is said on
    stderr; an empty prompt is said too.

    Exit 0 allow or notify, 1 block, 3 written approval needed, 2 usage or configuration
    error or a prompt that cannot be read."""
    config = get_config(ctx)
    text = _read_source(source, quiet)
    data = None
    # The service scans with its own defaults: options it cannot honour mean a local scan.
    if not (no_service or show_values or corpus or language or no_record):
        endpoint = client.discover(config.state_dir)
        if endpoint is not None:
            try:
                data = client.check_via_service(
                    endpoint, config.state_dir, text, tool, purpose, client.current_user()
                )
            except client.ServiceRefused as error:
                raise UsageFailure(str(error)) from None
    if data is None:
        if corpus is not None:
            config.corpus_override = corpus
        data = _check_locally(config, text, tool, purpose, not no_record, language, show_values)
    if quiet and output is None:
        code = client.write_decision(data, text, fmt, show_values, io.StringIO(), sys.stderr)
    else:
        result: list[int] = []
        write_report(
            output,
            lambda out: result.append(
                client.write_decision(data, text, fmt, show_values, out, sys.stderr)
            ),
        )
        code = result[0]
    ctx.exit(code)


def _check_locally(
    config: Config,
    text: str,
    tool: str | None,
    purpose: str | None,
    record: bool,
    language: str | None,
    show_values: bool,
) -> dict:
    from promptguard.pipeline.checking import Checker

    checker = Checker(config)
    try:
        decision = checker.check(text, tool, purpose, record=record, language=language)
    except ValueError as error:
        raise UsageFailure(str(error)) from None
    return decision.to_dict(show_values)


def _read_source(source: str, quiet: bool = False) -> str:
    """The prompt: decoded from whatever encoding it came in (said on stderr), never with
    a line dropped; an empty one is said too, so a broken pipe upstream is visible."""
    if source == "-":
        data = client.take_preloaded_stdin()
        if data is None:
            data = (
                sys.stdin.buffer.read()
                if hasattr(sys.stdin, "buffer")
                else sys.stdin.read().encode()
            )
    else:
        path = Path(source)
        if path.is_dir():
            raise UsageFailure(f"{source}: is a folder; give one prompt file (or use scan)")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UsageFailure(f"{source}: cannot read: {error.strerror or error}") from None
    name = "stdin" if source == "-" else source
    if looks_binary(data):
        raise UsageFailure(f"{name}: binary data, not text: nothing checked")
    text, encoding = decode_text(data)
    note = encoding_note(encoding)
    if note and not quiet:
        click.echo(f"promptguard: note: {name}: {note}", err=True)
    if not text.strip():
        click.echo(f"promptguard: note: {name}: the prompt is empty; nothing to check", err=True)
    return text
