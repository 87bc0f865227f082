"""The full mode is the control: the default's shortcuts must not change what is found.

`mode = "full"` (or `PROMPTGUARD_MODE=full`) runs spaCy NER and every recognizer on every
text. The default lets pre-passes skip the parse (and the phone matcher) where they prove it
cannot change a finding. On a fixed sample of each benchmark set (tests/data/detection_sample,
see its SOURCE.md) both modes must report exactly the same findings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from promptguard.config.load import Config, ConfigError, load_config
from promptguard.pipeline.scanner import Scanner

SAMPLE = Path(__file__).parent / "data" / "detection_sample" / "records.jsonl"


def records() -> dict[str, list[dict]]:
    by_set: dict[str, list[dict]] = defaultdict(list)
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_set[record["set"]].append(record)
    return by_set


@pytest.fixture(scope="module")
def scanners(nlp_models) -> dict[str, Scanner]:  # noqa: ANN001
    return {mode: Scanner(Config(mode=mode), models=nlp_models) for mode in ("default", "full")}


def found(scanner: Scanner, record: dict) -> list[tuple]:
    return [
        (f.category, f.type, f.start, f.end)
        for f in scanner.scan_text(record["text"], language=record["language"])
    ]


@pytest.mark.parametrize("set_name", ["presidio", "wnut17", "production", "real"])
def test_default_finds_what_full_mode_finds(scanners, set_name: str) -> None:
    sample = records()[set_name]
    assert len(sample) >= 40
    differ = [
        record["id"]
        for record in sample
        if found(scanners["default"], record) != found(scanners["full"], record)
    ]
    assert differ == []


def test_full_mode_reads_names_the_pre_pass_would_skip(scanners) -> None:
    # No capitalised word at all: the default's pre-pass still sends it to NER, because
    # "natasha" is a known given name written in lowercase.
    text = "ok so natasha higuchi said the dept would call back"
    for scanner in scanners.values():
        kinds = [f.type for f in scanner.scan_text(text, language="en")]
        assert kinds == ["PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # a crew member with contacts: NER reads no person in the name, so it is no two-edit
        # typo of a public figure (Santiago Carrillo) in either mode
        "Draft an intro email to Santiago Castillo (casting director) — mail: "
        "scastillo@orange.fr, mobile (818) 946-0099.",
        # NER ends the name on the colon; the reported name stops at the last word
        "Call sheet crew:\nSTUNT COORDINATOR — Leïla Haddad : +1 646 258 2497",
    ],
)
def test_crew_names_are_personal_data_in_both_modes(scanners, text: str) -> None:
    results = {
        mode: [(f.category, f.type, text[f.start : f.end]) for f in scanner.scan_text(text)]
        for mode, scanner in scanners.items()
    }
    assert results["default"] == results["full"]
    people = [value for category, kind, value in results["default"] if kind == "PERSON"]
    assert people and all(
        category == "personal_data" for category, kind, _ in results["default"] if kind == "PERSON"
    )
    assert not any(value.endswith(":") for value in people)


def test_mode_from_file_and_environment(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("PROMPTGUARD_MODE", raising=False)
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    assert load_config(start=tmp_path).mode == "default"
    (tmp_path / "promptguard.toml").write_text('mode = "full"\n', encoding="utf-8")
    assert load_config(start=tmp_path).mode == "full"
    (tmp_path / "promptguard.toml").write_text('mode = "fast"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'mode'"):
        load_config(start=tmp_path)
    (tmp_path / "promptguard.toml").write_text('mode = "default"\n', encoding="utf-8")
    monkeypatch.setenv("PROMPTGUARD_MODE", "full")
    assert load_config(start=tmp_path).mode == "full"
    assert Config().mode == "full"
    monkeypatch.setenv("PROMPTGUARD_MODE", "turbo")
    with pytest.raises(ConfigError, match="PROMPTGUARD_MODE"):
        load_config(start=tmp_path)
