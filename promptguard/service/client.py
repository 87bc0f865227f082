"""`promptguard check` through a running local service, so a check costs milliseconds.

A cold process spends about a second importing spaCy and Presidio and loading models; a
running `promptguard serve` has them warm. `check` therefore first looks for a service of
the *same production* and sends it the prompt; it scans in-process only when there is none
(or `--no-service`). The answer is the same JSON, rendered by the same code, either way.

Finding the service, most explicit first:

1. `PROMPTGUARD_SERVICE` — its base URL (`off` or `0` disables the service entirely);
2. `<state dir>/service.json` — written by `promptguard serve` (`{"url", "pid"}`); a file
   whose process is gone is ignored;
3. `http://127.0.0.1:8765` — only if its `/healthz` says it serves the same state folder,
   so a prompt is never handed to an unrelated local process or another production.

This module must stay light: it is imported before anything else on `check`, and it does
not import spaCy, Presidio, click, the gate, or even dataclasses (`inspect` alone costs 8 ms).
It reads only the configuration's state folder; the service checks with the configuration
it was started with. `main` is a console entry point that answers
a plain `check` through the service without even importing the full command line.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple, TextIO
from urllib.parse import urlsplit

from promptguard.errors import ServiceRefused
from promptguard.reports.masking import MASKED_VALUE_CATEGORIES, excerpt

ENV_SERVICE = "PROMPTGUARD_SERVICE"
ENV_TOKEN = "PROMPTGUARD_TOKEN"
PORT_FILE = "service.json"
DEFAULT_URL = "http://127.0.0.1:8765"
#: Connecting to loopback is immediate or refused; anything slower is not our service.
CONNECT_TIMEOUT = 0.25
#: A service scanning a very long prompt may take a while; past this, scan locally.
RESPONSE_TIMEOUT = 30.0

#: Same as `promptguard.gate.decision.EXIT_CODES` (kept here so this module stays light;
#: a test checks they agree).
EXIT_CODES: dict[str, int] = {"allow": 0, "notify": 0, "block": 1, "clearance": 3}
DECISION_WORDS = {
    "allow": "ALLOW",
    "notify": "ALLOW (recorded for the production's AI contact)",
    "clearance": "WRITTEN APPROVAL NEEDED",
    "block": "BLOCKED",
}


class Endpoint(NamedTuple):
    """A service to try, and whether it must prove it serves our state folder first.

    (Not a dataclass: that would import `inspect`, 8 ms of this path's start-up.)"""

    url: str
    verify: bool = False


# --- discovery -------------------------------------------------------------------------


def discover(state_dir: Path) -> Endpoint | None:
    """The service to use for the production whose state folder is `state_dir`, or None
    to scan in-process."""
    explicit = os.environ.get(ENV_SERVICE)
    if explicit is not None:
        explicit = explicit.strip()
        if explicit.lower() in ("", "0", "off", "no", "false", "none"):
            return None
        return Endpoint(explicit.rstrip("/"))
    from_file = _from_port_file(state_dir)
    if from_file is not None:
        return from_file
    return Endpoint(DEFAULT_URL, verify=True)


def _from_port_file(state_dir: Path) -> Endpoint | None:
    path = state_dir / PORT_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        return None
    pid = data.get("pid")
    if isinstance(pid, int) and not _alive(pid):
        return None
    if not _is_loopback_url(data["url"]):
        return None
    return Endpoint(data["url"].rstrip("/"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _is_loopback_url(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


# --- the request -----------------------------------------------------------------------


def check_via_service(
    endpoint: Endpoint,
    state_dir: Path,
    text: str,
    tool: str | None,
    purpose: str | None,
    user: str | None = None,
) -> dict | None:
    """The service's decision (the JSON of `check --format json`), or None when no usable
    service answered — the caller then scans in-process, which also covers a service that
    could not scan (it answers 503; the local scan fails closed with the full reason).

    Raises `ServiceRefused` when the service rejects the tool or purpose (HTTP 400)."""
    parts = urlsplit(endpoint.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        if endpoint.verify and not _same_production(parts, state_dir):
            return None
        body: dict[str, Any] = {"prompt": text}
        for key, value in (("tool", tool), ("purpose", purpose), ("user", user)):
            if value is not None:
                body[key] = value
        headers = {"Content-Type": "application/json"}
        token = os.environ.get(ENV_TOKEN)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        status, data = _request(parts, "POST", "/v1/check", payload, headers)
    except (OSError, ValueError):
        return None
    if status == 400 and isinstance(data, dict) and isinstance(data.get("error"), str):
        raise ServiceRefused(data["error"])
    if status != 200 or not isinstance(data, dict) or data.get("decision") not in EXIT_CODES:
        return None
    return data


def _request(parts, method: str, path: str, body: bytes | None, headers: dict):  # noqa: ANN001, ANN202
    """(status, JSON body or None). Plain HTTP over a raw socket: `http.client` and the
    `email` package it pulls in cost more start-up time than the whole request."""
    if parts.scheme == "https":
        return _request_tls(parts, method, path, body, headers)
    import socket

    base = parts.path.rstrip("/")
    host = parts.hostname
    port = parts.port or 80
    lines = [f"{method} {base}{path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append(f"Content-Length: {len(body or b'')}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")
    # An ASCII host as bytes: a str is encoded with the `idna` codec, 1 ms more to import.
    address = host.encode("ascii") if host.isascii() else host
    with socket.create_connection((address, port), timeout=CONNECT_TIMEOUT) as sock:
        sock.settimeout(RESPONSE_TIMEOUT)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(request)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    raw = b"".join(chunks)
    head, _, content = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    fields = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    if fields.get("transfer-encoding", "").lower() == "chunked":
        content = _unchunk(content)
    try:
        return status, (json.loads(content) if content else None)
    except ValueError:
        return status, None


def _unchunk(content: bytes) -> bytes:
    out = []
    while content:
        size_line, _, rest = content.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out.append(rest[:size])
        content = rest[size + 2 :]
    return b"".join(out)


def _request_tls(parts, method: str, path: str, body: bytes | None, headers: dict):  # noqa: ANN001, ANN202
    import http.client

    connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=RESPONSE_TIMEOUT)
    try:
        connection.request(method, parts.path.rstrip("/") + path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    try:
        return response.status, (json.loads(raw) if raw else None)
    except ValueError:
        return response.status, None


def _same_production(parts, state_dir: Path) -> bool:  # noqa: ANN001
    """A service found by guessing must say it serves our state folder."""
    status, data = _request(parts, "GET", "/healthz", None, {})
    if status != 200 or not isinstance(data, dict):
        return False
    served = data.get("state_dir")
    if not isinstance(served, str):
        return False
    return os.path.realpath(served) == os.path.realpath(state_dir)


# --- output (shared with the in-process path, so both print the same) -------------------


def write_decision(
    data: dict, text: str, fmt: str, show_values: bool, out: TextIO, err: TextIO
) -> int:
    """Print a decision (as `Decision.to_dict` gives it) and return the exit code."""
    for warning in data.get("warnings") or []:
        err.write(f"promptguard: warning: {warning}\n")
    if fmt == "json":
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        write_text(data, text, show_values, out)
    return EXIT_CODES[data["decision"]]


class _Shown:
    """A finding of the decision's JSON, as much as an excerpt needs."""

    __slots__ = ("start", "end", "value_is_secret")

    def __init__(self, item: dict) -> None:
        self.start, self.end = item["start"], item["end"]
        self.value_is_secret = item.get("category") in MASKED_VALUE_CATEGORIES


def write_text(data: dict, text: str, show_values: bool, out: TextIO) -> None:
    items = data.get("findings") or []
    spans = [
        (item["start"], item["end"])
        for item in items
        if item.get("category") in MASKED_VALUE_CATEGORIES
    ]
    for item in items:
        where = f"{item['start']}-{item['end']}"
        cleared = f" (cleared by {item['cleared_by']})" if item.get("cleared_by") else ""
        what = f"{item['category']}/{item['type']}"
        shown = excerpt(text, _Shown(item), show_values, others=spans)
        out.write(f"  {where:>9}  {what}  {shown}  -> {item['action']}{cleared}\n")
        if item.get("message"):
            out.write(f"             {item['message']}\n")
    kind = "enterprise" if data.get("enterprise") else "not enterprise"
    display_name = data.get("tool_name") or data.get("tool")
    out.write(
        f"{DECISION_WORDS[data['decision']]}: {display_name} ({kind}), "
        f"purpose {data.get('purpose')}\n"
    )
    if data.get("next_step"):
        out.write(f"{data['next_step']}\n")


# --- the fast path of the console entry point -----------------------------------------------------


def fast_check(args: list[str]) -> int | None:
    """Answer `[--config PATH] check [--tool T] [--purpose P] [--format F] [FILE|-]` through
    the service; None means "not handled here" (other options, no service, any doubt)."""
    global preloaded_stdin
    parsed = _parse_check_args(args)
    if parsed is None:
        return None
    config_path, source, options = parsed
    try:
        from promptguard.config.files import locate_state_dir

        state_dir = locate_state_dir(config_path)
    except Exception:  # noqa: BLE001 - the full command line reports it properly
        return None
    endpoint = discover(state_dir)
    if endpoint is None:
        return None
    data = _read(source)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text.strip():
        # not UTF-8 (the full command line finds the encoding and says which), or empty
        # (it says so): hand over, with stdin already read
        if source == "-":
            preloaded_stdin = data
        return None
    try:
        data = check_via_service(
            endpoint, state_dir, text, options.get("tool"), options.get("purpose"), current_user()
        )
    except ServiceRefused:
        data = None  # the full command line prints the usage error the same way
    if data is None:
        if source == "-":
            preloaded_stdin = text.encode()  # read: the full command line must not wait on it
        return None
    return write_decision(data, text, options.get("format", "text"), False, sys.stdout, sys.stderr)


#: Stdin already read by `fast_check` when it then handed over to the full command line.
preloaded_stdin: bytes | None = None


def take_preloaded_stdin() -> bytes | None:
    global preloaded_stdin
    text, preloaded_stdin = preloaded_stdin, None
    return text


def current_user() -> str | None:
    """Who runs `check`, for the audit trail (the service may run as someone else)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: the service records its own
        return None


_VALUE_OPTIONS = {
    "--tool": "tool",
    "--destination": "tool",
    "--purpose": "purpose",
    "--format": "format",
}


def _parse_check_args(args: list[str]) -> tuple[str | None, str, dict] | None:
    config_path: str | None = None
    rest = list(args)
    if rest[:1] == ["--config"] and len(rest) >= 2:
        config_path, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--config="):
        config_path, rest = rest[0].split("=", 1)[1], rest[1:]
    if rest[:1] != ["check"]:
        return None
    rest = rest[1:]
    options: dict[str, str] = {}
    source: str | None = None
    index = 0
    while index < len(rest):
        arg = rest[index]
        name, has_value, value = arg.partition("=")
        if name in _VALUE_OPTIONS:
            if not has_value:
                if index + 1 >= len(rest):
                    return None
                index += 1
                value = rest[index]
            options[_VALUE_OPTIONS[name]] = value
        elif arg == "-" or not arg.startswith("-"):
            if source is not None:
                return None
            source = arg
        else:
            return None  # --show-values, --no-service, --language, --help, ...: full CLI
        index += 1
    if options.get("format", "text") not in ("text", "json"):
        return None
    return config_path, source or "-", options


def _read(source: str) -> bytes | None:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except OSError:
        return None  # the full command line reports it
