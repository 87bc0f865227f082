"""The audit trail: what is recorded (and what never is), concurrency, reports, failures."""

from __future__ import annotations

import csv
import gc
import io
import json
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from promptguard.cli.audit import audit
from promptguard.config.load import Config, Tool
from promptguard.findings import Finding
from promptguard.gate import AuditLog, AuditRecord, Gate

PROMPT = "Poster of Meryl Streep; call Jane Doe on +33 6 12 34 56 78 for the Bluebird shoot"


@pytest.fixture(autouse=True)
def _isolated_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROMPTGUARD_KEY_FILE", str(tmp_path / "keys" / "clearance.key"))
    monkeypatch.delenv("PROMPTGUARD_CLEARANCE_KEY", raising=False)


def make_config(root: Path) -> Config:
    return Config(
        root=root,
        tools={
            "studio-llm": Tool("studio-llm", enterprise=True),
            "chatbot": Tool("chatbot"),
            "legacy": Tool("legacy"),
        },
        ai_contact="ai@prod.example",
    )


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path / "prod")


def prompt_findings() -> list[Finding]:
    return [
        Finding("public_figure", "PERSON", 10, 22, 0.9, subject="Meryl Streep"),
        Finding("personal_data", "PERSON", 29, 37, 0.9, subject="Jane Doe"),
        Finding("personal_data", "PHONE_NUMBER", 41, 58, 0.9, subject="+33 6 12 34 56 78"),
        Finding("confidential", "CODE_NAME", 67, 75, 0.9, subject="Bluebird"),
    ]


def raw_state_bytes(state_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(state_dir.iterdir()) if p.is_file())


def test_a_decision_is_recorded_without_prompt_or_personal_values(config: Config) -> None:
    gate = Gate(config)
    decision = gate.decide(prompt_findings(), "studio-llm", "final", PROMPT, user="ana")
    assert decision.decision == "clearance" and not decision.warnings
    gate.decide(prompt_findings(), "chatbot", "ideation", PROMPT, user="ana")
    [first, second] = gate.audit.records()
    assert (first.user, first.tool, first.enterprise, first.purpose) == (
        "ana",
        "studio-llm",
        True,
        "final",
    )
    assert first.decision == "clearance" and second.decision == "block"
    assert first.categories == ["confidential", "personal_data", "public_figure"]
    assert first.subjects == ["Bluebird", "Meryl Streep"]
    assert first.request_id == decision.request_id and first.clearances == []
    assert first.prompt_hash == gate.audit.prompt_hash(PROMPT) != gate.audit.prompt_hash("other")
    assert first.time.endswith("Z") and first.time[:4].isdigit()

    raw = raw_state_bytes(config.state_dir)  # the database and its WAL, byte for byte
    assert b"Meryl Streep" in raw  # proof that the grep can see stored text
    for secret in ("Jane Doe", "+33 6 12 34 56 78", "12 34 56", PROMPT, "Poster of", "call Jane"):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw


def test_database_is_wal_and_versioned(config: Config) -> None:
    Gate(config).decide([], "studio-llm", "ideation", "hello")
    connection = sqlite3.connect(config.state_dir / "audit.sqlite3")
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        connection.close()


def _worker(root: str, worker: int, count: int, start) -> None:  # noqa: ANN001 - mp Event
    gate = Gate(make_config(Path(root)))
    start.wait()
    finding = Finding("public_figure", "PERSON", 0, 4, 0.9, subject="Meryl Streep")
    for index in range(count):
        decision = gate.decide(
            [finding], "studio-llm", "temp", f"p{worker}-{index}", user=f"w{worker}-{index}"
        )
        if decision.warnings:
            raise SystemExit(f"worker {worker}: {decision.warnings}")


def test_many_processes_appending_at_once_lose_nothing(tmp_path: Path) -> None:
    root, workers, count = tmp_path / "busy", 8, 50
    context = multiprocessing.get_context("fork")
    start = context.Event()
    processes = [
        context.Process(target=_worker, args=(str(root), w, count, start)) for w in range(workers)
    ]
    for process in processes:
        process.start()
    start.set()  # all at once, on a database that does not exist yet
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * workers
    records = AuditLog(root / ".promptguard").records()
    users = sorted(r.user for r in records)
    assert users == sorted(f"w{w}-{i}" for w in range(workers) for i in range(count))


def run(config: Config, *args: str):
    return CliRunner().invoke(audit, list(args), obj={"config": config})


