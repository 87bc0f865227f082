"""Clearances: matching (subject, scope), expiry, revocation, tampering, requests, CLI."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from promptguard.cli.clearance import clearance
from promptguard.config.load import Config, Tool
from promptguard.findings import Finding
from promptguard.gate import ClearanceError, Gate

FAR = "2099-12-31"


#: Every test signs with a throw-away key in tmp_path (see conftest.key_path).
pytestmark = pytest.mark.usefixtures("key_path")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(
        root=tmp_path / "prod",
        tools={
            "studio-llm": Tool("studio-llm", enterprise=True),
            "midjourney": Tool("midjourney", enterprise=False),
        },
        ai_contact="ai@prod.example",
    )


@pytest.fixture
def gate(config: Config) -> Gate:
    return Gate(config)


def figure(subject: str = "Meryl Streep", category: str = "public_figure") -> Finding:
    return Finding(category, "PERSON", 0, len(subject), 0.9, subject=subject)


def grant(gate: Gate, subject: str = "Meryl Streep", **kwargs) -> str:
    options = {
        "category": "public_figure",
        "expires": FAR,
        "approved_by": "Legal",
        "reference": "LEG-12",
        **kwargs,
    }
    clearance_, _ = gate.clearances.grant(subject=subject, **options)
    return clearance_.id


def test_grant_covers_the_finding(gate: Gate) -> None:
    before = gate.decide([figure()], "midjourney", "moodboard", record=False)
    assert before.decision == "clearance"
    cid = grant(gate)
    after = gate.decide([figure()], "midjourney", "moodboard", record=False)
    assert after.decision == "allow"
    assert after.findings[0].cleared_by == cid and after.findings[0].action == "clearance"
    assert after.clearances_used == [cid]
    assert after.request_id is None and cid in after.next_step


@pytest.mark.parametrize(
    ("granted", "found"),
    [
        ("Meryl Streep", "meryl streep"),
        ("Penélope Cruz", "PENELOPE CRUZ"),
        ("Jean-Paul Belmondo", "jean paul  belmondo"),
        ("Amélie", "Ame\u0301lie"),  # composed vs decomposed accent
    ],
)
def test_subject_matching_ignores_case_and_accents(gate: Gate, granted: str, found: str) -> None:
    grant(gate, granted)
    assert gate.decide([figure(found)], "midjourney", "temp", record=False).decision == "allow"


def test_other_subject_or_category_is_not_covered(gate: Gate) -> None:
    grant(gate, "Meryl Streep")
    assert gate.decide([figure("Meryl Strep")], "midjourney", "temp", record=False).decision == (
        "clearance"
    )
    likeness = figure("Meryl Streep", "talent_likeness")
    assert gate.decide([likeness], "midjourney", "temp", record=False).decision == "clearance"


def test_scope_by_tool_and_purpose(gate: Gate) -> None:
    cid = grant(gate, tool="studio-llm", purpose="moodboard")
    assert gate.decide([figure()], "studio-llm", "moodboard", record=False).clearances_used == [cid]
    assert gate.decide([figure()], "midjourney", "moodboard", record=False).decision == "clearance"
    assert gate.decide([figure()], "studio-llm", "temp", record=False).decision == "clearance"


def test_expiry_is_inclusive(gate: Gate) -> None:
    grant(gate, expires="2030-06-30")
    last_day = gate.decide([figure()], "midjourney", "temp", record=False, today=date(2030, 6, 30))
    assert last_day.decision == "allow"
    after = gate.decide([figure()], "midjourney", "temp", record=False, today=date(2030, 7, 1))
    assert after.decision == "clearance"
    assert any("expired 2030-06-30" in w for w in after.warnings)


def test_revocation(gate: Gate) -> None:
    cid = grant(gate)
    revoked, changed = gate.clearances.revoke(cid)
    assert changed and revoked.revoked
    assert gate.decide([figure()], "midjourney", "temp", record=False).decision == "clearance"
    assert gate.clearances.revoke(cid)[1] is False
    assert [s.status for s in gate.clearances.states()] == ["revoked"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('expires = "2030-01-01"', 'expires = "2099-01-01"'),  # extend an approval
        ('tool = "studio-llm"', 'tool = "midjourney"'),  # widen to another tool
        ('subject = "Meryl Streep"', 'subject = "Tom Hanks"'),  # reuse for someone else
    ],
)
def test_hand_edited_entry_is_ignored_with_a_warning(gate: Gate, old: str, new: str) -> None:
    grant(gate, expires="2030-01-01", tool="studio-llm")
    path = gate.clearances.path
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    subject = "Tom Hanks" if "Tom" in new else "Meryl Streep"
    tool = "midjourney" if "midjourney" in new else "studio-llm"
    decision = gate.decide([figure(subject)], tool, "temp", record=False, today=date(2031, 1, 1))
    assert decision.decision == "clearance"
    assert any("fail verification" in w for w in decision.warnings)
    assert [s.status for s in gate.clearances.states()] == ["tampered"]


def test_hand_written_entry_and_hand_unrevoke_are_ignored(gate: Gate) -> None:
    cid = grant(gate)
    gate.clearances.revoke(cid)
    path = gate.clearances.path
    text = path.read_text(encoding="utf-8").replace("revoked = true", "revoked = false")
    text += '\n[[clearance]]\nid = "cl-forged"\ncategory = "public_figure"\n'
    text += 'subject = "Tom Hanks"\nexpires = "2099-01-01"\napproved_by = "me"\nreference = "x"\n'
    path.write_text(text, encoding="utf-8")
    statuses = {s.clearance.id: s.status for s in gate.clearances.states()}
    assert statuses == {cid: "tampered", "cl-forged": "tampered"}
    found = [figure(), figure("Tom Hanks")]
    assert gate.decide(found, "midjourney", "temp", record=False).decision == "clearance"


def test_without_the_key_nothing_is_valid(gate: Gate, key_path: Path, monkeypatch) -> None:
    grant(gate)
    monkeypatch.setenv("PROMPTGUARD_KEY_FILE", str(key_path.parent / "missing.key"))
    decision = gate.decide([figure()], "midjourney", "temp", record=False)
    assert decision.decision == "clearance"
    assert any("no clearance key" in w for w in decision.warnings)
    monkeypatch.setenv("PROMPTGUARD_CLEARANCE_KEY", "another-team-key-0123456789")
    state = gate.clearances.states()[0]
    assert state.status == "unverified" and "another key" in state.detail


def test_team_key_from_environment(gate: Gate, key_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PROMPTGUARD_CLEARANCE_KEY", "ci-shared-secret-0123456789abcdef")
    grant(gate)
    assert not key_path.exists()
    assert gate.decide([figure()], "midjourney", "temp", record=False).decision == "allow"


def test_key_file_is_private_and_outside_the_repo(gate: Gate, key_path: Path) -> None:
    grant(gate)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert gate.config.root not in key_path.parents
    assert key_path.read_text().strip() not in gate.clearances.path.read_text()


def test_file_is_sorted_reviewable_and_free_of_personal_values(gate: Gate) -> None:
    ids = [grant(gate, name) for name in ("Zoe Saldana", "Adam Driver", "Meryl Streep")]
    grant(gate, "PHONE_NUMBER", category="personal_data")
    text = gate.clearances.path.read_text(encoding="utf-8")
    positions = [text.index(f'id = "{i}"') for i in sorted(ids)]
    assert positions == sorted(positions)
    assert text.startswith("# promptguard clearances")
    with pytest.raises(ClearanceError, match="kind of data"):
        grant(gate, "+33 6 12 34 56 78", category="personal_data")
    assert "+33" not in gate.clearances.path.read_text(encoding="utf-8")


def test_personal_data_clearance_covers_by_kind(gate: Gate) -> None:
    grant(gate, "PHONE_NUMBER", category="personal_data", tool="studio-llm")
    phone = Finding("personal_data", "PHONE_NUMBER", 0, 5, 0.9, subject="+33 6 12 34 56 78")
    email = Finding("personal_data", "EMAIL_ADDRESS", 6, 9, 0.9, subject="a@b.example")
    assert gate.decide([phone], "studio-llm", "temp", record=False).decision == "allow"
    assert gate.decide([phone, email], "studio-llm", "temp", record=False).decision == "clearance"
    assert gate.decide([phone], "midjourney", "temp", record=False).decision == "block"


def test_a_block_is_never_cleared(gate: Gate) -> None:
    grant(gate, "Bluebird", category="confidential")
    code_name = Finding("confidential", "CODE_NAME", 0, 8, 0.9, subject="Bluebird")
    assert gate.decide([code_name], "midjourney", "temp", record=False).decision == "block"


def test_final_needs_its_own_approval(gate: Gate) -> None:
    grant(gate)
    covered_finding = gate.decide([figure()], "studio-llm", "final", record=False)
    assert covered_finding.decision == "clearance"  # the final deliverable itself
    assert covered_finding.request_items == [("use", "final")]
    use_id = grant(gate, "final", category="use", tool="studio-llm")
    decision = gate.decide([figure()], "studio-llm", "final", record=False)
    assert decision.decision == "allow" and decision.use_cleared_by == use_id
    assert gate.decide([], "midjourney", "final", record=False).decision == "clearance"


@pytest.mark.parametrize(
    ("expires", "message"),
    [("2020-01-01", "in the past"), ("2030-02-30", "real date"), ("31/12/2030", "YYYY-MM-DD")],
)
def test_grant_rejects_bad_expiry(gate: Gate, expires: str, message: str) -> None:
    with pytest.raises(ClearanceError, match=message):
        grant(gate, expires=expires)
    assert not gate.clearances.path.exists()


# --- command line --------------------------------------------------------------------------


def run(config: Config, *args: str):
    return CliRunner().invoke(clearance, list(args), obj={"config": config})


GRANT = ["--expires", FAR, "--approved-by", "Dana (Legal)", "--reference", "LEG-42"]


def test_cli_request_then_grant_then_check(gate: Gate, config: Config) -> None:
    found = [figure(), Finding("personal_data", "PERSON", 20, 28, 0.9, subject="Jane Doe")]
    first = gate.decide(found, "studio-llm", "final", prompt_text="p")
    assert first.decision == "clearance" and first.request_id
    asked = run(config, "request", first.request_id, "--reason", "Poster concept, ep. 3")
    assert asked.exit_code == 0, asked.output
    requests = (config.state_dir / "requests.jsonl").read_text(encoding="utf-8")
    assert first.request_id in requests and "Jane" not in requests
    granted = run(config, "grant", "--request", first.request_id, *GRANT)
    assert granted.exit_code == 0, granted.output
    assert granted.stdout.count("granted cl-") == 3  # the figure, the PERSON kind, the use
    second = gate.decide(found, "studio-llm", "final", prompt_text="p")
    assert second.decision == "allow" and len(second.clearances_used) == 3
    listed = json.loads(run(config, "list", "--format", "json").stdout)
    assert {c["status"] for c in listed["clearances"]} == {"valid"}
    assert {c["request_id"] for c in listed["clearances"]} == {first.request_id}
    assert listed["requests"][0]["status"] == "granted"


def test_cli_request_by_description_matches_check(gate: Gate, config: Config) -> None:
    result = run(
        config,
        "request",
        "--category",
        "public_figure",
        "--subject",
        "meryl streep",
        "--tool",
        "midjourney",
        "--purpose",
        "moodboard",
        "--reason",
        "Moodboard",
    )
    assert result.exit_code == 0, result.output
    check = gate.decide([figure()], "midjourney", "moodboard", record=False)
    assert check.request_id in result.stdout


def test_cli_grant_list_revoke(config: Config) -> None:
    result = run(
        config, "grant", "--category", "public_figure", "--subject", "Meryl Streep", *GRANT
    )
    assert result.exit_code == 0, result.output
    cid = result.stdout.split()[1].rstrip(":")
    assert "created clearance key" in result.stderr
    listed = run(config, "list")
    assert listed.exit_code == 0 and f"{cid}  valid" in listed.stdout
    assert run(config, "revoke", cid).exit_code == 0
    assert f"{cid}  revoked" in run(config, "list").stdout
    again = run(config, "revoke", cid)
    assert again.exit_code == 0 and "already revoked" in again.stdout


@pytest.mark.parametrize(
    "args",
    [
        [
            "grant",
            "--category",
            "public_figure",
            "--subject",
            "X",
            "--expires",
            "2001-01-01",
            "--approved-by",
            "A",
            "--reference",
            "R",
        ],
        [
            "grant",
            "--category",
            "public_figure",
            "--subject",
            "X",
            "--expires",
            "soon",
            "--approved-by",
            "A",
            "--reference",
            "R",
        ],
        ["grant", "--category", "celebrity", "--subject", "X", *GRANT],
        ["grant", "--category", "public_figure", "--subject", "X", "--purpose", "poster", *GRANT],
        ["grant", "--category", "public_figure", "--subject", "X"],
        ["grant", "--request", "rq-000000000000", *GRANT],
        ["revoke", "cl-does-not-exist"],
        ["request", "rq-000000000000", "--reason", "r"],
        ["request", "--category", "public_figure", "--subject", "X", "--tool", "t"],
        ["list", "--format", "xml"],
    ],
)
def test_cli_usage_errors_exit_2_with_one_line(config: Config, args: list[str]) -> None:
    result = run(config, *args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_cli_corrupt_file_is_a_clean_error(gate: Gate, config: Config) -> None:
    config.state_dir.mkdir(parents=True)
    gate.clearances.path.write_text("[[clearance]\nnot toml", encoding="utf-8")
    result = run(config, "list")
    assert result.exit_code == 2 and "invalid TOML" in result.stderr
    decision = gate.decide([figure()], "midjourney", "temp", record=False)
    assert decision.decision == "clearance"
    assert any("clearances ignored" in w for w in decision.warnings)
