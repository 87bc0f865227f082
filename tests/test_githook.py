"""The pre-commit hook in a real temporary git repository, installed as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from promptguard.pipeline.githook import hook_script, install_hook, is_promptguard_hook, run_hook

ROOT = Path(__file__).resolve().parent.parent
PROMPTGUARD = [sys.executable, "-c", "from promptguard.cli import main; main()"]
PHONE = "+1 415 555 0143"
LEAK = f"Call the gaffer on {PHONE} before the night shoot.\n"
CLEAN = "The crew arrives at dawn. Wide lens for the rooftop, soft fill, rain machine.\n"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=_env()
    )


def _env() -> dict:
    env = dict(os.environ)
    env.pop("PROMPTGUARD_CONFIG", None)
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org")
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    return env


def cli(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PROMPTGUARD, *args], cwd=repo, capture_output=True, text=True, env=_env()
    )


def commit(repo: Path, message: str = "change") -> subprocess.CompletedProcess:
    return git(repo, "commit", "-m", message, check=False)


def head_count(repo: Path) -> int:
    done = git(repo, "rev-list", "--count", "HEAD", check=False)
    return int(done.stdout.strip() or 0) if done.returncode == 0 else 0


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("Production notes.\n")
    git(tmp_path, "add", "README.md")
    git(tmp_path, "commit", "-q", "-m", "init", "--no-verify")
    done = cli(tmp_path, "hook", "install")
    assert done.returncode == 0, done.stderr
    return tmp_path


def test_blocked_commit_names_file_line_category_and_masks_the_value(repo: Path) -> None:
    (repo / "callsheet.md").write_text("# Day 3\n" + LEAK)
    git(repo, "add", "callsheet.md")
    done = commit(repo)
    assert done.returncode != 0
    assert head_count(repo) == 1  # nothing committed
    assert "callsheet.md:2" in done.stderr
    assert "personal_data/PHONE_NUMBER" in done.stderr
    assert PHONE not in done.stderr and "555 0143" not in done.stderr
    assert "promptguard: allow personal_data" in done.stderr  # says how to suppress
    assert "baseline create" in done.stderr


def test_clean_commit_of_twenty_files_passes(repo: Path) -> None:
    # how long it takes is measured by bench/bench_latency.py (pre-commit, 20 files), not
    # here: a timed test fails on a busy machine and passes a slow change on a fast one
    for index in range(20):
        (repo / f"scene{index:02}.md").write_text(f"Scene {index}\n" + CLEAN * 5)
    git(repo, "add", ".")
    done = commit(repo)
    assert done.returncode == 0, done.stderr
    assert head_count(repo) == 2


def test_only_staged_content_counts(repo: Path) -> None:
    notes = repo / "notes.md"
    # Clean version staged, leak only in the working tree: the commit passes.
    notes.write_text(CLEAN)
    git(repo, "add", "notes.md")
    notes.write_text(CLEAN + LEAK)
    done = commit(repo, "clean staged")
    assert done.returncode == 0, done.stderr
    # Leak staged, then fixed in the working tree without `git add`: still blocked.
    git(repo, "add", "notes.md")
    notes.write_text(CLEAN)
    done = commit(repo, "leak staged")
    assert done.returncode != 0
    assert "notes.md:2" in done.stderr


def test_inline_allow_same_line_and_line_before(repo: Path) -> None:
    (repo / "a.md").write_text(f"Gaffer: {PHONE}  <!-- promptguard: allow personal_data -->\n")
    (repo / "b.csv").write_text(f"role,phone\n# promptguard: allow personal_data\ngaffer,{PHONE}\n")
    git(repo, "add", ".")
    result = run_hook(cwd=repo)
    assert result.report.rows == []
    assert result.report.suppressed_inline == 2
    # An allow for another category, or two lines above, accepts nothing.
    (repo / "c.md").write_text(
        f"promptguard: allow public_figure\nGaffer: {PHONE}\n# promptguard: allow personal_data"
        f"\n\nGaffer: {PHONE}\n"
    )
    git(repo, "add", "c.md")
    result = run_hook(cwd=repo)
    assert sorted(row.line for row in result.report.rows) == [2, 5]


def test_unknown_category_in_allow_is_reported(repo: Path) -> None:
    (repo / "a.md").write_text(f"Gaffer: {PHONE} # promptguard: allow personal-data\n")
    git(repo, "add", "a.md")
    result = run_hook(cwd=repo)
    assert len(result.report.rows) == 1
    assert any("personal-data" in e.message for e in result.report.errors)


def test_baseline_accepts_existing_findings_by_fingerprint_only(repo: Path) -> None:
    (repo / "crew.md").write_text("# Crew\n" + LEAK)
    git(repo, "add", "crew.md")
    done = cli(repo, "baseline", "create")
    assert done.returncode == 0, done.stderr
    baseline = repo / ".promptguard" / "baseline.json"
    text = baseline.read_text()
    assert PHONE not in text and "0143" not in text and "gaffer" not in text
    data = json.loads(text)
    [entry] = data["results"]["crew.md"]
    assert entry["category"] == "personal_data" and len(entry["fingerprint"]) == 64
    # Deterministic (merge-friendly): the same content gives the same bytes.
    assert cli(repo, "baseline", "create").returncode == 0
    assert baseline.read_text() == text
    # The accepted finding no longer blocks, even after the line moves.
    (repo / "crew.md").write_text("# Crew\n\nNew intro line.\n" + LEAK)
    git(repo, "add", ".")
    done = commit(repo, "with baseline")
    assert done.returncode == 0, done.stderr
    # A new finding (another number on a new line) still blocks.
    with (repo / "crew.md").open("a") as handle:
        handle.write("Best boy: +1 415 555 0199\n")
    git(repo, "add", "crew.md")
    result = run_hook(cwd=repo)
    assert [row.line for row in result.report.rows] == [5]
    assert result.report.suppressed_baseline == 1


def test_binary_and_deleted_files_are_skipped(repo: Path) -> None:
    (repo / "frame.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + PHONE.encode())
    git(repo, "add", "frame.png")
    git(repo, "rm", "-q", "README.md")
    result = run_hook(cwd=repo)
    assert result.report.rows == [] and not result.failures
    assert any("binary" in e.message for e in result.report.errors)


def test_hook_run_with_files_scans_those_files(repo: Path) -> None:
    """What the pre-commit framework does: pass file names (after stashing unstaged work)."""
    (repo / "x.md").write_text(LEAK)
    done = cli(repo, "hook", "run", "x.md")
    assert done.returncode == 1
    assert "x.md:1" in done.stderr and PHONE not in done.stderr


def test_install_keeps_a_foreign_hook_unless_forced(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\necho mine\n")
    done = cli(tmp_path, "hook", "install")
    assert done.returncode == 2
    assert "--force" in done.stderr and "Traceback" not in done.stderr
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    assert install_hook(cwd=tmp_path, force=True) == hook
    assert is_promptguard_hook(hook) and os.access(hook, os.X_OK)


def test_outside_a_repository_is_a_one_line_error(tmp_path: Path) -> None:
    done = cli(tmp_path, "hook", "run")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not inside a git work tree" in done.stderr


def test_shipped_script_is_the_installed_one() -> None:
    assert (ROOT / "hooks" / "pre-commit").read_text() == hook_script("python3")
    assert os.access(ROOT / "hooks" / "pre-commit", os.X_OK)
    spec = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "id: promptguard" in spec and "language: python" in spec
