"""The public API is strictly typed: `mypy --strict` passes on the modules users import from.

promptguard ships `py.typed`, so callers' type checkers read these annotations. The rest of
the package is followed silently (its types are used, its own findings not reported here).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The public API: `promptguard/__init__.py`, and the types and errors it hands out.
PUBLIC_API = [
    "promptguard/__init__.py",
    "promptguard/_version.py",
    "promptguard/errors.py",
    "promptguard/findings.py",
    "promptguard/gate/decision.py",
]


def test_the_public_api_passes_mypy_strict() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is in the test extra")
    with tempfile.TemporaryDirectory() as cache:
        stdout, stderr, status = api.run(
            [
                "--strict",
                "--follow-imports=silent",
                "--ignore-missing-imports",
                "--cache-dir",
                cache,
                *(str(ROOT / path) for path in PUBLIC_API),
            ]
        )
    assert status == 0, stdout + stderr


def test_the_package_is_marked_typed() -> None:
    assert (ROOT / "promptguard" / "py.typed").is_file()
