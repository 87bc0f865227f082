"""Looser ways to find a famous name: typos of two-part names and NER's people.

Split from the public-figure analyzer: the exact and surname lookups stay there, the fuzzy
matches that need rapidfuzz live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

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
    i = 0
    while i < count - 1:
        j = i + 2 if _INITIAL.match(folded[i + 1]) and i + 2 < count else i + 1
        if i in covered or j in covered:
            i += 1
            continue
        by_first, by_last = lexicon.by_first, lexicon.by_last
        hit = None
        if folded[i] in by_first or folded[j] in by_last:
            hit = typo_pair(lexicon, folded[i], folded[j])
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
            hit = typo_pair(lexicon, folded[i], folded[i + 2])
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
        if (parts[0] != key[0] and parts[0] in lexicon.common_first) or (
            parts[-1] != key[-1] and parts[-1] in lexicon.common_last
        ):
            continue  # "Jason Chan" is no typo of "Eason Chan": a real given name differs
        index = most_famous(lexicon, match[0])
        if index is None or lexicon.person(index).fame < FUZZY_PERSON_MIN_FAME:
            continue
        last_token = first_token
        while last_token + 1 < len(tokens.starts) and (tokens.ends[last_token + 1] <= end_char):
            last_token += 1
        hits.append(Hit(first_token, last_token + 1, index, 0.7, "ner"))
    return hits
