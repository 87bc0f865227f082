"""One base for the Presidio recognizers promptguard adds: one entity, nothing to load.

Each of them finds `(start, end, score, how)` spans its own way. Presidio wants
`RecognizerResult`s that name their recognizer, here with how the span was found
("PersonRecognizer:cue"), so that context words, de-duplication and a finding's
`extra["recognizer"]` work; `SpanRecognizer` builds them once for all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.personal_data.cue_window import result

#: (start, end, score, how the span was found)
Span = tuple[int, int, float, str]


class SpanRecognizer(LocalRecognizer):
    """A recognizer of `ENTITY`, named after its class, that reports `spans(text, ...)`."""

    ENTITY: ClassVar[str] = "PERSON"

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=language,
            context=[],
            name=type(self).__name__,
        )

    def load(self) -> None:
        """Nothing to load: lists and patterns are read on first use."""

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[Span]:
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        return [self.result(*span) for span in self.spans(text, nlp_artifacts)]

    def result(self, start: int, end: int, score: float, how: str) -> RecognizerResult:
        return result(self.ENTITY, start, end, score, f"{self.name}:{how}", self.id)


__all__ = ["Span", "SpanRecognizer"]
