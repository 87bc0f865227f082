"""Running the click command line in this process, for the CLI tests (models stay warm)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from promptguard.cli import cli


def run_cli(project: Path, *args: str, stdin: bytes | None = None) -> Result:
    """`promptguard --config PROJECT/promptguard.toml ARGS`; an exception that escapes the
    command line (anything but the exit it chose) fails the test."""
    result = CliRunner().invoke(
        cli, ["--config", str(project / "promptguard.toml"), *args], input=stdin
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}") from result.exception
    return result
