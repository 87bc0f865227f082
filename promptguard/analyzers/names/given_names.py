"""Given names and surnames of many languages (`person_names.tsv`), by folded word.

Shared by the personal-data rules (is a lowercase word a name?) and the reference rules (is
an unlisted item after "by" a person's name?), so it lives below both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.lexicon import read_wordlist


@lru_cache(maxsize=1)
def name_kinds() -> dict[str, str]:
    """Folded given name or surname -> "G", "S" or "GS" (loaded once, about 40 ms)."""
    return {row[0]: row[1] for row in read_wordlist("person_names.tsv") if len(row) > 1}


def name_kind(word: str) -> str:
    """ "G", "S", "GS", or "" when the word is no known given name or surname."""
    return name_kinds().get(fold(word), "")


#: A contact verb or greeting right before a name: someone to reach, not a character.
CONTACT_BEFORE = re.compile(
    r"(?i)\b(?:contact|call|email|e-mail|mail|text|ring|phone|ping|cc|invite|thank|thanks|dear"
    r"|hi|hello|appeler|contacter|joindre|merci|bonjour|cher|chère)\s*[:,]?\s*$"
)


def person_shaped(words: list[str]) -> bool:
    """A given name and surnames only ("Jane Doe", "Walter White"): written without a work
    around it, as likely a crew member as the character of that name."""
    return 2 <= len(words) <= 3 and "G" in name_kind(words[0]) and all(map(name_kind, words))


__all__ = ["CONTACT_BEFORE", "name_kind", "name_kinds", "person_shaped"]
