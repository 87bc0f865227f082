"""Pick English or French for a text, cheaply and deterministically.

promptguard ships models for two languages only, so a full language identifier would be
slow overkill (and the popular ones are non-deterministic on short text). Counting very
common function words and French diacritics settles en-vs-fr on prompts a few words long.
"""

from __future__ import annotations

import re

SUPPORTED = ("en", "fr")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "at",
        "by",
        "from",
        "as",
        "not",
        "but",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "please",
        "call",
        "email",
        "send",
        "make",
        "create",
        "show",
        "into",
        "about",
    ]
)
_FR = frozenset(
    [
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "ou",
        "à",
        "au",
        "aux",
        "en",
        "dans",
        "sur",
        "pour",
        "avec",
        "est",
        "sont",
        "était",
        "être",
        "ce",
        "cet",
        "cette",
        "ces",
        "il",
        "elle",
        "ils",
        "elles",
        "nous",
        "vous",
        "je",
        "tu",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "notre",
        "votre",
        "mon",
        "ma",
        "mes",
        "par",
        "pas",
        "mais",
        "ne",
        "qui",
        "que",
        "quoi",
        "dont",
        "où",
        "chez",
        "merci",
        "appeler",
        "appelez",
        "envoyer",
        "faire",
        "créer",
        "bonjour",
        "rue",
        "téléphone",
        "né",
        "née",
    ]
)
_FR_MARKS = re.compile(r"[éèêàçùâîôûëïœ]|\b(?:qu|l|d|j|n|c)'", re.IGNORECASE)


def language_signal(text: str) -> tuple[int, int]:
    """(English, French) evidence in `text`: common function words, and French marks."""
    sample = text[:4000]
    en = fr = 0
    for match in _WORD.finditer(sample.lower()):
        word = match.group()
        if word in _EN:
            en += 1
        if word in _FR:
            fr += 1
    fr += len(_FR_MARKS.findall(sample)) // 2
    return en, fr


def detect_language(text: str, default: str = "en") -> str:
    """Return "en" or "fr" for `text`; `default` when the text gives no signal."""
    en, fr = language_signal(text)
    if en == fr:
        return default
    return "fr" if fr > en else "en"
