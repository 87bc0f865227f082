"""`promptguard hook install|run` and `promptguard baseline create`: the git side."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from promptguard._util import one_line as _one_line
from promptguard.cli.common import OneLineGroup, UsageFailure, get_config


@click.group(cls=OneLineGroup)
def hook() -> None:
    """Git pre-commit hook: block commits that would leak what promptguard finds."""


@hook.command()
@click.option("--force", is_flag=True, help="Replace a pre-commit hook not written by promptguard.")
def install(force: bool) -> None:
    """Write .git/hooks/pre-commit so every commit's staged content is scanned."""
    from promptguard.errors import HookError
    from promptguard.pipeline.githook import install_hook

    try:
        target = install_hook(force=force)
    except HookError as error:
        raise UsageFailure(str(error)) from None
    click.echo(f"promptguard: pre-commit hook installed at {target}")


@hook.command(context_settings={"ignore_unknown_options": True})
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.pass_context
def run(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Scan the staged content (what the installed hook calls).

    With FILES (as the pre-commit framework passes them), scan those files instead."""
    from promptguard.pipeline.githook import EXIT_ERROR, print_result, run_hook

    config = get_config(ctx)
    try:
        result = run_hook(files=[str(f) for f in files] or None, config_path=config.path)
    except Exception as error:  # noqa: BLE001 - a hook fails closed, in one line
        click.echo(f"promptguard: commit blocked: {_one_line(error)}", err=True)
        ctx.exit(EXIT_ERROR)
    ctx.exit(print_result(result, sys.stderr))


@click.group(cls=OneLineGroup)
def baseline() -> None:
    """Accept the findings that exist today, by fingerprint (never by value)."""


@baseline.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write it (default: .promptguard/baseline.json at the repository root).",
)
@click.option("--exclude", multiple=True, help="gitignore-style pattern to skip (repeatable).")
@click.pass_context
def create(
    ctx: click.Context, paths: tuple[Path, ...], output: Path | None, exclude: tuple[str, ...]
) -> None:
    """Scan PATHS (default: the whole repository) and write a baseline of what is found.

    The hook and `scan --baseline` then accept those findings; new ones still block.
    Re-running replaces the file; commit it so the whole team shares it."""
    from promptguard.errors import HookError
    from promptguard.pipeline.scanner import Scanner
    from promptguard.pipeline.suppress import build_baseline, default_baseline_path
    from promptguard.readers import read_paths
    from promptguard.readers.git import git_root

    config = get_config(ctx)
    try:
        root = git_root()
    except HookError:
        root = Path.cwd()
    targets = list(paths) or [root]
    try:
        scanner = Scanner(config)
    except (ValueError, ImportError) as error:
        raise UsageFailure(str(error)) from None
    items = read_paths(targets, [*config.exclude, *exclude])
    result, errors = build_baseline(scanner.scan_records(items), root)
    failures = [e for e in errors if "failed" in e.message or "unavailable" in e.message]
    for error in errors:
        click.echo(f"promptguard: warning: {error}", err=True)
    if failures:
        raise UsageFailure("baseline not written: some files could not be scanned (see above)")
    target = output or default_baseline_path(root)
    try:
        result.write(target)
    except OSError as error:
        raise UsageFailure(f"{target}: cannot write: {error.strerror or error}") from None
    click.echo(
        f"promptguard: baseline with {len(result.entries)} accepted finding(s) written to {target}"
    )
