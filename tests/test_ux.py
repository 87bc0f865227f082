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
from cli_run import run_cli

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
    result = run_cli(project, *args, stdin=stdin)
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


# --- check: encodings and empty prompts on stdin ------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_check_stdin_not_in_utf8_is_decoded_and_said(project: Path, encoding: str) -> None:
    twin = invoke(
        project,
        "check",
        "--tool",
        "midjourney",
        "--format",
        "json",
        "--no-record",
        stdin=LATIN1_PROMPT.encode("utf-8"),
    )
    result = invoke(
        project,
        "check",
        "--tool",
        "midjourney",
        "--format",
        "json",
        "--no-record",
        stdin=LATIN1_PROMPT.encode(encoding),
    )
    decision, expected = json.loads(result.stdout), json.loads(twin.stdout)
    assert decision["findings"] == expected["findings"]
    assert any(f["type"] == "PHONE_NUMBER" for f in decision["findings"])
    assert result.exit_code == 1
    assert "promptguard: note: stdin: " in result.stderr and "decoded as" in result.stderr
    assert "\ufffd" not in result.stdout


def test_check_empty_stdin_is_said_and_allowed(project: Path) -> None:
    result = invoke(project, "check", "--tool", "midjourney", stdin=b"  \n")
    assert result.exit_code == 0
    assert "the prompt is empty" in result.stderr
    assert "ALLOW" in result.stdout


def test_scan_empty_stdin_is_said(project: Path) -> None:
    result = invoke(project, "scan", "-", stdin=b"")
    assert result.exit_code == 0
    assert "empty input" in result.stderr


# --- strict options: --tool, --purpose, --format, --destination -------------------------------


def test_unknown_tool_is_refused_in_one_line_listing_the_known_ones(project: Path) -> None:
    result = invoke(project, "check", "--tool", "midjurney", stdin=b"a quiet street")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("promptguard: ") and "unknown tool 'midjurney'" in line
    assert "midjourney" in line and "studio-llm" in line and "[tools.midjurney]" in line
    assert result.stdout == ""


def test_tool_matching_ignores_case_and_destination_is_its_alias(project: Path) -> None:
    result = invoke(
        project,
        "check",
        "--destination",
        "Studio-LLM",
        "--format",
        "json",
        "--no-record",
        stdin=b"a quiet street at dawn",
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["tool"] == "studio-llm"


def test_help_lists_allowed_values(project: Path) -> None:
    out = invoke(project, "check", "--help").stdout
    for value in ("midjourney", "studio-llm", "ideation|moodboard|temp|final", "text|json"):
        assert value in out
    assert "text|json|sarif" in invoke(project, "scan", "--help").stdout


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--purpose", "poster"],
        ["check", "--format", "xml"],
        ["scan", "--format", "xml", "."],
        ["clearance", "list", "--format", "xml"],
        ["audit", "report", "--format", "pdf"],
        ["clearance", "request", "--category", "public_figure", "--subject", "X", "--tool", "t"],
    ],
)
def test_bad_option_values_are_one_line_usage_errors(project: Path, args: list[str]) -> None:
    result = invoke(project, *args, stdin=b"x")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("promptguard: ") and "--help" in line


def test_api_service_and_gateway_refuse_an_unknown_tool(project: Path) -> None:
    from starlette.testclient import TestClient

    import promptguard
    from promptguard.config.load import load_config
    from promptguard.service.app import create_app

    config = load_config(project / "promptguard.toml")
    with pytest.raises(ValueError, match="unknown tool 'midjurney'"):
        promptguard.check("a street", tool="midjurney", config=config, record=False)
    app = create_app(config, warm=False, upstream="http://127.0.0.1:9", gateway_tool=None)
    with TestClient(app) as client:
        response = client.post("/v1/check", json={"prompt": "a street", "tool": "midjurney"})
        assert response.status_code == 400 and "unknown tool" in response.json()["error"]
        response = client.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "a street"}]},
            headers={"X-Promptguard-Tool": "midjurney"},
        )
        assert response.status_code == 400
        assert "unknown tool" in response.json()["error"]["message"]


# --- everyday options and commands ---------------------------------------------------------------


def test_quiet_prints_no_report_but_keeps_the_exit_code(project: Path) -> None:
    (project / "a.txt").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    result = invoke(project, "scan", "a.txt", "--quiet")
    assert (result.exit_code, result.stdout) == (1, "")
    result = invoke(project, "check", "--tool", "midjourney", "-q", stdin=f"mail {EMAIL}".encode())
    assert (result.exit_code, result.stdout) == (1, "")


def test_output_writes_the_report_to_a_file(project: Path) -> None:
    (project / "a.txt").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    result = invoke(project, "scan", "a.txt", "--format", "json", "--output", "report.json")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((project / "report.json").read_text())["findings"][0]["type"] == (
        "EMAIL_ADDRESS"
    )
    result = invoke(
        project,
        "check",
        "--tool",
        "midjourney",
        "-o",
        "decision.txt",
        stdin=f"mail {EMAIL}".encode(),
    )
    assert result.exit_code == 1 and "BLOCKED" in (project / "decision.txt").read_text()
    bad = invoke(project, "scan", "a.txt", "--output", "no-such-folder/r.json")
    assert bad.exit_code == 2 and bad.stderr.startswith("promptguard: ")


