"""Thresholds and context words for famous people's names, and the figure messages.

What makes a matched name a person in a prompt: fame thresholds per shape of match (a
mononym, a lowercase name, a surname alone, a typo), and the words around a stage name that
is also a word ("Prince's voice"), read by the public-figure analyzer.
"""

from __future__ import annotations

import re
from typing import Any

from promptguard.analyzers.names.given_names import name_kind
from promptguard.analyzers.names.packed import PERSON, WORK, Lexicon, Person
from promptguard.analyzers.names.prepass import unexplained_runs
from promptguard.nlp.models import ScanText

#: Below this fame a full name that is also a very common name is ignored ("David Brown").
COMMON_NAME_MIN_FAME = 60
#: A single-word name (mononym or alias) needs this fame.
MONONYM_MIN_FAME = 50
#: A lowercase single-word name needs this fame and must not be a word.
LOWERCASE_MONONYM_MIN_FAME = 80
#: A lowercase name made of ordinary words ("emma stone") needs this fame.
LOWERCASE_NAME_MIN_FAME = 70
#: A bare surname listed next to people found ("putin, trump and obama") needs this fame.
SURNAME_LIST_MIN_FAME = 80
#: Between two items of a list of names.
_LIST_GAP = re.compile(r"^\s*(?:,|&|and|et|y|vs\.?|versus)\s*$|^\s*,\s*and\s+$", re.I)
#: A lowercase name that is also a word needs this fame, and the subject's place in an image
#: prompt: its start, or after "of", "with", "and", "as", "meets"...
SUBJECT_MONONYM_MIN_FAME = 85
_SUBJECT_BEFORE = re.compile(
    r"(?:^\s*|\b(?:of|with|and|as|meets|featuring|starring|versus|vs\.?|kissing|hugging)\s+)$",
    re.I,
)
#: Typo matches only for people at least this famous.
FUZZY_PERSON_MIN_FAME = 60
#: rapidfuzz ratio a spaCy PERSON span needs to count as a famous name.
NER_MIN_RATIO = 88

#: Two capitalised words in a row: the only texts where NER can add anything.
_ARTICLE_BEFORE = re.compile(
    r"\b(?:the|a|an|le|la|les|un|une|des|du|this|that|our|my|your|his|her)\s+$", re.I
)
_OF_AFTER = re.compile(
    r"^\s+(?:of|de|d'|du|des|charming|consort|regent|and\s+child|with\s+child|à\s+l'enfant)\b",
    re.I,
)
#: Words around a stage name that make it a person, not a word ("Prince's voice").
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:by|feat\.?|featuring|starring|with|like|as|voice\s+of|face\s+of|likeness\s+of"
    r"|singer|rapper|actor|actress|artist|musician|chanteur|chanteuse|acteur|actrice|avec"
    r"|comme|par|voix\s+de|visage\s+de|de)\s*)$",
    re.I,
)
_PERSON_AFTER = re.compile(
    r"^(?:['’]s?\b|\s+(?:song|songs|voice|album|concert|tour|look|face|likeness|music|hit|video"
    r"|lyrics|performing|sings|singing|dancing|style|outfit|portrait|chanson|voix|visage|concert)\b)",
    re.I,
)
_ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "un", "une", "this", "that"})
#: Single-letter middle initials are skipped when pairing first and last names.
_INITIAL = re.compile(r"^[a-z]$")


def _message(person: Person, deceased: bool, historical: bool = False) -> str:
    if historical:
        return (
            f"{person.name} is a historical figure: no estate controls the likeness any more"
            " (reported for the record, no clearance)."
        )
    if not deceased:
        return f"{person.name} is a living public figure: likeness needs written approval."
    if person.birth is not None and person.death is not None:
        years = f" ({person.birth}–{person.death})"
    elif person.death is not None:
        years = f" (died {person.death})"
    else:
        years = ""
    return f"{person.name}{years} is deceased: likeness needs clearance from the estate."


def _name_spans(text: ScanText) -> list[tuple[int, int, str]]:
    """(start, end, text) of the candidate names for the loose typo match: NER's people when
    the text was parsed, else the capitalised runs of two words or more that the pre-pass
    could not explain (a lone word is never matched loosely)."""
    if text.has_doc:
        return [
            (ent.start_char, ent.end_char, ent.text)
            for ent in text.doc.ents
            if ent.label_ in ("PERSON", "PER")
        ]
    content = text.content
    return [
        (run.start, run.end, content[run.start : run.end])
        for run in unexplained_runs(content)
        if len(run.words) >= 2
    ]


def _list_neighbour(content: str, tokens, i: int, found: list[Any]) -> bool:
    """Whether token i is an item of a list ("a, b and c") next to a person found."""
    for hit in found:
        if hit.end_token == i:
            gap = content[tokens.ends[i - 1] : tokens.starts[i]]
        elif hit.start_token == i + 1:
            gap = content[tokens.ends[i] : tokens.starts[i + 1]]
        else:
            continue
        if _LIST_GAP.match(gap):
            return True
    return False


def _very_famous_surname(lexicon: Lexicon, word: str) -> int | None:
    """The one person of fame >= 80 with this last name, if exactly one."""
    if len(word) < 4:
        return None
    best = None
    for _first, key in lexicon.by_last.get(word, ()):
        for kind, index, _alias in lexicon.lookup(key):
            if kind == PERSON and lexicon.person(index).fame >= SURNAME_LIST_MIN_FAME:
                if best is not None and best != index:
                    return None
                best = index
    return best


def inside_character_name(lexicon: Lexicon, content: str, hits: list) -> list:
    """The hits that are not a part of a longer listed character's name: "Peter" of "Peter
    Griffin" is not Saint Peter. A name that is also a real person's stays theirs."""
    spans = []
    for first, last, key_id in lexicon.find(content):
        refs = lexicon.refs[key_id]
        person = any(kind == PERSON for kind, _i, _a in refs)
        character = any(k == WORK and lexicon.work(i).type == "CHARACTER" for k, i, _a in refs)
        if last - first >= 2 and character and not person:
            spans.append((first, last))
    return [
        hit
        for hit in hits
        if not any(
            a <= hit.start_token and hit.end_token <= b and b - a > hit.end_token - hit.start_token
            for a, b in spans
        )
    ]


def after_another_given_name(content: str, tokens, i: int) -> bool:
    """ "Anna Berg": a given name right before the surname names someone else (the famous
    bearer's own full name was matched whole before this rule runs)."""
    if i == 0 or content[tokens.ends[i - 1] : tokens.starts[i]] != " ":
        return False
    before = content[tokens.starts[i - 1] : tokens.ends[i - 1]]
    return before[:1].isupper() and "G" in name_kind(before)
