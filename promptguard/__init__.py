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

from typing import TYPE_CHECKING

from promptguard._version import __version__

if TYPE_CHECKING:
    from promptguard.config.load import Config
    from promptguard.findings import CATEGORIES, Finding
    from promptguard.gate import Decision
    from promptguard.pipeline.checking import Checker

__all__ = ["CATEGORIES", "Decision", "Finding", "check", "scan", "__version__"]

#: One warm checker per configuration object (the config is kept alive with it).
_checkers: dict[int, tuple[Config | None, Checker]] = {}


def _checker(config: Config | None) -> Checker:
    from promptguard.config.load import load_config
    from promptguard.pipeline.checking import Checker

    key = id(config)
    if key not in _checkers:
        _checkers[key] = (config, Checker(config or load_config()))
    return _checkers[key][1]


def scan(text: str, *, language: str | None = None, config: Config | None = None) -> list[Finding]:
    """Everything promptguard finds in `text` (offsets into `text`).

    Raises `promptguard.pipeline.scanner.AnalyzerError` if the text could not be fully scanned."""
    from promptguard.pipeline.scanner import AnalyzerError

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


def __getattr__(name: str):  # noqa: ANN202
    """Lazy exports: `import promptguard.service.client` (every `check`) must not pay for them."""
    if name == "Decision":
        from promptguard.gate import Decision

        return Decision
    if name in ("Finding", "CATEGORIES"):
        from promptguard import findings

        return getattr(findings, name)
    raise AttributeError(name)
