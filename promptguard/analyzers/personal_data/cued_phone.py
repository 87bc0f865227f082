"""Phone numbers no numbering plan validates, reported when a cue says they are phones.

`phonenumbers` reports only numbers valid for a plan of the configured regions. People write
others: a local number without its area code ("call 785 8949"), a number of a region not
configured ("(88) 684-334"), an old or an invented one, a US number dialled from abroad
("001-748-088-2851x818"). Each is still someone's phone. A digit run in a phone's shape is
reported when a phone cue stands right before it ("call", "Phone:", "reach us at", "not
answering at") or a line label right after it ("office", "fax", "mobile", "-Office"); never
after an account, order or reference cue, and never a date, a time or an amount. Without a
cue the shape alone proves nothing (scores, tables, ids), so nothing is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.personal_data.phone_figures import _OTHER_CUE
from promptguard.analyzers.personal_data.span_recognizer import Span, SpanRecognizer

#: Digit groups joined by a space, a dash, a dot or parentheses, an optional "+", "00" or
#: "001" prefix and an extension; or one run of 7 to 12 digits.
_NUMBER = re.compile(
    r"(?<![\w+.\-/])(?:"
    r"(?:\+\d{1,3}[ .\-]?|00\d{0,2}[ .\-])?(?:\(\d{1,4}\)[ .\-]?)?\d{2,4}(?:[ .\-]\d{2,6}){1,4}"
    r"|\(\d{1,4}\)[ .\-]?\d{3,4}[ .\-]?\d{3,4}"
    r"|\d{7,12}"
    r")(?:\s?(?:x|ext\.?|poste)\s?\d{1,6})?(?![\w.\-/]?\d)"
)
#: A phone cue right before the number: its word, then at most a label ("no.", "number:").
_CUE_BEFORE = re.compile(
    r"(?i:\b(?:phone|telephone|tel|t[ée]l|t[ée]l[ée]phone|cell|cellphone|mobile|mob|portable"
    r"|fax|call|ring|text|sms|whatsapp|dial|hotline|helpline|gsm|handy|telefon|tel[ée]fono"
    r"|appelez|appeler|appelle|rappeler|joindre|(?:reach|contact|answering|call)(?:\s+\w+)?\s+at"
    r"|(?:reach|contact)\s+(?:me|us|him|her|them)(?:\s+on)?)\b\.?"
    r"(?:\s*(?:no|nr|number|num[ée]ro|#)\.?)?(?:\s*(?:is|:|-))?\s*)$"
)
#: A line label right after the number: "office", "-Fax", "(mobile)".
_LABEL_AFTER = re.compile(
    r"(?i:[ \t]*[-–,(/]?[ \t]*(?:office|fax|mobile|cell|home|work|direct|landline|phone|tel|"
    r"bureau|portable|domicile)\b)"
)
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_MONEY_NEAR = re.compile(r"[$€£¥%]|(?i:\b(?:eur|usd|gbp|euros?|dollars?)\b)")
MIN_DIGITS, MAX_DIGITS = 6, 15


def cued_phone_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each phone-shaped digit run with a phone cue before or a label after."""
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        value = match[0]
        digits = sum(ch.isdigit() for ch in re.split(r"(?i)\s?(?:x|ext\.?|poste)\s?", value)[0])
        if not MIN_DIGITS <= digits <= MAX_DIGITS or _DATE.fullmatch(value):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 40) : start]
        if _OTHER_CUE.search(before) or _MONEY_NEAR.search(text[max(0, start - 2) : end + 2]):
            continue
        if _CUE_BEFORE.search(before) or _LABEL_AFTER.match(text, end):
            yield start, end


class CuedPhoneRecognizer(SpanRecognizer):
    """Phone numbers outside any numbering plan, next to a phone cue (see the module doc)."""

    ENTITY = "PHONE_NUMBER"
    #: Below a valid number's 0.6, so a valid match of the same span wins.
    SCORE = 0.55

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterator[Span]:
        for start, end in cued_phone_spans(text):
            yield start, end, self.SCORE, "cue"
