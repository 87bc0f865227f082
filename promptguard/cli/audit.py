"""`promptguard audit report`: what generative AI was used for, for the AI contact."""

from __future__ import annotations

import click

from promptguard.cli.common import UsageFailure, get_config
from promptguard.config.load import ConfigError
from promptguard.errors import AuditError
from promptguard.gate.audit import AuditLog, parse_since
from promptguard.reports.audit import REPORT_FORMATS, render_report


@click.group("audit")
def audit() -> None:
    """The audit trail of every check (no prompts, no personal values)."""


@audit.command("report")
@click.option("--since", help="Only checks from this date on (YYYY-MM-DD, UTC).")
@click.option("--format", "fmt", default="text", help="text, json or csv.")
@click.pass_context
def report(ctx: click.Context, since: str | None, fmt: str) -> None:
    """Counts per decision, tool, purpose, category, and the clearances used."""
    if fmt not in REPORT_FORMATS:
        raise UsageFailure(f"--format must be one of {', '.join(REPORT_FORMATS)}, not {fmt!r}")
    try:
        config = get_config(ctx)
        log = AuditLog(config.state_dir)
        summary = log.report(parse_since(since) if since else None)
    except (ConfigError, AuditError) as error:
        raise UsageFailure(str(error)) from None
    click.echo(render_report(summary, fmt, config.ai_contact))
