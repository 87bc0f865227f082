"""Shared fixtures: the spaCy models are the slow part, so they load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from promptguard.analyzers.registry import build_analyzers
from promptguard.config.load import Config
from promptguard.nlp.models import NlpModels


@pytest.fixture(scope="session")
def nlp_models() -> NlpModels:
    """One lazily loaded set of spaCy models for every test file that asks for it, loaded
    with the components the built-in analyzers read, as the scanner loads them."""
    needed = frozenset().union(*(a.nlp_needs for a in build_analyzers(Config()) if a.needs_nlp))
    return NlpModels(features=needed)


@pytest.fixture
def key_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clearance signing key file in tmp_path, never the user's (the env var is cleared)."""
    path = tmp_path / "home-config" / "clearance.key"
    monkeypatch.setenv("PROMPTGUARD_KEY_FILE", str(path))
    monkeypatch.delenv("PROMPTGUARD_CLEARANCE_KEY", raising=False)
    return path
