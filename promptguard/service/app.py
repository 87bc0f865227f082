"""The `promptguard serve` application: the HTTP routes creative tools call before sending.

One process keeps the scanner warm (spaCy and Presidio loaded at start-up, before the port
accepts connections), so a check costs the scan, not the start-up. It listens on 127.0.0.1
unless told otherwise, and can require a bearer token. Endpoints:

* `POST /v1/check` — `{"prompt": "...", "tool": "...", "purpose": "..."}` (or `"text"`):
  the same JSON as `promptguard check --format json`; the HTTP status is 200 whatever the
  decision (the decision is in the body and in the `X-Promptguard-Decision` header).
* `GET /healthz`, `GET /openapi.json`, `GET /docs`.
* With `--upstream`, the OpenAI-compatible gateway routes of `promptguard.service.gateway`.

A scan that fails (an analyzer or model error) never answers "allow": `/v1/check` returns
503 with `"decision": "block"` and the reason, and the gateway refuses to forward (fail
closed). The decision logic is the shared `promptguard.pipeline.checking.Checker`, so the service,
`promptguard check` and the Python API always agree.

One process scans one prompt at a time, so concurrent clients queue; `promptguard.service.workers`
(`serve --workers N`) runs several processes that share the warm models.
"""

from __future__ import annotations

import html
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from promptguard._version import __version__
from promptguard.config.load import PURPOSES, Config
from promptguard.service.core import (
    MAX_BODY_BYTES,
    CheckService,
    advertise_port_file,
    authorized,
    error_response,
    read_json,
    withdraw_port_file,
)
from promptguard.service.gateway import GATEWAY_PATHS, Gateway


def make_check_endpoint(service: CheckService, token: str | None):  # noqa: ANN201
    async def check(request: Request) -> Response:
        if not authorized(request, token):
            return error_response(401, "missing or wrong bearer token")
        try:
            data = await read_json(request)
        except OverflowError:
            return error_response(413, f"body over {MAX_BODY_BYTES // (1024 * 1024)} MiB")
        except ValueError as error:
            return error_response(400, str(error))
        text = data.get("prompt", data.get("text"))
        if not isinstance(text, str):
            return error_response(400, 'give the prompt as a string in "prompt" (or "text")')
        for key in ("tool", "purpose", "user"):
            if data.get(key) is not None and not isinstance(data[key], str):
                return error_response(400, f'"{key}" must be a string')
        record = data.get("record", True)
        if not isinstance(record, bool):
            return error_response(400, '"record" must be true or false')
        try:
            decision = await service.run(
                service.check,
                text,
                data.get("tool"),
                data.get("purpose"),
                data.get("user"),
                record,
            )
        except ValueError as error:
            return error_response(400, str(error))
        # A failed scan is a `block` (fail closed) and also a 503, for clients that only
        # look at the status.
        return JSONResponse(
            decision.to_dict(),
            status_code=503 if decision.scan_failures else 200,
            headers={"X-Promptguard-Decision": decision.decision},
        )

    return check


def make_health_endpoint(service: CheckService):  # noqa: ANN201
    async def healthz(request: Request) -> Response:
        scanner = service.checker.scanner
        failure = service.checker.setup_failure
        body = {
            "status": "failing" if failure else ("ok" if service.ready else "starting"),
            "version": __version__,
            "models_loaded": scanner.models.loaded_languages() if scanner else [],
            "analyzers": [a.name for a in scanner.analyzers] if scanner else [],
            "state_dir": str(service.config.state_dir),
            "pid": os.getpid(),  # which worker answered, with `serve --workers N`
        }
        if failure:
            body["error"] = failure
        return JSONResponse(body, status_code=503 if failure else 200)

    return healthz


