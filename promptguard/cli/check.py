"""`promptguard check`: may this one prompt be sent to this tool, for this purpose?"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from promptguard.checking import Checker
from promptguard.cli.common import UsageFailure, get_config
from promptguard.cli.scan import read_stdin
from promptguard.config import PURPOSES
from promptguard.findings import excerpt
from promptguard.gate import Decision
from promptguard.readers.files import decode

DECISION_WORDS = {
    "allow": "ALLOW",
    "notify": "ALLOW (recorded for the production's AI contact)",
    "clearance": "WRITTEN APPROVAL NEEDED",
    "block": "BLOCKED",
}


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
) -> None:
    """Check one prompt (a FILE, or stdin by default) before it is sent.

    Exit 0 allow or notify, 1 block, 3 written approval needed, 2 usage or configuration
    error."""
    config = get_config(ctx)
    if corpus is not None:
        config.corpus_override = corpus
    text = _read_source(source)
    checker = Checker(config)
    try:
        decision = checker.check(text, tool, purpose, record=not no_record, language=language)
    except ValueError as error:
        raise UsageFailure(str(error)) from None
    for warning in decision.warnings:
        click.echo(f"promptguard: warning: {warning}", err=True)
    if fmt == "json":
        click.echo(json.dumps(decision.to_dict(show_values), indent=2, ensure_ascii=False))
    else:
        _write_text(decision, text, show_values)
    ctx.exit(decision.exit_code)


def _read_source(source: str) -> str:
    if source == "-":
        return read_stdin()
    try:
        text, _ = decode(Path(source).read_bytes())
    except OSError as error:
        raise UsageFailure(f"{source}: cannot read: {error.strerror or error}") from None
    return text


def _write_text(decision: Decision, text: str, show_values: bool) -> None:
    out = sys.stdout
    found = [(item.finding.start, item.finding.end) for item in decision.findings]
    for item in decision.findings:
        finding = item.finding
        where = f"{finding.start}-{finding.end}"
        cleared = f" (cleared by {item.cleared_by})" if item.cleared_by else ""
        out.write(
            f"  {where:>9}  {finding.category}/{finding.type}  "
            f"{excerpt(text, finding, show_values, others=found)}  -> {item.action}{cleared}\n"
        )
        if finding.message:
            out.write(f"             {finding.message}\n")
    tool = decision.tool.display_name
    kind = "enterprise" if decision.enterprise else "not enterprise"
    out.write(f"{DECISION_WORDS[decision.decision]}: {tool} ({kind}), purpose {decision.purpose}\n")
    if decision.next_step:
        out.write(f"{decision.next_step}\n")
