"""`promptguard audit report`: what generative AI was used for, for the AI contact."""

from __future__ import annotations

from pathlib import Path

import click

from promptguard.cli.common import OneLineGroup, UsageFailure, get_config
from promptguard.config.load import ConfigError, load_config
from promptguard.errors import AuditError
from promptguard.gate.audit import AuditLog, parse_since
from promptguard.reports.audit import REPORT_FORMATS, render_report


@click.group("audit", cls=OneLineGroup)
def audit() -> None:
    """The audit trail of every check (no prompts, no personal values)."""


@audit.command("report")
@click.option("--since", help="Only checks from this date on (YYYY-MM-DD, UTC).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*REPORT_FORMATS, "html")),
    default="text",
    show_default=True,
    help="html: one page with charts.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (default: standard output).",
)
@click.option(
    "--production-config",
    "others",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="html: add another production's trail (its promptguard.toml); repeatable.",
)
@click.pass_context
def report(
    ctx: click.Context,
    since: str | None,
    fmt: str,
    output: Path | None,
    others: tuple[Path, ...],
) -> None:
    """Counts per decision, tool, purpose, category, and the clearances used.

    --format html writes one self-contained page with charts (findings by category and
    week, decisions by tool, top productions, clearances), readable offline."""
    if fmt == "html":
        _write(_html_report(ctx, since, others), output)
        return
    if fmt not in REPORT_FORMATS:
        choices = ", ".join((*REPORT_FORMATS, "html"))
        raise UsageFailure(f"--format must be one of {choices}, not {fmt!r}")
    try:
        config = get_config(ctx)
        log = AuditLog(config.state_dir)
        summary = log.report(parse_since(since) if since else None)
    except (ConfigError, AuditError) as error:
        raise UsageFailure(str(error)) from None
    _write(render_report(summary, fmt, config.ai_contact), output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise UsageFailure(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(f"wrote {output}")


def _html_report(ctx: click.Context, since: str | None, others: tuple[Path, ...]) -> str:
    """issue 23: the charted report, over this production and any others given."""
    from promptguard.errors import ClearanceError, ReportUnavailable
    from promptguard.reports.audit_html import production_data, render_html

    try:
        configs = [get_config(ctx), *(load_config(path) for path in others)]
        prefix = parse_since(since) if since else None
        data = [production_data(config, prefix) for config in configs]
        names = [d.name for d in data]
        title = "promptguard audit report: " + ", ".join(dict.fromkeys(names))
        return render_html(data, title, since)
    except (ConfigError, AuditError, ClearanceError, ReportUnavailable) as error:
        raise UsageFailure(str(error)) from None
