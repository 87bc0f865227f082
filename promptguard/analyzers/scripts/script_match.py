"""Text that matches one of the production's registered (unreleased) scripts.

The first Netflix data rule: unreleased scripts do not go into tools that are not
enterprise-secured. The script index (promptguard/script_index.py) recognises pasted scenes
even re-wrapped, re-cased, with cues folded into sentences and a few typos. No index means
nothing registered, which is not an error: the analyzer simply finds nothing.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from promptguard.analyzers.base import Analyzer
from promptguard.analyzers.scripts.script_index import ScriptIndex
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText

_CACHE: dict[Path, tuple[tuple[int, int], ScriptIndex]] = {}
_CACHE_LOCK = threading.Lock()


def load_index_cached(path: Path) -> ScriptIndex | None:
    """The index at `path`, loaded once per file version (mtime and size); None if absent.

    A corrupt index raises `ScriptIndexError`: silently scanning without it would let
    the script through unnoticed."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    version = (stat.st_mtime_ns, stat.st_size)
    with _CACHE_LOCK:
        cached = _CACHE.get(path)
        if cached is not None and cached[0] == version:
            return cached[1]
        index = ScriptIndex.load(path)
        _CACHE[path] = (version, index)
        return index


class ScriptMatchAnalyzer(Analyzer):
    """Finds passages of registered scripts, whatever their layout."""

    name: ClassVar[str] = "script_match"
    categories: ClassVar[tuple[str, ...]] = ("unreleased_script",)
    needs_nlp: ClassVar[bool] = False

    def __init__(self, config: Config) -> None:
        self.path = Path(config.corpus_path)

    def wants_nlp(self, text: ScanText) -> bool:
        return False

    def analyze(self, text: ScanText) -> list[Finding]:
        index = load_index_cached(self.path)
        if index is None:
            return []
        findings = []
        for match in _joined(index.query(text.content)):
            score = min(0.99, 0.75 + 0.03 * match.fingerprints)
            findings.append(
                Finding(
                    category="unreleased_script",
                    type="SCRIPT_MATCH",
                    start=match.start,
                    end=match.end,
                    score=score,
                    subject=match.subject,
                    message=(
                        f"This passage matches the registered script {match.script.title!r}: "
                        "unreleased scripts stay in enterprise-secured tools."
                    ),
                    analyzer=self.name,
                    extra={
                        "script_id": match.script.id,
                        "scene": match.scene,
                        "fingerprints": match.fingerprints,
                    },
                )
            )
        return findings


#: Two matches of one scene closer than this are one passage (the winnowed fingerprints of
#: a pasted scene can leave a gap in the middle, more or less often with the index's salt).
_PASSAGE_GAP = 80


def _joined(matches: list) -> list:
    """The matches with those of the same scene that touch or nearly touch made one."""
    joined: list = []
    for match in sorted(matches, key=lambda m: m.start):
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.subject == match.subject
            and match.start <= last.end + _PASSAGE_GAP
        ):
            joined[-1] = replace(
                last,
                end=max(last.end, match.end),
                fingerprints=last.fingerprints + match.fingerprints,
                script_end=max(last.script_end, match.script_end),
            )
        else:
            joined.append(match)
    return joined
