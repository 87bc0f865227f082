"""Shared fixtures: the spaCy models are the slow part, so they load once per test session."""

from __future__ import annotations

import pytest

from promptguard.nlp import NlpModels


@pytest.fixture(scope="session")
def nlp_models() -> NlpModels:
    """One lazily loaded set of spaCy models for every test file that asks for it."""
    return NlpModels()
