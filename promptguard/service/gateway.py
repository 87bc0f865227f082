"""OpenAI-compatible gateway: point a tool's base URL at promptguard instead of the provider.

Each chat, completion, responses, embeddings or image-generation request has its prompt text
checked by the gate first. Allowed (or notify) requests are forwarded unchanged to the one
configured upstream, with the client's own `Authorization` header, and the upstream's answer
(streamed or not) is passed back as it comes. Anything else gets an OpenAI-style error body
that says why, with HTTP 403:

    {"error": {"message": "...", "type": "promptguard_blocked", "code": "blocked"}}

(`code` is `clearance_required`, with the request id, when written approval is needed).
If the scanner fails, or the request holds content promptguard cannot read (token-id
prompts, an endpoint it does not know), nothing is forwarded: fail closed (503 / 403).

This module is the only place promptguard makes an outbound call, and only to `upstream`.
The client's `Authorization` goes to the upstream, so promptguard's own token (if any) is
sent as `X-Promptguard-Token`. Tool and purpose come from `X-Promptguard-Tool` /
`X-Promptguard-Purpose` headers, else the `--tool` given to `serve` and the configured
default purpose.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from promptguard.errors import Unreadable
from promptguard.service.core import (
    MAX_BODY_BYTES,
    TOKEN_HEADER,
    CheckService,
    authorized,
)

#: Endpoints whose prompt text is checked, and how to find it in the body.
GATEWAY_PATHS: tuple[str, ...] = (
    "/v1/chat/completions",
    "/v1/completions",
    "/v1/responses",
    "/v1/embeddings",
    "/v1/images/generations",
)
#: Forwarded without a check: they carry no prompt.
PASSTHROUGH_GET = ("/v1/models",)
#: Never forwarded to the upstream (hop-by-hop, or meant for promptguard).
_DROPPED_REQUEST_HEADERS = frozenset(
    {"host", "content-length", "connection", "keep-alive", "transfer-encoding", "te",
     "upgrade", "proxy-authorization", "proxy-connection", TOKEN_HEADER,
     "x-promptguard-tool", "x-promptguard-purpose", "x-promptguard-user"}
)  # fmt: skip
_DROPPED_RESPONSE_HEADERS = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
     "proxy-authenticate"}
)  # fmt: skip


# --- prompt extraction ------------------------------------------------------------------


def _parts_text(content: Any, where: str) -> list[str]:
    """Text of a message `content`: a string, or parts ({"type": "text", "text": ...})."""
    if content is None:
        return []
    if isinstance(content, str):
        return [content]
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, str):
                texts.append(part)
            elif isinstance(part, dict):
                if isinstance(part.get("text"), str):
                    texts.append(part["text"])
                elif isinstance(part.get("text"), dict) and isinstance(
                    part["text"].get("value"), str
                ):
                    texts.append(part["text"]["value"])
        return texts
    raise Unreadable(f"{where}: content must be a string or a list of parts")


def _chat(body: dict) -> list[str]:
    messages = body.get("messages")
    if not isinstance(messages, list):
        raise Unreadable("messages must be a list")
    texts: list[str] = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise Unreadable(f"messages[{index}] must be an object")
        texts += _parts_text(message.get("content"), f"messages[{index}]")
    return texts


def _prompt_list(value: Any, name: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise Unreadable(f"{name} must be text (token-id prompts cannot be checked)")


def _completions(body: dict) -> list[str]:
    return _prompt_list(body.get("prompt", ""), "prompt")


def _embeddings(body: dict) -> list[str]:
    return _prompt_list(body.get("input", ""), "input")


def _images(body: dict) -> list[str]:
    prompt = body.get("prompt")
    if not isinstance(prompt, str):
        raise Unreadable("prompt must be a string")
    return [prompt]


def _responses(body: dict) -> list[str]:
    texts: list[str] = []
    if isinstance(body.get("instructions"), str):
        texts.append(body["instructions"])
    value = body.get("input", "")
    if isinstance(value, str):
        return [*texts, value]
    if not isinstance(value, list):
        raise Unreadable("input must be a string or a list of items")
    for index, item in enumerate(value):
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, dict):
            if "content" in item:
                texts += _parts_text(item.get("content"), f"input[{index}]")
            elif isinstance(item.get("text"), str):
                texts.append(item["text"])
            elif isinstance(item.get("output"), str):
                texts.append(item["output"])
        else:
            raise Unreadable(f"input[{index}] must be an object")
    return texts


EXTRACTORS: dict[str, Callable[[dict], list[str]]] = {
    "/v1/chat/completions": _chat,
    "/v1/completions": _completions,
    "/v1/responses": _responses,
    "/v1/embeddings": _embeddings,
    "/v1/images/generations": _images,
}


def prompt_text(path: str, body: dict) -> str:
    """Everything of the request that would reach the model, as one text to check."""
    return "\n\n".join(t for t in EXTRACTORS[path](body) if t)


# --- responses --------------------------------------------------------------------------


def openai_error(status: int, message: str, kind: str, code: str, **extra: Any) -> JSONResponse:
    """An error body OpenAI client libraries parse and show (`error.message`)."""
    body: dict[str, Any] = {
        "error": {"message": message, "type": kind, "param": None, "code": code}
    }
    body.update(extra)
    return JSONResponse(body, status_code=status)


class Gateway:
    """The gateway routes and the one HTTP client to the upstream."""

    def __init__(
        self,
        service: CheckService,
        upstream: str,
        token: str | None = None,
        tool: str | None = None,
        timeout: float = 600.0,
    ) -> None:
        if not upstream.startswith(("http://", "https://")):
            raise ValueError(f"--upstream must be an http(s) URL, not {upstream!r}")
        if tool is not None:  # a tool no check could name would refuse every request
            tool = service.config.resolve_tool(tool).id
        self.service = service
        self.upstream = upstream.rstrip("/")
        self.token = token
        self.tool = tool
        self.timeout = timeout
        self.client: httpx.AsyncClient | None = None

    async def start(self) -> None:
        # trust_env=False: no proxy or netrc from the environment; the upstream only.
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(self.timeout, connect=10.0), trust_env=False
        )

    async def stop(self) -> None:
        if self.client is not None:
            await self.client.aclose()
            self.client = None

    def routes(self) -> list[Route]:
        return [
            *(Route(path, self.checked, methods=["POST"]) for path in GATEWAY_PATHS),
            *(Route(path, self.passthrough, methods=["GET"]) for path in PASSTHROUGH_GET),
            Route("/v1/{rest:path}", self.unsupported, methods=["GET", "POST", "PUT", "DELETE"]),
        ]

    def target(self, request: Request) -> str:
        """The upstream URL: `upstream` is the base URL a client would use (with /v1)."""
        url = self.upstream + request.url.path.removeprefix("/v1")
        return f"{url}?{request.url.query}" if request.url.query else url

    async def checked(self, request: Request) -> Response:
        if not authorized(request, self.token):
            return openai_error(
                401, "promptguard: missing or wrong X-Promptguard-Token", "promptguard_auth",
                "unauthorized",
            )  # fmt: skip
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return openai_error(413, "promptguard: request too large to check",
                                "promptguard_blocked", "too_large")  # fmt: skip
        try:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise Unreadable("the body must be a JSON object")
            text = prompt_text(request.url.path, data)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return openai_error(400, "promptguard: the body must be JSON",
                                "invalid_request_error", "invalid_json")  # fmt: skip
        except Unreadable as error:
            return openai_error(
                403, f"promptguard cannot check this request ({error}); it was not sent.",
                "promptguard_blocked", "unreadable_prompt",
            )  # fmt: skip
        headers = request.headers
        tool = headers.get("x-promptguard-tool") or self.tool
        purpose = headers.get("x-promptguard-purpose") or None
        user = headers.get("x-promptguard-user") or None
        try:
            decision = await self.service.run(self.service.check, text, tool, purpose, user)
        except ValueError as error:
            return openai_error(400, f"promptguard: {error}", "invalid_request_error",
                                "invalid_promptguard_header")  # fmt: skip
        if decision.scan_failures:
            failures = "; ".join(decision.scan_failures)
            return openai_error(
                503,
                f"promptguard could not check this prompt ({failures}); it was not "
                "sent (fail closed). Try again, or ask your production's AI contact.",
                "promptguard_unavailable",
                "scanner_failed",
                promptguard=decision.to_dict(),
            )
        if decision.decision in ("block", "clearance"):
            why = " ".join([decision.next_step, *decision.reasons]).strip()
            code = "blocked" if decision.decision == "block" else "clearance_required"
            return openai_error(
                403,
                f"promptguard: {why}",
                "promptguard_blocked",
                code,
                promptguard=decision.to_dict(),
            )
        return await self.forward(request, body, decision.decision)

    async def passthrough(self, request: Request) -> Response:
        if not authorized(request, self.token):
            return openai_error(401, "promptguard: missing or wrong X-Promptguard-Token",
                                "promptguard_auth", "unauthorized")  # fmt: skip
        return await self.forward(request, b"", None)

    async def unsupported(self, request: Request) -> Response:
        return openai_error(
            403,
            f"promptguard does not check {request.method} {request.url.path}; it was not "
            f"sent. Checked endpoints: {', '.join(GATEWAY_PATHS)}.",
            "promptguard_blocked",
            "unsupported_endpoint",
        )

    async def forward(self, request: Request, body: bytes, decision: str | None) -> Response:
        """Send to the upstream and stream its answer back unchanged."""
        assert self.client is not None, "gateway not started"
        headers = [
            (k, v) for k, v in request.headers.items() if k.lower() not in _DROPPED_REQUEST_HEADERS
        ]
        upstream_request = self.client.build_request(
            request.method, self.target(request), headers=headers, content=body or None
        )
        try:
            upstream = await self.client.send(upstream_request, stream=True)
        except httpx.HTTPError as error:
            return openai_error(
                502,
                f"promptguard: the upstream did not answer ({type(error).__name__})",
                "promptguard_upstream_error",
                "upstream_unreachable",
            )
        out_headers = {
            k: v for k, v in upstream.headers.items() if k.lower() not in _DROPPED_RESPONSE_HEADERS
        }
        if decision:
            out_headers["X-Promptguard-Decision"] = decision
        return StreamingResponse(
            upstream.aiter_raw(),
            status_code=upstream.status_code,
            headers=out_headers,
            background=BackgroundTask(upstream.aclose),
        )
