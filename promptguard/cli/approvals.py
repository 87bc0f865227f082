"""`promptguard approvals` (the approvers' web page) and `promptguard approvers add|list`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from promptguard.cli.common import UsageFailure, get_config
from promptguard.cli.serve import _is_loopback
from promptguard.errors import ConfigError


@click.command("approvals")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8766, show_default=True)
@click.option(
    "--root-path",
    default="",
    help="The path prefix a reverse proxy serves the page under (e.g. /approvals).",
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Send the session cookie over HTTPS only (set this behind an HTTPS proxy).",
)
@click.option(
    "--forwarded-allow-ips",
    default="127.0.0.1",
    show_default=True,
    help="Proxies trusted for X-Forwarded-For/-Proto headers (uvicorn's option).",
)
@click.option("--log-level", default="warning", show_default=True, help="uvicorn log level.")
@click.pass_context
def approvals(
    ctx: click.Context,
    host: str,
    port: int,
    root_path: str,
    secure_cookies: bool,
    forwarded_allow_ips: str,
    log_level: str,
) -> None:
    """Serve the approvers' page: pending clearance requests, approve or deny.

    Bound to 127.0.0.1 by default; to reach it from other machines, put it behind the
    studio's HTTPS reverse proxy (docs/APPROVALS.md). Loads no models: it starts at once."""
    config = get_config(ctx)
    if not _is_loopback(host) and not secure_cookies:
        raise UsageFailure(
            f"--host {host} is reachable from other machines: serve it behind an HTTPS proxy "
            "with --secure-cookies (docs/APPROVALS.md)"
        )
    try:
        import uvicorn

        from promptguard.approvals.web import create_approvals_app

        app = create_approvals_app(config, https_only=secure_cookies)
    except (ValueError, ImportError) as error:
        raise UsageFailure(str(error)) from None
    if not config.approvers:
        click.echo(
            "promptguard: no approvers in the configuration yet: add one with "
            "`promptguard approvers add NAME`",
            err=True,
        )
    click.echo(f"promptguard: approvals page on http://{host}:{port}{root_path}/")
    uvicorn.run(
        app,
        host=host,
        port=port,
        root_path=root_path.rstrip("/"),
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level=log_level,
        server_header=False,
    )


@click.group("approvers")
def approvers() -> None:
    """Who may approve clearance requests on the approvals page."""


@approvers.command("add")
@click.argument("login")
@click.option("--name", default="", help='Display name, e.g. "Dana Kim (Legal)".')
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input (first line) instead of prompting.",
)
@click.pass_context
def add(ctx: click.Context, login: str, name: str, password_stdin: bool) -> None:
    """Add an approver (or set a new password): writes an argon2 hash to promptguard.toml."""
    from promptguard.approvals.passwords import ApproverError, add_approver

    config = get_config(ctx)
    path = config.path or Path.cwd() / "promptguard.toml"
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(
            f"Password for {login}", hide_input=True, confirmation_prompt=True, err=True
        )
    try:
        replaced = add_approver(path, login, password, name)
    except ApproverError as error:
        raise UsageFailure(str(error)) from None
    try:
        from promptguard.config.load import load_config

        load_config(path)
    except ConfigError as error:
        raise UsageFailure(f"{path} no longer loads after the change: {error}") from None
    verb = "new password for" if replaced else "added approver"
    click.echo(f"{verb} {login} in {path} (argon2 hash only; commit it like the rest)")


@approvers.command("list")
@click.pass_context
def list_approvers(ctx: click.Context) -> None:
    """The approvers configured (never their hashes)."""
    config = get_config(ctx)
    if not config.approvers:
        click.echo("No approvers yet: promptguard approvers add NAME")
    for login, entry in sorted(config.approvers.items()):
        name = entry.get("name", "")
        click.echo(f"{login}" + (f"  {name}" if name else ""))
