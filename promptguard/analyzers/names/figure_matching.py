"""Looser ways to find a famous name: typos of two-part names and NER's people.

Split from the public-figure analyzer: the exact and surname lookups stay there, the fuzzy
matches that need rapidfuzz live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from promptguard.analyzers.names.figure_context import (
    _INITIAL,
    FUZZY_PERSON_MIN_FAME,
    NER_MIN_RATIO,
    _other_surname,
    most_famous,
    typo_pair,
)
from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.packed import Lexicon
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import is_image_prompt


@dataclass
class Hit:
    """A name found: its tokens, the person's index, a score and how it was found."""

    start_token: int
    end_token: int
    person: int
    score: float
    how: str


def typo_hits(lexicon: Lexicon, content: str, tokens, covered: set[int]) -> list[Hit]:
    """First + last name pairs one edit away from a famous name, or missing an initial."""
    hits: list[Hit] = []
    folded = tokens.folded
    count = len(folded)
    image = count > 1 and is_image_prompt(content)
    i = 0
    while i < count - 1:
        j = i + 2 if _INITIAL.match(folded[i + 1]) and i + 2 < count else i + 1
        if i in covered or j in covered:
            i += 1
            continue
        by_first, by_last = lexicon.by_first, lexicon.by_last
        hit = None
        if folded[i] in by_first or folded[j] in by_last:
            hit = typo_pair(lexicon, folded[i], folded[j], image)
        if (
            hit is None
            and j == i + 1
            and i + 2 < count
            and i + 2 not in covered
            and content[tokens.starts[i + 1]].isupper()
            and content[tokens.starts[i]].isupper()
            and (folded[i] in by_first or folded[i + 2] in by_last)
        ):
            # "Philip Seeymour Hoffman": a capitalised middle name between the two parts.
            hit = typo_pair(lexicon, folded[i], folded[i + 2], image)
            j = i + 2 if hit is not None else j
        if hit is not None:
            key, index = hit
            hits.append(Hit(i, j + 1, index, 0.75, "fuzzy"))
            i = j + 1
            continue
        i += 1
    return hits


def entity_hits(
    lexicon: Lexicon, spans: list[tuple[int, int, str]], tokens, covered: set[int]
) -> list[Hit]:
    """Name-shaped spans the lists missed: a looser fuzzy match for two-edit typos."""
    hits = []
    token_at = {start: i for i, start in enumerate(tokens.starts)}
    for start_char, end_char, value in spans:
        parts = [p for p in fold(value).split() if len(p) > 1]
        if parts and parts[-1] == "s" and len(parts) > 2:
            parts = parts[:-1]
        if len(parts) < 2 or lexicon.is_common_name(parts):
            continue
        first_token = token_at.get(start_char)
        if first_token is None or first_token in covered:
            continue
        query = " ".join(parts)
        candidates = {key for _last, key in lexicon.by_first.get(parts[0], ())}
        candidates |= {key for _first, key in lexicon.by_last.get(parts[-1], ())}
        if not candidates:
            continue
        match = process.extractOne(
            query, list(candidates), scorer=fuzz.ratio, score_cutoff=NER_MIN_RATIO
        )
        key = match[0].split() if match else []
        if not key or _other_surname("".join(parts[1:]), "".join(key[1:])):
            continue  # "Michael Mankins" is no typo of "Michael Mann": another surname
        if _another_name(parts[0], key[0], lexicon.common_first) or _another_name(
            parts[-1], key[-1], lexicon.common_last
        ):
            continue  # "Jason Chan" is no typo of "Eason Chan"
        index = most_famous(lexicon, match[0])
        if index is None or lexicon.person(index).fame < FUZZY_PERSON_MIN_FAME:
            continue
        last_token = first_token
        while last_token + 1 < len(tokens.starts) and (tokens.ends[last_token + 1] <= end_char):
            last_token += 1
        hits.append(Hit(first_token, last_token + 1, index, 0.7, "ner"))
    return hits


def _another_name(written: str, listed: str, common: frozenset[str] | set[str]) -> bool:
    """A common real name one letter away from the listed one is someone else's name ("jason"
    for "eason"); a wider gap is a spelling of the same name ("alexander", "aleksandr")."""
    return written != listed and written in common and OSA.distance(written, listed) <= 1


#: A handle is a famous name written as one word ("@elonmusk", "#taylorswift"): only names
#: this long, of people this famous, so that no ordinary word reads as one.
HANDLE_MIN_LENGTH = 8
HANDLE_MIN_FAME = 75
_handles: dict[int, dict[str, str]] = {}


def _handle_index(lexicon: Lexicon) -> dict[str, str]:
    """Famous two-part names with the space taken out -> their key, built once per lexicon."""
    index = _handles.get(id(lexicon))
    if index is None:
        index = {}
        for bucket in lexicon.by_first.values():
            for _last, key in bucket:
                joined = key.replace(" ", "")
                person = most_famous(lexicon, key)
                if (
                    len(joined) >= HANDLE_MIN_LENGTH
                    and person is not None
                    and lexicon.person(person).fame >= HANDLE_MIN_FAME
                ):
                    index[joined] = key
        _handles.clear()
        _handles[id(lexicon)] = index
    return index


def handle_hits(lexicon: Lexicon, content: str, tokens, covered: set[int]) -> list[Hit]:
    """A famous name written as a social-media handle or hashtag ("@elonmusk")."""
    hits = []
    for i, word in enumerate(tokens.folded):
        if i in covered or len(word) < HANDLE_MIN_LENGTH:
            continue
        if word in lexicon.common_words or word in vocabulary().plain:
            continue  # "meatloaf" is a dish before it is Meat Loaf
        key = _handle_index(lexicon).get(word)
        if key is None:
            continue
        index = most_famous(lexicon, key)
        if index is not None:
            hits.append(Hit(i, i + 1, index, 0.7, "handle"))
    return hits
