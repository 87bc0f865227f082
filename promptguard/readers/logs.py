"""Prompt logs: JSON Lines, ChatGPT exports, CSV; and `--since` on their timestamps.

Logs are streamed line by line, so memory stays flat whatever the file size, and a
malformed line is reported and skipped, never the end of the scan. Each record's prompt
text is found in the usual places: `prompt`, `text`, `content`, `input`, and chat
`messages[].content` (plain strings or lists of content parts), also under `request` or
`body` as API gateways log them. A ChatGPT data export (`conversations.json`, one JSON
array) is streamed with ijson and yields the user's turns only; a CSV yields one chosen
column. Records carry `meta` (user, tool, timestamp) for summaries and `--since`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from promptguard.readers.encoding import decode_text, encoding_note
from promptguard.readers.records import NOTICE, ReadError, Record

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
    line, encoding = decode_text(raw)
    note = encoding_note(encoding)
    if note:
        yield ReadError(path, note, number, level=NOTICE)
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
        message = "no prompt field (prompt, text, content, messages): nothing to scan"
        yield ReadError(path, message, number, level=NOTICE)
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


# --- --since: timestamps ----------------------------------------------------------------


def parse_timestamp(value: object) -> datetime | None:
    """A log timestamp as an aware UTC datetime: ISO 8601 strings, or epoch seconds /
    milliseconds (numbers or numeric strings). None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = float(text)
        except ValueError:
            try:
                moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
            except ValueError:
                return None
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def parse_since(value: str) -> datetime:
    """`--since` as given on the command line: a date, an ISO datetime or epoch seconds."""
    moment = parse_timestamp(value)
    if moment is None:
        raise ValueError(
            f"--since {value!r}: give a date (2025-01-31), an ISO time or epoch seconds"
        )
    return moment


def before_since(meta: dict, since: datetime | None) -> bool:
    """True when a record is dated and older than `since` (undated records are kept:
    dropping what we cannot date would hide prompts from the scan)."""
    if since is None or "timestamp" not in meta:
        return False
    moment = parse_timestamp(meta["timestamp"])
    return moment is not None and moment < since


def filter_since(
    items: Iterable[Record | ReadError], since: datetime | None
) -> Iterator[Record | ReadError]:
    for item in items:
        if isinstance(item, Record) and before_since(item.meta, since):
            continue
        yield item


# --- ChatGPT data export: conversations.json --------------------------------------------


def read_json_array(path: Path, display: str | None = None) -> Iterator[Record | ReadError]:
    """A JSON file holding an array: a ChatGPT export (`conversations.json`, user turns
    only) or an array of log records. Streamed item by item with ijson, so a multi-GB
    export never sits in memory as a whole."""
    import ijson

    name = display or str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        yield ReadError(name, f"cannot read: {error.strerror or error}")
        return
    with handle:
        index = 0
        try:
            for index, item in enumerate(ijson.items(handle, "item", use_float=True), start=1):
                if isinstance(item, dict) and isinstance(item.get("mapping"), dict):
                    yield from conversation_records(item, name, index)
                elif isinstance(item, dict):
                    meta = record_meta(item)
                    for field_name, text in prompt_fields(item):
                        if text.strip():
                            yield Record(text, name, index, f"[{index - 1}].{field_name}", meta)
                elif isinstance(item, str) and item.strip():
                    yield Record(item, name, index, f"[{index - 1}]")
        except ijson.JSONError as error:
            reason = str(error).splitlines()[0] if str(error) else "invalid JSON"
            yield ReadError(name, f"invalid JSON after item {index}: {reason}")
        except UnicodeDecodeError:
            yield ReadError(name, f"not valid UTF-8 after item {index}")


