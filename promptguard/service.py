"""`promptguard serve`: a local HTTP service creative tools call before they send a prompt.

One process keeps the scanner warm (spaCy and Presidio loaded at start-up, before the port
accepts connections), so a check costs the scan, not the start-up. It listens on 127.0.0.1
unless told otherwise, and can require a bearer token. Endpoints:

* `POST /v1/check` — `{"prompt": "...", "tool": "...", "purpose": "..."}` (or `"text"`):
  the same JSON as `promptguard check --format json`; the HTTP status is 200 whatever the
  decision (the decision is in the body and in the `X-Promptguard-Decision` header).
* `GET /healthz`, `GET /openapi.json`, `GET /docs`.
* With `--upstream`, the OpenAI-compatible gateway routes of `promptguard.gateway`.

A scan that fails (an analyzer or model error) never answers "allow": `/v1/check` returns
503 with `"decision": "block"` and the reason, and the gateway refuses to forward (fail
closed). The decision logic is the shared `promptguard.checking.Checker`, so the service,
`promptguard check` and the Python API always agree.

One process scans one prompt at a time, so concurrent clients queue; `promptguard.workers`
(`serve --workers N`) runs several processes that share the warm models.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import html
import json
import os
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from promptguard import __version__
from promptguard.checking import Checker
from promptguard.config import PURPOSES, Config
from promptguard.gate import Decision

T = TypeVar("T")

#: Requests larger than this are refused (413): a prompt, not a document dump.
MAX_BODY_BYTES = 8 * 1024 * 1024
TOKEN_HEADER = "x-promptguard-token"
#: Warm-up texts: one per language, each holding what makes every analyzer load its model.
#: One text per language, each with a name no cue explains, so the pre-pass sends it to NER
#: and the model loads now rather than on the first real request.
WARM_UP_TEXTS = {
    "en": "Warm-up: the rooftop scene, Jane Doe at dawn; call her on +1 415 555 0100, "
    "12 Main Street.",
    "fr": "Préchauffage : la scène du toit, Marie Dupont à l'aube ; appelez-la au "
    "06 12 34 56 78, 12 rue de la Paix, Paris.",
}


class CheckService:
    """The shared `Checker` (warm scanner + gate) behind every request of the server."""

    def __init__(self, config: Config, checker: Checker | None = None) -> None:
        self.config = config
        self.checker = checker or Checker(config)
        self.ready = False
        # One thread does all the scanning: the checker scans one prompt at a time anyway,
        # and with a pool of threads each kept its own malloc arena, so the service's memory
        # crept up with the number of threads that had ever scanned.
        self._scanning: ThreadPoolExecutor | None = None
        self._scanning_lock = threading.Lock()

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` on the scanning thread, without blocking the event loop."""
        with self._scanning_lock:
            if self._scanning is None:  # first use, or after `close` (an app restarted)
                self._scanning = ThreadPoolExecutor(1, thread_name_prefix="promptguard-scan")
            executor = self._scanning
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, functools.partial(function, *args))

    def warm(self) -> None:
        """Load every model now, so the first request is as fast as the others."""
        scanner = self.checker.scanner
        for language in self.config.languages:  # only the configured languages load
            self.checker.findings(WARM_UP_TEXTS[language], language=language)
            for analyzer in scanner.analyzers if scanner else ():
                analyzer.warm(language)
        self.ready = True

    def check(
        self,
        text: str,
        tool: str | None,
        purpose: str | None,
        user: str | None = None,
        record: bool = True,
    ) -> Decision:
        """The gate's decision for one prompt; `decision.scan_failures` says when it is a
        fail-closed block. Raises ValueError only for a bad tool or purpose."""
        return self.checker.check(text, tool, purpose, user=user, record=record)

    def close(self) -> None:
        """Release the scanning thread and the audit trail's connection (the service is
        stopping)."""
        with self._scanning_lock:
            executor, self._scanning = self._scanning, None
        if executor is not None:
            executor.shutdown(wait=True)
        self.checker.gate.audit.close()


# --- HTTP -----------------------------------------------------------------------------


def error_response(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def authorized(request: Request, token: str | None) -> bool:
    """No token configured: open (loopback only by default). Otherwise `Authorization:
    Bearer T` or `X-Promptguard-Token: T`, compared in constant time."""
    if not token:
        return True
    given = request.headers.get(TOKEN_HEADER, "")
    if not given:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        given = value.strip() if scheme.lower() == "bearer" else ""
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


async def read_json(request: Request) -> dict:
    """The request body as a JSON object; ValueError with a one-line reason otherwise."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise OverflowError
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise OverflowError
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ValueError("body must be JSON") from None
    except RecursionError:
        raise ValueError("body must be JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise ValueError("body must be a JSON object")
    return data


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
        from promptguard.gateway import GATEWAY_PATHS

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
        from promptguard.gateway import Gateway

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


def advertise_port_file(config: Config, url: str) -> Path | None:
    """Write the port file `promptguard check` looks for; failure only costs speed."""
    from promptguard.client import PORT_FILE

    path = config.state_dir / PORT_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    except OSError:
        return None
    return path


def withdraw_port_file(path: Path) -> None:
    """Remove the port file if it is still ours (another service may have replaced it)."""
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass
