"""`promptguard.scan` / `check` keep one warm checker per configuration, a bounded number."""

from __future__ import annotations

import gc

import pytest

import promptguard
from promptguard.config.load import Config
from promptguard.pipeline import checking


class FakeChecker:
    def __init__(self, config: Config) -> None:
        self.config = config


@pytest.fixture
def fake_checkers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "Checker", FakeChecker)
    monkeypatch.setattr(promptguard, "_checkers", type(promptguard._checkers)())


@pytest.mark.usefixtures("fake_checkers")
def test_the_same_config_gets_the_same_warm_checker() -> None:
    config = Config()
    assert promptguard._checker(config) is promptguard._checker(config)
    assert promptguard._checker(Config()) is not promptguard._checker(config)


@pytest.mark.usefixtures("fake_checkers")
def test_checkers_are_bounded_and_the_least_recently_used_goes_first() -> None:
    first = Config()
    kept = promptguard._checker(first)
    for _ in range(promptguard._MAX_CHECKERS * 3):
        promptguard._checker(first)  # used again and again: stays
        promptguard._checker(Config())  # a new configuration per call (a leak before)
        gc.collect()
    assert len(promptguard._checkers) == promptguard._MAX_CHECKERS
    assert promptguard._checker(first) is kept
