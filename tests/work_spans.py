"""The copyrighted-work spans the work analyzer reports for a text: shared by the tests of
characters in context and of the curated casts."""

from __future__ import annotations

from promptguard.analyzers.names.copyrighted_works import CopyrightedWorkAnalyzer
from promptguard.nlp.models import ScanText


def work_spans(analyzer: CopyrightedWorkAnalyzer, models, text: str) -> set[tuple[str, str]]:
    """(span in lowercase, type) of each copyrighted-work finding."""
    return {
        (text[f.start : f.end].lower(), f.type)
        for f in analyzer.analyze(ScanText(text, models))
        if f.category == "copyrighted_work"
    }
