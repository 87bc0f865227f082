"""Bad input through every interface: a one-line message, a defined exit code, the rest done.

And the safety properties a user relies on without seeing them: the gate fails closed when
an analyzer or a model fails, nothing opens a network connection, and the audit trail keeps
every committed record when its process is killed mid-write.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from cli_run import run_cli

from promptguard.config.load import Config, load_config
from promptguard.gate.audit import AUDIT_FILE
from promptguard.gate.clearances.store import CLEARANCES_FILE
from promptguard.gate.decision import EXIT_CODES as GATE_EXIT_CODES
from promptguard.pipeline.checking import Checker
from promptguard.pipeline.scanner import Scanner
from promptguard.service.client import EXIT_CODES, fast_check

REPO = Path(__file__).resolve().parent.parent
PHONE = "+1 415 555 0143"
EMAIL = "crew.desk@example.org"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A production folder of its own; no running service is ever used by these tests."""
    (tmp_path / "promptguard.toml").write_text("[tools.midjourney]\n", encoding="utf-8")
    monkeypatch.setenv("PROMPTGUARD_SERVICE", "off")
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(project: Path, *args: str, stdin: bytes | None = None):  # noqa: ANN201
    """The click command line in this process (models stay warm between tests)."""
    result = run_cli(project, *args, stdin=stdin)
    return result


def run(project: Path, *args: str, stdin: bytes = b"", env: dict | None = None):  # noqa: ANN201
    """The real command line in a fresh process."""
    environment = {**os.environ, "PROMPTGUARD_SERVICE": "off", **(env or {})}
    environment.pop("PROMPTGUARD_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "promptguard", *args],
        input=stdin,
        capture_output=True,
        cwd=project,
        env=environment,
        timeout=300,
    )


def assert_clean_stderr(stderr: str | bytes) -> None:
    text = stderr.decode(errors="replace") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text, text
    for line in text.splitlines():
        assert len(line) < 600, "error messages stay on one readable line"


# --- check: bad prompts ------------------------------------------------------------------


def test_check_binary_stdin_is_refused_in_one_line_not_allowed(project: Path) -> None:
    result = invoke(project, "check", "--tool", "midjourney", stdin=b"\x00\x01\xff\xfe PNG\x00\x89")
    assert result.exit_code == 2, "binary data cannot be checked: never an allow"
    assert result.stderr == "promptguard: stdin: binary data, not text: nothing checked\n"
    assert_clean_stderr(result.stderr)


def test_check_invalid_utf8_is_scanned_around_the_bad_bytes(project: Path) -> None:
    data = b"caf\xe9 \xff\xfe call the gaffer on " + PHONE.encode() + b" \xc3"
    result = invoke(project, "check", "--tool", "midjourney", stdin=data)
    assert result.exit_code == 1
    assert "personal_data/PHONE_NUMBER" in result.stdout
    assert PHONE not in result.stdout  # masked
    assert_clean_stderr(result.stderr)


def test_check_nul_bytes_inside_a_prompt(project: Path) -> None:
    data = f"mail {EMAIL}\x00\x00 about the rooftop scene".encode()
    result = invoke(project, "check", "--tool", "midjourney", "--format", "json", stdin=data)
    assert result.exit_code == 1
    decision = json.loads(result.stdout)
    assert decision["decision"] == "block"
    assert [f["type"] for f in decision["findings"]] == ["EMAIL_ADDRESS"]


def test_check_3mb_prompt_is_scanned_to_the_end(project: Path) -> None:
    filler = "the quiet street at dawn with soft light and long shadows, " * 51_000
    prompt = filler[: 3_000_000 - 40] + f" mail {EMAIL}"
    path = project / "big.txt"
    path.write_text(prompt, encoding="utf-8")
    started = time.perf_counter()
    result = invoke(project, "check", "--tool", "midjourney", "--format", "json", str(path))
    assert time.perf_counter() - started < 120
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert prompt[finding["start"] : finding["end"]] == EMAIL


def test_check_missing_or_unreadable_source_is_a_usage_error(project: Path) -> None:
    for source in ("no-such-file.txt", str(project)):  # missing, and a directory
        result = invoke(project, "check", source)
        assert result.exit_code == 2
        assert result.stderr.startswith("promptguard: ")
        assert len(result.stderr.strip().splitlines()) == 1


# --- scan: a folder and a log with bad entries among good ones ---------------------------


