"""Where shipped data lives, whether promptguard runs installed or from a checkout.

The top-level `wordlists/` folder is installed as the package `promptguard.wordlists`.
From a source checkout that is not installed (or shadows the installed copy on
`sys.path`), that package is not importable, so we fall back to the folder itself.
"""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path


def wordlists_dir() -> Traversable:
    """The folder holding the shipped wordlists."""
    try:
        return importlib.resources.files("promptguard.wordlists")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "wordlists"


def wordlist(name: str) -> Traversable:
    """A shipped wordlist file by relative name, e.g. `people.tsv` or `intents/x.tsv`."""
    path = wordlists_dir()
    for part in name.split("/"):
        path = path / part
    return path
