"""promptguard: stop confidential production material from leaking into generative-AI tools.

Public API (models load on first use and stay warm in the process):

    scan(text) -> list[Finding]                        what is in a text
    check(text, tool="midjourney", purpose="moodboard") -> Decision
                                                       may it be sent to that tool

`check` never raises on findings: read `decision.decision` ("allow", "notify",
"clearance", "block") and `decision.next_step`. It raises ValueError only for an invalid
tool or purpose.
"""

from __future__ import annotations

from _thread import allocate_lock  # not threading: the light client imports this module
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from promptguard._version import __version__

if TYPE_CHECKING:
    from promptguard.config.load import Config
    from promptguard.findings import CATEGORIES, Finding
    from promptguard.gate import Decision
    from promptguard.pipeline.checking import Checker

__all__ = ["CATEGORIES", "Decision", "Finding", "check", "scan", "__version__"]

#: Warm checkers, most recently used last, keyed by the identity of the configuration
#: object (None: the configuration found from the current folder). Each entry keeps its
#: configuration alive, so an id is never reused while it is a key; beyond
#: `_MAX_CHECKERS` configurations the least recently used checker is dropped (its models
#: are freed once nothing else holds them).
_MAX_CHECKERS = 8
_checkers: OrderedDict[int | None, tuple[Config | None, Checker]] = OrderedDict()
_checkers_lock = allocate_lock()


def _checker(config: Config | None) -> Checker:
    from promptguard.config.load import load_config
    from promptguard.pipeline.checking import Checker

    key = None if config is None else id(config)
    with _checkers_lock:
        entry = _checkers.get(key)
        if entry is not None and entry[0] is config:
            _checkers.move_to_end(key)
            return entry[1]
        checker = Checker(config or load_config())
        _checkers[key] = (config, checker)
        while len(_checkers) > _MAX_CHECKERS:
            _checkers.popitem(last=False)
        return checker


def scan(text: str, *, language: str | None = None, config: Config | None = None) -> list[Finding]:
    """Everything promptguard finds in `text` (offsets into `text`).

    Raises `promptguard.errors.AnalyzerError` if the text could not be fully scanned."""
    from promptguard.errors import AnalyzerError

    findings, failures = _checker(config).findings(text, language)
    if failures:
        raise AnalyzerError("; ".join(failures))
    return findings


def check(
    text: str,
    *,
    tool: str | None = None,
    purpose: str | None = None,
    config: Config | None = None,
    user: str | None = None,
    record: bool = True,
    language: str | None = None,
) -> Decision:
    """The gate's decision for sending `text` to `tool` for `purpose`, recorded in the
    audit trail unless `record=False`."""
    return _checker(config).check(text, tool, purpose, user=user, record=record, language=language)


def __getattr__(name: str) -> Any:
    """Lazy exports: `import promptguard.service.client` (every `check`) must not pay for them."""
    if name == "Decision":
        from promptguard.gate import Decision

        return Decision
    if name in ("Finding", "CATEGORIES"):
        from promptguard import findings

        return getattr(findings, name)
    raise AttributeError(name)
