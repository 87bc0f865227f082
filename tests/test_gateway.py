"""The OpenAI-compatible gateway against a tiny real upstream HTTP server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from live_server import CrashingAnalyzer, free_port, serving

from promptguard.config.load import Config, Tool
from promptguard.pipeline.checking import Checker
from promptguard.pipeline.scanner import Scanner
from promptguard.service.app import create_app
from promptguard.service.core import CheckService

PHONE = "+1 415 555 0143"
CLEAN = "A moody rooftop at dusk, rain, neon signs, wide lens."
CLIENT_KEY = {"Authorization": "Bearer sk-client-key"}


class FakeUpstream(BaseHTTPRequestHandler):
    """Answers like an OpenAI endpoint and remembers every request it received."""

    received: list[dict] = []

    def log_message(self, *args) -> None:  # noqa: ANN002 - silence
        pass

    def _remember(self, body: bytes) -> None:
        FakeUpstream.received.append(
            {
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body,
            }
        )

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._remember(b"")
        self._send(200, {"object": "list", "data": [{"id": "fake-model"}]})

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._remember(body)
        data = json.loads(body)
        if data.get("model") == "rate-limited":
            self._send(429, {"error": {"message": "slow down", "type": "rate_limit"}})
        elif data.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for word in ("Hello", " world"):
                chunk = {"choices": [{"delta": {"content": word}}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.close_connection = True
        else:
            self._send(200, {"id": "cmpl-1", "choices": [{"message": {"content": "ok"}}]})

    def _send(self, status: int, payload: dict) -> None:
        raw = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.send_header("X-Upstream", "yes")
        self.end_headers()
        self.wfile.write(raw)


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), FakeUpstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


@pytest.fixture(autouse=True)
def clear_received() -> None:
    FakeUpstream.received.clear()


def make_config(root: Path) -> Config:
    config = Config(root=root)
    config.tools["studio-gpt"] = Tool(id="studio-gpt", enterprise=True)
    config.tools["openai"] = Tool(id="openai")  # the upstream: declared, not enterprise
    return config


@pytest.fixture(scope="module")
def gateway(upstream: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = make_config(tmp_path_factory.mktemp("gateway"))
    app = create_app(config, upstream=upstream, gateway_tool="openai")
    with serving(app) as url:
        yield url


def chat(text: str, **extra) -> dict:
    return {"model": "gpt-4o", "messages": [{"role": "user", "content": text}], **extra}


def test_allowed_request_is_forwarded_unchanged(gateway: str) -> None:
    body = json.dumps(chat(CLEAN)).encode()
    headers = {**CLIENT_KEY, "Content-Type": "application/json", "X-Promptguard-User": "ana"}
    reply = httpx.post(f"{gateway}/v1/chat/completions?trace=1", content=body, headers=headers)
    assert reply.status_code == 200
    assert reply.json()["choices"][0]["message"]["content"] == "ok"
    assert reply.headers["x-upstream"] == "yes"
    assert reply.headers["x-promptguard-decision"] == "allow"
    [seen] = FakeUpstream.received
    assert seen["path"] == "/v1/chat/completions?trace=1"
    assert seen["body"] == body  # byte for byte
    assert seen["headers"]["authorization"] == "Bearer sk-client-key"  # passed through
    assert not any(h.lower().startswith("x-promptguard") for h in seen["headers"])


def test_blocked_request_gets_an_openai_error_and_is_not_sent(gateway: str) -> None:
    reply = httpx.post(
        f"{gateway}/v1/chat/completions",
        json=chat(f"Write a voicemail for the gaffer, number {PHONE}"),
        headers=CLIENT_KEY,
    )
    assert reply.status_code == 403
    error = reply.json()["error"]
    assert error["type"] == "promptguard_blocked" and error["code"] == "blocked"
    assert "phone" in error["message"].lower() or "personal data" in error["message"]
    assert PHONE not in reply.text
    assert FakeUpstream.received == []


def test_clearance_needed_is_403_with_the_request_id(gateway: str) -> None:
    reply = httpx.post(
        f"{gateway}/v1/chat/completions",
        json=chat(f"Call the gaffer on {PHONE}"),
        headers={**CLIENT_KEY, "X-Promptguard-Tool": "studio-gpt"},
    )
    assert reply.status_code == 403
    body = reply.json()
    assert body["error"]["code"] == "clearance_required"
    assert body["promptguard"]["request_id"] in body["error"]["message"]
    assert FakeUpstream.received == []


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/v1/completions", {"model": "m", "prompt": ["fine", f"call {PHONE}"]}),
        ("/v1/images/generations", {"model": "m", "prompt": f"poster with {PHONE} on it"}),
        ("/v1/embeddings", {"model": "m", "input": f"call {PHONE}"}),
        (
            "/v1/responses",
            {"model": "m", "input": [{"role": "user", "content": [
                {"type": "input_text", "text": f"call {PHONE}"}]}]},
        ),
        (
            "/v1/chat/completions",
            {"model": "m", "messages": [
                {"role": "system", "content": "be brief"},
                {"role": "user", "content": [{"type": "text", "text": f"call {PHONE}"}]}]},
        ),
    ],
)  # fmt: skip
def test_prompt_found_in_every_endpoint_format(gateway: str, path: str, payload: dict) -> None:
    reply = httpx.post(f"{gateway}{path}", json=payload, headers=CLIENT_KEY)
    assert reply.status_code == 403, reply.text
    assert FakeUpstream.received == []
    clean = json.loads(json.dumps(payload).replace(f"call {PHONE}", "a quiet harbour"))
    clean = json.loads(json.dumps(clean).replace(f"poster with {PHONE} on it", "a poster"))
    assert httpx.post(f"{gateway}{path}", json=clean, headers=CLIENT_KEY).status_code == 200


def test_streaming_is_passed_through(gateway: str) -> None:
    with httpx.stream(
        "POST", f"{gateway}/v1/chat/completions", json=chat(CLEAN, stream=True), headers=CLIENT_KEY
    ) as reply:
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/event-stream")
        events = [line for line in reply.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "data: [DONE]"
    words = [json.loads(e[6:])["choices"][0]["delta"]["content"] for e in events[:-1]]
    assert "".join(words) == "Hello world"


def test_upstream_errors_pass_through_and_models_list_is_forwarded(gateway: str) -> None:
    reply = httpx.post(
        f"{gateway}/v1/chat/completions", json=chat(CLEAN, model="rate-limited"), headers=CLIENT_KEY
    )
    assert reply.status_code == 429 and reply.json()["error"]["message"] == "slow down"
    models = httpx.get(f"{gateway}/v1/models", headers=CLIENT_KEY)
    assert models.status_code == 200 and models.json()["data"][0]["id"] == "fake-model"


def test_unknown_content_and_endpoints_fail_closed(gateway: str) -> None:
    tokens = httpx.post(f"{gateway}/v1/completions", json={"model": "m", "prompt": [[1, 2, 3]]})
    assert tokens.status_code == 403 and tokens.json()["error"]["code"] == "unreadable_prompt"
    other = httpx.post(f"{gateway}/v1/audio/speech", json={"input": f"call {PHONE}"})
    assert other.status_code == 403 and other.json()["error"]["code"] == "unsupported_endpoint"
    bad = httpx.post(f"{gateway}/v1/chat/completions", content=b"{", headers=CLIENT_KEY)
    assert bad.status_code == 400
    assert FakeUpstream.received == []


def test_scanner_failure_fails_closed(upstream: str, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    broken = CheckService(
        config, Checker(config, Scanner(config, analyzers=[CrashingAnalyzer(config)]))
    )
    with serving(create_app(config, service=broken, upstream=upstream)) as url:
        reply = httpx.post(f"{url}/v1/chat/completions", json=chat(CLEAN), headers=CLIENT_KEY)
    assert reply.status_code == 503
    assert reply.json()["error"]["type"] == "promptguard_unavailable"
    assert "not sent" in reply.json()["error"]["message"]
    assert FakeUpstream.received == []


def test_unreachable_upstream_is_a_502(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    service = CheckService(config)
    dead = f"http://127.0.0.1:{free_port()}/v1"
    with serving(create_app(config, service=service, upstream=dead, warm=False)) as url:
        reply = httpx.post(f"{url}/v1/chat/completions", json=chat("hello"), headers=CLIENT_KEY)
    assert reply.status_code == 502
    assert reply.json()["error"]["code"] == "upstream_unreachable"


def test_gateway_token_is_separate_from_the_client_key(upstream: str, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    service = CheckService(config)
    app = create_app(config, service=service, upstream=upstream, token="pg-token", warm=False)
    with serving(app) as url:
        denied = httpx.post(f"{url}/v1/chat/completions", json=chat("hi"), headers=CLIENT_KEY)
        assert denied.status_code == 401
        headers = {**CLIENT_KEY, "X-Promptguard-Token": "pg-token"}
        allowed = httpx.post(f"{url}/v1/chat/completions", json=chat("hi"), headers=headers)
        assert allowed.status_code == 200
    [seen] = FakeUpstream.received
    assert seen["headers"]["authorization"] == "Bearer sk-client-key"
    assert "x-promptguard-token" not in seen["headers"]
