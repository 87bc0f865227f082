"""Prompt logs: JSON Lines, one request or message per line.

Logs are streamed line by line, so memory stays flat whatever the file size, and a
malformed line is reported and skipped, never the end of the scan. Each record's prompt
text is found in the usual places: `prompt`, `text`, `content`, `input`, and chat
`messages[].content` (plain strings or lists of content parts), also under `request` or
`body` as API gateways log them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from promptguard.readers.files import decode
from promptguard.records import ReadError, Record

TEXT_KEYS = ("prompt", "text", "content", "input")
WRAPPER_KEYS = ("request", "body", "data", "payload")
META_KEYS = {
    "user": ("user", "user_id", "username", "author"),
    "tool": ("tool", "model", "engine", "application"),
    "timestamp": ("timestamp", "created_at", "created", "time", "date"),
}
#: Lines longer than this are not prompts; they are reported, not parsed.
MAX_LINE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 6


def read_jsonl(path: Path, display: str | None = None) -> Iterator[Record | ReadError]:
    """Records for each prompt-like field of each line of a JSONL log."""
    name = display or str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        yield ReadError(name, f"cannot read: {error.strerror or error}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            if len(raw) > MAX_LINE_BYTES:
                yield ReadError(name, "skipped: line over the size limit", number)
                continue
            yield from parse_log_line(raw, name, number)


def parse_log_line(raw: bytes, path: str, number: int) -> Iterator[Record | ReadError]:
    """Records for one JSONL line (or a `ReadError` if it is not a JSON object)."""
    line, clean = decode(raw)
    if not clean:
        yield ReadError(path, "not valid UTF-8: undecodable bytes replaced", number)
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        yield ReadError(path, f"invalid JSON: {reason}", number)
        return
    if isinstance(data, str):
        if data.strip():
            yield Record(text=data, path=path, line=number)
        return
    if not isinstance(data, dict):
        yield ReadError(path, "not a JSON object: nothing to scan", number)
        return
    meta = record_meta(data)
    fields = list(prompt_fields(data))
    if not fields:
        yield ReadError(path, "no prompt field (prompt, text, content, messages)", number)
    for field_name, text in fields:
        if text.strip():
            yield Record(text=text, path=path, line=number, field=field_name, meta=meta)


def prompt_fields(data: dict, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(field path, text) for every prompt-like field of a log record."""
    if depth > MAX_DEPTH:
        return
    for key in TEXT_KEYS:
        value = data.get(key)
        if isinstance(value, str):
            yield f"{prefix}{key}", value
        elif isinstance(value, list):
            yield from _content_parts(value, f"{prefix}{key}")
    messages = data.get("messages")
    if isinstance(messages, list):
        for index, message in enumerate(messages):
            if isinstance(message, dict):
                yield from prompt_fields(message, f"{prefix}messages[{index}].", depth + 1)
    for key in WRAPPER_KEYS:
        inner = data.get(key)
        if isinstance(inner, dict):
            yield from prompt_fields(inner, f"{prefix}{key}.", depth + 1)


def _content_parts(parts: list[Any], field_name: str) -> Iterator[tuple[str, str]]:
    """Chat content given as parts: strings or `{"type": "text", "text": ...}`."""
    for index, part in enumerate(parts):
        if isinstance(part, str):
            yield f"{field_name}[{index}]", part
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            yield f"{field_name}[{index}].text", part["text"]


def record_meta(data: dict) -> dict:
    """Who sent it, with which tool, when: for summaries and `--since`."""
    meta: dict = {}
    for name, keys in META_KEYS.items():
        for key in keys:
            value = data.get(key)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                meta[name] = value
                break
    return meta
