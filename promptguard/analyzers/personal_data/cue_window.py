"""Helpers for recognizers whose values are only personal data next to their cue word.

Not a recognizer. A driver's licence or a bank account number is any run of digits
("578988637"): Presidio scores such patterns 0.01-0.3 and lets its context words lift them.
Here the cue is required: a value is reported only when its cue stands just before it, on the
same line ("My driver's license number is 578988637", "DL: NYA123456", "account 0168754245").
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import AnalysisExplanation, RecognizerResult

#: Up to this many characters between the cue and the value ("number is", "#", "no.: ").
GAP = 30


def cue_before(cue: re.Pattern, text: str, start: int) -> bool:
    """Whether `cue` ends within `GAP` characters before `start`, on the same line, with
    no other figure in between."""
    window = text[max(0, start - GAP - 40) : start]
    window = window[window.rfind("\n") + 1 :]
    for match in cue.finditer(window):
        gap = window[match.end() :]
        if len(gap) <= GAP and not re.search(r"\d", gap):
            return True
    return False


def result(entity: str, start: int, end: int, score: float, name: str, identifier: str):  # noqa: ANN201
    """A RecognizerResult as Presidio's own recognizers build it."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(name, score),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: identifier,
        },
    )
