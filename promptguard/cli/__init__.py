"""Command line: parse, call, print. All behaviour lives in the library.

Exit codes, the same for every command: 0 clean/allowed, 1 findings/blocked, 2 usage,
configuration or internal error, 3 clearance needed. No command ever shows a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from promptguard import __version__
from promptguard.cli.common import UsageFailure, one_line
from promptguard.config import ConfigError, load_config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="promptguard")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="PROMPTGUARD_CONFIG",
    help="promptguard.toml or pyproject.toml to use (default: found by walking up).",
)
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """Stop confidential production material from leaking into generative-AI tools."""
    try:
        config = load_config(config_path)
    except ConfigError as error:
        raise UsageFailure(str(error)) from None
    ctx.obj = {"config": config}


def _register() -> None:
    from promptguard.cli.audit import audit
    from promptguard.cli.check import check
    from promptguard.cli.clearance import clearance
    from promptguard.cli.corpus import corpus
    from promptguard.cli.scan import scan

    for command in (scan, check, corpus, clearance, audit):
        cli.add_command(command)

    from promptguard.cli.hook import baseline, hook
    from promptguard.cli.serve import serve

    for command in (hook, baseline, serve):
        cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    """Console entry point: click's handling, plus a one-line message for anything else."""
    try:
        cli.main(args=argv, prog_name="promptguard", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("promptguard: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - never a traceback for the user
        click.echo(f"promptguard: internal error: {one_line(error)}", err=True)
        sys.exit(2)