def openapi_schema(gateway: bool) -> dict:
    """The OpenAPI 3.1 description of the service (hand-written: it is small and exact)."""
    decision = {
        "type": "object",
        "description": "Same JSON as `promptguard check --format json`.",
        "properties": {
            "decision": {"type": "string", "enum": ["allow", "notify", "clearance", "block"]},
            "tool": {"type": "string"},
            "tool_name": {"type": "string", "description": "the tool's name in the config"},
            "enterprise": {"type": "boolean"},
            "purpose": {"type": "string", "enum": list(PURPOSES)},
            "findings": {"type": "array", "items": {"type": "object"}},
            "use": {"type": "object"},
            "clearances_used": {"type": "array", "items": {"type": "string"}},
            "request_id": {"type": ["string", "null"]},
            "next_step": {"type": "string"},
            "warnings": {"type": "array", "items": {"type": "string"}},
        },
    }
    error = {"type": "object", "properties": {"error": {"type": "string"}}}
    paths: dict[str, Any] = {
        "/v1/check": {
            "post": {
                "summary": "May this prompt be sent to this tool for this purpose?",
                "security": [{"bearer": []}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "prompt": {"type": "string"},
                                    "text": {"type": "string", "description": "alias"},
                                    "tool": {"type": "string", "example": "midjourney"},
                                    "purpose": {"type": "string", "enum": list(PURPOSES)},
                                    "user": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "The decision (whatever it is)",
                        "content": {"application/json": {"schema": decision}},
                    },
                    "400": {"description": "Bad request, tool or purpose"},
                    "401": {"description": "Missing or wrong token"},
                    "503": {
                        "description": "The scan failed: do not send (fail closed)",
                        "content": {"application/json": {"schema": error}},
                    },
                },
            }
        },
        "/healthz": {"get": {"summary": "Liveness and loaded models", "responses": {"200": {}}}},
    }
    if gateway:
        for path in GATEWAY_PATHS:
            paths[path] = {
                "post": {
                    "summary": "OpenAI-compatible: checked, then forwarded to the upstream",
                    "responses": {
                        "2XX": {"description": "The upstream's response, passed through"},
                        "403": {"description": "Blocked or approval needed (OpenAI error)"},
                        "503": {"description": "Could not be checked: not forwarded"},
                    },
                }
            }
    return {
        "openapi": "3.1.0",
        "info": {"title": "promptguard", "version": __version__},
        "paths": paths,
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }


def docs_page(schema: dict) -> str:
    """A self-contained page (no CDN: the service makes no outbound call, nor its docs)."""
    rows = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            rows.append(
                f"<tr><td><code>{method.upper()}</code></td><td><code>{html.escape(path)}"
                f"</code></td><td>{html.escape(spec.get('summary', ''))}</td></tr>"
            )
    example = html.escape(
        "curl -s http://127.0.0.1:8765/v1/check -H 'Content-Type: application/json' "
        '-d \'{"prompt": "a moody rooftop at dusk", "tool": "midjourney", '
        '"purpose": "moodboard"}\''
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>promptguard API</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "td{padding:.3em .8em;border-bottom:1px solid #ddd}</style></head><body>"
        f"<h1>promptguard {html.escape(schema['info']['version'])}</h1>"
        "<p>Machine-readable description: <a href='/openapi.json'>/openapi.json</a>.</p>"
        f"<table>{''.join(rows)}</table><h2>Example</h2><pre>{example}</pre></body></html>"
    )


def create_app(
    config: Config,
    *,
    token: str | None = None,
    service: CheckService | None = None,
    upstream: str | None = None,
    gateway_tool: str | None = None,
    warm: bool = True,
    advertise_url: str | None = None,
) -> Starlette:
    """The Starlette app; with `upstream`, the OpenAI-compatible gateway routes too.

    With `advertise_url`, the service writes `<state dir>/service.json` once warm, so
    `promptguard check` in the same production finds it, and removes it on shutdown."""
    service = service or CheckService(config)
    schema = openapi_schema(gateway=upstream is not None)
    routes = [
        Route("/v1/check", make_check_endpoint(service, token), methods=["POST"]),
        Route("/healthz", make_health_endpoint(service), methods=["GET"]),
        Route("/openapi.json", lambda request: JSONResponse(schema), methods=["GET"]),
        Route("/docs", lambda request: HTMLResponse(docs_page(schema)), methods=["GET"]),
    ]
    gateway = None
    if upstream is not None:
        gateway = Gateway(service, upstream, token=token, tool=gateway_tool)
        routes.extend(gateway.routes())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if warm:
            await service.run(service.warm)
        else:
            service.ready = True
        if gateway is not None:
            await gateway.start()
        port_file = advertise_port_file(config, advertise_url) if advertise_url else None
        try:
            yield
        finally:
            if gateway is not None:
                await gateway.stop()
            if port_file is not None:
                withdraw_port_file(port_file)
            service.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.service = service
    return app
