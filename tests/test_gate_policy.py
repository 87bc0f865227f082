"""The policy table, cell by cell, and how the gate combines findings into one decision.

The gate is independent of analyzers, so findings are built directly here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from promptguard.config.load import CATEGORIES, PURPOSES, Config, Tool, parse_config
from promptguard.findings import Finding
from promptguard.gate import Gate, exit_code, strictest

#: The table from the issue (Netflix guidance), written out by hand on purpose: the test
#: must fail if the shipped defaults drift from it.
TABLE = {
    "personal_data": ("clearance", "block"),
    "unreleased_script": ("clearance", "block"),
    "confidential": ("notify", "block"),
    "public_figure": ("clearance", "clearance"),
    "deceased_figure": ("clearance", "clearance"),
    "copyrighted_work": ("clearance", "clearance"),
    "talent_likeness": ("clearance", "clearance"),
    "misleading_content": ("clearance", "clearance"),
    "unowned_training": ("clearance", "clearance"),
}
NOTHING_FOUND = {"ideation": "allow", "moodboard": "allow", "temp": "allow", "final": "clearance"}


@pytest.fixture(autouse=True)
def _isolated_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROMPTGUARD_KEY_FILE", str(tmp_path / "keys" / "clearance.key"))
    monkeypatch.delenv("PROMPTGUARD_CLEARANCE_KEY", raising=False)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(
        root=tmp_path,
        tools={
            "studio-llm": Tool("studio-llm", enterprise=True, name="Studio LLM"),
            "midjourney": Tool("midjourney", enterprise=False),
        },
        ai_contact="Ana Ruiz <ai@prod.example>",
    )


def finding(category: str, subject: str = "Meryl Streep", type_: str = "PERSON") -> Finding:
    return Finding(category, type_, 0, 12, 0.9, subject=subject, message="m", analyzer="t")


def test_table_covers_every_category() -> None:
    assert set(TABLE) == set(CATEGORIES)


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("tool", ["studio-llm", "midjourney"])
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_cell(config: Config, category: str, tool: str, purpose: str) -> None:
    cell = TABLE[category][0 if tool == "studio-llm" else 1]
    # A final deliverable always needs at least written approval; a block stays a block.
    expected = cell if purpose != "final" else ("block" if cell == "block" else "clearance")
    decision = Gate(config).decide([finding(category)], tool, purpose, record=False)
    assert decision.decision == expected
    assert decision.findings[0].action == cell
    assert decision.exit_code == {"allow": 0, "notify": 0, "block": 1, "clearance": 3}[expected]


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("tool", ["studio-llm", "midjourney", None])
def test_nothing_found(config: Config, tool: str | None, purpose: str) -> None:
    decision = Gate(config).decide([], tool, purpose, record=False)
    assert decision.decision == NOTHING_FOUND[purpose]
    assert (decision.request_id is not None) == (purpose == "final")


@pytest.mark.parametrize("category", ["personal_data", "unreleased_script", "confidential"])
@pytest.mark.parametrize("tool", [None, "chatgpt"])
def test_unnamed_and_builtin_tools_are_not_enterprise(
    config: Config, category: str, tool: str | None
) -> None:
    decision = Gate(config).decide([finding(category)], tool, "ideation", record=False)
    assert decision.decision == "block"
    assert decision.enterprise is False
    assert "not an enterprise tool" in decision.next_step


def test_unknown_tool_is_refused_with_the_known_ones(config: Config) -> None:
    from promptguard.errors import InputError

    with pytest.raises(InputError) as refused:
        Gate(config).decide([], "some-new-app", "ideation", record=False)
    message = str(refused.value)
    assert "unknown tool 'some-new-app'" in message
    assert "midjourney" in message and "studio-llm" in message
    assert "[tools.some-new-app]" in message
    assert isinstance(refused.value, ValueError), "README: check raises ValueError for it"


def test_a_tool_declared_in_the_config_may_be_one_no_list_knows(config: Config) -> None:
    config.tools["previz-bot"] = Tool(id="previz-bot", enterprise=True)
    decision = Gate(config).decide([finding("confidential")], "Previz-Bot", "temp", record=False)
    assert decision.tool.id == "previz-bot" and decision.enterprise is True


def test_strictest_wins(config: Config) -> None:
    gate = Gate(config)
    mixed = [finding("confidential"), finding("public_figure"), finding("personal_data")]
    assert gate.decide(mixed, "studio-llm", "ideation", record=False).decision == "clearance"
    assert gate.decide(mixed, "midjourney", "ideation", record=False).decision == "block"
    only_confidential = [finding("confidential", "Project Bluebird", "CODE_NAME")]
    assert gate.decide(only_confidential, "studio-llm", "temp", record=False).decision == "notify"
    assert strictest(["allow", "notify", "block", "clearance"]) == "block"
    assert strictest([]) == "allow"


def test_per_tool_override_beats_the_table(config: Config) -> None:
    config.tools["sandbox"] = Tool(
        "sandbox", enterprise=True, policy={"confidential": "allow", "public_figure": "block"}
    )
    gate = Gate(config)
    found = [finding("confidential", "Bluebird", "CODE_NAME")]
    assert gate.decide(found, "sandbox", "ideation", record=False).decision == "allow"
    assert gate.decide(found, "studio-llm", "ideation", record=False).decision == "notify"
    figure = gate.decide([finding("public_figure")], "sandbox", "ideation", record=False)
    assert figure.decision == "block"


def test_production_table_from_toml(tmp_path: Path) -> None:
    config = parse_config(
        {
            "tools": {"firefly": {"enterprise": True, "policy": {"nothing_found": "notify"}}},
            "policy": {
                "enterprise": {"confidential": "block"},
                "other": {"nothing_found": "block"},
            },
        },
        tmp_path / "promptguard.toml",
    )
    gate = Gate(config)
    assert gate.decide([], "firefly", "ideation", record=False).decision == "notify"
    assert gate.decide([], "chatgpt", "ideation", record=False).decision == "block"
    confidential = [finding("confidential", "Bluebird", "CODE_NAME")]
    assert gate.decide(confidential, "firefly", "ideation", record=False).decision == "block"


def test_bad_purpose_and_tool_are_clear_errors(config: Config) -> None:
    gate = Gate(config)
    with pytest.raises(ValueError, match="unknown purpose 'poster'.*ideation, moodboard"):
        gate.decide([], "studio-llm", "poster", record=False)
    with pytest.raises(ValueError, match="invalid tool"):
        gate.decide([], "two words", "ideation", record=False)
    assert gate.decide([], "studio-llm", None, record=False).purpose == config.default_purpose


def test_exit_codes() -> None:
    assert [exit_code(d) for d in ("allow", "notify", "block", "clearance")] == [0, 0, 1, 3]


def test_json_shape_hides_personal_values(config: Config) -> None:
    found = [
        finding("personal_data", "+33 6 12 34 56 78", "PHONE_NUMBER"),
        finding("public_figure"),
    ]
    decision = Gate(config).decide(found, "studio-llm", "final", record=False)
    data = decision.to_dict()
    assert {
        "decision",
        "tool",
        "enterprise",
        "purpose",
        "findings",
        "clearances_used",
        "request_id",
        "next_step",
    } <= set(data)
    assert data["decision"] == "clearance" and data["tool"] == "studio-llm"
    assert data["enterprise"] is True and data["purpose"] == "final"
    assert [f["action"] for f in data["findings"]] == ["clearance", "clearance"]
    assert all(f["cleared_by"] is None for f in data["findings"])
    text = json.dumps(data) + "\n".join(decision.reasons)
    assert "34 56" not in text and "PHONE_NUMBER" in text
    assert "+33 6 12 34 56 78" in json.dumps(decision.to_dict(show_values=True))


def test_next_step_says_what_why_who_and_request_id(config: Config) -> None:
    gate = Gate(config)
    decision = gate.decide([finding("public_figure")], "midjourney", "moodboard", record=False)
    lines = decision.next_step.splitlines()
    assert 1 <= len(lines) <= 2
    assert "Meryl Streep" in lines[0] and "written approval" in lines[0].lower()
    assert "ai@prod.example" in lines[1] and decision.request_id in lines[1]
    again = gate.decide(
        [finding("public_figure", "meryl  STREEP")], "midjourney", "moodboard", record=False
    )
    assert again.request_id == decision.request_id  # stable, case-insensitive
    other_tool = gate.decide([finding("public_figure")], "studio-llm", "moodboard", record=False)
    assert other_tool.request_id != decision.request_id


def test_personal_request_id_does_not_depend_on_the_value(config: Config) -> None:
    gate = Gate(config)
    one = gate.decide([finding("personal_data", "Jane Doe")], "studio-llm", "temp", record=False)
    two = gate.decide([finding("personal_data", "John Roe")], "studio-llm", "temp", record=False)
    assert one.request_id == two.request_id
    assert one.request_items == [("personal_data", "PERSON")]


def test_info_findings_are_shown_but_never_need_clearance_or_block(config: Config) -> None:
    # A public-domain master's style: reported for the record, allowed even where the
    # production blocks copyrighted works for that tool.
    config.tools["midjourney"] = Tool(
        "midjourney", enterprise=False, policy={"copyrighted_work": "block"}
    )
    master = Finding(
        "copyrighted_work", "ARTIST_STYLE", 0, 7, 0.9, subject="Johannes Vermeer",
        severity="info",
    )  # fmt: skip
    decision = Gate(config).decide([master], "midjourney", "moodboard", record=False)
    assert decision.decision == "allow"
    assert [(f.finding.subject, f.action) for f in decision.findings] == [
        ("Johannes Vermeer", "allow")
    ]
    # The same category at normal severity still follows the table.
    living = finding("copyrighted_work", "Greg Rutkowski", "ARTIST_STYLE")
    both = Gate(config).decide([master, living], "midjourney", "moodboard", record=False)
    assert both.decision == "block"
    with pytest.raises(ValueError, match="severity"):
        Finding("copyrighted_work", "ARTIST_STYLE", 0, 1, 0.9, severity="urgent")
