"""Where a production's configuration file and state folder are, read without validation.

`config` parses and validates the whole file into a `Config`. `promptguard check` answered
by a running service needs only the state folder (to find that service), and must start in
milliseconds, so finding and reading the file live here, free of dataclasses and models.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from promptguard.errors import ConfigError

CONFIG_FILENAME = "promptguard.toml"
STATE_DIRNAME = ".promptguard"
ENV_CONFIG = "PROMPTGUARD_CONFIG"


def find_config_file(start: Path | None = None) -> Path | None:
    """`$PROMPTGUARD_CONFIG`, else the nearest promptguard.toml or pyproject.toml with a
    `[tool.promptguard]` table, walking up from `start`."""
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILENAME
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_promptguard_table(pyproject):
            return pyproject
    return None


def _has_promptguard_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "promptguard" in data["tool"]


def read_config_table(config_path: Path) -> dict[str, Any]:
    """The promptguard table of a configuration file (its `[tool.promptguard]` table for a
    pyproject.toml), not yet validated."""
    try:
        raw_text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{config_path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_path}: cannot read configuration: {error}") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{config_path}: invalid TOML: {error}") from None
    if config_path.name == "pyproject.toml":
        data = data.get("tool", {}).get("promptguard", {})
    return data


def config_root(config_path: Path | None, start: Path | None = None) -> Path:
    """The production's root: the configuration file's folder (the current one without)."""
    if config_path is None:
        return (start or Path.cwd()).resolve()
    return config_path.resolve().parent


def state_dir_at(root: Path, setting: str | None) -> Path:
    """The state folder: `state_dir` from the file (relative to the root), or the default."""
    if setting is None:
        return root / STATE_DIRNAME
    state = Path(setting)
    return state if state.is_absolute() else root / state


def locate_state_dir(path: Path | str | None = None, start: Path | None = None) -> Path:
    """The state folder of the production configured at `path` (or found from `start`),
    reading only what it needs. Raises `ConfigError` when the file cannot be read."""
    config_path = Path(path) if path else find_config_file(start)
    root = config_root(config_path, start)
    if config_path is None:
        return state_dir_at(root, None)
    setting = read_config_table(config_path).get("state_dir")
    if setting is not None and not isinstance(setting, str):
        raise ConfigError(f"{config_path}: key 'state_dir' must be a string")
    return state_dir_at(root, setting)
