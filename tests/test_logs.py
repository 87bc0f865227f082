"""Prompt-log readers (JSONL, ChatGPT export, CSV, text), --since, streaming, and `scan`."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from promptguard.readers import ReadOptions, read_path
from promptguard.readers.logs import parse_since, parse_timestamp
from promptguard.readers.records import ReadError, Record

PHONE = "+1 415 555 0143"


def records(path: Path, **options) -> list[Record]:
    return [r for r in read_path(path, ReadOptions(**options)) if isinstance(r, Record)]


def errors(path: Path, **options) -> list[ReadError]:
    return [r for r in read_path(path, ReadOptions(**options)) if isinstance(r, ReadError)]


def conversation(conv_id: str, created: float, turns: list[tuple[str, str]]) -> dict:
    """A conversation as the ChatGPT data export writes it (a tree of nodes in `mapping`)."""
    mapping = {"root": {"id": "root", "message": None, "parent": None, "children": []}}
    for index, (role, text) in enumerate(turns):
        node_id = f"{conv_id}-n{index}"
        mapping[node_id] = {
            "id": node_id,
            "message": {
                "id": f"m{index}",
                "author": {"role": role, "name": None, "metadata": {}},
                "create_time": created + index,
                "content": {"content_type": "text", "parts": [text]},
                "metadata": {},
            },
            "parent": "root",
            "children": [],
        }
    return {"id": conv_id, "title": "t", "create_time": created, "mapping": mapping}


def test_jsonl_openai_request_log_with_meta(tmp_path: Path) -> None:
    log = tmp_path / "requests.jsonl"
    lines = [
        {
            "user": "ana",
            "model": "gpt-4o",
            "timestamp": "2025-03-01T10:00:00Z",
            "request": {
                "messages": [
                    {"role": "system", "content": "You write loglines."},
                    {"role": "user", "content": [{"type": "text", "text": f"Call {PHONE}"}]},
                ]
            },
        },
    ]
    log.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    found = records(log)
    assert [r.field for r in found] == [
        "request.messages[0].content",
        "request.messages[1].content[0].text",
    ]
    assert found[1].meta == {"user": "ana", "tool": "gpt-4o", "timestamp": "2025-03-01T10:00:00Z"}


def test_malformed_lines_in_the_middle_are_reported_and_skipped(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_bytes(
        b'{"prompt": "first"}\n{"prompt": "broken\n[1, 2]\n\xff\xfe{"prompt": 3}\n'
        b'{"prompt": "last"}\n'
    )
    assert [(r.text, r.line) for r in records(log)] == [("first", 1), ("last", 5)]
    assert [e.line for e in errors(log)] == [2, 3, 4, 4]


def test_chatgpt_export_yields_user_turns_only(tmp_path: Path) -> None:
    export = tmp_path / "conversations.json"
    data = [
        conversation(
            "c1", 1_700_000_000, [("system", "s"), ("user", "hello"), ("assistant", f"x {PHONE}")]
        ),
        conversation("c2", 1_730_000_000, [("user", f"my number is {PHONE}"), ("tool", "x")]),
    ]
    export.write_text(json.dumps(data))
    found = records(export)
    assert [r.text for r in found] == ["hello", f"my number is {PHONE}"]
    assert [r.line for r in found] == [1, 2]  # the conversation's position in the export
    assert found[1].field.startswith("conversation c2 message m0")
    assert found[1].meta["tool"] == "chatgpt"
    # --since on message times (epoch seconds).
    since = datetime(2024, 1, 1, tzinfo=UTC)
    assert [r.text for r in records(export, since=since)] == [f"my number is {PHONE}"]


def test_truncated_export_reports_an_error_after_the_good_items(tmp_path: Path) -> None:
    export = tmp_path / "conversations.json"
    good = json.dumps(conversation("c1", 1_700_000_000, [("user", "hello")]))
    export.write_text(f'[{good}, {{"id": "c2", "mapping": {{')
    assert [r.text for r in records(export)] == ["hello"]
    [error] = errors(export)
    assert "invalid JSON after item 1" in error.message


def test_csv_chosen_column_meta_and_multiline_cells(tmp_path: Path) -> None:
    sheet = tmp_path / "prompts.csv"
    sheet.write_text(
        "when,user,note,body\n"
        '2025-01-02,ana,x,"first line\nsecond line"\n'
        f"2025-02-03,ben,y,call {PHONE}\n"
    )
    found = records(sheet, column="body")
    assert [(r.text, r.line, r.field) for r in found] == [
        ("first line\nsecond line", 2, "body"),
        (f"call {PHONE}", 4, "body"),
    ]
    assert found[1].meta["user"] == "ben"
    [error] = errors(sheet, column="nope")
    assert "no column 'nope'" in error.message and "body" in error.message
    # Without --column and no prompt-like header: a clear error, not a guess.
    assert "--column" in errors(sheet)[0].message


def test_csv_without_column_uses_prompt_header_and_since(tmp_path: Path) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text(
        "created_at,prompt\n1700000000,old one\n"
        "2025-06-01T12:00:00+02:00,new one\nnot a date,undated\n"
    )
    assert [r.text for r in records(sheet)] == ["old one", "new one", "undated"]
    since = parse_since("2025-01-01")
    assert [r.text for r in records(sheet, since=since)] == ["new one", "undated"]


def test_plain_text_and_non_array_json_are_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("line one\nline two\n")
    (tmp_path / "settings.json").write_text('{\n  "prompt": "x"\n}\n')
    assert [r.line for r in records(tmp_path / "notes.txt")] == [1]
    assert records(tmp_path / "settings.json")[0].field == ""


def test_timestamps() -> None:
    assert parse_timestamp(1_700_000_000) == parse_timestamp(1_700_000_000_000)  # ms
    assert parse_timestamp("2025-01-02T03:04:05Z") == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert parse_timestamp("2025-01-02 03:04:05") == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert parse_timestamp("yesterday") is None and parse_timestamp(True) is None
    with pytest.raises(ValueError, match="--since"):
        parse_since("last week")


@pytest.mark.parametrize("kind", ["jsonl", "export", "csv"])
def test_large_logs_stream_in_flat_memory(tmp_path: Path, kind: str) -> None:
    """~25 MB of log read record by record: peak Python memory stays a small fraction."""
    path = tmp_path / {"jsonl": "big.jsonl", "export": "conversations.json", "csv": "big.csv"}[kind]
    filler = "a moody rooftop at dusk, rain, neon signs " * 12
    count = 50_000
    with path.open("w") as out:
        if kind == "jsonl":
            for i in range(count):
                out.write(json.dumps({"prompt": f"{i} {filler}", "user": "u"}) + "\n")
        elif kind == "csv":
            out.write("user,prompt\n")
            for i in range(count):
                out.write(f"u,{i} {filler}\n")
        else:
            out.write("[")
            for i in range(count // 10):
                turns = [("user", f"{i}.{j} {filler}") for j in range(10)]
                out.write(("," if i else "") + json.dumps(conversation(f"c{i}", 1.7e9, turns)))
            out.write("]")
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    seen = 0
    for item in read_path(path):
        assert isinstance(item, Record)
        seen += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seen == count
    assert peak < 5_000_000, f"peak {peak} bytes"


# --- the scan command over logs ------------------------------------------------------------


def run_scan(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = "from promptguard.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, "scan", *args], cwd=cwd, capture_output=True, text=True
    )


def test_scan_logs_with_jobs_since_and_summary(tmp_path: Path) -> None:
    log = tmp_path / "requests.jsonl"
    rows = []
    for i in range(300):
        user, model = ("ana", "gpt-4o") if i % 2 else ("ben", "dall-e-3")
        prompt = f"call the gaffer on +1 415 555 {1000 + i}" if i % 50 == 0 else "a quiet harbour"
        rows.append({"user": user, "model": model, "created": 1_735_000_000 + i, "prompt": prompt})
    log.write_text("".join(json.dumps(r) + "\n" for r in rows))
    serial = run_scan(str(log), "--format", "json", "--jobs", "1", cwd=tmp_path)
    # the default, `--jobs auto`: 300 records are past AUTO_MIN_RECORDS, so on a machine
    # with several cores this runs worker processes
    parallel = run_scan(str(log), "--format", "json", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1, serial.stderr + parallel.stderr
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)  # same results, same order
    assert [f["line"] for f in json.loads(serial.stdout)["findings"]] == [1, 51, 101, 151, 201, 251]
    text = run_scan(str(log), "--since", str(1_735_000_000 + 100), cwd=tmp_path)
    assert text.returncode == 1
    assert "Summary of 200 record(s)" in text.stdout
    assert "ben" in text.stdout and "dall-e-3" in text.stdout and "personal_data" in text.stdout
    assert "555 1100" not in text.stdout  # masked
    bad = run_scan(str(log), "--since", "someday", cwd=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_scan_honours_inline_allow_in_files_not_in_logs(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        f"Gaffer {PHONE} <!-- promptguard: allow personal_data -->\n"
    )
    (tmp_path / "log.jsonl").write_text(
        json.dumps({"prompt": f"Gaffer {PHONE} promptguard: allow personal_data"}) + "\n"
    )
    done = run_scan(str(tmp_path), "--format", "json", cwd=tmp_path)
    paths = {f["path"] for f in json.loads(done.stdout)["findings"]}
    assert paths == {str(tmp_path / "log.jsonl")}


def test_jobs_auto_uses_workers_only_past_the_break_even() -> None:
    from promptguard.pipeline.runner import AUTO_MIN_BYTES, AUTO_MIN_RECORDS, auto_jobs

    def log(count: int, size: int = 20) -> list[Record | ReadError]:
        items: list[Record | ReadError] = [ReadError("log.jsonl", "invalid JSON", 1)]
        items += [Record(text="x" * size, path="log.jsonl", line=i + 2) for i in range(count)]
        return items

    small = log(AUTO_MIN_RECORDS - 1)
    jobs, items = auto_jobs(iter(small), cores=2)
    assert jobs == 1 and list(items) == small  # nothing lost, nothing reordered
    big = log(AUTO_MIN_RECORDS + 500)
    jobs, items = auto_jobs(iter(big), cores=2)
    assert jobs == 2 and list(items) == big
    long_texts = log(3, size=AUTO_MIN_BYTES // 2)  # few records, but past the byte mark
    assert auto_jobs(iter(long_texts), cores=2)[0] == 2
    assert auto_jobs(iter(big), cores=1)[0] == 1  # one core: never a worker process

    def endless():  # the decision reads ahead a bounded number of records, never the rest
        line = 0
        while True:
            line += 1
            yield Record(text="x", path="huge.jsonl", line=line)

    jobs, items = auto_jobs(endless(), cores=4)
    assert jobs == 4 and next(iter(items)).line == 1

    def unreadable():  # a huge file of malformed lines: the read-ahead is bounded too
        while True:
            yield ReadError("huge.jsonl", "invalid JSON", 1)

    assert auto_jobs(unreadable(), cores=2)[0] == 2


def test_jobs_option_accepts_auto_or_a_number(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("a quiet harbour at dawn\n")
    for value in ("auto", "AUTO", "1"):
        done = run_scan(str(tmp_path / "p.txt"), "--jobs", value, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    for value in ("0", "65", "many"):
        done = run_scan(str(tmp_path / "p.txt"), "--jobs", value, cwd=tmp_path)
        assert done.returncode == 2 and "auto" in done.stderr and "Traceback" not in done.stderr
