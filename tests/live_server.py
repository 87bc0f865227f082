"""A real uvicorn server on 127.0.0.1, in a thread, for tests that speak real HTTP."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from promptguard.analyzers.base import Analyzer
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(app, timeout: float = 120.0) -> Iterator[str]:  # noqa: ANN001
    """Run `app` until the block ends; yields its base URL once it accepts connections."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class CrashingAnalyzer(Analyzer):
    """Deliberately broken, to prove that a failing scan never lets a prompt through."""

    name = "crashing"
    categories = ("personal_data",)

    def __init__(self, config=None) -> None:  # noqa: ANN001
        self.config = config

    def analyze(self, text: ScanText) -> list[Finding]:
        raise RuntimeError("simulated analyzer crash")
