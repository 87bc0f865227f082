"""The approval queue, `clearance deny`, approvers' passwords, the approvals page (without a
browser: Starlette's test client) and `promptguard init`."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from promptguard.approvals.passwords import ApproverError, add_approver, verify_password
from promptguard.approvals.queue import ApprovalQueue
from promptguard.cli import cli
from promptguard.config import Config, ConfigError, Tool, load_config
from promptguard.findings import Finding
from promptguard.gate import ClearanceError, Gate

FAR = "2099-12-31"
PASSWORD = "correct horse battery"


#: Every test signs with a throw-away key in tmp_path (see conftest.key_path).
pytestmark = pytest.mark.usefixtures("key_path")


@pytest.fixture
def production(tmp_path: Path) -> Path:
    """A production folder with promptguard.toml (two tools) and one approver."""
    root = tmp_path / "prod"
    root.mkdir()
    (root / "promptguard.toml").write_text(
        'production = "Blue Harvest"\n'
        "[tools.studio-llm]\nenterprise = true\n"
        "[tools.midjourney]\nenterprise = false\n",
        encoding="utf-8",
    )
    add_approver(root / "promptguard.toml", "dana", PASSWORD, "Dana Kim (Legal)")
    return root


@pytest.fixture
def config(production: Path) -> Config:
    return load_config(production / "promptguard.toml")


def figure(subject: str = "Meryl Streep", category: str = "public_figure") -> Finding:
    return Finding(category, "PERSON", 0, len(subject), 0.9, subject=subject)


def ask(config: Config, *findings: Finding, tool: str = "midjourney", purpose: str = "moodboard"):
    """A check that needs approval, recorded in the audit trail like a real one."""
    decision = Gate(config).decide(list(findings) or [figure()], tool, purpose, "a prompt")
    assert decision.decision == "clearance"
    return decision


def run(config: Config, *args: str, stdin: str | None = None):
    return CliRunner().invoke(
        cli, ["--config", str(config.path), *args], input=stdin, catch_exceptions=False
    )


# --- the queue ------------------------------------------------------------------------------


def test_a_check_that_needs_approval_is_pending_with_who_and_scope(config: Config) -> None:
    decision = ask(config)
    (entry,) = ApprovalQueue(config.state_dir).pending()
    assert entry.id == decision.request_id
    assert (entry.tool, entry.purpose, entry.checks) == ("midjourney", "moodboard", 1)
    assert entry.items == [("public_figure", "Meryl Streep")]
    assert entry.requested_by  # the login name of whoever ran the check


def test_granted_request_leaves_the_pending_list(config: Config) -> None:
    """Regression (issue 23): a request granted with --category/--subject (not --request)
    was still listed as pending by `clearance list`."""
    decision = ask(config)
    assert (
        run(config, "clearance", "request", decision.request_id, "--reason", "poster").exit_code
        == 0
    )
    listed = run(config, "clearance", "list", "--format", "json")
    assert [r["status"] for r in json.loads(listed.output)["requests"]] == ["pending"]
    granted = run(
        config, "clearance", "grant", "--category", "public_figure", "--subject", "meryl streep",
        "--tool", "midjourney", "--expires", FAR, "--approved-by", "Legal", "--reference", "L-1",
    )  # fmt: skip
    assert granted.exit_code == 0, granted.output
    listed = run(config, "clearance", "list", "--format", "json")
    assert [r["status"] for r in json.loads(listed.output)["requests"]] == ["granted"]
    assert "pending" not in run(config, "clearance", "list").output
    assert ApprovalQueue(config.state_dir).pending() == []


def test_grant_by_request_id_leaves_the_pending_list(config: Config) -> None:
    decision = ask(config)
    result = run(
        config, "clearance", "grant", "--request", decision.request_id, "--expires", FAR,
        "--approved-by", "Legal", "--reference", "L-2",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert ApprovalQueue(config.state_dir).pending() == []
    assert Gate(config).decide([figure()], "midjourney", "moodboard").decision == "allow"


def test_queue_grant_signs_clearances_and_records_the_approver(config: Config) -> None:
    decision = ask(config)
    queue = ApprovalQueue(config.state_dir)
    created, _ = queue.grant(decision.request_id, "Dana Kim (dana)", FAR, "LEG-9", "agent ok")
    assert [c.approved_by for c in created] == ["Dana Kim (dana)"]
    assert created[0].request_id == decision.request_id
    assert created[0].tool == "midjourney" and created[0].purpose == "moodboard"
    entry = queue.get(decision.request_id)
    assert entry is not None and entry.status == "granted"
    assert entry.verdict is not None and entry.verdict.by == "Dana Kim (dana)"
    assert Gate(config).decide([figure()], "midjourney", "moodboard").decision == "allow"
    # The scope asked for, no wider:
    assert Gate(config).decide([figure()], "midjourney", "final").decision == "clearance"
    with pytest.raises(ClearanceError, match="already granted"):
        queue.grant(decision.request_id, "Dana", FAR, "LEG-9")


def test_cli_deny_leaves_the_pending_list_and_a_new_ask_reopens(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    decision = ask(config)
    rid = decision.request_id
    assert run(config, "clearance", "deny", rid, "--denied-by", "Legal").exit_code == 2
    result = run(config, "clearance", "deny", rid, "--reason", "no consent", "--denied-by", "Legal")
    assert result.exit_code == 0, result.output
    assert f"denied {rid}" in result.output
    queue = ApprovalQueue(config.state_dir)
    assert queue.pending() == []
    assert queue.get(rid).status == "denied"
    assert run(config, "clearance", "request", rid, "--reason", "poster").exit_code == 0
    queue.deny(rid, "Legal", "still no consent")
    listed = run(config, "clearance", "list").output
    assert f"{rid}  denied" in listed and "denied by Legal: still no consent" in listed
    again = run(config, "clearance", "deny", rid, "--reason", "x", "--denied-by", "Legal")
    assert again.exit_code == 2 and "already denied" in again.output
    # A check of the same prompt does not reopen it; asking again in writing does.
    ask(config)
    assert queue.pending() == []
    # (Timestamps have one-second steps: the new request is made "later" explicitly.)
    monkeypatch.setattr(
        "promptguard.gate.clearances.requests.utc_timestamp", lambda: "2999-01-01T00:00:00Z"
    )
    assert run(config, "clearance", "request", rid, "--reason", "consent now given").exit_code == 0
    (entry,) = queue.pending()
    assert entry.id == rid and "asked again" in entry.note


def test_hand_edited_verdict_is_ignored(config: Config) -> None:
    decision = ask(config)
    queue = ApprovalQueue(config.state_dir)
    queue.deny(decision.request_id, "Legal", "no")
    path = config.state_dir / "verdicts.jsonl"
    path.write_text(path.read_text().replace('"Legal"', '"Someone else"'))
    assert [e.id for e in queue.pending()] == [decision.request_id]
    assert queue.rejected_verdicts() == 1


def test_lapsed_clearance_puts_the_request_back(config: Config) -> None:
    decision = ask(config)
    queue = ApprovalQueue(config.state_dir)
    (created,), _ = queue.grant(decision.request_id, "Dana", FAR, "LEG", "ok")
    queue.clearances.revoke(created.id)
    (entry,) = queue.pending()
    assert "revoked" in entry.note


def test_evidence_is_masked(config: Config) -> None:
    ask(
        config,
        Finding("personal_data", "PHONE_NUMBER", 0, 5, 0.9),
        Finding("unreleased_script", "SCRIPT", 0, 5, 0.9, subject="BLUE HARVEST ep101"),
        figure(),
        tool="studio-llm",
    )
    (entry,) = ApprovalQueue(config.state_dir).pending()
    shown = " ".join(item["evidence"] for item in entry.evidence())
    assert "PHONE_NUMBER (value never recorded)" in shown
    assert "BLUE HARVEST" not in shown and "B****************1" in shown
    assert "Meryl Streep" in shown  # a public figure is what is being approved: not secret


# --- approvers ------------------------------------------------------------------------------


def test_approver_hash_verifies_and_is_argon2(config: Config, production: Path) -> None:
    text = (production / "promptguard.toml").read_text()
    assert PASSWORD not in text and "$argon2id$" in text
    assert config.approvers["dana"]["name"] == "Dana Kim (Legal)"
    assert verify_password(config.approvers, "dana", PASSWORD)
    assert not verify_password(config.approvers, "dana", "wrong password!")
    assert not verify_password(config.approvers, "nobody", PASSWORD)


def test_approvers_add_cli_replaces_and_refuses_bad_input(config: Config, production) -> None:
    result = run(config, "approvers", "add", "dana", "--password-stdin", stdin="another password\n")
    assert result.exit_code == 0 and "new password for dana" in result.output
    reloaded = load_config(production / "promptguard.toml")
    assert verify_password(reloaded.approvers, "dana", "another password")
    assert reloaded.approvers["dana"]["name"] == ""  # replaced as a whole
    assert (
        run(config, "approvers", "add", "Bad Name", "--password-stdin", stdin="x" * 12).exit_code
        == 2
    )
    short = run(config, "approvers", "add", "sam", "--password-stdin", stdin="short\n")
    assert short.exit_code == 2 and "at least" in short.output
    with pytest.raises(ApproverError):
        add_approver(production / "promptguard.toml", "sam", "short")
    assert "dana" in run(config, "approvers", "list").output


def test_config_refuses_an_approver_without_an_argon2_hash(tmp_path: Path) -> None:
    path = tmp_path / "promptguard.toml"
    path.write_text('[approvers.dana]\npassword_hash = "hunter2"\n')
    with pytest.raises(ConfigError, match="approvers.dana.password_hash"):
        load_config(path)


# --- the page, through Starlette's test client -----------------------------------------------


def _client(config: Config):
    from starlette.testclient import TestClient

    from promptguard.approvals.web import create_approvals_app

    app = create_approvals_app(config)
    return TestClient(app, base_url="http://127.0.0.1:8766", follow_redirects=False)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _signed_in(config: Config):
    client = _client(config)
    token = _csrf(client.get("/login").text)
    response = client.post("/login", data={"csrf": token, "login": "dana", "password": PASSWORD})
    assert response.status_code == 303
    return client


def test_page_needs_sign_in_and_refuses_a_wrong_password(config: Config) -> None:
    client = _client(config)
    assert client.get("/").headers["location"].endswith("/login")
    token = _csrf(client.get("/login").text)
    wrong = client.post("/login", data={"csrf": token, "login": "dana", "password": "nope"})
    assert wrong.status_code == 401 and "Wrong login or password" in wrong.text
    forged = client.post("/login", data={"login": "dana", "password": PASSWORD})
    assert forged.status_code == 403


def test_page_locks_a_login_after_repeated_wrong_passwords(config: Config) -> None:
    client = _client(config)
    token = _csrf(client.get("/login").text)
    for _ in range(5):
        client.post("/login", data={"csrf": token, "login": "dana", "password": "nope"})
    locked = client.post("/login", data={"csrf": token, "login": "dana", "password": PASSWORD})
    assert locked.status_code == 429


def test_page_lists_approves_and_denies(config: Config) -> None:
    first = ask(config)
    second = ask(config, figure("Tom Hanks"), tool="studio-llm", purpose="final")
    client = _signed_in(config)
    page = client.get("/").text
    assert first.request_id in page and second.request_id in page
    assert "Blue Harvest" in page and "a prompt" not in page
    detail = client.get(f"/requests/{first.request_id}")
    token = _csrf(detail.text)
    form = {"csrf": token, "expires": FAR, "reference": "LEG-3", "reason": "agent approved"}
    done = client.post(f"/requests/{first.request_id}/approve", data=form)
    assert done.status_code == 303
    page = client.get("/").text
    assert "Approved " + first.request_id in page
    pending = page.split('id="pending"')[1].split("</table>")[0] if 'id="pending"' in page else ""
    assert first.request_id not in pending and second.request_id in pending
    clearances = (config.state_dir / "clearances.toml").read_text()
    assert 'approved_by = "Dana Kim (Legal) (dana)"' in clearances
    refused = client.post(f"/requests/{second.request_id}/deny", data={"csrf": token, "reason": ""})
    assert refused.status_code == 400 and "give a reason" in refused.text
    denied = client.post(
        f"/requests/{second.request_id}/deny", data={"csrf": token, "reason": "no consent"}
    )
    assert denied.status_code == 303
    assert ApprovalQueue(config.state_dir).pending() == []
    assert Gate(config).decide([figure()], "midjourney", "moodboard").decision == "allow"


def test_page_refuses_forged_posts(config: Config) -> None:
    decision = ask(config)
    client = _signed_in(config)
    form = {"expires": FAR, "reference": "LEG", "reason": "forged"}
    assert client.post(f"/requests/{decision.request_id}/approve", data=form).status_code == 403
    token = _csrf(client.get("/").text)
    cross = client.post(
        f"/requests/{decision.request_id}/approve",
        data={**form, "csrf": token},
        headers={"Origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    assert _client(config).post(
        f"/requests/{decision.request_id}/approve", data={**form, "csrf": token}
    ).status_code in (401, 403)
    assert [e.id for e in ApprovalQueue(config.state_dir).pending()] == [decision.request_id]


def test_page_sends_protective_headers_and_a_strict_cookie(config: Config) -> None:
    client = _client(config)
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


# --- promptguard init ------------------------------------------------------------------------


def test_init_writes_a_commented_config_that_loads(tmp_path: Path) -> None:
    folder = tmp_path / "show"
    folder.mkdir()
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    result = CliRunner().invoke(
        cli,
        ["init", "-C", str(folder), "--production", 'Blue "Harvest"', "--hook",
         "--ai-contact", "Ana <ai@prod.example>", "--scripts", "pages"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (folder / "promptguard.toml").read_text()
    assert text.count("\n#") > 10  # commented
    config = load_config(folder / "promptguard.toml")
    assert config.production == 'Blue "Harvest"' and config.scripts == "pages"
    assert config.ai_contact == "Ana <ai@prod.example>"
    assert config.tools["studio-llm"].enterprise and not config.tools["midjourney"].enterprise
    assert (folder / ".git" / "hooks" / "pre-commit").exists()
    again = CliRunner().invoke(cli, ["init", "-C", str(folder)])
    assert again.exit_code == 2 and "exists" in again.output


def test_init_then_approvers_add_gives_a_loadable_config(tmp_path: Path) -> None:
    folder = tmp_path / "show"
    assert CliRunner().invoke(cli, ["init", "-C", str(folder)]).exit_code == 0
    path = folder / "promptguard.toml"
    add_approver(path, "dana", PASSWORD)
    assert "dana" in load_config(path).approvers
    assert load_config(path).production == "show"


def test_clearance_tools_fixture_is_unaffected() -> None:
    assert Config(tools={"x": Tool("x")}).approvers == {}


def test_page_mounted_under_a_prefix_keeps_it_in_links(config: Config) -> None:
    """As `serve --approvals` mounts it (and as a proxy with --root-path serves it)."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from promptguard.approvals.web import create_approvals_app

    decision = ask(config)
    outer = Starlette()
    outer.mount("/approvals", create_approvals_app(config))
    client = TestClient(outer, follow_redirects=False)
    assert client.get("/approvals/").headers["location"] == "/approvals/login"
    token = _csrf(client.get("/approvals/login").text)
    signed_in = client.post(
        "/approvals/login", data={"csrf": token, "login": "dana", "password": PASSWORD}
    )
    assert signed_in.headers["location"] == "/approvals/"
    assert f'href="/approvals/requests/{decision.request_id}"' in client.get("/approvals/").text


@pytest.mark.parametrize(
    "args, message",
    [
        (["serve", "--approvals", "--workers", "2"], "one process"),
        (["serve", "--approvals", "--host", "0.0.0.0", "--token", "t" * 20], "loopback only"),
        (["approvals", "--host", "0.0.0.0"], "--secure-cookies"),
    ],
)
def test_serving_options_refused(config: Config, args: list[str], message: str) -> None:
    result = run(config, *args)
    assert result.exit_code == 2 and message in result.output


def test_removed_approver_is_signed_out(config: Config, production: Path) -> None:
    client = _signed_in(config)
    assert client.get("/").status_code == 200
    path = production / "promptguard.toml"
    path.write_text(path.read_text().split("[approvers.dana]")[0])
    assert client.get("/").headers["location"].endswith("/login")
