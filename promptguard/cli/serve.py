"""`promptguard serve`: the local pre-send service, and the OpenAI-compatible gateway."""

from __future__ import annotations

import ipaddress
import os

import click

from promptguard.cli.common import ToolChoice, UsageFailure, get_config
from promptguard.config.load import Config


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option(
    "--token",
    envvar="PROMPTGUARD_TOKEN",
    help="Require this bearer token (or set PROMPTGUARD_TOKEN).",
)
@click.option(
    "--upstream",
    help="Gateway mode: forward allowed OpenAI-style requests to this base URL "
    "(e.g. https://api.openai.com/v1).",
)
@click.option(
    "--tool",
    "gateway_tool",
    type=ToolChoice(),
    help="Gateway mode: the tool id the upstream is, as declared in promptguard.toml.",
)
@click.option(
    "--workers",
    default="1",
    show_default=True,
    metavar="N|auto",
    help="Processes answering checks in parallel (POSIX). Models load once and are shared; "
    "'auto' = one per CPU. Each extra worker adds memory.",
)
@click.option(
    "--max-requests",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Replace a worker with a fresh copy after about N requests (up to 10% more, drawn "
    "per worker), so a long-running service gives back the memory new words take. "
    "0 = never. Runs the supervised worker pool even with one worker (POSIX).",
)
@click.option(
    "--approvals",
    "with_approvals",
    is_flag=True,
    help="Also serve the approvers' page at /approvals (one process; see docs/APPROVALS.md).",
)
@click.option("--log-level", default="warning", show_default=True, help="uvicorn log level.")
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    token: str | None,
    upstream: str | None,
    gateway_tool: str | None,
    workers: str,
    max_requests: int,
    log_level: str,
    with_approvals: bool = False,
) -> None:
    """Run the local HTTP service: POST /v1/check, GET /healthz, /docs.

    Models load before the port opens, so every request is served warm. Bound to
    127.0.0.1 by default; listening elsewhere without --token is refused. With
    --workers N, N processes share the port and the loaded models (one scan at a time
    each), so N concurrent clients do not queue behind one another."""
    config = get_config(ctx)
    if not token and not _is_loopback(host):
        raise UsageFailure(f"--host {host} is reachable from other machines: set --token too")
    if upstream is not None and not upstream.startswith(("http://", "https://")):
        raise UsageFailure(f"--upstream must be an http(s) URL, not {upstream!r}")
    count = _worker_count(workers)
    if (count > 1 or max_requests) and not (os.name == "posix" and hasattr(os, "fork")):
        click.echo(
            "promptguard: --workers and --max-requests need fork (POSIX); serving with "
            "1 process, never recycled",
            err=True,
        )
        count, max_requests = 1, 0
    if with_approvals and (count > 1 or max_requests):
        raise UsageFailure("--approvals serves from one process: drop --workers/--max-requests")
    if with_approvals and not _is_loopback(host):
        raise UsageFailure(
            "--approvals listens on loopback only; behind an HTTPS proxy run "
            "`promptguard approvals --secure-cookies` (docs/APPROVALS.md)"
        )
    if count > 1 or max_requests:
        _serve_workers(
            ctx, config, host, port, count, token, upstream, gateway_tool, log_level, max_requests
        )
        return
    try:
        import uvicorn

        from promptguard.service.app import create_app

        app = create_app(
            config,
            token=token,
            upstream=upstream,
            gateway_tool=gateway_tool,
            advertise_url=f"http://{host}:{port}",
        )
        if with_approvals:  # issue 23: the approvers' page beside the check service
            from promptguard.approvals.web import create_approvals_app

            app.mount("/approvals", create_approvals_app(config))
            click.echo(f"promptguard: approvals page on http://{host}:{port}/approvals/")
    except (ValueError, ImportError) as error:
        raise UsageFailure(str(error)) from None
    mode = f"gateway to {upstream}" if upstream else "check service"
    click.echo(f"promptguard: loading models, then serving the {mode} on http://{host}:{port}")
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


def _serve_workers(
    ctx: click.Context,
    config: Config,
    host: str,
    port: int,
    count: int,
    token: str | None,
    upstream: str | None,
    gateway_tool: str | None,
    log_level: str,
    max_requests: int = 0,
) -> None:
    """Several processes: the parent warms the models, binds, forks and supervises."""
    try:
        from promptguard.service.workers import run_workers
    except ImportError as error:
        raise UsageFailure(str(error)) from None
    mode = f"gateway to {upstream}" if upstream else "check service"
    workers = f"{count} worker" + ("s" if count > 1 else "")
    recycled = f", each replaced after about {max_requests} requests" if max_requests else ""
    click.echo(
        f"promptguard: loading models, then serving the {mode} on http://{host}:{port} "
        f"with {workers}{recycled}"
    )
    try:
        code = run_workers(
            config,
            host,
            port,
            count,
            token=token,
            upstream=upstream,
            gateway_tool=gateway_tool,
            log_level=log_level,
            max_requests=max_requests,
        )
    except ValueError as error:
        raise UsageFailure(str(error)) from None
    except OSError as error:
        raise UsageFailure(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    ctx.exit(code)


def _worker_count(value: str) -> int:
    """`--workers`: a number from 1 to 64, or `auto` (one per usable CPU)."""
    if value.strip().lower() == "auto":
        from promptguard.service.workers import usable_cpus

        return max(1, min(64, usable_cpus()))
    try:
        count = int(value)
    except ValueError:
        raise UsageFailure(f"--workers must be a number or 'auto', not {value!r}") from None
    if not 1 <= count <= 64:
        raise UsageFailure(f"--workers must be between 1 and 64, not {count}")
    return count


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
