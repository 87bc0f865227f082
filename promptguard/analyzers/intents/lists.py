"""Intent lists: the shipped phrase rules and word classes, folded and parsed.

The lists are data (`wordlists/intents/<analyzer>_<lang>.tsv` and `lexicon_<lang>.tsv`, format
in wordlists/INTENTS.md); this module reads them into `Rule`s and a `Lexicon`, and holds the
folding and inflection helpers both the lists and the key documents use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from promptguard.analyzers.names.prepass import is_ordinary_word
from promptguard.analyzers.resources import wordlist
from promptguard.errors import IntentListError

if TYPE_CHECKING:
    from spacy.tokens import Span


LANGUAGES: tuple[str, ...] = ("en", "fr")

#: Tokens that end a clause: a cue and its evidence must sit in the same clause.
CLAUSE_BREAKS: frozenset[str] = frozenset({".", "!", "?", ";", "…", "\n", "\n\n", "|"})
#: spaCy entity labels behind the `%LABEL` slots (the French model says PER, English PERSON).
ENTITY_LABELS: dict[str, tuple[str, ...]] = {
    "PERSON": ("PERSON", "PER"),
    "PER": ("PERSON", "PER"),
    "ORG": ("ORG",),
    "WORK_OF_ART": ("WORK_OF_ART",),
    "MISC": ("MISC",),
    "DATE": ("DATE",),
    "CARDINAL": ("CARDINAL",),
    "QUANTITY": ("QUANTITY",),
}
_NUMERIC = frozenset({"DATE", "CARDINAL", "QUANTITY"})
_NAMED = frozenset({"PERSON", "PER", "ORG", "WORK_OF_ART", "MISC"})
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)s?$|^'?\d0s$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_ELISION = re.compile(r"^([a-z]{1,3}')(.+)$")
#: French pronouns glued by a hyphen ("fais-la", "rajeunis-le"): never part of a compound.
_CLITICS = frozenset(
    [
        "la",
        "le",
        "les",
        "lui",
        "leur",
        "moi",
        "toi",
        "nous",
        "vous",
        "y",
        "en",
        "il",
        "elle",
        "on",
        "ils",
        "elles",
        "je",
        "tu",
        "t",
    ]
)
#: French articles that are pronouns only when the tagger says so ("la faire sourire").
_AMBIGUOUS_PRONOUNS = frozenset({"le", "la", "l'", "les"})


def fold(text: str) -> str:
    """Lowercase without accents, apostrophes unified: how every list word and token is keyed."""
    text = text.translate(_APOSTROPHES).lower().replace("œ", "oe").replace("æ", "ae")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: Irregular forms of verbs used in the lists (regular ones are generated).
IRREGULAR: dict[str, tuple[str, ...]] = {
    "make": ("made",), "say": ("said",), "take": ("took", "taken"), "get": ("got", "gotten"),
    "have": ("has", "had"), "bring": ("brought",), "build": ("built",), "teach": ("taught",),
    "speak": ("spoke", "spoken"), "fall": ("fell", "fallen"), "run": ("ran",),
    "sing": ("sang", "sung"), "steal": ("stole", "stolen"), "catch": ("caught",),
    "be": ("is", "are", "was", "were", "been"), "learn": ("learnt",), "show": ("shown",),
    "faire": ("fais", "fait", "faites", "font", "fasse", "ferai", "faisons"),
    "dire": ("dis", "dit", "dites", "disent"), "mettre": ("mets", "met", "mis", "mise", "mettez"),
    "rendre": ("rends", "rend", "rendu", "rendez"), "prendre": ("prends", "pris", "prise"),
    "apprendre": ("appris",), "avoir": ("ai", "as", "a", "ait"),
}  # fmt: skip


_FOLD_LAST: tuple[str, str] = ("", "")


def fold_cached(text: str) -> str:
    """`fold` remembering the last text: the three analyzers pre-check the same prompt."""
    global _FOLD_LAST
    last = _FOLD_LAST
    if last[0] is text:
        return last[1]
    folded = fold(text)
    _FOLD_LAST = (text, folded)
    return folded


def inflections(base: str, language: str) -> set[str]:
    """Regular inflected forms of a list word, a fallback for when the tagger misses the lemma.

    Over-generating is harmless: a form only counts inside a full pattern."""
    forms = {base, *IRREGULAR.get(base, ())}
    if len(base) < 3 or not base[-1].isalpha():
        return forms
    if language == "en":
        stem = base[:-1] if base.endswith("e") else base
        forms |= {base + "s", base + "es", stem + "ed", stem + "ing", base + "d", base + "'s"}
        if base.endswith("y"):
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        if len(base) <= 5 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    else:
        forms |= {base + "s", base + "e", base + "es", base + "x"}
        if base.endswith("er"):
            stem = base[:-2]
            forms |= {stem + e for e in ("e", "es", "ent", "ez", "ons", "e", "ee", "es", "ees",
                                         "ant", "ait", "era", "ai")}  # fmt: skip
        elif base.endswith("ir"):
            stem = base[:-2]
            forms |= {stem + e for e in ("is", "it", "issez", "issons", "issent", "i", "ie",
                                         "ies", "issant", "isse")}  # fmt: skip
        elif base.endswith("eur"):
            forms |= {base[:-3] + "euse", base[:-3] + "rice", base[:-3] + "euses"}
        elif base.endswith("al"):
            forms |= {base[:-2] + "aux", base + "e", base + "es"}
    return forms


def phrase_tokens(entry: str) -> tuple[str, ...]:
    """Split a list phrase the way spaCy splits text: "l'équipe" -> l' + equipe, "x's" -> x + 's."""
    tokens: list[str] = []
    for part in fold(entry).split():
        elided = _ELISION.match(part)
        if elided:
            tokens.extend(elided.groups())
        elif part.endswith("'s") and len(part) > 2:
            tokens.extend((part[:-2], "'s"))
        else:
            tokens.append(part)
    return tuple(tokens)


