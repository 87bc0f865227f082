"""Small helpers shared by the command modules."""

from __future__ import annotations

import click

from promptguard._util import one_line  # noqa: F401 - the commands import it from here
from promptguard.config.load import Config, load_config


class UsageFailure(click.ClickException):
    """A usage or configuration problem: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"promptguard: {self.format_message()}", err=True)


def get_config(ctx: click.Context) -> Config:
    """The configuration loaded by the top-level group (or loaded now)."""
    obj = ctx.find_root().obj
    if isinstance(obj, dict) and isinstance(obj.get("config"), Config):
        return obj["config"]
    return load_config()
