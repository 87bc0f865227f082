"""The French NIR (numéro de sécurité sociale), checked with its key."""

from __future__ import annotations

import regex as re
from presidio_analyzer import (
    LocalRecognizer,
)

from promptguard.analyzers.personal_data.cue import CueRecognizer

# --- French NIR (numéro de sécurité sociale) ---------------------------------------------

_NIR = re.compile(
    r"(?<![\w])(?P<value>[12]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2[AB])\s?\d{3}\s?"
    r"\d{3}\s?\d{2})(?![\w])",
    re.IGNORECASE,
)


def nir_is_valid(value: str) -> bool:
    """The NIR key is 97 - (first 13 digits mod 97); Corsica 2A/2B count as 19/18."""
    digits = re.sub(r"\s", "", value).upper()
    if len(digits) != 15:
        return False
    body, key = digits[:13], digits[13:]
    body = body.replace("2A", "19").replace("2B", "18")
    if not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


def nir_recognizer(language: str) -> LocalRecognizer:
    return CueRecognizer(
        "FR_NIR",
        [(_NIR, 0.85)],
        language,
        context=["sécurité", "securite", "sociale", "nir", "insee", "social", "ss", "sécu"],
        validator=nir_is_valid,
        name="FrNirRecognizer",
    )
