"""`promptguard check`: may this one prompt be sent to this tool, for this purpose?

When a local `promptguard serve` of the same production is running, the prompt goes to it
(models warm: milliseconds); otherwise it is scanned in this process. Both paths print the
same thing, through `promptguard.service.client.write_decision`. Heavy modules (the scanner, spaCy,
Presidio) are imported only once we know the service will not answer.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from promptguard.cli.common import UsageFailure, get_config
from promptguard.config.load import PURPOSES, Config
from promptguard.service import client

#: Kept for callers that imported it from here.
DECISION_WORDS = client.DECISION_WORDS


@click.command()
@click.argument("source", required=False, default="-")
@click.option("--tool", help="Destination tool id, as declared in the configuration.")
@click.option("--purpose", type=click.Choice(PURPOSES), help="Default: from the configuration.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@click.option("--show-values", is_flag=True, help="Print found values unmasked (careful).")
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
    corpus: Path | None,
    language: str | None,
    no_record: bool,
    no_service: bool,
) -> None:
    """Check one prompt (a FILE, or stdin by default) before it is sent.

    Uses a running `promptguard serve` of the same production when there is one
    (PROMPTGUARD_SERVICE=URL to name it, =off to never use it).

    Exit 0 allow or notify, 1 block, 3 written approval needed, 2 usage or configuration
    error."""
    config = get_config(ctx)
    text = _read_source(source)
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
    code = client.write_decision(data, text, fmt, show_values, sys.stdout, sys.stderr)
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


def _read_source(source: str) -> str:
    if source == "-":
        preloaded = client.take_preloaded_stdin()
        if preloaded is not None:
            return preloaded
        data = (
            sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        )
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise UsageFailure(f"{source}: cannot read: {error.strerror or error}") from None
    return data.decode("utf-8-sig", errors="replace")
