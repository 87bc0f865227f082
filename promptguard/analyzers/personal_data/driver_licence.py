"""US driver's licences: Presidio's patterns (any case), reported only after their cue."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import UsLicenseRecognizer

from promptguard.analyzers.personal_data.cue_window import cue_before, result

_CUE = re.compile(
    r"(?i:\bdriver['’]?s?\s*licen[cs]es?|\bdriving\s+licen[cs]es?|\bdriver\s+id|\bd\.?l\.?\b"
    r"|\bc\.?d\.?l\.?\b|\blicen[cs]e\s*(?:no|nr|number|num|#|id)\b|\blic\s*#"
    r"|\bpermis\s+de\s+conduire|\bf[üu]hrerschein)(?:\s*(?:no|nr|number|num|#|id)\b)?"
    r"(?:\s+(?:is|was|reads|:))?[\s:#.=-]*$"
)
_ANY_CUE = re.compile(r"(?i:licen[cs]e|\bd\.?l\b|\bc\.?d\.?l\b|\blic\b|permis|f[üu]hrerschein)")
#: States write 1-3 letters and digits ("NYA123456") beyond Presidio's list.
_GENERIC = Pattern("Driver License - letters and digits (cue)", r"\b[A-Z]{1,3}[0-9]{4,14}\b", 0.3)


class DriverLicenceRecognizer(UsLicenseRecognizer):
    """Presidio's `UsLicenseRecognizer` (case-insensitive, its flags), kept only after a
    driver's-licence cue, scored as the evidence the cue gives."""

    SCORE = 0.75

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            patterns=[*self.PATTERNS, _GENERIC],
            supported_language=supported_language,
            name="DriverLicenceRecognizer",
        )
        self.global_regex_flags = re.IGNORECASE | re.MULTILINE | re.DOTALL

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not _ANY_CUE.search(text):
            return []
        found = super().analyze(text, entities, nlp_artifacts) or []
        kept = {
            (r.start, r.end)
            for r in found
            if any(ch.isdigit() for ch in text[r.start : r.end]) and cue_before(_CUE, text, r.start)
        }
        return [
            result(self.supported_entities[0], s, e, self.SCORE, self.name, self.id)
            for s, e in sorted(kept)
        ]
