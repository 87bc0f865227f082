"""The command line as a user meets it: README's scan, exit codes, formats, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from promptguard.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        timeout=180,
    )


@pytest.fixture()
def project(tmp_path, monkeypatch) -> Path:
    """An empty production folder with its own config, so no state leaks between tests."""
    (tmp_path / "promptguard.toml").write_text(
        "[tools.studio-llm]\nenterprise = true\n", encoding="utf-8"
    )
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    return tmp_path


def test_readme_quick_start_scan_finds_what_the_examples_hold():
    result = run("scan", "examples/prompts", "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    categories = {f["category"] for f in data["findings"]}
    assert {"personal_data", "public_figure"} <= categories
    assert data["errors"] == []
    assert "+44 20 7946 0958" not in result.stdout and "Wierzbicki" not in result.stdout


def test_scan_exit_codes_and_fail_on(project):
    (project / "clean.md").write_text("A lighthouse on a cliff at dusk.\n", encoding="utf-8")
    (project / "crew.md").write_text("Gaffer: Tomasz Wierzbicki, +44 20 7946 0958\n", "utf-8")
    assert run("scan", "clean.md", cwd=project).returncode == 0
    assert run("scan", "crew.md", cwd=project).returncode == 1
    assert run("scan", "crew.md", "--fail-on", "1", cwd=project).returncode == 0
    bad = run("scan", "crew.md", "--fail-on", "often", cwd=project)
    assert bad.returncode == 2 and "--fail-on" in bad.stderr and "Traceback" not in bad.stderr


def test_scan_reads_stdin_with_dash(project):
    result = run("scan", "-", "--format", "json", stdin="mail ana.k@example.org\n", cwd=project)
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["path"], finding["type"]) == ("<stdin>", "EMAIL_ADDRESS")


def test_show_values_is_the_only_way_to_print_a_value(project):
    prompt = "reach the DP at +33 6 12 34 56 78\n"
    masked = run("scan", "-", stdin=prompt, cwd=project)
    shown = run("scan", "-", "--show-values", "--format", "json", stdin=prompt, cwd=project)
    assert "12 34 56" not in masked.stdout
    assert json.loads(shown.stdout)["findings"][0]["value"] == "+33 6 12 34 56 78"


@pytest.mark.parametrize(
    ("prompt", "tool", "purpose", "code", "decision"),
    [
        ("a lighthouse on a cliff at dusk, teal fog", "midjourney", "moodboard", 0, "allow"),
        ("a lighthouse on a cliff at dusk, teal fog", "midjourney", "final", 3, "clearance"),
        ("text the gaffer on +44 20 7946 0958", "midjourney", "temp", 1, "block"),
        ("text the gaffer on +44 20 7946 0958", "studio-llm", "temp", 3, "clearance"),
        ("a portrait of Meryl Streep as an aviator", "studio-llm", "ideation", 3, "clearance"),
    ],
)
def test_check_decisions_and_exit_codes(project, prompt, tool, purpose, code, decision):
    result = run(
        "check", "--tool", tool, "--purpose", purpose, "--format", "json",
        stdin=prompt, cwd=project,
    )  # fmt: skip
    assert result.returncode == code, result.stderr
    assert json.loads(result.stdout)["decision"] == decision


def test_check_text_output_says_what_to_do_next(project):
    result = run("check", "--tool", "midjourney", stdin="a portrait of Meryl Streep", cwd=project)
    assert result.returncode == 3
    assert "WRITTEN APPROVAL NEEDED" in result.stdout and "rq-" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "--purpose", "launch"), "Invalid value for '--purpose'"),
        (("check", "missing-file.txt"), "missing-file.txt: cannot read"),
        (("scan",), "Missing argument"),
        (("--config", "nope.toml", "scan", "."), "nope.toml: configuration file not found"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(project, args, message):
    result = run(*args, cwd=project)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_invalid_config_is_exit_2_naming_the_key(project):
    (project / "promptguard.toml").write_text('default_purpose = "launch"\n', encoding="utf-8")
    result = run("check", stdin="hello", cwd=project)
    assert result.returncode == 2
    assert "default_purpose" in result.stderr and "Traceback" not in result.stderr
