"""A cheap language check for the name rules: function words of languages other than English
and French.

The English model reads "mo pero hindi", "el mar", "jetzt kann", "Selamat Pagi" as people's
names, and the name lists know "pero", "del", "dia", "ver", "ng" as given names or surnames
(Faker's Spanish, Tagalog, Indonesian… locales). Measured on WNUT-17 train, posts in
Spanish, Portuguese, Tagalog, Indonesian, German and Dutch gave about a fifth of the false
persons. No language-identification model is needed to see them: spaCy ships stop-word lists
for those languages, and a word that is a function word there and in neither English nor
French (the languages promptguard reads) is a sign of another language. Cost: thirteen word
lists read once (a few milliseconds), then a set look-up per word.
"""

from __future__ import annotations

from functools import lru_cache

import regex as re

from promptguard.analyzers.names.lexicon import common_words
from promptguard.nlp.stop_words import stop_words

#: Languages whose posts turn up in English-language streams (WNUT-17: Spanish, Portuguese,
#: Tagalog, Indonesian/Malay, German, Dutch, Scandinavian) and that spaCy has lists for.
_LANGUAGES = ("es", "pt", "it", "de", "nl", "id", "ms", "tl", "da", "nb", "sv", "ca", "ro")
_WORD = re.compile(r"(?<![@#\w/.])\p{L}+(?:['’]\p{L}+)?(?![\w@/])")


@lru_cache(maxsize=1)
def foreign_function_words() -> frozenset[str]:
    """Function words of the languages above that are neither English nor French words."""
    words: set[str] = set()
    for language in _LANGUAGES:
        words |= stop_words(language)
    known = stop_words("en") | stop_words("fr") | common_words()
    return frozenset(w for w in words if w.isalpha() and w not in known)


def is_foreign_function_word(word: str) -> bool:
    """ "pero", "ng", "dann", "het": a function word of another language (see the module
    docstring)."""
    return word.lower() in foreign_function_words()


#: Particles of people's names ("Guillermo del Toro", "Rafael van der Vaart"): inside a
#: name they are part of it, whatever language they come from.
NAME_PARTICLES = frozenset(
    re.split(
        r"\s+", "van von de der den del della di da do du dos das ter ten bin ibn al el la le y"
    )
)


def foreign_words_in(value: str) -> bool:
    """Whether a span NER called a person holds, in lowercase, a function word of another
    language that is no name particle: "mo pero", "jetzt kann", "diri dan cobalah"
    ("Ben Bishop", "Todo Cabio": capitalised, names)."""
    return any(
        w.islower() and is_foreign_function_word(w) and w not in NAME_PARTICLES
        for w in _WORD.findall(value)
    )


@lru_cache(maxsize=64)
def is_foreign_text(text: str) -> bool:
    """Whether the text reads as written in another language than English or French: at
    least two foreign function words, and more of them than English function words. Cached:
    every name NER finds in a text asks it of the same text."""
    english = stop_words("en")
    foreign = native = 0
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in english:
            native += 1
        elif word in foreign_function_words():
            foreign += 1
    return foreign >= 2 and foreign > native


__all__ = [
    "NAME_PARTICLES",
    "foreign_function_words",
    "foreign_words_in",
    "is_foreign_function_word",
    "is_foreign_text",
]
