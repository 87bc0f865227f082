"""Name folding and tokenising, the same at build time and at run time.

Casefold, accents off, every run of non-letters a single space, so `Beyoncé`, `BEYONCE` and
`beyonce` meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_SPECIAL = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=4096)
def fold_token(token: str) -> str:
    """One token, case and accents folded: `Beyoncé` -> `beyonce`, `Straße` -> `strasse`.

    The cache is kept small: a service sees new tokens (names, numbers) with every prompt,
    and 65,536 entries grew its memory by ~15 MB; the frequent words stay in 4,096."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_SPECIAL)


def fold(text: str) -> str:
    """The normalised form used for every key and every lookup."""
    return " ".join(fold_token(t) for t in _TOKEN.findall(text))


def title_initials(title: str) -> str:
    """The initials prompts abbreviate a title to ("The Lord of the Rings": "lotr"): its
    words without a leading article or a qualifier in brackets, a possessive's "s" left out;
    "" when a word is a number ("Final Fantasy VII" has no such initials)."""
    bare = re.sub(r"\s*\(.*\)$", "", title).replace("'s ", " ").replace("’s ", " ")
    words = re.findall(r"[^\W\d_]+|\d+", fold(bare))
    if words[:1] in (["the"], ["a"], ["an"]):
        words = words[1:]
    return "" if any(w.isdigit() for w in words) else "".join(w[0] for w in words)


def closed_compound(word: str, is_word: Callable[[str], bool], shortest: int) -> bool:
    """Two words written as one, each `shortest` letters or more ("supercar", "headshot"):
    an ordinary word the dictionary lacks, no name."""
    cuts = range(shortest, len(word) - shortest + 1)
    return any(is_word(word[:cut]) and is_word(word[cut:]) for cut in cuts)


@dataclass
class Tokens:
    """A text cut into word tokens, with their folded forms and original offsets."""

    text: str
    starts: list[int]
    ends: list[int]
    folded: list[str]


@lru_cache(maxsize=32)
def tokenize(text: str) -> Tokens:
    """Tokenise once per text; both analyzers call this on the same prompt."""
    starts: list[int] = []
    ends: list[int] = []
    folded: list[str] = []
    for match in _TOKEN.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        folded.append(fold_token(match.group()))
    return Tokens(text, starts, ends, folded)


def current_year() -> int:
    return date.today().year
