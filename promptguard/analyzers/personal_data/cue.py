"""The cue recognizer: a regex whose reported span is its `value` group, checked by a validator.

Passport, NIR, date-of-birth and address recognizers are all `CueRecognizer`s: the pattern
may hold its cue ("passport no.") or trailing context without either becoming the finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex as re
from presidio_analyzer import (
    AnalysisExplanation,
    LocalRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

# --- generic machinery -------------------------------------------------------------------


def value_spans(pattern: re.Pattern, text: str) -> Iterator[tuple[int, int]]:
    """The non-empty spans of a pattern's `value` group (or whole match) in a text."""
    group = "value" if "value" in pattern.groupindex else 0
    for match in pattern.finditer(text):
        start, end = match.span(group)
        if 0 <= start < end:
            yield start, end


class CueRecognizer(LocalRecognizer):
    """A regex recognizer whose reported span is the `value` group (or the whole match).

    Lets a pattern include its cue ("passport no.") or its trailing context (", 75002 Paris")
    without the cue becoming part of the finding, and validates values with a checksum.
    """

    def __init__(
        self,
        entity: str,
        patterns: list[tuple[re.Pattern, float]],
        language: str,
        context: list[str] | None = None,
        validator: Callable[[str], bool] | None = None,
        name: str | None = None,
    ) -> None:
        self.patterns_ = patterns
        self.validator = validator
        super().__init__(
            supported_entities=[entity],
            supported_language=language,
            context=context or [],
            name=name or f"{entity.title().replace('_', '')}Recognizer",
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        if entities and entity not in entities:
            return []
        results: list[RecognizerResult] = []
        for pattern, score in self.patterns_:
            for start, end in value_spans(pattern, text):
                if self.validator and not self.validator(text[start:end]):
                    continue
                results.append(
                    RecognizerResult(
                        entity_type=entity,
                        start=start,
                        end=end,
                        score=score,
                        analysis_explanation=AnalysisExplanation(self.name, score),
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return results
