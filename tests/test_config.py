"""Configuration: discovery, defaults and validation messages a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from promptguard.config.load import ConfigError, load_config


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    config = load_config(start=tmp_path)
    assert config.path is None
    assert config.default_purpose == "ideation"
    assert config.policy["other"]["personal_data"] == "block"
    assert config.policy["enterprise"]["personal_data"] == "clearance"
    assert config.tool("midjourney").enterprise is False


def test_found_by_walking_up_and_state_dir_beside_it(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    write(
        tmp_path / "promptguard.toml",
        """
default_purpose = "moodboard"
code_names = ["BLUE HARVEST"]
[tools.studio-gpt]
enterprise = true
name = "Studio GPT"
""",
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(start=nested)
    assert config.path == tmp_path / "promptguard.toml"
    assert config.state_dir == tmp_path / ".promptguard"
    assert config.corpus_path == tmp_path / ".promptguard" / "scripts.idx"
    assert config.default_purpose == "moodboard"
    assert config.code_names == ["BLUE HARVEST"]
    assert config.tool("studio-gpt").enterprise is True
    assert config.tool("studio-gpt").display_name == "Studio GPT"


def test_pyproject_table_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    write(tmp_path / "pyproject.toml", '[tool.promptguard]\ndefault_purpose = "temp"\n')
    assert load_config(start=tmp_path).default_purpose == "temp"


def test_pyproject_without_table_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(start=tmp_path).path is None


def test_env_variable_names_the_file(tmp_path, monkeypatch):
    path = write(tmp_path / "custom.toml", 'default_purpose = "final"\n')
    monkeypatch.setenv("PROMPTGUARD_CONFIG", str(path))
    assert load_config().default_purpose == "final"


def test_policy_override_per_category_and_tool(tmp_path):
    path = write(
        tmp_path / "promptguard.toml",
        """
[policy.enterprise]
public_figure = "block"
[tools.mj]
policy = { copyrighted_work = "block" }
""",
    )
    config = load_config(path)
    assert config.policy["enterprise"]["public_figure"] == "block"
    assert config.policy["enterprise"]["personal_data"] == "clearance"
    assert config.tool("mj").policy == {"copyrighted_work": "block"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('default_purpose = "launch"', "key 'default_purpose' must be one of ideation"),
        ('[tools.mj]\nenterprise = "yes"', "key 'tools.mj.enterprise' must be true or false"),
        (
            '[policy.other]\npersonal_data = "deny"',
            "key 'policy.other.personal_data' must be one of",
        ),
        ('[policy.other]\nfaces = "block"', "unknown key 'policy.other.faces'"),
        ("colour = 1", "unknown key 'colour'"),
        ("code_names = 'x'", "key 'code_names' must be a list of strings"),
        ("min_score = 3", "key 'min_score' must be a number from 0 to 1"),
        ("default_purpose = ", "invalid TOML"),
        ('languages = ["en", "de"]', "key 'languages' must be a non-empty list of"),
        ("languages = []", "key 'languages' must be a non-empty list of"),
        ('languages = ["en"]\ndefault_language = "fr"', "key 'default_language' must be one of en"),
    ],
)
def test_errors_name_file_key_and_what_is_allowed(tmp_path, text, expected):
    path = write(tmp_path / "promptguard.toml", text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(path) in str(error.value)
    assert expected in str(error.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_one_language_production_never_loads_the_other_model(tmp_path):
    """A production that works in English only: a French prompt is read as English, still
    checked (its phone number is found), and the French model never loads."""
    from promptguard.pipeline.scanner import Scanner

    config = load_config(write(tmp_path / "promptguard.toml", 'languages = ["en"]'))
    assert config.languages == ["en"] and config.default_language == "en"
    scanner = Scanner(config)
    french = "La scène du toit avec Camille Moreau à l'aube ; son portable : 06 12 34 56 78."
    findings = scanner.scan_text(french)
    assert "PHONE_NUMBER" in {f.type for f in findings}
    assert scanner.models.loaded_languages() == ["en"]  # the name went to the English model


def test_french_only_production_reads_french_by_default(tmp_path):
    config = load_config(write(tmp_path / "promptguard.toml", 'languages = ["fr"]'))
    assert config.default_language == "fr"
