"""Command line: parse, call, print. All behaviour lives in the library.

Exit codes, the same for every command: 0 clean/allowed, 1 findings/blocked, 2 usage,
configuration or internal error (every `promptguard.errors.PromptguardError` maps to its
`exit_code`, see `errors.exit_code_for`), 3 clearance needed. No command ever shows a
traceback.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from promptguard._version import __version__
from promptguard.cli.common import OneLineGroup, UsageFailure, one_line
from promptguard.config.load import load_config
from promptguard.errors import ConfigError, PromptguardError, exit_code_for

#: Subcommand -> "module:attribute", imported only when that command runs (or for --help):
#: a cold `check` must not pay for the script-index readers, the service or the git hook.
COMMANDS: dict[str, str] = {
    "scan": "promptguard.cli.scan:scan",
    "check": "promptguard.cli.check:check",
    "corpus": "promptguard.cli.corpus:corpus",
    "clearance": "promptguard.cli.clearance:clearance",
    "audit": "promptguard.cli.audit:audit",
    "hook": "promptguard.cli.hook:hook",
    "baseline": "promptguard.cli.hook:baseline",
    "serve": "promptguard.cli.serve:serve",
    "approvals": "promptguard.cli.approvals:approvals",
    "approvers": "promptguard.cli.approvals:approvers",
    "init": "promptguard.cli.init:init",
    "tools": "promptguard.cli.info:tools",
    "config": "promptguard.cli.info:config_group",
}


class LazyGroup(OneLineGroup):
    """A click group whose subcommands are imported on first use (click's documented
    lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, attribute = target.split(":")
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    if config_path is not None:
        given = ctx.get_parameter_source("config_path")
        origin = "$PROMPTGUARD_CONFIG" if given == ParameterSource.ENVIRONMENT else "--config"
    else:
        origin = "found walking up from the current folder" if config.path else ""
    ctx.obj = {"config": config, "config_origin": origin}


def main(argv: list[str] | None = None) -> None:
    """Console entry point: click's handling, plus a one-line message for anything else."""
    try:
        cli.main(args=argv, prog_name="promptguard", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("promptguard: interrupted", err=True)
        sys.exit(130)
    except PromptguardError as error:  # one that no command turned into a usage message
        click.echo(f"promptguard: {one_line(error)}", err=True)
        sys.exit(exit_code_for(error))
    except Exception as error:  # noqa: BLE001 - never a traceback for the user
        click.echo(f"promptguard: internal error: {one_line(error)}", err=True)
        sys.exit(exit_code_for(error))
