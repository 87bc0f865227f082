"""`promptguard serve`: the local pre-send service, and the OpenAI-compatible gateway."""

from __future__ import annotations

import ipaddress

import click

from promptguard.cli.common import UsageFailure, get_config


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
    help="Gateway mode: the tool id the upstream is, as declared in promptguard.toml.",
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
    log_level: str,
) -> None:
    """Run the local HTTP service: POST /v1/check, GET /healthz, /docs.

    Models load before the port opens, so every request is served warm. Bound to
    127.0.0.1 by default; listening elsewhere without --token is refused."""
    config = get_config(ctx)
    if not token and not _is_loopback(host):
        raise UsageFailure(f"--host {host} is reachable from other machines: set --token too")
    if upstream is not None and not upstream.startswith(("http://", "https://")):
        raise UsageFailure(f"--upstream must be an http(s) URL, not {upstream!r}")
    try:
        import uvicorn

        from promptguard.service import create_app

        app = create_app(
            config,
            token=token,
            upstream=upstream,
            gateway_tool=gateway_tool,
            advertise_url=f"http://{host}:{port}",
        )
    except (ValueError, ImportError) as error:
        raise UsageFailure(str(error)) from None
    mode = f"gateway to {upstream}" if upstream else "check service"
    click.echo(f"promptguard: loading models, then serving the {mode} on http://{host}:{port}")
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
