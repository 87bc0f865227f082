"""spaCy and Presidio imported lean: same scans, less start-up, nothing of theirs broken."""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap

import pytest
import regex

from promptguard.nlp.lean_imports import import_presidio

PROMPT = "Send the gaffer's notes to Tom Okafor on +1 415 555 0143 or crew.desk@example.org."


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_scan_does_not_import_spacys_command_line() -> None:
    out = run_python(
        f"""
        import sys
        import promptguard
        found = sorted(f.type for f in promptguard.scan({PROMPT!r}))
        print(found)
        print(sorted(m for m in ("typer", "weasel", "jinja2", "rich") if m in sys.modules))
        """
    )
    assert out.splitlines() == ["['EMAIL_ADDRESS', 'PERSON', 'PHONE_NUMBER']", "[]"]


def test_spacys_command_line_still_works_after_a_lean_import() -> None:
    """A program that uses promptguard and spaCy's own CLI helpers gets the real ones."""
    out = run_python(
        """
        import importlib, promptguard, spacy
        promptguard.scan("a quiet harbour at dawn")
        download_module = importlib.import_module("spacy.cli.download")  # via the stand-in
        print(callable(download_module.download), callable(spacy.cli.download))
        print("spaCy version" in spacy.info(silent=True, markdown=True))
        from spacy.cli import setup_cli
        print(callable(setup_cli))
        """
    )
    assert out.split() == ["True", "True", "True", "True"]


def test_the_same_findings_as_a_plain_import(tmp_path) -> None:  # noqa: ANN001
    """The plain import (spaCy CLI first, Presidio validating) finds exactly the same."""
    code = f"""
        import sys
        {{prelude}}
        import promptguard
        print(sorted((f.type, f.start, f.end) for f in promptguard.scan({PROMPT!r})))
        """
    lean = run_python(code.format(prelude="pass"))
    plain = run_python(code.format(prelude="import spacy.cli, presidio_analyzer"))
    assert lean == plain and "PHONE_NUMBER" in lean


def all_predefined_patterns() -> list:
    predefined = import_presidio().predefined_recognizers
    patterns = []
    for _name, cls in inspect.getmembers(predefined, inspect.isclass):
        patterns.extend(getattr(cls, "PATTERNS", None) or [])
    return patterns


def test_every_predefined_presidio_pattern_compiles() -> None:
    """Import-time validation is skipped for Presidio's own patterns; this is it instead,
    so a broken pattern in a Presidio upgrade fails here rather than in a scan."""
    patterns = all_predefined_patterns()
    assert len(patterns) > 50
    for pattern in patterns:
        regex.compile(pattern.regex)


def test_patterns_built_after_the_import_are_still_validated() -> None:
    presidio = import_presidio()
    with pytest.raises(ValueError, match="Invalid regex"):
        presidio.Pattern("broken", "(unclosed", 0.5)