def test_scan_reports_each_bad_item_and_scans_the_rest(project: Path) -> None:
    folder = project / "notes"
    folder.mkdir()
    (folder / "image.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "latin1.txt").write_bytes(b"R\xe9gie: call " + PHONE.encode() + b"\n")
    (folder / "broken-link.txt").symlink_to(project / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")  # a reader that opened it would hang forever
    lines = [
        json.dumps({"prompt": f"email {EMAIL} the sides"}),
        '{"prompt": "unterminated',
        "[" * 50_000 + "]" * 50_000,
        json.dumps({"metadata": {"nothing": "to scan"}}),
        "\xff\xfe not json at all",
        json.dumps({"messages": [{"role": "user", "content": f"call {PHONE} now"}]}),
    ]
    (folder / "log.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = invoke(project, "scan", str(folder), "--format", "json")
    assert result.exit_code == 2, "unreadable log lines fail the scan, after scanning the rest"
    report = json.loads(result.stdout)
    found = {(Path(f["path"]).name, f["line"], f["type"]) for f in report["findings"]}
    assert ("log.jsonl", 1, "EMAIL_ADDRESS") in found
    assert ("log.jsonl", 6, "PHONE_NUMBER") in found
    assert ("latin1.txt", 1, "PHONE_NUMBER") in found
    errors = {(Path(e["path"]).name, e.get("line")) for e in report["errors"]}
    assert {("log.jsonl", 2), ("log.jsonl", 3), ("log.jsonl", 5)} <= errors
    assert any(name == "image.dat" for name, _ in errors)
    for error in report["errors"]:
        assert "\n" not in error["message"]
    assert_clean_stderr(result.stderr)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files")
def test_scan_unreadable_file_is_reported_and_the_rest_scanned(project: Path) -> None:
    (project / "secret.txt").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    (project / "locked.txt").write_text("x\n", encoding="utf-8")
    (project / "locked.txt").chmod(0)
    try:
        result = invoke(project, "scan", "secret.txt", "locked.txt", "--format", "json")
    finally:
        (project / "locked.txt").chmod(0o600)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [Path(e["path"]).name for e in report["errors"]] == ["locked.txt"]
    assert report["findings"][0]["type"] == "EMAIL_ADDRESS"


def test_scan_missing_path_is_reported_not_fatal(project: Path) -> None:
    (project / "notes.txt").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    result = invoke(project, "scan", "notes.txt", "missing.txt", "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["findings"] and any("missing.txt" in e["path"] for e in report["errors"])


# --- corrupt state files ------------------------------------------------------------------


def test_corrupt_script_index_blocks_check_and_is_reported_by_scan(project: Path) -> None:
    state = project / ".promptguard"
    state.mkdir()
    (state / "scripts.idx").write_bytes(os.urandom(4096))
    result = invoke(project, "check", "--tool", "midjourney", stdin=b"a quiet street at dawn")
    assert result.exit_code == 1, "a prompt that could not be checked is not allowed"
    assert "BLOCKED" in result.stdout and "scripts.idx" in result.stdout

    (project / "p.txt").write_text("a quiet street at dawn\n", encoding="utf-8")
    result = invoke(project, "scan", "p.txt")
    assert "scripts.idx" in result.stdout + result.stderr
    assert result.exit_code == 2, "an incomplete scan fails closed"
    assert_clean_stderr(result.stderr)


def test_corrupt_clearance_file_is_named_and_approval_still_required(project: Path) -> None:
    state = project / ".promptguard"
    state.mkdir()
    (state / CLEARANCES_FILE).write_bytes(b"[[clearance]]\nthis is = not toml [[[\x00\xff")
    prompt = b"A portrait in the style of Meryl Streep on a rooftop"
    result = invoke(project, "check", "--tool", "midjourney", stdin=prompt)
    assert result.exit_code == EXIT_CODES["clearance"]
    assert CLEARANCES_FILE in result.stderr
    assert_clean_stderr(result.stderr)


def test_corrupt_audit_database_warns_and_still_decides(project: Path) -> None:
    state = project / ".promptguard"
    state.mkdir()
    (state / AUDIT_FILE).write_bytes(os.urandom(8192))
    result = invoke(project, "check", "--tool", "midjourney", stdin=f"mail {EMAIL}".encode())
    assert result.exit_code == 1
    assert "audit" in result.stderr and AUDIT_FILE in result.stderr
    assert_clean_stderr(result.stderr)


def test_invalid_configuration_is_a_one_line_usage_error(project: Path) -> None:
    (project / "promptguard.toml").write_bytes(b"[tools.x\n\x00\xff")
    result = run(project, "check", stdin=b"hello")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("promptguard: ")
    assert_clean_stderr(result.stderr)


# --- fail closed ---------------------------------------------------------------------------


def test_missing_model_blocks_check_with_an_explanation(project: Path) -> None:
    (project / "promptguard.toml").write_text(
        '[tools.midjourney]\n\n[models]\nen = "no_such_model"\n', encoding="utf-8"
    )
    # A name with no cue around it: only the (missing) model could tell whether it is one.
    prompt = b"Moodboard for the rooftop scene, Jane Doe at dawn."
    result = run(project, "check", "--tool", "midjourney", stdin=prompt)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "BLOCKED" in out and "no_such_model" in out
    assert_clean_stderr(result.stderr)


class _Exploding:
    """A real analyzer that fails on every text, as a buggy plug-in would."""

    name = "exploding"
    categories = ("confidential",)
    needs_nlp = False

    def __init__(self, config: Config) -> None:
        self.config = config

    def wants_nlp(self, text) -> bool:  # noqa: ANN001
        return False

    def analyze(self, text):  # noqa: ANN001, ANN201
        raise RuntimeError("boom")


def test_analyzer_crash_blocks_instead_of_allowing(project: Path) -> None:
    config = load_config(project / "promptguard.toml")
    checker = Checker(config, scanner=Scanner(config, analyzers=[_Exploding(config)]))
    decision = checker.check("a quiet street at dawn", "midjourney", record=False)
    assert decision.decision == "block"
    assert "exploding" in decision.next_step


def test_scanner_clamps_offsets_of_a_buggy_analyzer(project: Path) -> None:
    from promptguard.findings import Finding

    class Overflowing(_Exploding):
        def analyze(self, text):  # noqa: ANN001, ANN201
            return [Finding("confidential", "X", 2, len(text.content) + 50, 0.9)]

    config = Config()
    (finding,) = Scanner(config, analyzers=[Overflowing(config)]).scan_text("short text")
    assert 0 <= finding.start <= finding.end <= len("short text")


# --- the service and its client ------------------------------------------------------------


def test_service_rejects_bad_bodies_with_a_clear_status(project: Path) -> None:
    from starlette.testclient import TestClient

    from promptguard.service.app import create_app

    app = create_app(load_config(project / "promptguard.toml"), warm=False)
    bodies = [
        b"[" * 100_000 + b"]" * 100_000,  # deeply nested JSON
        b"\xff\xfe\x00 binary",
        b'{"prompt": 42}',
        b'{"prompt": "x", "tool": "two words"}',
    ]
    with TestClient(app, raise_server_exceptions=False) as client:
        for body in bodies:
            response = client.post(
                "/v1/check", content=body, headers={"content-type": "application/json"}
            )
            assert response.status_code == 400, (body[:20], response.status_code)
            assert response.json()["error"]
        response = client.post("/v1/check", json={"prompt": f"mail {EMAIL}\x00", "tool": "sora"})
        assert response.status_code == 200 and response.json()["decision"] == "block"


def test_client_exit_codes_match_the_gate() -> None:
    assert EXIT_CODES == GATE_EXIT_CODES


def test_fast_path_declines_what_it_cannot_answer(project: Path) -> None:
    # No service configured ("off"): every form falls through to the full command line.
    assert fast_check(["check", "--tool", "midjourney", "p.txt"]) is None
    for args in (["scan", "x"], ["check", "--show-values"], ["check", "--no-service"], []):
        assert fast_check(args) is None


# --- no network ----------------------------------------------------------------------------

NO_NETWORK_SCRIPT = textwrap.dedent(
    """
    import json, sys
    events = []
    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                     "urllib.Request", "http.client.connect"):
            events.append(event)
    sys.addaudithook(hook)
    import promptguard
    text = ("Mail tom.okafor@example.org or see https://studio.example.co.uk/call-sheet "
            "and www.example.com.au; Meryl Streep in the style of Blade Runner.")
    findings = promptguard.scan(text)
    print(json.dumps({"events": events, "types": sorted({f.type for f in findings})}))
    """
)


def test_a_scan_opens_no_network_connection(project: Path) -> None:
    env = {**os.environ, "PROMPTGUARD_SERVICE": "off"}
    env.pop("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", None)  # promptguard must set it itself
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_SCRIPT],
        capture_output=True,
        cwd=project,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()[-500:]
    data = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert "EMAIL_ADDRESS" in data["types"]  # the email recognizer (and tldextract) ran
    assert data["events"] == []


# --- the audit trail survives a kill ---------------------------------------------------------

WRITER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from promptguard.gate.audit import AuditLog
    from promptguard.gate.audit_records import AuditRecord, utc_timestamp
    log = AuditLog(Path(sys.argv[1]))
    for i in range(100000):
        log.append(
            AuditRecord(time=utc_timestamp(), user=f"writer-{i}", tool="midjourney",
                        enterprise=False, purpose="ideation", decision="allow"),
            prompt_text=f"prompt number {i}",
        )
        print(i, flush=True)
    """
)


def test_audit_database_keeps_committed_records_after_sigkill(tmp_path: Path) -> None:
    from promptguard.gate.audit import AuditLog

    process = subprocess.Popen(
        [sys.executable, "-c", WRITER_SCRIPT, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    acknowledged = -1
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while acknowledged < 150 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        acknowledged = int(line)
    os.kill(process.pid, signal.SIGKILL)  # mid-write: it never stops appending
    process.wait(timeout=30)
    # The writer may be ahead of the loop above: count what it printed before it died.
    for line in process.stdout.read().splitlines():
        if line.strip().isdigit():
            acknowledged = max(acknowledged, int(line))
    assert acknowledged >= 150, process.stderr.read().decode()[-500:]

    path = tmp_path / AUDIT_FILE
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    users = [record.user for record in AuditLog(tmp_path).records()]
    committed = {f"writer-{i}" for i in range(acknowledged + 1)}
    assert committed <= set(users), "a committed record was lost"
    assert len(users) == len(set(users)) and len(users) <= acknowledged + 2