def test_tools_list_shows_builtin_and_declared_tools(project: Path) -> None:
    data = json.loads(invoke(project, "tools", "list", "--format", "json").stdout)
    tools = {row["id"]: row for row in data["tools"]}
    assert tools["studio-llm"]["enterprise"] is True
    assert tools["studio-llm"]["source"].endswith("promptguard.toml")
    assert tools["midjourney"] == {**tools["midjourney"], "enterprise": False, "source": "built-in"}


def test_config_show_says_where_each_value_came_from(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "promptguard.toml").write_text(
        "min_score = 0.7\n[tools.studio-llm]\nenterprise = true\n", encoding="utf-8"
    )
    monkeypatch.setenv("PROMPTGUARD_CLEARANCE_KEY", "k" * 32)
    data = json.loads(invoke(project, "config", "show", "--format", "json").stdout)
    assert data["min_score"] == {"value": 0.7, "source": str(project / "promptguard.toml")}
    assert data["default_purpose"]["source"] == "default"
    assert data["config_file"]["source"] == "--config"
    assert data["tools.midjourney"]["source"] == "built-in"
    assert data["clearance_key"]["source"] == "$PROMPTGUARD_CLEARANCE_KEY"
    assert "k" * 32 not in json.dumps(data), "the key itself is never shown"


# --- language per paragraph in plain-text files ---------------------------------------------------

FRENCH = (
    "Rendez-vous avec Jean-Baptiste Morel demain matin à la gare de Lyon.\n"
    "Merci de prévenir Hélène Garnier pour le casting de jeudi.\n"
    "Le régisseur passe au bureau de production vers midi.\n"
)
ENGLISH = "Ask Dana Whitfield about the rooftop permit for the night shoot.\n"


def test_mixed_en_fr_file_reads_each_paragraph_in_its_language(project: Path) -> None:
    (project / "mixed.txt").write_text(FRENCH + "\n" + ENGLISH, encoding="utf-8")
    (project / "en.txt").write_text(ENGLISH, encoding="utf-8")
    alone = findings_of(invoke(project, "scan", "en.txt", "--format", "json"))
    mixed = findings_of(invoke(project, "scan", "mixed.txt", "--format", "json"))
    english_line = 5
    assert [(1, *rest) for line, *rest in mixed if line == english_line] == alone
    assert alone == [(1, 4, 18, "PERSON")]  # "Dana Whitfield", not "Ask Dana Whitfield"


def test_language_runs_split_paragraphs_and_clear_lines_only() -> None:
    from promptguard.readers.files import language_runs

    lines = (FRENCH + "\n" + ENGLISH + "Rooftop, 9 pm.\n").splitlines(keepends=True)
    assert language_runs(lines) == [(0, 4), (4, 6)]
    allow = [
        "Appelle Zoé au bureau de la production.\n",
        "# promptguard: allow personal_data\n",
        "Call the gaffer on the set and ask him for the key.\n",
    ]
    assert language_runs(allow) == [(0, 1), (1, 3)], "an allow comment stays with its line"


# --- a granted request no longer lists as pending ----------------------------------------------


def test_request_covered_by_a_direct_grant_is_not_pending(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROMPTGUARD_KEY_FILE", str(project / "keys" / "clearance.key"))
    monkeypatch.delenv("PROMPTGUARD_CLEARANCE_KEY", raising=False)
    asked = invoke(
        project,
        "clearance",
        "request",
        "--category",
        "public_figure",
        "--subject",
        "Meryl Streep",
        "--tool",
        "midjourney",
        "--purpose",
        "moodboard",
        "--reason",
        "moodboard for the gala scene",
    )
    assert asked.exit_code == 0, asked.stderr
    listed = json.loads(invoke(project, "clearance", "list", "--format", "json").stdout)
    assert [r["status"] for r in listed["requests"]] == ["pending"]
    granted = invoke(
        project,
        "clearance",
        "grant",
        "--category",
        "public_figure",
        "--subject",
        "Meryl Streep",
        "--tool",
        "midjourney",
        "--expires",
        "2099-12-31",
        "--approved-by",
        "Legal",
        "--reference",
        "LEG-1",
    )
    assert granted.exit_code == 0, granted.stderr
    listed = json.loads(invoke(project, "clearance", "list", "--format", "json").stdout)
    assert [r["status"] for r in listed["requests"]] == ["granted"]
    assert "pending" not in invoke(project, "clearance", "list").stdout


def test_an_allow_comment_naming_no_category_is_a_note_not_a_failed_scan(project: Path) -> None:
    (project / "a.txt").write_text("a quiet street  # promptguard: allow celebrity\n")
    result = invoke(project, "scan", "a.txt")
    assert result.exit_code == 0
    assert "promptguard: note: a.txt:1: 'promptguard: allow celebrity' names no category" in (
        result.stderr
    )
