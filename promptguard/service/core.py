"""The service's core: one warm `Checker` behind every request, and what every route shares.

`CheckService` runs each scan on one scanning thread; `authorized`, `read_json` and
`error_response` are the request handling the service routes (`app`) and the gateway
(`gateway`) both use; the port file tells `promptguard check` where a running service is.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse

from promptguard._util import get_logger
from promptguard.config.load import Config
from promptguard.gate import Decision
from promptguard.pipeline.checking import Checker

T = TypeVar("T")
log = get_logger(__name__)

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


def advertise_port_file(config: Config, url: str) -> Path | None:
    """Write the port file `promptguard check` looks for; failure only costs speed."""
    from promptguard.service.client import PORT_FILE

    path = config.state_dir / PORT_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    except OSError as error:
        log.debug("cannot advertise the service in %s: %s", path, error.strerror or error)
        return None
    return path


def withdraw_port_file(path: Path) -> None:
    """Remove the port file if it is still ours (another service may have replaced it)."""
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass
