"""Passport numbers, only next to the word: alone they are any other identifier."""

from __future__ import annotations

import regex as re
from presidio_analyzer import (
    LocalRecognizer,
)

from promptguard.analyzers.personal_data.cue import CueRecognizer

# --- passports (only next to the word) ---------------------------------------------------

_PASSPORT = re.compile(
    r"(?i:passport|passeport|pasaporte|reisepass)(?:\s+(?i:no|nr|number|num[ée]ro|n°|#))?\.?"
    r"(?:\s+(?i:de|of|du)\s+[\p{L}'’ -]{2,30}?)?(?:\s+(?i:is|was|reads|est))?\s*[:#-]?\s*"
    r"(?P<value>(?=[A-Z0-9]*\d)[A-Z0-9]{6,9}|\d{2}[A-Z]{2}\d{5})(?![\w])"
)


def passport_recognizer(language: str) -> LocalRecognizer:
    return CueRecognizer(
        "PASSPORT",
        [(_PASSPORT, 0.85)],
        language,
        context=["passport", "passeport"],
        name="PassportRecognizer",
    )
