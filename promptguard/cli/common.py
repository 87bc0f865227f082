"""Small helpers shared by the command modules."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from promptguard._util import one_line  # noqa: F401 - the commands import it from here
from promptguard.config.load import Config, load_config


class OneLineGroup(click.Group):
    """A click group whose usage errors are said in one line, like every other error of the
    command line: what was wrong, and where to look (`--help`). Exit code 2."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):  # noqa: ANN002, ANN003, ANN201
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "promptguard"
            message = one_line(error.format_message())
            click.echo(f"promptguard: {message} (see `{where} --help`)", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("promptguard: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


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


class ToolChoice(click.Choice):
    """`--tool`: the destinations this production knows (built-in and declared), read from
    the configuration the command runs with, so `--help` lists them and a typo is refused
    with the list. Matching ignores case; the value given on is the canonical id."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=False)

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        ctx = click.get_current_context(silent=True)
        try:
            config = get_config(ctx) if ctx is not None else load_config()
        except Exception:  # noqa: BLE001 - a broken configuration is reported by the group
            config = Config()
        return tuple(config.known_tools)

    @choices.setter
    def choices(self, value: object) -> None:
        pass  # computed from the configuration

    def get_invalid_choice_message(self, value: object, ctx: click.Context | None) -> str:
        config = get_config(ctx) if ctx is not None else load_config()
        where = config.path or "promptguard.toml"
        return (
            f"unknown tool {value!r}: choose one of {', '.join(self.choices)}, or declare it "
            f"under [tools.{value}] in {where} (see `promptguard tools list`)"
        )


def write_report(output: Path | None, write: Callable[[TextIO], None]) -> None:
    """The report on stdout, or in `output` (written whole, then moved into place, so a
    failed run never leaves half a report)."""
    if output is None:
        write(sys.stdout)
        return
    import os
    import tempfile

    folder = output.resolve().parent
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.")
    except OSError as error:
        reason = error.strerror or error
        raise UsageFailure(f"{output}: cannot write the report: {reason}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            write(handle)
        os.replace(temporary, output)
    except OSError as error:
        reason = error.strerror or error
        raise UsageFailure(f"{output}: cannot write the report: {reason}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