def test_report_counts_for_the_ai_contact(config: Config) -> None:
    gate = Gate(config)
    figure = Finding("public_figure", "PERSON", 0, 4, 0.9, subject="Meryl Streep")
    cid = gate.clearances.grant("public_figure", "Meryl Streep", "2099-01-01", "Legal", "L-1")[0].id
    gate.decide([figure], "studio-llm", "moodboard", "a", user="ana")  # allow (cleared)
    gate.decide([figure], "studio-llm", "final", "b", user="ana")  # clearance (final use)
    gate.decide(prompt_findings(), "chatbot", "ideation", "c", user="bo")  # block
    gate.decide([], "chatbot", "ideation", "d", user="bo")  # allow
    gate.audit.append(
        AuditRecord(
            time="2020-01-01T00:00:00Z",
            user="old",
            tool="legacy",
            enterprise=False,
            purpose="temp",
            decision="notify",
        )
    )

    result = run(config, "report", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["total"] == 5 and report["users"] == 3
    assert report["by_decision"] == {"allow": 2, "notify": 1, "clearance": 1, "block": 1}
    assert report["by_tool"] == {"chatbot": 2, "studio-llm": 2, "legacy": 1}
    assert report["by_purpose"]["ideation"] == 2 and report["by_purpose"]["final"] == 1
    assert report["by_category"]["public_figure"] == 3
    assert report["by_category"]["personal_data"] == 1
    assert report["clearances_used"] == {cid: 2}
    assert report["ai_contact"] == "ai@prod.example"

    since = json.loads(run(config, "report", "--since", "2021-01-01", "--format", "json").stdout)
    assert since["total"] == 4 and "legacy" not in since["by_tool"]

    text = run(config, "report")
    assert (
        text.exit_code == 0 and "Decisions: allow 2, notify 1, clearance 1, block 1" in text.stdout
    )
    assert "ai@prod.example" in text.stdout and "Jane" not in text.stdout

    rows = list(csv.reader(io.StringIO(run(config, "report", "--format", "csv").stdout)))
    assert rows[0] == ["section", "key", "count"]
    assert ["decision", "block", "1"] in rows and ["clearances_used", cid, "2"] in rows


def test_report_without_a_trail_is_empty_and_creates_nothing(config: Config) -> None:
    result = run(config, "report")
    assert result.exit_code == 0 and "No checks recorded." in result.stdout
    assert not (config.state_dir / "audit.sqlite3").exists()


@pytest.mark.parametrize(
    "args", [["report", "--since", "last week"], ["report", "--format", "xml"]]
)
def test_report_usage_errors(config: Config, args: list[str]) -> None:
    result = run(config, *args)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_corrupt_trail_report_fails_cleanly_but_check_still_decides(config: Config) -> None:
    config.state_dir.mkdir(parents=True)
    (config.state_dir / "audit.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run(config, "report")
    assert result.exit_code == 2, result.output
    assert (
        len(result.stderr.strip().splitlines()) == 1 and "audit trail unreadable" in result.stderr
    )
    assert "Traceback" not in result.output
    decision = Gate(config).decide(prompt_findings(), "chatbot", "ideation", PROMPT)
    assert decision.decision == "block"
    assert any("audit trail not written" in w for w in decision.warnings)
    assert "audit trail not written" in json.dumps(decision.to_dict())


def test_trail_from_a_newer_version_is_refused(config: Config) -> None:
    Gate(config).decide([], "studio-llm", "ideation", "x")
    connection = sqlite3.connect(config.state_dir / "audit.sqlite3")
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    result = run(config, "report")
    assert result.exit_code == 2 and "newer promptguard" in result.stderr
    decision = Gate(config).decide([], "studio-llm", "ideation", "x")
    assert decision.decision == "allow" and decision.warnings


def test_record_false_writes_nothing(config: Config) -> None:
    Gate(config).decide(prompt_findings(), "chatbot", "ideation", PROMPT, record=False)
    assert not (config.state_dir / "audit.sqlite3").exists()


def _append_many(log: AuditLog, who: str, count: int) -> None:
    for index in range(count):
        record = AuditRecord(
            time="2030-01-01T00:00:00Z",
            user=f"{who}-{index}",
            tool="studio-llm",
            enterprise=True,
            purpose="temp",
            decision="allow",
        )
        log.append(record, prompt_text=f"{who} {index}")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_child_writes_beside_its_parent_without_sharing_its_connection(
    config: Config,
) -> None:
    # A service forks its workers after its audit trail may have been opened: each process
    # must write through a connection of its own, and the parent's must keep working.
    log = AuditLog(config.state_dir)
    _append_many(log, "before", 5)  # the parent's connection is open now
    pid = os.fork()
    if pid == 0:  # the child: write while the parent writes, then drop everything
        code = 1
        try:
            _append_many(log, "child", 200)
            del log
            gc.collect()
            code = 0
        finally:
            os._exit(code)
    _append_many(log, "parent", 200)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    _append_many(log, "after", 5)  # the parent's connection survived the child's exit
    users = [r.user for r in AuditLog(config.state_dir).records()]
    expected = [f"{w}-{i}" for w, n in (("before", 5), ("child", 200), ("parent", 200),
                                        ("after", 5)) for i in range(n)]  # fmt: skip
    assert sorted(users) == sorted(expected)
    with sqlite3.connect(config.state_dir / "audit.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_trail_moved_aside_while_open_starts_a_new_one(config: Config) -> None:
    log = AuditLog(config.state_dir)
    _append_many(log, "old", 3)
    log.close()  # what a stopping service does: the WAL is folded into the file
    (config.state_dir / "audit.sqlite3").rename(config.state_dir / "audit.old.sqlite3")
    _append_many(log, "new", 2)
    assert [r.user for r in log.records()] == ["new-0", "new-1"]
    moved = sqlite3.connect(config.state_dir / "audit.old.sqlite3")
    try:
        assert moved.execute("SELECT count(*) FROM decisions").fetchone()[0] == 3
    finally:
        moved.close()
