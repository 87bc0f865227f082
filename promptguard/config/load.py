"""Per-production configuration: found, parsed and validated in one place.

A production keeps `promptguard.toml` (or `[tool.promptguard]` in `pyproject.toml`) at the
root of its repository. It is found by walking up from the current directory, or given with
`--config` / `PROMPTGUARD_CONFIG`. The folder it sits in holds `.promptguard/`, the state
folder for the script index, clearances and the audit trail. Every validation error names the
file, the key and what is allowed, because the person fixing it is rarely the one who wrote it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from promptguard.config.defaults import (
    BUILTIN_TOOLS,
    DEFAULT_MODELS,
    DEFAULT_PHONE_REGIONS,
    ENV_MODE,
    MODES,
    UNNAMED_TOOL,
)
from promptguard.config.files import (
    ConfigError,
    config_root,
    find_config_file,
    read_config_table,
    state_dir_at,
)
from promptguard.errors import InputError
from promptguard.findings import CATEGORIES

#: The languages promptguard has models, lists and rules for.
LANGUAGES: tuple[str, ...] = tuple(DEFAULT_MODELS)

PURPOSES: tuple[str, ...] = ("ideation", "moodboard", "temp", "final")
ACTIONS: tuple[str, ...] = ("allow", "notify", "clearance", "block")
#: Policy keys beyond the categories: what to do when nothing was found.
NOTHING_FOUND = "nothing_found"
NOTHING_FOUND_FINAL = "nothing_found_final"

#: The default policy, from Netflix's "Using Generative AI in Content Production" (2025).
DEFAULT_POLICY: dict[str, dict[str, str]] = {
    "enterprise": {
        "personal_data": "clearance",
        "unreleased_script": "clearance",
        "confidential": "notify",
        "public_figure": "clearance",
        "deceased_figure": "clearance",
        "copyrighted_work": "clearance",
        "talent_likeness": "clearance",
        "misleading_content": "clearance",
        "unowned_training": "clearance",
        NOTHING_FOUND: "allow",
        NOTHING_FOUND_FINAL: "clearance",
    },
    "other": {
        "personal_data": "block",
        "unreleased_script": "block",
        "confidential": "block",
        "public_figure": "clearance",
        "deceased_figure": "clearance",
        "copyrighted_work": "clearance",
        "talent_likeness": "clearance",
        "misleading_content": "clearance",
        "unowned_training": "clearance",
        NOTHING_FOUND: "allow",
        NOTHING_FOUND_FINAL: "clearance",
    },
}
POLICY_KEYS: tuple[str, ...] = (*CATEGORIES, NOTHING_FOUND, NOTHING_FOUND_FINAL)


@dataclass(frozen=True)
class Tool:
    """A generative-AI tool the production declared."""

    id: str
    enterprise: bool = False
    name: str = ""
    notes: str = ""
    #: Per-tool policy overrides (category -> action), stricter or looser than the default.
    policy: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return self.name or self.id


@dataclass
class Config:
    """Everything a production can set; defaults give the Netflix-guidance policy."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    default_purpose: str = "ideation"
    tools: dict[str, Tool] = field(default_factory=dict)
    policy: dict[str, dict[str, str]] = field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_POLICY.items()}
    )
    code_names: list[str] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    default_language: str = "en"
    #: Languages whose models may load. A text detected as another one is read as
    #: `default_language`: a production that works in English alone never loads French
    #: (about 55 MB and 0.4 s less per process).
    languages: list[str] = field(default_factory=lambda: list(LANGUAGES))
    disabled_analyzers: list[str] = field(default_factory=list)
    min_score: float = 0.5
    exclude: list[str] = field(default_factory=list)
    ai_contact: str = ""
    state_dir_override: Path | None = None
    #: The script fingerprint index (`--corpus`); default `.promptguard/scripts.idx`.
    corpus_override: Path | None = None
    # --- approvals (issue 23): who the production is, who may approve on the web page ---
    #: The production's name, shown to approvers and in the HTML audit report.
    production: str = ""
    #: The folder of the production's scripts (`promptguard corpus add` reads it).
    scripts: str = ""
    #: Approvers: login -> {"password_hash": argon2 hash, "name": display name}.
    approvers: dict[str, dict[str, str]] = field(default_factory=dict)
    #: "default" (pre-passes skip work they prove useless) or "full" (NER and every
    #: recognizer on every text: the control). `$PROMPTGUARD_MODE` wins over the file.
    mode: str = field(default_factory=lambda: mode_from_env() or "default")
    #: ISO regions whose national phone formats are recognised.
    phone_regions: tuple[str, ...] = DEFAULT_PHONE_REGIONS

    @property
    def state_dir(self) -> Path:
        """`.promptguard/` beside the config file (or the current folder without one)."""
        return self.state_dir_override or state_dir_at(self.root, None)

    @property
    def corpus_path(self) -> Path:
        return self.corpus_override or (self.state_dir / "scripts.idx")

    def tool(self, tool_id: str | None) -> Tool:
        """The declared tool, or an undeclared one, which is never enterprise."""
        if tool_id and tool_id in self.tools:
            return self.tools[tool_id]
        return Tool(id=tool_id or UNNAMED_TOOL, enterprise=False)

    @property
    def known_tools(self) -> dict[str, Tool]:
        """Every destination a check may name: the built-in list (never enterprise), then
        the tools declared in the configuration, which override a built-in of the same id."""
        known = {tool_id: Tool(id=tool_id, notes=name) for tool_id, name in BUILTIN_TOOLS.items()}
        known.update(self.tools)
        return dict(sorted(known.items()))

    def resolve_tool(self, tool_id: str | None) -> Tool:
        """The destination `tool_id` names (case-insensitively); no tool at all is the
        unnamed tool, never enterprise. Raises `InputError` (a ValueError) for an id that is
        neither built in nor declared, listing the ones that are."""
        if tool_id is None:
            return Tool(id=UNNAMED_TOOL)
        known = self.known_tools
        if tool_id in known:
            return known[tool_id]
        folded = {key.casefold(): tool for key, tool in known.items()}
        if isinstance(tool_id, str) and tool_id.strip().casefold() in folded:
            return folded[tool_id.strip().casefold()]
        where = self.path or "promptguard.toml"
        raise InputError(
            f"unknown tool {tool_id!r} (known: {', '.join(known)}); declare it under "
            f"[tools.{_tool_key(tool_id)}] in {where}"
        )


