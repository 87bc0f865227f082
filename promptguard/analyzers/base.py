"""The one small interface every analyzer implements.

An analyzer looks at one `ScanText` and returns `Finding`s with offsets into it. It knows
nothing about files, logs or the gate. Analyzers that need spaCy say so (`needs_nlp`), so the
scanner can batch NLP work and skip it entirely when no analyzer that needs it could fire.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from promptguard.findings import Finding
from promptguard.nlp.models import FEATURES, ScanText


class Analyzer(ABC):
    """Finds one family of risks in a text."""

    #: Stable id, used in config (`analyzers.disable`) and in `Finding.analyzer`.
    name: ClassVar[str]
    #: The categories this analyzer may report.
    categories: ClassVar[tuple[str, ...]]
    #: True when `analyze` reads `text.doc` (the spaCy parse).
    needs_nlp: ClassVar[bool] = False
    #: The parts of the parse `analyze` reads (see `promptguard.nlp.models.FEATURES`); the scanner
    #: runs only those spaCy components. Default: everything, always correct, only slower.
    nlp_needs: ClassVar[frozenset[str]] = FEATURES

    def wants_nlp(self, text: ScanText) -> bool:
        """Whether this text needs the spaCy parse for this analyzer.

        A cheap pre-pass: analyzers override it to skip the model on texts that cannot
        hold what they look for (the default is `needs_nlp`)."""
        return self.needs_nlp

    def needs_parse(self, text: ScanText) -> bool:
        """`wants_nlp`, computed once per text: the scanner asks before it parses, and
        `analyze` asks again to know whether the parse is there for it."""
        answer = text.prepass.get(self)
        if answer is None:
            answer = text.prepass[self] = self.wants_nlp(text)
        return answer

    def warm(self, language: str) -> None:
        """Build now what the first text of `language` would build later (a long-running
        service calls this once, so no request pays for it). Default: nothing to build."""
        return None

    @abstractmethod
    def analyze(self, text: ScanText) -> list[Finding]:
        """Return the findings in `text`, offsets relative to `text.content`."""
