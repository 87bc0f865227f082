"""Evidence: the clues near a cue that make it a real person or someone else's material.

A cue without evidence is not a finding ("age the wallpaper", "clone the repository");
`collect_clues` gathers names, role words, outlets and dates, `fictional_near` the signs
that the target is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from promptguard.analyzers.intents.key_documents import KeyDoc, KeyToken
from promptguard.analyzers.intents.lists import _AMBIGUOUS_PRONOUNS, _YEAR, CLAUSE_BREAKS, Rule

# --------------------------------------------------------------------------- evidence

#: Evidence kinds from spaCy entities.
_ENTITY_KIND = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "WORK_OF_ART": "WORK",
                "MISC": "MISC", "NORP": "NORP", "GPE": "PLACE", "LOC": "PLACE",
                "FAC": "PLACE"}  # fmt: skip


@dataclass(frozen=True)
class Clue:
    """One piece of evidence near a cue, in key-token indices."""

    kind: str
    start: int
    end: int
    subject: str = ""


@dataclass
class Context:
    """A cue match and what surrounds it, handed to an analyzer's `judge`."""

    rule: Rule
    key_doc: KeyDoc
    start: int
    end: int
    lo: int
    hi: int
    clues: list[Clue]

    def find(self, *kinds: str) -> list[Clue]:
        return [c for c in self.clues if c.kind in kinds]

    def has(self, *kinds: str) -> bool:
        return any(c.kind in kinds for c in self.clues)

    def in_match(self, clue: Clue) -> bool:
        return self.start <= clue.start and clue.end <= self.end


#: Classes reported as clues (the others only shape patterns).
CLUE_CLASSES: tuple[str, ...] = (
    "PERFORMER", "PUBLIC", "LIKENESS", "PRON", "FOOTAGE", "REAL", "FICTION", "CHARACTER",
    "DEFENSE", "OUTLET", "INSTITUTION", "FAKE", "DECEPTIVE", "EVENT_NAMED", "EVENT", "THIRD",
    "OWNED", "WORKOBJ", "LIKEOBJ", "MODEL",
)  # fmt: skip


def collect_clues(
    key_doc: KeyDoc, rule: Rule, start: int, end: int, lo: int, hi: int
) -> list[Clue]:
    """Evidence in [lo, hi), leaving out the tokens that spelled the cue itself."""
    tokens = key_doc.tokens
    literals = rule.literals
    cue = {
        k
        for k in range(start, end)
        if tokens[k].key in literals or tokens[k].surface_key in literals
    }
    clues: list[Clue] = []
    for label, s, e in key_doc.entities:
        if e <= lo or s >= hi or all(k in cue for k in range(s, e)):
            continue
        if label == "DATE" or label == "CARDINAL":
            if any(_YEAR.match(tokens[k].surface) for k in range(s, e)):
                clues.append(Clue("YEAR", s, e))
            continue
        words = [tokens[k] for k in range(s, e) if k not in cue]
        if not words or all(_is_tool(t) for t in words):
            continue
        kind = _ENTITY_KIND.get(label)
        subject = " ".join(tokens[k].text for k in range(s, e) if tokens[k].key != "'s")
        kept = [k for k in range(s, e) if k not in cue]
        initial = len(kept) == 1 and _sentence_start(tokens, kept[0])
        if kind == "PERSON" and not _person_like(words, initial):
            kind = None  # "Draft", "grey hair", "FOIA": the small models' stray persons
        elif kind in ("ORG", "MISC", "WORK") and all(_code_like(t.text) for t in words):
            kind = None  # "NLP", "CoT", "CSV": a method or a format, not a rights holder
        if kind:
            clues.append(Clue(kind, s, e, subject))
        if kind != "PERSON" and label not in _NOT_NAMES and not initial and _looks_like_name(words):
            # small models often tag a person's name ORG, GPE or FAC: keep it as a plain name
            clues.append(Clue("NAME", s, e, subject))
    cased = any(t.text[:1].isupper() for t in tokens[1:])
    for k in range(lo, hi):
        tok = tokens[k]
        if k in cue:
            continue
        for name in tok.classes:
            if name not in CLUE_CLASSES:
                continue
            if name == "OUTLET" and cased and not _outlet_cased(tokens, k, k + 1):
                continue  # "the abc of it", "ap" as a word: an outlet is written capitalised
            if (
                name == "PRON"
                and tok.surface in _AMBIGUOUS_PRONOUNS
                and tok.pos != "PRON"
                and not (k > 0 and tokens[k - 1].surface == "-")
            ):
                continue  # "la comédienne" is an article, "fais-la" a pronoun
            if name == "REAL" and k + 1 < len(tokens) and tokens[k + 1].key in {"time", "-time"}:
                continue
            named = name in ("OUTLET", "INSTITUTION")
            clues.append(Clue(name, k, k + 1, tok.text if named else ""))
        if (
            tok.pos == "PROPN"
            and not tok.entity
            and not _is_tool(tok)
            and tok.text[:1].isupper()
            and not _code_like(tok.text)
            and k > 0
            and tokens[k - 1].surface not in CLAUSE_BREAKS
        ):
            clues.append(Clue("PROPN", k, k + 1, tok.text))
    for name in CLUE_CLASSES:
        for s, e in key_doc.phrase_spans.get(name, ()):
            if name == "OUTLET" and cased and not _outlet_cased(tokens, s, e):
                continue  # "The sun was setting" is no newspaper
            if lo <= s < hi and not all(k in cue for k in range(s, e)):
                subject = " ".join(tokens[k].text for k in range(s, e))
                clues.append(Clue(name, s, e, subject if name in ("OUTLET", "INSTITUTION") else ""))
    return sorted(set(clues), key=lambda c: (c.start, c.end, c.kind))