def _tool_key(tool_id: object) -> str:
    """How a tool id is written as a TOML key (quoted unless it is a bare key)."""
    text = str(tool_id)
    return text if text and all(c.isalnum() or c in "-_" for c in text) else json_quote(text)


def json_quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def load_config(path: Path | str | None = None, start: Path | None = None) -> Config:
    """Load and validate the configuration; defaults when there is no file."""
    config_path = Path(path) if path else find_config_file(start)
    if config_path is None:
        return Config(root=config_root(None, start))
    return parse_config(read_config_table(config_path), config_path)


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Build a `Config` from a parsed TOML table, validating every key."""
    where = str(path) if path else "configuration"
    check = _Validator(where)
    known = {
        "default_purpose", "tools", "policy", "code_names", "models", "default_language",
        "languages", "analyzers", "min_score", "exclude", "ai_contact", "state_dir",
        "production", "scripts", "approvers", "mode", "phone_regions",
    }  # fmt: skip
    check.known_keys(data, known, "")
    root = config_root(path)
    config = Config(path=path, root=root)

    if "default_purpose" in data:
        config.default_purpose = check.choice(data["default_purpose"], PURPOSES, "default_purpose")
    if "languages" in data:
        languages = check.str_list(data["languages"], "languages")
        if not languages or any(language not in LANGUAGES for language in languages):
            raise check.error("languages", 'a non-empty list of "en" and "fr"')
        config.languages = list(dict.fromkeys(languages))
        config.default_language = config.languages[0]
    if "default_language" in data:
        config.default_language = check.choice(
            data["default_language"], tuple(config.languages), "default_language"
        )
    if "code_names" in data:
        config.code_names = check.str_list(data["code_names"], "code_names")
    if "exclude" in data:
        config.exclude = check.str_list(data["exclude"], "exclude")
    if "ai_contact" in data:
        config.ai_contact = check.string(data["ai_contact"], "ai_contact")
    if "min_score" in data:
        value = data["min_score"]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            raise check.error("min_score", "a number from 0 to 1")
        config.min_score = float(value)
    if "state_dir" in data:
        config.state_dir_override = state_dir_at(root, check.string(data["state_dir"], "state_dir"))
    if "models" in data:
        models = check.table(data["models"], "models")
        check.known_keys(models, set(LANGUAGES), "models")
        for language, name in models.items():
            config.models[language] = check.string(name, f"models.{language}")
    if "analyzers" in data:
        analyzers = check.table(data["analyzers"], "analyzers")
        check.known_keys(analyzers, {"disable"}, "analyzers")
        config.disabled_analyzers = check.str_list(
            analyzers.get("disable", []), "analyzers.disable"
        )
    if "mode" in data:
        config.mode = check.choice(data["mode"], MODES, "mode")
    config.mode = mode_from_env(where) or config.mode
    if "phone_regions" in data:
        config.phone_regions = _phone_regions(data["phone_regions"], check)
    if "tools" in data:
        for tool_id, table in check.table(data["tools"], "tools").items():
            config.tools[tool_id] = _parse_tool(tool_id, table, check)
    for key in ("production", "scripts"):
        if key in data:
            setattr(config, key, check.string(data[key], key))
    if "approvers" in data:
        for login, table in check.table(data["approvers"], "approvers").items():
            config.approvers[login] = _parse_approver(login, table, check)
    if "policy" in data:
        policy = check.table(data["policy"], "policy")
        check.known_keys(policy, {"enterprise", "other"}, "policy")
        for kind, table in policy.items():
            config.policy[kind].update(check.policy(table, f"policy.{kind}"))
    return config


def mode_from_env(where: str = "environment") -> str | None:
    """`$PROMPTGUARD_MODE` if set (validated), else None."""
    value = os.environ.get(ENV_MODE, "").strip()
    if not value:
        return None
    if value not in MODES:
        raise ConfigError(f"{where}: ${ENV_MODE} must be one of {', '.join(MODES)}")
    return value


def _phone_regions(value: Any, check: _Validator) -> tuple[str, ...]:
    import phonenumbers

    regions = [r.upper() for r in check.str_list(value, "phone_regions")]
    supported = phonenumbers.SUPPORTED_REGIONS
    if not regions or any(r not in supported for r in regions):
        raise check.error("phone_regions", 'a non-empty list of region codes ("US", "FR")')
    return tuple(dict.fromkeys(regions))


def _parse_tool(tool_id: str, table: Any, check: _Validator) -> Tool:
    key = f"tools.{tool_id}"
    table = check.table(table, key)
    check.known_keys(table, {"enterprise", "name", "notes", "policy"}, key)
    enterprise = table.get("enterprise", False)
    if not isinstance(enterprise, bool):
        raise check.error(f"{key}.enterprise", "true or false")
    return Tool(
        id=tool_id,
        enterprise=enterprise,
        name=check.string(table.get("name", ""), f"{key}.name"),
        notes=check.string(table.get("notes", ""), f"{key}.notes"),
        policy=check.policy(table.get("policy", {}), f"{key}.policy"),
    )


def _parse_approver(login: str, table: Any, check: _Validator) -> dict[str, str]:
    key = f"approvers.{login}"
    table = check.table(table, key)
    check.known_keys(table, {"password_hash", "name"}, key)
    password_hash = check.string(table.get("password_hash", ""), f"{key}.password_hash")
    if not password_hash.startswith("$argon2"):
        raise check.error(
            f"{key}.password_hash", f"an argon2 hash made by `promptguard approvers add {login}`"
        )
    return {"password_hash": password_hash, "name": check.string(table.get("name", ""), key)}


class _Validator:
    """Type checks that raise `ConfigError` naming the file and key."""

    def __init__(self, where: str) -> None:
        self.where = where

    def error(self, key: str, allowed: str) -> ConfigError:
        return ConfigError(f"{self.where}: key '{key}' must be {allowed}")

    def known_keys(self, table: dict, known: set[str], prefix: str) -> None:
        for key in table:
            if key not in known:
                name = f"{prefix}.{key}" if prefix else key
                raise ConfigError(
                    f"{self.where}: unknown key '{name}' (allowed: {', '.join(sorted(known))})"
                )

    def table(self, value: Any, key: str) -> dict:
        if not isinstance(value, dict):
            raise self.error(key, "a table")
        return value

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.error(key, "a string")
        return value

    def str_list(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "a list of strings")
        return list(value)

    def choice(self, value: Any, allowed: tuple[str, ...], key: str) -> str:
        if value not in allowed:
            raise self.error(key, "one of " + ", ".join(allowed))
        return value

    def policy(self, value: Any, key: str) -> dict[str, str]:
        table = self.table(value, key)
        self.known_keys(table, set(POLICY_KEYS), key)
        return {k: self.choice(v, ACTIONS, f"{key}.{k}") for k, v in table.items()}