def conversation_records(conversation: dict, path: str, index: int) -> Iterator[Record | ReadError]:
    """The user turns of one exported ChatGPT conversation.

    `line` is the conversation's 1-based position in the export; `field` names the
    conversation and message so a finding can be found again in the ChatGPT history."""
    conv_id = str(conversation.get("id") or conversation.get("conversation_id") or index)
    base_meta = {"tool": "chatgpt"}
    if isinstance(conversation.get("create_time"), (int, float)):
        base_meta["timestamp"] = conversation["create_time"]
    nodes = conversation["mapping"].values()
    for node in sorted(nodes, key=_node_time):
        message = node.get("message") if isinstance(node, dict) else None
        if not isinstance(message, dict):
            continue
        author = message.get("author")
        if not isinstance(author, dict) or author.get("role") != "user":
            continue
        content = message.get("content")
        parts = content.get("parts") if isinstance(content, dict) else None
        if not isinstance(parts, list):
            continue
        meta = dict(base_meta)
        if isinstance(message.get("create_time"), (int, float)):
            meta["timestamp"] = message["create_time"]
        message_id = str(message.get("id") or node.get("id") or "")
        for part_index, part in enumerate(parts):
            text = part if isinstance(part, str) else None
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                text = part["text"]
            if text and text.strip():
                field_name = f"conversation {conv_id} message {message_id} parts[{part_index}]"
                yield Record(text, path, index, field_name, meta)


def _node_time(node: object) -> float:
    message = node.get("message") if isinstance(node, dict) else None
    created = message.get("create_time") if isinstance(message, dict) else None
    return float(created) if isinstance(created, (int, float)) else 0.0


# --- CSV ----------------------------------------------------------------------------------

#: How much of a CSV file decides its encoding (the file itself is streamed).
CSV_SNIFF_BYTES = 1024 * 1024


def _csv_encoding(head: bytes) -> str:
    """The encoding of a CSV file, judged on its first block (cut at a line end, so a
    multi-byte character split by the block does not count as invalid UTF-8)."""
    if len(head) == CSV_SNIFF_BYTES and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    _, encoding = decode_text(head)
    return "utf-8-sig" if encoding == "utf-8" else encoding


#: Column names taken as the prompt when `--column` is not given.
CSV_TEXT_COLUMNS = ("prompt", "text", "content", "input", "message", "query")


def read_csv(
    path: Path, column: str | None = None, display: str | None = None
) -> Iterator[Record | ReadError]:
    """Records of one column of a CSV (or TSV) file with a header row, streamed row by row.

    `line` is the row's first physical line, so quoted multi-line cells keep exact lines."""
    name = display or str(path)
    try:
        with path.open("rb") as raw:
            head = raw.read(CSV_SNIFF_BYTES)
        encoding = _csv_encoding(head)
        handle = path.open("r", encoding=encoding, errors="replace", newline="")
    except OSError as error:
        yield ReadError(name, f"cannot read: {error.strerror or error}")
        return
    note = encoding_note(encoding)
    if note:
        yield ReadError(name, note, level=NOTICE)
    with handle:
        dialect: type[csv.Dialect] | csv.Dialect = (
            csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
        )
        reader = csv.reader(handle, dialect)
        try:
            header = next(reader, None)
        except csv.Error as error:
            yield ReadError(name, f"invalid CSV header: {error}", 1)
            return
        if not header:
            return
        names = [h.strip() for h in header]
        lowered = [h.lower() for h in names]
        if column is not None:
            if column not in names:
                yield ReadError(name, f"no column {column!r} (columns: {', '.join(names)})", 1)
                return
            text_index = names.index(column)
        else:
            found = [c for c in CSV_TEXT_COLUMNS if c in lowered]
            if not found:
                yield ReadError(
                    name, f"no prompt column; name one with --column ({', '.join(names)})", 1
                )
                return
            text_index = lowered.index(found[0])
        meta_index = {
            key: next(lowered.index(k) for k in keys if k in lowered)
            for key, keys in META_KEYS.items()
            if any(k in lowered for k in keys)
        }
        field_name = names[text_index]
        start_line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                yield ReadError(name, f"invalid CSV row: {error}", start_line)
                start_line = reader.line_num + 1
                continue
            line, start_line = start_line, reader.line_num + 1
            if text_index >= len(row):
                if any(cell.strip() for cell in row):
                    yield ReadError(name, f"row has no {field_name!r} cell", line, NOTICE)
                continue
            meta = {k: row[i] for k, i in meta_index.items() if i < len(row) and row[i]}
            text = row[text_index]
            if text.strip():
                yield Record(text, name, line, field_name, meta)
