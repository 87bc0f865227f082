"""Payment card numbers with any separators ("4111.1111.1111.1111", "4111/1111/1111/1111",
"4111111111111111"), Luhn-checked (python-stdnum) and with a card network's prefix and length.

Presidio's `CreditCardRecognizer` reads spaces and dashes; this one reads any single
separator used consistently between digit groups, and no separator."""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import luhn

from promptguard.analyzers.personal_data.cue_window import result

_CANDIDATE = re.compile(
    r"(?<![\w.,/+-])(?P<value>\d{4}(?P<sep>[ ._/\-\u00a0]?)\d{4}(?:(?P=sep)\d{2,4}){1,3}"
    r"|\d{4}(?P<sep2>[ ._/\-\u00a0]?)\d{6}(?P=sep2)\d{5}|\d{13,19})(?![\w/+-]|[.,]\d)"
)


def is_card_number(digits: str) -> bool:
    """A Luhn-valid number with the prefix and length of a card network."""
    n = len(digits)
    if not 13 <= n <= 19 or not luhn.is_valid(digits):
        return False
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return n in (13, 16, 19)  # Visa
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16  # Mastercard
    if two in (34, 37):
        return n == 15  # American Express
    if two in (36, 38) or 300 <= int(digits[:3]) <= 305:
        return n in (14, 16)  # Diners
    if digits.startswith(("6011", "65")) or 644 <= int(digits[:3]) <= 649:
        return 16 <= n <= 19  # Discover
    if two == 35 or two == 62:
        return 16 <= n <= 19  # JCB, UnionPay
    return False


class CardNumberRecognizer(LocalRecognizer):
    """CREDIT_CARD for numbers Presidio's separators miss (see the module docstring)."""

    SCORE = 0.9

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["CREDIT_CARD"],
            supported_language=supported_language,
            name="CardNumberRecognizer",
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "CREDIT_CARD" not in entities:
            return []
        found = []
        for match in _CANDIDATE.finditer(text):
            digits = re.sub(r"\D", "", match.group("value"))
            if is_card_number(digits):
                start, end = match.span("value")
                found.append(result("CREDIT_CARD", start, end, self.SCORE, self.name, self.id))
        return found
