"""Readers: what gets read, with which line numbers, and what is reported instead."""

from __future__ import annotations

import json

from promptguard.readers import read_paths
from promptguard.readers.logs import read_jsonl
from promptguard.readers.records import ReadError, Record


def records(items):
    return [item for item in items if isinstance(item, Record)]


def errors(items):
    return [item for item in items if isinstance(item, ReadError)]


def test_folder_walk_honours_gitignore_excludes_and_skips_binaries(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\ncall Jo\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "out.txt").write_text("ignored\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n*.log\n", encoding="utf-8")
    (tmp_path / "debug.log").write_text("ignored\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "draft.txt").write_text("line one\nline two\n", encoding="utf-8")
    (tmp_path / "sub" / "skip.tmp").write_text("excluded\n", encoding="utf-8")
    items = list(read_paths([tmp_path], exclude=["*.tmp"]))
    paths = sorted(r.path for r in records(items))
    assert paths == sorted(
        [
            str(tmp_path / ".gitignore"),
            str(tmp_path / "notes.md"),
            str(tmp_path / "sub" / "draft.txt"),
        ]
    )
    assert [e.message for e in errors(items)] == ["skipped: binary file"]


def test_invalid_utf8_is_decoded_said_and_every_line_read(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"good line\nbad \xff\xfe byte\nlast line\n")
    items = list(read_paths([path]))
    (note,) = errors(items)
    assert note.message == "not valid UTF-8: decoded as Windows-1252 (latin-1)"
    assert not note.lost, "a decoded file lost nothing: a note, not an error"
    (record,) = records(items)
    assert record.text == "good line\nbad \u00ff\u00fe byte\nlast line\n"


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    items = list(read_paths([tmp_path / "missing.txt"]))
    assert [str(e) for e in errors(items)] == [
        f"{tmp_path / 'missing.txt'}: no such file or directory"
    ]


def test_record_locates_offsets_by_line_and_column():
    record = Record(text="first\nsecond line\nthird", path="x", line=10)
    offset = record.text.index("line")
    assert record.locate(offset) == (11, 7)
    assert record.line_text(offset) == "second line"


def test_jsonl_fields_offsets_and_malformed_lines(tmp_path):
    log = tmp_path / "prompts.jsonl"
    lines = [
        json.dumps({"prompt": "a castle at dusk", "user": "ana", "model": "mj-6"}),
        "{not json",
        json.dumps(
            {
                "messages": [
                    {"role": "system", "content": "be nice"},
                    {"role": "user", "content": [{"type": "text", "text": "hi"}]},
                ]
            }
        ),
        "",
        json.dumps({"request": {"input": "wrapped"}}),
        json.dumps([1, 2]),
        json.dumps({"id": 7}),
    ]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(log))
    found = [(r.line, r.field, r.text) for r in records(items)]
    assert found == [
        (1, "prompt", "a castle at dusk"),
        (3, "messages[0].content", "be nice"),
        (3, "messages[1].content[0].text", "hi"),
        (5, "request.input", "wrapped"),
    ]
    assert records(items)[0].meta == {"user": "ana", "tool": "mj-6"}
    assert [(e.line, e.message.split(":")[0]) for e in errors(items)] == [
        (2, "invalid JSON"),
        (6, "not a JSON object"),
        (7, "no prompt field (prompt, text, content, messages)"),
    ]


def test_deeply_nested_json_line_is_reported(tmp_path):
    log = tmp_path / "deep.jsonl"
    log.write_text("[" * 100_000 + "]" * 100_000 + "\n" + '{"prompt": "ok"}\n', encoding="utf-8")
    items = list(read_jsonl(log))
    assert errors(items)[0].line == 1
    assert [r.text for r in records(items)] == ["ok"]
