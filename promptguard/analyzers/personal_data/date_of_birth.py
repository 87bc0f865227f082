"""Dates of birth, only next to the cue: "born 1999" is one, "the 1999 film" is not."""

from __future__ import annotations

import regex as re
from presidio_analyzer import (
    LocalRecognizer,
)

from promptguard.analyzers.personal_data.cue import CueRecognizer

# --- dates of birth (only next to the cue) -----------------------------------------------

_MONTHS = (
    r"(?:jan(?:uary|vier|v)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|"
    r"may|mai|jun(?:e)?|juin|jul(?:y)?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember|embre)?)?|"
    r"oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|(?:1er|\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DOB_CUE = (
    r"(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthdate|birthday|born(?:\s+on)?|"
    r"n[ée]e?\s+le|date\s+de\s+naissance|naissance|anniversaire|ddn)"
)
_DOB = re.compile(
    rf"(?i:\b{_DOB_CUE})\s*[:=-]?\s*(?:[^\d\n.;]{{0,25}}?\s)?(?P<value>(?i:{_DATE}))(?![\w/])"
)


def dob_recognizer(language: str) -> LocalRecognizer:
    return CueRecognizer(
        "DATE_OF_BIRTH",
        [(_DOB, 0.85)],
        language,
        context=["birth", "born", "dob", "naissance", "né", "née"],
        name="DateOfBirthRecognizer",
    )
