"""Every bad input of docs/BAD_INPUT.md, through every interface: the command line's `scan`,
`check` and `hook`, the Python API, the local service and the gateway.

Each case checks the documented exit code (or HTTP status / exception), the one-line
message, that no traceback is shown, and that the rest of the work is done (the good file
beside the bad one is still scanned, the good log lines still found). The row ids in
docs/BAD_INPUT.md are the test ids here. Real Presidio and spaCy throughout.

Tests run as root, which reads a chmod-000 file: "permission denied" uses a file even root
cannot read, a write-only sysctl (/proc/sys/vm/drop_caches), reached through a symlink with
an ordinary name; where that file is readable the case is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from cli_run import run_cli

from promptguard.gate.audit import AUDIT_FILE
from promptguard.gate.clearances.store import CLEARANCES_FILE

EMAIL = "crew.desk@example.org"
PHONE_FR = "06 12 34 56 78"
LATIN1 = f"Appelle Zoé au {PHONE_FR}\n"
UNREADABLE = Path("/proc/sys/vm/drop_caches")


def _root_cannot_read() -> bool:
    try:
        with UNREADABLE.open("rb") as handle:
            handle.read(1)
    except PermissionError:
        return True
    except OSError:
        return False
    return False


needs_unreadable = pytest.mark.skipif(
    not _root_cannot_read(), reason=f"{UNREADABLE} is readable here: no file we cannot read"
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "promptguard.toml").write_text(
        "[tools.studio-llm]\nenterprise = true\n", encoding="utf-8"
    )
    monkeypatch.setenv("PROMPTGUARD_SERVICE", "off")
    monkeypatch.setenv("PROMPTGUARD_KEY_FILE", str(tmp_path / "keys" / "clearance.key"))
    monkeypatch.delenv("PROMPTGUARD_CLEARANCE_KEY", raising=False)
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    return tmp_path


def invoke(project: Path, *args: str, stdin: bytes | None = None, strict: bool = True):  # noqa: ANN201
    """The command line; with `strict`, every stderr line is a one-line diagnostic (the
    hook's report of findings is the one multi-line text on stderr)."""
    result = run_cli(project, *args, stdin=stdin)
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines() if strict else ():
        assert line.startswith("promptguard: "), line
        assert len(line) < 600
    return result


def warnings(result) -> list[str]:  # noqa: ANN001
    return [line for line in result.stderr.splitlines() if line.startswith("promptguard: warning")]


def types(result) -> list[str]:  # noqa: ANN001
    return [f["type"] for f in json.loads(result.stdout)["findings"]]


# --- CLI scan: the bad input beside good.txt, which must still be scanned -----------------


def scan(project: Path, *paths: str):  # noqa: ANN201
    return invoke(project, "scan", "good.txt", *paths, "--format", "json")


def test_scan_missing_path(project: Path) -> None:
    result = scan(project, "missing.txt")
    assert result.exit_code == 2 and types(result) == ["EMAIL_ADDRESS"]
    assert warnings(result) == ["promptguard: warning: missing.txt: no such file or directory"]


def test_scan_directory_for_output_file(project: Path) -> None:
    (project / "out").mkdir()
    result = invoke(project, "scan", "good.txt", "--output", "out")
    assert result.exit_code == 2
    assert "out" in result.stderr and "directory" in result.stderr


@needs_unreadable
def test_scan_permission_denied(project: Path) -> None:
    (project / "locked.txt").symlink_to(UNREADABLE)
    result = scan(project, "locked.txt")
    assert result.exit_code == 2 and types(result) == ["EMAIL_ADDRESS"]
    assert warnings(result) == ["promptguard: warning: locked.txt: cannot read: Permission denied"]


def test_scan_binary_file_named(project: Path) -> None:
    (project / "still.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = scan(project, "still.png")
    assert result.exit_code == 2 and types(result) == ["EMAIL_ADDRESS"]
    assert warnings(result) == [
        "promptguard: warning: still.png: cannot scan: binary file, not text"
    ]


def test_scan_binary_file_in_a_folder_is_skipped(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "still.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = scan(project, "notes")
    assert result.exit_code == 1, "a binary met on a folder walk is skipped, with a note"
    assert "promptguard: note: notes/still.png: skipped: binary file" in result.stderr


def test_scan_nul_bytes_in_a_text_file(project: Path) -> None:
    (project / "nul.txt").write_bytes(b"call " + PHONE_FR.encode() + b"\x00\x00 tomorrow\n")
    result = scan(project, "nul.txt")
    assert result.exit_code == 1
    assert sorted(types(result)) == ["EMAIL_ADDRESS", "PHONE_NUMBER"]


def test_scan_3mb_text_file(project: Path) -> None:
    filler = "the quiet street at dawn with soft light and long shadows\n" * 52_000
    (project / "big.txt").write_text(filler[:3_000_000] + f"\nmail {EMAIL}\n", encoding="utf-8")
    result = scan(project, "big.txt")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(Path(f["path"]).name, f["type"]) for f in found] == [
        ("big.txt", "EMAIL_ADDRESS"),
        ("good.txt", "EMAIL_ADDRESS"),
    ]


def test_scan_mixed_encodings_in_one_file(project: Path) -> None:
    data = "Régie : tournage à l'aube\n".encode() + LATIN1.encode("latin-1")
    (project / "mixed.txt").write_bytes(data)
    result = scan(project, "mixed.txt")
    assert result.exit_code == 1 and "PHONE_NUMBER" in types(result)
    assert "mixed encodings: UTF-8, and lines decoded as Windows-1252" in result.stderr
    assert "Ã©" not in result.stdout, "the UTF-8 line is not garbled"


def test_scan_malformed_jsonl_in_the_middle_of_a_good_log(project: Path) -> None:
    lines = [
        json.dumps({"prompt": f"mail {EMAIL}"}),
        '{"prompt": "unterminated',
        json.dumps({"prompt": f"call {PHONE_FR}"}),
    ]
    (project / "log.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke(project, "scan", "log.jsonl", "--format", "json")
    assert result.exit_code == 2
    found = [(f["line"], f["type"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [(1, "EMAIL_ADDRESS"), (3, "PHONE_NUMBER")]
    (warning,) = warnings(result)
    assert warning.startswith("promptguard: warning: log.jsonl:2: invalid JSON: ")


def test_scan_truncated_pdf(project: Path) -> None:
    (project / "ep101.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    result = scan(project, "ep101.pdf")
    assert result.exit_code == 2 and types(result) == ["EMAIL_ADDRESS"]
    assert warnings(result) == [
        "promptguard: warning: ep101.pdf: not a readable PDF: Stream has ended unexpectedly"
    ]


def test_corpus_add_truncated_pdf(project: Path) -> None:
    (project / "ep101.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    result = invoke(project, "corpus", "add", "ep101.pdf")
    assert result.exit_code == 2
    assert "ep101.pdf" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_clearance_list_with_a_corrupt_clearance_file(project: Path) -> None:
    (project / ".promptguard").mkdir()
    (project / ".promptguard" / CLEARANCES_FILE).write_bytes(b"[[clearance]\n\x00\xff")
    result = invoke(project, "clearance", "list")
    assert result.exit_code == 2 and CLEARANCES_FILE in result.stderr


def test_audit_report_with_a_corrupt_audit_file(project: Path) -> None:
    (project / ".promptguard").mkdir()
    (project / ".promptguard" / AUDIT_FILE).write_bytes(os.urandom(8192))
    result = invoke(project, "audit", "report")
    assert result.exit_code == 2 and AUDIT_FILE in result.stderr


# --- CLI check --------------------------------------------------------------------------------


def check(project: Path, *args: str, stdin: bytes | None = None):  # noqa: ANN201
    return invoke(project, "check", "--tool", "midjourney", "--no-record", *args, stdin=stdin)


def test_check_missing_file(project: Path) -> None:
    result = check(project, "missing.txt")
    assert result.exit_code == 2
    assert result.stderr == "promptguard: missing.txt: cannot read: No such file or directory\n"


def test_check_directory(project: Path) -> None:
    (project / "prompts").mkdir()
    result = check(project, "prompts")
    assert result.exit_code == 2
    assert result.stderr == (
        "promptguard: prompts: is a folder; give one prompt file (or use scan)\n"
    )


@needs_unreadable
def test_check_permission_denied(project: Path) -> None:
    (project / "locked.txt").symlink_to(UNREADABLE)
    result = check(project, "locked.txt")
    assert result.exit_code == 2
    assert result.stderr == "promptguard: locked.txt: cannot read: Permission denied\n"


def test_check_binary_stdin(project: Path) -> None:
    result = check(project, stdin=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02")
    assert result.exit_code == 2
    assert result.stderr == "promptguard: stdin: binary data, not text: nothing checked\n"


def test_check_nul_bytes_in_a_prompt(project: Path) -> None:
    result = check(project, "--format", "json", stdin=f"mail {EMAIL}\x00\x00 today".encode())
    assert result.exit_code == 1 and types(result) == ["EMAIL_ADDRESS"]


def test_check_3mb_prompt(project: Path) -> None:
    prompt = ("the quiet street at dawn, " * 120_000)[:3_000_000] + f" mail {EMAIL}"
    result = check(project, "--format", "json", stdin=prompt.encode())
    assert result.exit_code == 1 and types(result) == ["EMAIL_ADDRESS"]


def test_check_mixed_encodings_on_stdin(project: Path) -> None:
    data = "Régie : tournage\n".encode() + LATIN1.encode("latin-1")
    result = check(project, "--format", "json", stdin=data)
    assert result.exit_code == 1 and "PHONE_NUMBER" in types(result)
    assert "promptguard: note: stdin: mixed encodings" in result.stderr


def test_check_empty_stdin(project: Path) -> None:
    result = check(project, stdin=b"")
    assert result.exit_code == 0
    assert "promptguard: note: stdin: the prompt is empty; nothing to check" in result.stderr


def test_check_corrupt_clearance_file(project: Path) -> None:
    (project / ".promptguard").mkdir()
    (project / ".promptguard" / CLEARANCES_FILE).write_bytes(b"[[clearance]\n\x00\xff")
    result = check(project, stdin=b"A portrait in the style of Meryl Streep")
    assert result.exit_code == 3, "approval still required: nothing is valid"
    (warning,) = warnings(result)
    assert "clearances ignored" in warning and CLEARANCES_FILE in warning


def test_check_corrupt_audit_file(project: Path) -> None:
    (project / ".promptguard").mkdir()
    (project / ".promptguard" / AUDIT_FILE).write_bytes(os.urandom(8192))
    result = invoke(project, "check", "--tool", "midjourney", stdin=f"mail {EMAIL}".encode())
    assert result.exit_code == 1, "the decision stands"
    (warning,) = warnings(result)
    assert "audit trail not written" in warning and AUDIT_FILE in warning


# --- CLI hook (pre-commit framework mode: files named) ------------------------------------------


@pytest.fixture()
def repo(project: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    return project


def hook(project: Path, *files: str):  # noqa: ANN201
    return invoke(project, "hook", "run", *files, strict=False)


def test_hook_missing_file(repo: Path) -> None:
    result = hook(repo, "good.txt", "gone.txt")
    assert result.exit_code == 2
    assert "promptguard: could not scan gone.txt: cannot read: No such file or directory" in (
        result.stderr
    )


@needs_unreadable
def test_hook_permission_denied(repo: Path) -> None:
    (repo / "locked.txt").symlink_to(UNREADABLE)
    result = hook(repo, "locked.txt")
    assert result.exit_code == 2 and "Permission denied" in result.stderr


def test_hook_binary_file_is_skipped(repo: Path) -> None:
    (repo / "still.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = hook(repo, "still.png")
    assert result.exit_code == 0
    assert "promptguard: note: still.png: skipped: binary file" in result.stderr


def test_hook_malformed_jsonl_blocks_after_scanning_the_rest(repo: Path) -> None:
    (repo / "log.jsonl").write_text(
        json.dumps({"prompt": "a quiet street"}) + '\n{"prompt": "unterminated\n',
        encoding="utf-8",
    )
    result = hook(repo, "log.jsonl")
    assert result.exit_code == 2
    assert "promptguard: could not scan log.jsonl:2: invalid JSON" in result.stderr


def test_hook_latin1_file_is_decoded(repo: Path) -> None:
    (repo / "note.txt").write_bytes(LATIN1.encode("latin-1"))
    result = hook(repo, "note.txt")
    assert result.exit_code == 1 and "PHONE_NUMBER" in result.stderr
    assert "decoded as Windows-1252" in result.stderr


# --- Python API -------------------------------------------------------------------------


@pytest.fixture()
def config(project: Path):  # noqa: ANN201
    from promptguard.config.load import load_config

    return load_config(project / "promptguard.toml")


@pytest.mark.parametrize("prompt", [None, 42, ["mail x@y.org"]])
def test_api_prompt_that_is_not_text(config, prompt) -> None:  # noqa: ANN001
    import promptguard
    from promptguard.errors import InputError

    with pytest.raises(InputError, match=r"^the prompt must be text \(str or bytes\), not "):
        promptguard.check(prompt, tool="midjourney", config=config, record=False)
    with pytest.raises(ValueError):
        promptguard.scan(prompt, config=config)


def test_api_binary_bytes(config) -> None:  # noqa: ANN001
    import promptguard
    from promptguard.errors import InputError

    with pytest.raises(InputError, match="binary data, not text"):
        promptguard.check(b"\x89PNG\x00\x00\x01\x02\xff", config=config, record=False)


def test_api_bytes_not_in_utf8_are_decoded(config) -> None:  # noqa: ANN001
    import promptguard

    decision = promptguard.check(
        LATIN1.encode("latin-1"), tool="midjourney", config=config, record=False
    )
    assert decision.decision == "block"
    assert "PHONE_NUMBER" in [f.finding.type for f in decision.findings]
    assert decision.warnings[0] == "prompt not valid UTF-8: decoded as Windows-1252 (latin-1)"


def test_api_lone_surrogates(config) -> None:  # noqa: ANN001
    import promptguard

    text = f"caf\udce9 mail {EMAIL}"
    decision = promptguard.check(text, tool="midjourney", config=config, record=False)
    assert decision.decision == "block" and not decision.scan_failures
    (finding,) = decision.findings
    assert text[finding.finding.start : finding.finding.end] == EMAIL, "offsets still hold"
    assert "lone surrogates" in decision.warnings[0]


def test_api_nul_bytes_and_3mb(config) -> None:  # noqa: ANN001
    import promptguard

    prompt = ("a quiet street\x00 at dawn, " * 120_000)[:3_000_000] + f" mail {EMAIL}"
    findings = promptguard.scan(prompt, config=config)
    assert [prompt[f.start : f.end] for f in findings] == [EMAIL]


def test_api_unknown_tool(config) -> None:  # noqa: ANN001
    import promptguard

    with pytest.raises(ValueError, match=r"^unknown tool 'midjurney' \(known: chatgpt, "):
        promptguard.check("a street", tool="midjurney", config=config, record=False)


def test_api_corrupt_clearance_and_audit_files(project: Path, config) -> None:  # noqa: ANN001
    import promptguard

    (project / ".promptguard").mkdir()
    (project / ".promptguard" / CLEARANCES_FILE).write_bytes(b"[[clearance]\n\x00\xff")
    (project / ".promptguard" / AUDIT_FILE).write_bytes(os.urandom(8192))
    decision = promptguard.check(
        "A portrait in the style of Meryl Streep", tool="midjourney", config=config
    )
    assert decision.decision == "clearance"
    assert any(CLEARANCES_FILE in w for w in decision.warnings)
    assert any("audit trail not written" in w for w in decision.warnings)


# --- the service and the gateway ----------------------------------------------------------------


@pytest.fixture()
def client(config):  # noqa: ANN001, ANN201
    from starlette.testclient import TestClient

    from promptguard.service.app import create_app

    app = create_app(config, warm=False, upstream="http://127.0.0.1:9")
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


SERVICE_BAD = {
    "invalid-json": (b'{"prompt": "unterminated', 400, "body must be JSON"),
    "binary-body": (b"\x89PNG\x00\x00\x01\xff", 400, "body must be JSON"),
    "nested-json": (b"[" * 100_000 + b"]" * 100_000, 400, "body must be JSON"),
    "prompt-not-text": (b'{"prompt": 42}', 400, "give the prompt as a string"),
    "unknown-tool": (b'{"prompt": "x", "tool": "midjurney"}', 400, "unknown tool 'midjurney'"),
    "bad-purpose": (b'{"prompt": "x", "purpose": "poster"}', 400, "unknown purpose 'poster'"),
}


@pytest.mark.parametrize("case", SERVICE_BAD)
def test_service_bad_body(client, case: str) -> None:  # noqa: ANN001
    body, status, message = SERVICE_BAD[case]
    response = client.post("/v1/check", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert message in response.json()["error"] and "\n" not in response.json()["error"]


def test_service_body_over_the_limit(client) -> None:  # noqa: ANN001
    from promptguard.service.core import MAX_BODY_BYTES

    body = b'{"prompt": "' + b"a" * (MAX_BODY_BYTES + 1) + b'"}'
    response = client.post("/v1/check", content=body)
    assert response.status_code == 413 and "body over" in response.json()["error"]


def test_service_nul_surrogates_and_3mb_prompt_are_checked(client) -> None:  # noqa: ANN001
    prompt = ("a quiet street, " * 200_000)[:3_000_000] + f"\x00 mail {EMAIL} caf\udce9"
    body = json.dumps({"prompt": prompt, "tool": "midjourney", "record": False})
    response = client.post("/v1/check", content=body.encode())
    assert response.status_code == 200
    decision = response.json()
    assert decision["decision"] == "block"
    assert [f["type"] for f in decision["findings"]] == ["EMAIL_ADDRESS"]
    assert any("lone surrogates" in w for w in decision["warnings"])


GATEWAY_BAD = {
    "invalid-json": (b'{"model": "m", "messages": [', {}, 400, "the body must be JSON"),
    "unknown-tool": (
        json.dumps({"model": "m", "messages": [{"role": "user", "content": "hi"}]}).encode(),
        {"X-Promptguard-Tool": "midjurney"},
        400,
        "unknown tool 'midjurney'",
    ),
    "token-ids": (
        json.dumps({"model": "m", "prompt": [1, 2, 3]}).encode(),
        {"X-Promptguard-Tool": "midjourney"},
        403,
        "promptguard",
    ),
}


@pytest.mark.parametrize("case", GATEWAY_BAD)
def test_gateway_bad_request(client, case: str) -> None:  # noqa: ANN001
    body, headers, status, message = GATEWAY_BAD[case]
    path = "/v1/completions" if case == "token-ids" else "/v1/chat/completions"
    response = client.post(
        path, content=body, headers={"content-type": "application/json", **headers}
    )
    assert response.status_code == status
    error = response.json()["error"]
    assert message in error["message"] and "\n" not in error["message"]


def test_gateway_blocks_a_3mb_prompt_with_nul_bytes_and_forwards_nothing(client) -> None:  # noqa: ANN001
    content = ("a quiet street, " * 200_000)[:3_000_000] + f"\x00 mail {EMAIL}"
    body = {"model": "m", "messages": [{"role": "user", "content": content}]}
    response = client.post(
        "/v1/chat/completions", json=body, headers={"X-Promptguard-Tool": "midjourney"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "blocked"
