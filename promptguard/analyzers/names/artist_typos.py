"""Misspelt names of the artists prompts use as styles: "greg rutkovski", "beksisnski", "wolp".

People type artists' names from memory, so the names most cited as styles (the CLIP
Interrogator list and the supplement) are also matched with a typo, in the positions where
`artist_refs` already expects an artist (after a credit cue, as a tag of an image prompt,
before a style word). A full name may be one or two edits away (a rapidfuzz ratio); a
surname or a one-word alias alone only one edit away, and never when the word is itself a
known name, a word, or a listed entry: "Beckman" is someone, not a typo of Beckmann. A short
one-word alias ("wlop") only with an adjacent swap and an explicit style cue beside it.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from promptguard.analyzers.names.folding import tokenize
from promptguard.analyzers.names.given_names import name_kind
from promptguard.analyzers.names.lexicon import get_lexicon
from promptguard.analyzers.names.prepass import vocabulary

#: rapidfuzz ratio an item needs to be read as a typo of a style artist's name.
TYPO_MIN_RATIO = 88
#: Shortest item (folded characters) matched with typos.
TYPO_MIN_LENGTH = 6
#: Shortest single word (a surname alone) matched with one edit.
WORD_TYPO_MIN_LENGTH = 7


@lru_cache(maxsize=1)
def _style_names() -> tuple[list[str], list[int]]:
    """Folded names of the artists used as styles (CLIP list, supplement), for typo search."""
    lexicon = get_lexicon()
    names, indexes = [], []
    for index in range(len(lexicon.artist_rows)):
        artist = lexicon.artist(index)
        if artist.style or "supplement" in artist.source:
            folded = " ".join(tokenize(artist.name).folded)
            if len(folded) >= TYPO_MIN_LENGTH:
                names.append(folded)
                indexes.append(index)
    return names, indexes


@lru_cache(maxsize=1)
def _style_words() -> dict[str, int]:
    """A style artist's surname or one-word name -> the artist, when only one has it."""
    lexicon = get_lexicon()
    best: dict[str, tuple[tuple, int]] = {}
    tied: set[str] = set()
    for index in range(len(lexicon.artist_rows)):
        artist = lexicon.artist(index)
        if not (artist.style or "supplement" in artist.source):
            continue
        words = tokenize(artist.name).folded
        if not words or len(words[-1]) < 4 or not words[-1].isalpha():
            continue
        # "Greg Rutkowski" (supplement, dated) over "Grzegorz Rutkowski": the same painter.
        rank = ("supplement" in artist.source, artist.birth is not None or bool(artist.death))
        old = best.get(words[-1])
        if old is None or rank > old[0]:
            best[words[-1]] = (rank, index)
            tied.discard(words[-1])
        elif rank == old[0]:
            tied.add(words[-1])
    return {word: index for word, (_rank, index) in best.items() if word not in tied}


@lru_cache(maxsize=256)
def style_typo(query: str) -> tuple[str, int] | None:
    """(name, artist index) of the style artist `query` (several folded words) misspells."""
    names, indexes = _style_names()
    match = process.extractOne(query, names, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_RATIO)
    if match is None:
        return None
    index = indexes[match[2]]
    return get_lexicon().artist(index).name, index


def known_word(word: str) -> bool:
    """A word a dictionary, a name list, the brands or an entry knows: no typo's mark."""
    lexicon = get_lexicon()
    return bool(
        word in vocabulary().plain
        or word in lexicon.common_words
        or word in lexicon.not_names
        or name_kind(word)
        or lexicon.lookup(word)
    )


@lru_cache(maxsize=256)
def word_typo(word: str, style_cue: bool = False) -> tuple[str, int] | None:
    """(name, index) of the style artist whose surname or one-word name `word` misspells by
    one edit ("rutkovski", "beksisnski", "margitte"); a shorter word only with a style or
    credit cue beside it ("by artgem"), and a four-letter one only by swapping two
    neighbouring letters ("wolp style")."""
    if not word.isalpha() or len(word) < 4 or known_word(word):
        return None
    words = _style_words()
    if len(word) < WORD_TYPO_MIN_LENGTH and not style_cue:
        return None
    if len(word) < 5:
        swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        hits = [words[s] for s in swaps if s in words and s != word]
        if len(hits) != 1:
            return None
        return get_lexicon().artist(hits[0]).name, hits[0]
    matches = process.extract(word, list(words), scorer=OSA.distance, score_cutoff=1, limit=None)
    found = {words[m[0]] for m in matches if m[0] != word}
    if len(found) != 1:
        return None  # none, or two artists as close: no guess
    index = found.pop()
    return get_lexicon().artist(index).name, index
