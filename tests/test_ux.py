"""Issue 21, what a new user meets: honest exit codes, encodings, languages per line, clean
streams (report on stdout, diagnostics on stderr), strict options and everyday commands.

Every test runs the real command line (click, in this process, so the models stay warm)
against real Presidio and spaCy; none mocks an analyzer.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from promptguard.cli import cli

PHONE_FR = "06 12 34 56 78"
EMAIL = "crew.desk@example.org"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A production folder of its own; no running service, no shared state."""
    (tmp_path / "promptguard.toml").write_text(
        "[tools.studio-llm]\nenterprise = true\n", encoding="utf-8"
    )
    monkeypatch.setenv("PROMPTGUARD_SERVICE", "off")
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(project: Path, *args: str, stdin: bytes | None = None):  # noqa: ANN201
    result = CliRunner().invoke(
        cli, ["--config", str(project / "promptguard.toml"), *args], input=stdin
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}") from result.exception
    assert "Traceback" not in result.stderr
    return result


# --- scan: an input that cannot be read fails the scan, the rest is still scanned ---------


def test_scan_missing_path_exits_2_with_one_line_and_scans_the_rest(project: Path) -> None:
    (project / "notes.txt").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    result = invoke(project, "scan", "notes.txt", "typo.txt")
    assert result.exit_code == 2
    assert "personal_data/EMAIL_ADDRESS" in result.stdout, "the readable file is still reported"
    warnings = [line for line in result.stderr.splitlines() if "typo.txt" in line]
    assert warnings == ["promptguard: warning: typo.txt: no such file or directory"]


def test_scan_only_a_missing_path_is_not_a_clean_pass(project: Path) -> None:
    result = invoke(project, "scan", "typo/")
    assert result.exit_code == 2


def test_scan_text_report_keeps_warnings_off_stdout(project: Path) -> None:
    (project / "a.txt").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    (project / "log.jsonl").write_text('{"prompt": "ok"}\n{"prompt": \n', encoding="utf-8")
    result = invoke(project, "scan", "a.txt", "log.jsonl", "missing.txt")
    assert "warning" not in result.stdout
    assert "missing.txt" not in result.stdout and "invalid JSON" not in result.stdout
    assert "invalid JSON" in result.stderr and "missing.txt" in result.stderr


def test_scan_named_binary_file_is_an_error_but_a_binary_in_a_folder_is_skipped(
    project: Path,
) -> None:
    folder = project / "notes"
    folder.mkdir()
    (folder / "still.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "n.txt").write_text("a quiet street at dawn\n", encoding="utf-8")
    assert invoke(project, "scan", "notes").exit_code == 0
    named = invoke(project, "scan", "notes/still.png")
    assert named.exit_code == 2
    assert "binary" in named.stderr


# --- encodings ------------------------------------------------------------------------------

LATIN1_PROMPT = f"Appelle Zoé au {PHONE_FR}\n"


def findings_of(result) -> list[tuple[int, int, int, str]]:  # noqa: ANN001
    return [
        (f["line"], f["start"], f["end"], f["type"]) for f in json.loads(result.stdout)["findings"]
    ]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_scan_file_not_in_utf8_is_decoded_like_its_utf8_twin(project: Path, encoding) -> None:
    (project / "utf8.txt").write_text(LATIN1_PROMPT, encoding="utf-8")
    (project / "note.txt").write_bytes(LATIN1_PROMPT.encode(encoding))
    expected = findings_of(invoke(project, "scan", "utf8.txt", "--format", "json"))
    result = invoke(project, "scan", "note.txt", "--format", "json")
    assert findings_of(result) == expected
    assert (1, 15, 29, "PHONE_NUMBER") in expected
    assert "decoded as" in result.stderr
    assert result.exit_code == 1, "a decoded file lost nothing: findings decide the exit code"


def test_scan_utf16_file_with_bom_is_text_not_binary(project: Path) -> None:
    (project / "ps.txt").write_bytes(f"mail {EMAIL} today\r\n".encode("utf-16"))
    result = invoke(project, "scan", "ps.txt", "--format", "json")
    assert [f["type"] for f in json.loads(result.stdout)["findings"]] == ["EMAIL_ADDRESS"]
    assert "UTF-16" in result.stderr


def test_scan_cp1252_jsonl_line_in_a_utf8_log(project: Path) -> None:
    good = json.dumps({"prompt": "a quiet street"}).encode()
    line = json.dumps({"prompt": LATIN1_PROMPT}, ensure_ascii=False)
    (project / "utf8.jsonl").write_bytes(good + b"\n" + line.encode() + b"\n")
    (project / "log.jsonl").write_bytes(good + b"\n" + line.encode("cp1252") + b"\n")
    expected = findings_of(invoke(project, "scan", "utf8.jsonl", "--format", "json"))
    result = invoke(project, "scan", "log.jsonl", "--format", "json")
    assert findings_of(result) == expected and (2, 15, 29, "PHONE_NUMBER") in expected
    assert [e["level"] for e in json.loads(result.stdout)["errors"]] == ["notice"]


# --- the hook ----------------------------------------------------------------------------------


def test_hook_run_with_a_file_it_cannot_read_blocks(project: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    result = invoke(project, "hook", "run", "gone.txt")
    assert result.exit_code != 0
    assert "gone.txt" in result.stderr
