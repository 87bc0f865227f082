"""US bank account numbers: Presidio's pattern (8 to 17 digits), reported only after an
account cue ("bank account", "account number", "acct", "checking", "savings"). A routing
number identifies the bank, not the person, and is left alone."""

from __future__ import annotations

import regex as re
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import UsBankRecognizer

from promptguard.analyzers.personal_data.cue_window import cue_before, result

_CUE = re.compile(
    r"(?i:\b(?:bank\s+)?account(?:\s*(?:no|nr|number|num|#))?|\bacct\.?(?:\s*(?:no|#))?|"
    r"\bchecking(?:\s+account)?|\bsavings(?:\s+account)?|\ba/c|\bcompte(?:\s+bancaire)?)"
    r"(?:\s+(?:is|was|:))?[\s:#.=-]*$"
)


class BankAccountRecognizer(UsBankRecognizer):
    """Presidio's `UsBankRecognizer`, kept only after an account cue."""

    SCORE = 0.7

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, name="BankAccountRecognizer")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        lowered = text.lower()
        if not any(c in lowered for c in ("account", "acct", "checking", "saving", "a/c",
                                          "compte")):  # fmt: skip
            return []
        found = super().analyze(text, entities, nlp_artifacts) or []
        return [
            result(self.supported_entities[0], r.start, r.end, self.SCORE, self.name, self.id)
            for r in found
            if cue_before(_CUE, text, r.start) and len(set(text[r.start : r.end])) > 1
        ]  # "000000000000" is a placeholder, not an account
