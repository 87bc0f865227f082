"""Configuration: where a production's promptguard.toml is (files), what it may say (load).

`files` finds and reads the file without validating it (all the fast service client needs);
`load` validates it into a `Config`; `defaults` holds the built-in values. Nothing here
imports the NLP layer. `Config`, `load_config` and the constants of `load` stay importable
from `promptguard.config` (loaded on first use, so `promptguard.config.files` stays light).
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    # import_module, not `from promptguard.config import load`: that form asks this
    # very __getattr__ for `load` before the submodule is imported, and recurses.
    load = importlib.import_module("promptguard.config.load")
    try:
        return getattr(load, name)
    except AttributeError:
        raise AttributeError(f"module 'promptguard.config' has no attribute {name!r}") from None
