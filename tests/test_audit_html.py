"""`promptguard audit report --format html`: self-contained, offline, charts, no values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import promptguard
from promptguard.approvals.queue import ApprovalQueue
from promptguard.cli import cli
from promptguard.config import load_config

pytest.importorskip("matplotlib", reason="the HTML report needs the 'report' extra")

#: Values the checks below match; none may appear in the report.
SECRETS = [
    "+1 415 555 0143",
    "415 555 0143",
    "crew.desk@example.org",
    "Dana Whitfield",
    "BLUE HARVEST",
    "Meryl Streep",
    "Tom Hanks",
    "prompt-author",
]
PROMPTS = [
    ("Call Dana Whitfield on +1 415 555 0143 or mail crew.desk@example.org", "midjourney"),
    ("Key art for BLUE HARVEST: a portrait of Meryl Streep as an aviator", "studio-llm"),
    ("clone the voice of Tom Hanks for the temp track", "midjourney"),
    ("a moodboard of foggy harbours at dawn", "midjourney"),
]


#: Every test signs with a throw-away key in tmp_path (see conftest.key_path).
pytestmark = pytest.mark.usefixtures("key_path")


def _production(root: Path, name: str) -> Path:
    root.mkdir(parents=True)
    path = root / "promptguard.toml"
    path.write_text(
        f'production = "{name}"\ncode_names = ["BLUE HARVEST"]\n'
        "[tools.studio-llm]\nenterprise = true\n",
        encoding="utf-8",
    )
    return path


def test_html_report_is_self_contained_has_charts_and_no_matched_value(tmp_path: Path) -> None:
    main = _production(tmp_path / "harvest", "Harvest Moon")
    other = _production(tmp_path / "tides", "Tides")
    config = load_config(main)
    decisions = [
        promptguard.check(text, tool=tool, purpose="moodboard", config=config, user="prompt-author")
        for text, tool in PROMPTS
    ]
    assert {d.decision for d in decisions} >= {"block", "clearance"}
    promptguard.check(PROMPTS[2][0], tool="midjourney", config=load_config(other), user="x")
    queue = ApprovalQueue(config.state_dir)
    pending = queue.pending()
    queue.grant(pending[0].id, "Dana Kim (dana)", "2099-12-31", "LEG-1", "ok")
    if len(pending) > 1:
        queue.deny(pending[1].id, "Dana Kim (dana)", "no consent")

    output = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        ["--config", str(main), "audit", "report", "--format", "html", "-o", str(output),
         "--production-config", str(other)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")

    assert page.startswith("<!doctype html>")
    assert page.count("<svg") == 4  # one chart per section
    for heading in ("Findings by category and week", "Decisions by destination tool",
                    "Top productions", "Clearances"):  # fmt: skip
        assert heading in page
    assert "Harvest Moon" in page and "Tides" in page
    assert "personal_data" in page and "midjourney" in page
    # Offline: nothing to fetch (the only URLs are SVG namespace names, never loaded).
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(\s*['\"]?(https?:|//)", page)
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:|//)", page)
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }
    # No sensitive value: not the matched values, not the subjects, not the user name.
    lowered = page.casefold()
    for secret in SECRETS:
        assert secret.casefold() not in lowered, secret


def test_html_report_on_an_empty_trail(tmp_path: Path) -> None:
    main = _production(tmp_path / "empty", "Empty")
    result = CliRunner().invoke(cli, ["--config", str(main), "audit", "report", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert "no checks recorded" in result.output and result.output.count("<svg") == 4


def test_unknown_format_lists_html(tmp_path: Path) -> None:
    main = _production(tmp_path / "p", "P")
    result = CliRunner().invoke(cli, ["--config", str(main), "audit", "report", "--format", "pdf"])
    assert result.exit_code == 2 and "html" in result.output