def _outlet_cased(tokens: list[KeyToken], s: int, e: int) -> bool:
    """An outlet's own words are capitalised in a text that uses capitals ("The Sun", "AP")."""
    words = [t for t in tokens[s:e] if t.key not in ("the", "le", "la", "les", "l'")]
    return all(t.text[:1].isupper() for t in words)


#: Lowercase particles inside names: "de Gaulle", "van Gogh", "da Vinci".
_NAME_PARTICLES = frozenset(
    ["de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "da", "di", "del", "dos"]
)


#: Entity labels never read as a person's name: "a young Asian doctor", "in Spanish".
_NOT_NAMES = frozenset({"NORP", "LANGUAGE"})
#: Tokens that end a sentence: the word after one is capitalised whatever it is.
_SENTENCE_ENDS = frozenset([".", "!", "?", ":", ";", "\n", "#", "*", "-", '"', "(", "["])


def _looks_like_name(words: list[KeyToken]) -> bool:
    """Proper nouns only (and name particles): a name the NER labelled as something else."""
    names = [t for t in words if t.key != "'s" and t.surface not in _NAME_PARTICLES]
    return (
        bool(names)
        and all(t.pos == "PROPN" for t in names)
        and not any(_code_like(t.text) for t in names)
    )


#: Surnames with an inner capital: "DiCaprio", "McAdams", "MacLachlan", "LeBlanc", "DeVito".
_PREFIXED_NAME = re.compile(r"^(?:Mc|Mac|Di|De|Da|Du|Le|La|Van|Von|Fitz|St)[A-Z][a-z]+$")


def _code_like(text: str) -> bool:
    """An acronym or a product spelling ("FOIA", "MRR", "GluonTS", "TikTok", "iPhone"),
    not a person's name: capitals after the first letter, unless the word is all capitals
    because the whole word is shouted and long ("EMMANUEL")."""
    if _PREFIXED_NAME.match(text):
        return False
    parts = [[c for c in part if c.isalpha()] for part in text.replace("'", "-").split("-")]
    if all(c.isupper() for part in parts for c in part):
        return 2 <= sum(map(len, parts)) <= 5
    return any(c.isupper() for part in parts for c in part[1:])  # "Jean-Paul" is a name


def _sentence_start(tokens: list[KeyToken], k: int) -> bool:
    return k == 0 or tokens[k - 1].surface in _SENTENCE_ENDS or "\n" in tokens[k - 1].text


def _person_like(entity: list[KeyToken], initial: bool) -> bool:
    """A PERSON entity that reads as a person: a known given name or surname in it, or
    capitalised words that are neither codes nor only the capitalised first word of a
    sentence. Lowercase words the model calls a person ("medieval sword", "grey hair") need
    a known name."""
    from promptguard.analyzers.names.given_names import name_kind

    words = [t for t in entity if t.key != "'s" and t.surface not in _NAME_PARTICLES]
    if not words or any(_is_tool(t) or any(c.isdigit() for c in t.text) for t in words):
        return False  # "Chat GPT", "Lens MK1"
    if not any(t.text[:1].isupper() for t in words):
        return "G" in name_kind(words[0].text)  # "danny mcbride", not "medieval sword"
    if any(_code_like(t.text) and not t.text.isupper() for t in words):
        return False  # "GluonTS", "TikTok"; an all-capitals "JFK" may be a person
    if any(name_kind(t.text) for t in words) or len(words) > 1:
        return True  # "président de la République": a title the model read as a person
    return not initial


def _is_tool(tok: KeyToken) -> bool:
    return "TOOL" in tok.classes or "MODEL" in tok.classes


#: Words of a picture's credit line: "a portrait photo taken by X", "image by X".
_PICTURED = frozenset(
    ["photo", "photograph", "portrait", "image", "picture", "take", "taken", "shoot", "shot",
     "painting", "art", "illustration", "artwork", "drawing", "photographie", "tableau"]
)  # fmt: skip


def credited(key_doc: KeyDoc, clue: Clue, clues: list[Clue]) -> bool:
    """The name is who made the picture ("photo taken by X", "image by X", and the names
    listed after it: "by X, Y and Z"), not who is shown; "a speech by X" or "a letter
    signed by X" still puts X in the picture."""
    tokens = key_doc.tokens
    k = clue.start
    if k > 0 and tokens[k - 1].key in {"by", "par"}:
        return any(
            t.key in _PICTURED or t.surface in _PICTURED for t in tokens[max(0, k - 3) : k - 1]
        )
    joined = k - 1 if k > 0 and tokens[k - 1].key in {",", "and", "&", "et"} else k
    before = [c for c in clues if c.end == joined and c.kind in ("PERSON", "NAME") and c != clue]
    return any(credited(key_doc, c, clues) for c in before)


def fictional_near(clues: list[Clue], clue: Clue, before: int = 3, after: int = 2) -> bool:
    """True when a fiction marker sits right before the clue ("our fictional senator") or a
    character word right after it ("the president character")."""
    return any(
        (c.kind == "FICTION" and clue.start - before <= c.start < clue.start)
        or (c.kind == "CHARACTER" and clue.end <= c.start < clue.end + after)
        for c in clues
    )
