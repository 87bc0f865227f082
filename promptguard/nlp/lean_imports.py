"""Import spaCy and Presidio without the start-up work promptguard never uses.

Every process that scans imports both, and both do work at import time for features
promptguard never calls (about 0.25 s and 15 MB a process on a 2-core machine):

* spaCy's `__init__` imports its whole command line (`spacy.cli`: typer, requests, weasel,
  rich, jinja2, httpx… about 360 modules) only to re-export `spacy.info`. Before spaCy is
  imported, `prepare_spacy_import` registers stand-ins for `spacy.cli` and `spacy.cli.info`
  that import the real command line on first use (`spacy.cli.download`, `spacy.info()`,
  `import spacy.cli.train`): the approach proposed upstream in explosion/spaCy#12962 and
  #13721, applied from outside.
* Presidio's `Pattern` compiles each predefined recognizer's regex when the class is
  defined, to validate it, and throws the result away; a recognizer compiles its patterns
  again, with its flags, when it is used. For recognizers promptguard never registers (URLs
  with every top-level domain, South-African phones) that is ~0.15 s. `import_presidio`
  skips that validation for calls from Presidio's `pattern.py` during its import only.
  Patterns built afterwards (ours) are validated as before, and tests/test_lean_imports.py
  compiles every predefined pattern, so a broken pattern in a Presidio upgrade fails CI.

Both fall back to the plain import when a library is already imported or not laid out as
expected: the worst case is the old start-up time, never a different scan.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

_lock = threading.RLock()
_CLI = "spacy.cli"
_CLI_INFO = "spacy.cli.info"


class _StandIn(ModuleType):
    """A module whose attributes come from the real one, imported on first access."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (`__path__`, `__spec__`)
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


class _CliInfoStandIn(_StandIn):
    """`spacy.cli.info`: spaCy's `__init__` reads `info` from it while it initialises."""

    def __getattr__(self, name: str) -> Any:
        if name == "info":
            # The moment spaCy imports `from .cli.info import info`: give it `spacy.cli`
            # too, as the real import would have.
            spacy, cli = sys.modules.get("spacy"), sys.modules.get(_CLI)
            if spacy is not None and cli is not None and "cli" not in vars(spacy):
                spacy.cli = cli
            return _info
        return super().__getattr__(name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported when called."""
    return _real(_CLI_INFO).info(*args, **kwargs)


def _real(name: str) -> ModuleType:
    """Drop the stand-ins and import the real module (the real `spacy.cli` first)."""
    with _lock:
        for stand_in in (_CLI_INFO, _CLI):
            if isinstance(sys.modules.get(stand_in), _StandIn):
                del sys.modules[stand_in]
        importlib.import_module(_CLI)
        return importlib.import_module(name)


def prepare_spacy_import() -> None:
    """Register the `spacy.cli` stand-ins if spaCy is not imported yet; cheap and idempotent
    (it does not import spaCy)."""
    if "spacy" in sys.modules or _CLI in sys.modules:
        return
    with _lock:
        if "spacy" in sys.modules or _CLI in sys.modules:
            return
        try:
            spec = importlib.util.find_spec("spacy")
        except (ImportError, ValueError):
            return
        locations = list(spec.submodule_search_locations or []) if spec else []
        cli_folder = Path(locations[0]) / "cli" if locations else None
        if cli_folder is None or not (cli_folder / "info.py").is_file():
            return  # not the spaCy we know: import it as it is
        cli = _StandIn(_CLI, "spaCy's command line, imported on first use")
        cli.__path__ = [str(cli_folder)]  # `import spacy.cli.download` still works
        sys.modules[_CLI] = cli
        sys.modules[_CLI_INFO] = _CliInfoStandIn(_CLI_INFO)


def import_spacy() -> ModuleType:
    """`import spacy`, without its command line."""
    prepare_spacy_import()
    import spacy

    return spacy


def import_presidio() -> ModuleType:
    """`import presidio_analyzer`: offline (see `promptguard.nlp.offline`), on a lean spaCy,
    without validating Presidio's own predefined patterns at import."""
    from promptguard.nlp.offline import ensure_offline

    ensure_offline()
    module = sys.modules.get("presidio_analyzer")
    if module is not None:
        return module
    prepare_spacy_import()
    with _lock, _presidio_patterns_unvalidated():
        import presidio_analyzer

    return presidio_analyzer


@contextmanager
def _presidio_patterns_unvalidated() -> Iterator[None]:
    """While Presidio imports, its `Pattern.__validate_regex` gets None from `regex.compile`
    instead of a compiled pattern it would discard; every other caller is untouched."""
    try:
        import regex
    except ImportError:
        yield
        return
    original: Callable[..., Any] = regex.compile

    def compile_unless_validating(pattern: Any, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_code
        if caller.co_name == "__validate_regex" and caller.co_filename.endswith(
            ("presidio_analyzer/pattern.py", "presidio_analyzer\\pattern.py")
        ):
            return None
        return original(pattern, flags, *args, **kwargs)

    regex.compile = compile_unless_validating
    try:
        yield
    finally:
        regex.compile = original