# --------------------------------------------------------------------------- list parsing


@dataclass(frozen=True)
class Slot:
    """One position of a pattern: words and classes, entity labels, or a gap."""

    words: frozenset[str] = frozenset()
    classes: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    optional: bool = False
    gap: int = 0
    #: Multi-word alternatives, written with "_" ("booking_photo").
    phrases: frozenset[tuple[str, ...]] = frozenset()


@dataclass(frozen=True)
class Rule:
    """One pattern row: the finding type, the evidence profile, the slots."""

    type: str
    profile: str
    slots: tuple[Slot, ...]
    where: str

    @property
    def literals(self) -> frozenset[str]:
        """Words written in the pattern: tokens matching them are the cue, never evidence."""
        words = frozenset().union(*(s.words for s in self.slots))
        return words.union(*(w for s in self.slots for w in s.phrases))


def _lines(filename: str) -> list[tuple[int, list[str]]]:
    path = wordlist(f"intents/{filename}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IntentListError(f"intent list {filename!r} is missing from the package") from None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append((number, [part.strip() for part in line.split("\t")]))
    return rows


def parse_pattern(pattern: str, where: str) -> tuple[Slot, ...]:
    """Parse the slot syntax of wordlists/INTENTS.md into `Slot`s."""
    slots: list[Slot] = []
    for item in pattern.split():
        if re.fullmatch(r"\*\d+", item):
            slots.append(Slot(gap=int(item[1:])))
            continue
        optional = item.endswith("?") and len(item) > 1
        item = item[:-1] if optional else item
        words: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        classes: list[str] = []
        entities: list[str] = []
        for alternative in item.split("|"):
            if not alternative:
                raise IntentListError(f"{where}: empty alternative in {item!r}")
            if alternative.startswith("@"):
                classes.append(alternative[1:])
            elif alternative.startswith("%"):
                label = alternative[1:]
                if label not in ENTITY_LABELS:
                    raise IntentListError(f"{where}: unknown entity label {label!r}")
                entities.append(label)
            elif "_" in alternative:
                phrases.add(phrase_tokens(alternative.replace("_", " ")))
            else:
                words.add(fold(alternative))
        slots.append(
            Slot(frozenset(words), tuple(classes), tuple(entities), optional, 0, frozenset(phrases))
        )
    if not any(s.words or s.classes or s.entities or s.phrases for s in slots):
        raise IntentListError(f"{where}: pattern has no word")
    return tuple(slots)


@cache
def load_rules(list_name: str, language: str) -> tuple[Rule, ...]:
    """The rows of `<list_name>_<language>.tsv`."""
    filename = f"{list_name}_{language}.tsv"
    rules = []
    for number, parts in _lines(filename):
        where = f"{filename}:{number}"
        if len(parts) != 3:
            raise IntentListError(f"{where}: expected TYPE<TAB>PROFILE<TAB>PATTERN")
        rules.append(Rule(parts[0], parts[1], parse_pattern(parts[2], where), where))
    return tuple(rules)


@dataclass(frozen=True)
class Lexicon:
    """Word classes of one language: single words (base forms) and multi-word phrases."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]


@cache
def load_lexicon(language: str) -> Lexicon:
    words: dict[str, set[str]] = {}
    phrases: dict[str, set[tuple[str, ...]]] = {}
    for number, parts in _lines(f"lexicon_{language}.tsv"):
        if len(parts) != 2:
            raise IntentListError(f"lexicon_{language}.tsv:{number}: expected CLASS<TAB>entries")
        name, entries = parts
        for entry in entries.split("|"):
            tokens = phrase_tokens(entry)
            if len(tokens) == 1:
                words.setdefault(name, set()).add(tokens[0])
            elif tokens:
                phrases.setdefault(name, set()).add(tokens)
    return Lexicon(
        {k: frozenset(v) for k, v in words.items()},
        {k: tuple(sorted(v)) for k, v in phrases.items()},
    )


def is_noise_entity(ent: Span) -> bool:
    """Entities the small models invent on production paperwork, which must not count as a
    real person or institution: a field label ("Inspiration :", "Passeport :" - the French
    model calls these ORG or PER) and a single code mixing letters and digits ("E8039T267")."""
    if len(ent) != 1:
        return False
    text = ent.text
    if any(c.isdigit() for c in text) and any(c.isalpha() for c in text):
        return True
    after = ent.doc.text[ent.end_char : ent.end_char + 3].lstrip(" \u00a0\u202f")
    return after.startswith(":") and is_ordinary_word(text)
