"""Shared machinery for the intent analyzers (talent likeness, misleading content, training).

An intent is a *cue* (a phrase such as "clone ... voice", "archival footage", "train a LoRA on")
plus *evidence* near it that the target is a real person or someone else's material: a person
name, a role word ("the actress", "the senator"), a real outlet ("CNN"), "real"/"authentic", a
dated event. Cue without evidence is not a finding: "age the wallpaper", "a news ticker for our
fictional channel" and "clone the repository" are everyday production talk.

Both halves are data: phrase lists in `wordlists/intents/<analyzer>_<lang>.tsv` and word classes
in `wordlists/intents/lexicon_<lang>.tsv` (format in wordlists/INTENTS.md). The lists compile to
spaCy `Matcher` patterns over lemmas. Small models lemmatize badly at the start of a sentence
("Cloned" as a proper noun) and users drop accents, so matching runs on a light *key doc*: one
token per word, hyphenated compounds joined ("de-aged"), lemma folded to lowercase without accents
and mapped back to the list's base form when the model's lemma missed it.

Every phrase also feeds a keyword automaton used by `wants_nlp`, so a prompt without any trigger
word costs a few microseconds and never reaches spaCy.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, ClassVar

import ahocorasick

from promptguard.analyzers.base import Analyzer
from promptguard.analyzers.names.lexicon import common_words
from promptguard.analyzers.names.prepass import is_ordinary_word
from promptguard.analyzers.resources import wordlist
from promptguard.config.load import Config
from promptguard.errors import IntentListError
from promptguard.findings import Finding
from promptguard.nlp.models import ENTS_ONLY, ScanText, add_vocabulary_source

if TYPE_CHECKING:
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

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


# --------------------------------------------------------------------------- key documents


@dataclass
class KeyToken:
    """A word of the scanned text as the matcher sees it, with its place in the original."""

    surface: str
    key: str
    pos: str
    start: int
    end: int
    text: str
    entity: str = ""
    surface_key: str = ""
    classes: set[str] = field(default_factory=set)


@dataclass
class KeyDoc:
    """The scanned text as matchable keys, plus entities and word classes per token."""

    tokens: list[KeyToken]
    doc: Doc
    clause: list[int]
    #: (label, start, end) in key-token indices; labels as spaCy gives them.
    entities: list[tuple[str, int, int]]
    #: class -> (start, end) spans of multi-word class phrases.
    phrase_spans: dict[str, list[tuple[int, int]]]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.tokens[start].start, self.tokens[end - 1].end


@dataclass(frozen=True, eq=False)
class KeyTables:
    """What building key docs and matching need for one language, built on first use: the
    list words and the forms that map back to them, the spaCy vocabulary shared by the
    three Matchers and the key docs, and the phrase matcher of multi-word classes."""

    bases: frozenset[str]
    form_map: dict[str, str]
    class_forms: dict[str, frozenset[str]]
    vocab: Vocab
    phrase_matcher: PhraseMatcher

    def key_of(self, surface: str, lemma: str) -> str:
        """The list word a token stands for, trusting the tagger's lemma first."""
        if lemma in self.bases:
            return lemma
        if surface in self.bases:
            return surface
        return self.form_map.get(surface) or self.form_map.get(lemma) or lemma

    def surface_key_of(self, surface: str, lemma: str) -> str:
        """The list word a token stands for, trusting its written form first: "une" stays
        "une" where the lemma says "un", "volée" stays "volée" where it says "voler"."""
        if surface in self.bases:
            return surface
        return self.form_map.get(surface) or self.key_of(surface, lemma)


#: Guards every lazy build for matching (key tables, Matchers): once per process, and never
#: two at a time on one shared vocabulary. Reentrant: a Matcher build asks for the tables.
_MATCHING_LOCK = threading.RLock()


class LanguageResources:
    """Everything the three analyzers share for one language: lexicon, vocabulary, key docs.

    Only the lexicon is loaded up front (the pre-pass reads it); `KeyTables` wait for the
    first text that triggers a rule, which most prompts never do."""

    def __init__(self, language: str, lists: tuple[str, ...]) -> None:
        self.language = language
        self.lists = lists
        self.lexicon = load_lexicon(language)
        self._tables: KeyTables | None = None
        self._last: tuple[Doc, KeyDoc] | None = None
        self._lock = threading.Lock()

    @property
    def has_key_tables(self) -> bool:
        """Whether the matching side (vocabulary, word forms) has been built yet."""
        return self._tables is not None

    def key_tables(self) -> KeyTables:
        tables = self._tables
        if tables is None:
            with _MATCHING_LOCK:
                tables = self._tables
                if tables is None:
                    tables = self._tables = self._build_tables()
        return tables

    def _build_tables(self) -> KeyTables:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc
        from spacy.vocab import Vocab

        language = self.language
        bases: set[str] = set()
        for name in self.lists:
            for rule in load_rules(name, language):
                bases |= rule.literals
        for members in self.lexicon.words.values():
            bases |= members
        form_map: dict[str, str] = {}
        for base in sorted(bases, key=len, reverse=True):
            for form in inflections(base, language):
                if form not in bases:
                    form_map.setdefault(form, base)
        class_forms: dict[str, frozenset[str]] = {
            name: frozenset(f for w in members for f in inflections(w, language))
            for name, members in self.lexicon.words.items()
        }
        vocab = Vocab()
        phrase_matcher = PhraseMatcher(vocab, attr="ORTH")
        for name, entries in self.lexicon.phrases.items():
            phrase_matcher.add(name, [Doc(vocab, words=list(words)) for words in entries])
        return KeyTables(frozenset(bases), form_map, class_forms, vocab, phrase_matcher)

    @property
    def bases(self) -> frozenset[str]:
        return self.key_tables().bases

    @property
    def vocab(self) -> Vocab:
        return self.key_tables().vocab

    def key_doc(self, doc: Doc) -> KeyDoc:
        """The key doc of a spaCy doc; the last one is cached since three analyzers ask.

        The cached pair is only compared by identity, never read for another doc, so it
        may outlive the memory zone its words were made in (`nlp.transient_words`)."""
        last = self._last
        if last is not None and last[0] is doc:
            return last[1]
        built = self._build(doc)
        with self._lock:
            self._last = (doc, built)
        return built

    def _build(self, doc: Doc) -> KeyDoc:
        from spacy.tokens import Doc

        tables = self.key_tables()
        tokens: list[KeyToken] = []
        owner: list[int] = []  # spaCy token index -> key token index
        i, n = 0, len(doc)
        while i < n:
            token = doc[i]
            j = i
            # join "de - aged", "face - swap", "fine - tune": hyphen with no space either side
            while (
                j + 2 < n
                and doc[j + 1].text == "-"
                and not doc[j].whitespace_
                and not doc[j + 1].whitespace_
                and doc[j].text[-1:].isalnum()
                and doc[j + 2].text[:1].isalnum()
                and fold(doc[j + 2].text) not in _CLITICS
            ):
                j += 2
            parts = doc[i : j + 1]
            surface = fold(parts.text)
            if j == i:
                lemma = fold(token.lemma_) or surface
            else:
                lemma = fold("".join(t.text_with_ws for t in parts[:-1])) + fold(parts[-1].lemma_)
            if surface.isspace() or not surface:
                surface = lemma = "\n" if "\n" in parts.text else " "
            key = tables.key_of(surface, lemma)
            pos = parts[-1].pos_ or guess_pos(doc, i, j)
            tokens.append(
                KeyToken(surface, key, pos, parts.start_char, parts.end_char,
                         parts.text, next((t.ent_type_ for t in parts if t.ent_type_), ""),
                         tables.surface_key_of(surface, lemma))
            )  # fmt: skip
            owner.extend([len(tokens) - 1] * (j + 1 - i))
            i = j + 1

        entities: list[tuple[str, int, int]] = []
        for ent in doc.ents:
            if is_noise_entity(ent):
                continue
            start, end = owner[ent.start], owner[ent.end - 1] + 1
            if not entities or start >= entities[-1][2]:
                entities.append((ent.label_, start, end))
        taken = {k for _, s, e in entities for k in range(s, e)}
        for k, tok in enumerate(tokens):
            if k not in taken and _YEAR.match(tok.surface):
                entities.append(("DATE", k, k + 1))
        entities.sort(key=lambda e: e[1])
        iob = ["O"] * len(tokens)
        for label, start, end in entities:
            iob[start] = f"B-{label}"
            for k in range(start + 1, end):
                iob[k] = f"I-{label}"

        words = [t.surface for t in tokens]
        key_doc = Doc(
            tables.vocab,
            words=words,
            spaces=[True] * len(words),
            lemmas=[t.key for t in tokens],
            pos=[t.pos if t.pos else "X" for t in tokens],
            ents=iob,
        )
        for token, tok in zip(key_doc, tokens, strict=True):
            token.norm_ = tok.surface_key
        clause, current = [], 0
        for tok in tokens:
            if tok.surface in CLAUSE_BREAKS or "\n" in tok.text:
                current += 1
            clause.append(current)

        lexicon_words = self.lexicon.words
        for tok in tokens:
            parts = tok.surface.split("-") if "-" in tok.surface else ()
            for name, members in lexicon_words.items():
                if (
                    tok.key in members
                    or tok.surface_key in members
                    or tok.surface in tables.class_forms[name]
                    or any(p in members for p in parts)
                ):
                    tok.classes.add(name)
        phrase_spans: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in tables.phrase_matcher(key_doc):
            name = tables.vocab.strings[match_id]
            phrase_spans.setdefault(name, []).append((start, end))
        return KeyDoc(tokens, key_doc, clause, entities, phrase_spans)


#: Words after which a capital letter says nothing about a name: sentence and line starts.
_SENTENCE_STARTS = frozenset([".", "!", "?", ":", ";", "…", '"', "“", "«", "(", "[", "-", "—", "–"])


def guess_pos(doc: Doc, start: int, end: int) -> str:
    """The two parts of speech the rules read, without running a tagger.

    Names and the intent cues are found without the tagger (which, with the lemmatizer,
    would cost as much again as the entity recognizer): "PROPN" is a capitalised word that
    does not open a sentence, or any word the entity recognizer put in an entity; "PRON" is
    a French object pronoun glued to its verb ("fais-la"). Everything else is "X"."""
    token = doc[start]
    text = doc[start : end + 1].text
    glued = start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
    if glued and text.lower() in _AMBIGUOUS_PRONOUNS:
        return "PRON"
    if not text[:1].isupper():
        return "X"
    if token.ent_type_ in _NAME_ENTITIES:
        return "PROPN"
    if start == 0 or text.lower() in common_words():
        return "X"  # "a Roman numeral", "the Moon": a tagger would say ADJ or NOUN
    before = doc[start - 1]
    if before.is_space or "\n" in before.whitespace_ or before.text in _SENTENCE_STARTS:
        return "X"
    return "PROPN"


#: Entity labels whose words are proper nouns (not "Roman" as NORP, nor dates).
_NAME_ENTITIES = frozenset(
    {"PERSON", "PER", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "MISC"}
)


_RESOURCES: dict[str, LanguageResources] = {}
# the key docs' vocabulary learns every word of the texts that trigger a rule
add_vocabulary_source(lambda: [r.vocab for r in list(_RESOURCES.values()) if r.has_key_tables])
_RESOURCES_LOCK = threading.Lock()
#: Every intent list, so that all analyzers of a language share one vocabulary and key doc.
INTENT_LISTS: tuple[str, ...] = ("talent_likeness", "misleading_content", "unowned_training")


def resources_for(language: str) -> LanguageResources:
    found = _RESOURCES.get(language)
    if found is None:
        with _RESOURCES_LOCK:
            found = _RESOURCES.get(language)
            if found is None:
                found = _RESOURCES[language] = LanguageResources(language, INTENT_LISTS)
    return found


# --------------------------------------------------------------------------- matching


def _compile(rule: Rule, resources: LanguageResources, attr: str) -> list[list[dict]]:
    """spaCy Matcher patterns for one rule, word slots matched on `attr`.

    A slot may hold single words, phrases and entity labels: each becomes its own variant,
    so a rule compiles to the product of its slots' variants (a handful in practice)."""
    lexicon = resources.lexicon
    variants: list[list[dict]] = [[]]
    for slot in rule.slots:
        if slot.gap:
            gap = {"LEMMA": {"NOT_IN": sorted(CLAUSE_BREAKS)}, "OP": f"{{0,{slot.gap}}}"}
            variants = [v + [gap] for v in variants]
            continue
        options: list[list[dict]] = []
        words = set(slot.words)
        for name in slot.classes:  # every class is known: `CompiledList` checked
            words |= lexicon.words.get(name, frozenset())
        # an inflected form that is itself a list word keys as itself ("entraîné" is listed,
        # so "Entraîne" keys as "entraine", not "entrainer"): accept those forms too
        forms = {f for w in words for f in inflections(w, resources.language)}
        words |= forms & resources.bases
        one = "?" if slot.optional else None
        if words:
            spec: dict = {attr: {"IN": sorted(words)}}
            options.append([{**spec, "OP": one} if one else spec])
        for phrase in sorted(slot.phrases):
            options.append([{attr: word} for word in phrase])
        labels = sorted({x for e in slot.entities for x in ENTITY_LABELS[e]})
        many = "*" if slot.optional else "+"
        if labels:
            options.append([{"ENT_TYPE": {"IN": labels}, "OP": many}])
        if "PERSON" in slot.entities:  # a name the small NER models missed
            options.append([{"POS": "PROPN", "OP": many}])
        if slot.optional and slot.phrases:
            options.append([])
        variants = [v + o for v in variants for o in options]
    return variants


def _slot_forms(slot: Slot, resources: LanguageResources) -> set[str]:
    """Surface forms (folded) a required word slot can take in the text."""
    words = set(slot.words)
    phrases = set(slot.phrases)
    for name in slot.classes:
        words |= resources.lexicon.words.get(name, frozenset())
        phrases |= set(resources.lexicon.phrases.get(name, ()))
    forms: set[str] = set()
    for word in words:
        forms |= inflections(word, resources.language)
    for phrase in phrases:
        head = " ".join(phrase[:-1]).replace("' ", "'") + " "
        forms |= {
            (head + last).replace("' ", "'") for last in inflections(phrase[-1], resources.language)
        }
    return forms


class CompiledList:
    """One analyzer's rules for one language: the trigger automaton, and the Matcher.

    The automaton (with the masks it fills) is all the pre-pass needs and is built at once.
    The Matcher, which costs several times as much, waits for the first text that triggers
    a rule: most prompts trigger none, and a cold `promptguard check` of one then never
    builds it."""

    #: Bit of the pseudo-slot "some evidence the rule's profile accepts is in the text".
    EVIDENCE_BIT = 62

    def __init__(
        self,
        list_name: str,
        language: str,
        evidence: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """`evidence`: profile -> the word classes that alone can make a cue of that profile
        a finding; a rule of such a profile triggers only when one of them is in the text."""
        self.list_name = list_name
        self.resources = resources_for(language)
        self.rules = load_rules(list_name, language)
        self._matchers: dict[int, Matcher] = {}
        lexicon = self.resources.lexicon
        # wants_nlp: a rule can only match when every one of its required word slots has a
        # form in the text, so the automaton maps each form to the (rule, slot) pairs it fills.
        slots_of_form: dict[str, set[tuple[int, int]]] = {}
        self.required: list[frozenset[int]] = []
        self.needs: list[tuple[bool, bool]] = []  # (needs a digit, needs a capital)
        for index, rule in enumerate(self.rules):
            # a list naming an unknown class fails here, as it did when the Matcher was built
            # up front, not on the first text that triggers
            for slot in rule.slots:
                for name in slot.classes:
                    if name not in lexicon.words and name not in lexicon.phrases:
                        raise IntentListError(f"{rule.where}: unknown class @{name}")
            required = set()
            for position, slot in enumerate(rule.slots):
                if slot.gap or slot.optional or not (slot.words or slot.classes or slot.phrases):
                    continue
                if slot.entities:
                    continue  # "%PERSON|@PERFORMER" can be a name: not checkable cheaply
                required.add(position)
                for form in _slot_forms(slot, self.resources):
                    slots_of_form.setdefault(form, set()).add((index, position))
            if not required:
                raise IntentListError(f"{rule.where}: needs one required word slot")
            classes = (evidence or {}).get(rule.profile)
            if classes:
                required.add(self.EVIDENCE_BIT)
                for form in _slot_forms(Slot(classes=classes), self.resources):
                    slots_of_form.setdefault(form, set()).add((index, self.EVIDENCE_BIT))
            self.required.append(frozenset(required))
            # a required slot that only an entity fills still says something cheap to check:
            # a date or number needs a digit, a name needs a capital letter
            entity_only = [
                set(slot.entities)
                for slot in rule.slots
                if slot.entities
                and not (slot.words or slot.classes or slot.phrases)
                and not slot.optional
            ]
            self.needs.append(
                (any(e <= _NUMERIC for e in entity_only), any(e <= _NAMED for e in entity_only))
            )
        automaton = ahocorasick.Automaton()
        for form, pairs in slots_of_form.items():
            bits = tuple((rule, 1 << position) for rule, position in sorted(pairs))
            automaton.add_word(form, (len(form), bits))
        automaton.make_automaton()
        self.automaton = automaton
        self.required_masks = [sum(1 << p for p in slots) for slots in self.required]

    @property
    def has_matcher(self) -> bool:
        """Whether some rule's Matcher has been built (only once a text triggered it)."""
        return bool(self._matchers)

    @property
    def built_rules(self) -> frozenset[int]:
        """The rules whose Matcher has been built."""
        return frozenset(self._matchers)

    def matcher(self, rule: int) -> Matcher:
        """The spaCy Matcher of one rule (its patterns on lemma keys and on surface keys),
        built the first time a text triggers that rule."""
        found = self._matchers.get(rule)
        if found is None:
            with _MATCHING_LOCK:
                found = self._matchers.get(rule)
                if found is None:
                    found = self._matchers[rule] = self._build_matcher(rule)
        return found

    def _build_matcher(self, rule: int) -> Matcher:
        from spacy.matcher import Matcher

        resources = self.resources
        matcher = Matcher(resources.vocab)
        patterns = [
            *_compile(self.rules[rule], resources, "LEMMA"),
            *_compile(self.rules[rule], resources, "NORM"),
        ]
        matcher.add(f"{self.list_name}:{rule}", patterns)
        return matcher

    def triggered(self, content: str) -> bool:
        """True when some rule has all its required words in the text: the cheap pre-pass."""
        return next(self._completed(content), None) is not None

    def triggered_rules(self, content: str) -> list[int]:
        """The rules that have all their required words in the text: no other rule can
        match it, so only these rules' Matchers run."""
        return sorted(set(self._completed(content)))

    def _completed(self, content: str) -> Iterator[int]:
        """Rules, as the automaton completes their required words (a rule may repeat)."""
        text = fold_cached(content)
        filled: dict[int, int] = {}
        required = self.required_masks
        needs = self.needs
        digit = upper = None
        for end, (length, pairs) in self.automaton.iter(text):
            start = end - length + 1
            if (start > 0 and text[start - 1].isalnum()) or (
                end + 1 < len(text) and text[end + 1].isalnum()
            ):
                continue
            for rule, bit in pairs:
                mask = filled.get(rule, 0) | bit
                filled[rule] = mask
                if mask != required[rule]:
                    continue
                needs_digit, needs_capital = needs[rule]
                if needs_digit:
                    digit = any(c.isdigit() for c in content) if digit is None else digit
                    if not digit:
                        continue
                if needs_capital:
                    upper = content != content.lower() if upper is None else upper
                    if not upper:
                        continue
                yield rule

    def matches(self, key_doc: KeyDoc, rules: Iterable[int]) -> list[tuple[Rule, int, int]]:
        """Shortest match per rule and start token, for the given (triggered) rules."""
        best: dict[tuple[int, int], tuple[int, int, int]] = {}
        for rule in rules:
            for _, start, end in self.matcher(rule)(key_doc.doc):
                key = (rule, start)
                if key not in best or end < best[key][2]:
                    best[key] = (rule, start, end)
        ordered = sorted(best.values(), key=lambda m: (m[1], m[2], m[0]))
        return [(self.rules[rule], start, end) for rule, start, end in ordered]


# --------------------------------------------------------------------------- evidence

#: Evidence kinds from spaCy entities.
_ENTITY_KIND = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "WORK_OF_ART": "WORK",
                "MISC": "MISC", "NORP": "NORP", "GPE": "PLACE", "LOC": "PLACE"}  # fmt: skip


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
        if kind:
            clues.append(Clue(kind, s, e, subject))
        if kind != "PERSON" and _looks_like_name(words):
            # small models often tag a person's name ORG, GPE or FAC: keep it as a plain name
            clues.append(Clue("NAME", s, e, subject))
    for k in range(lo, hi):
        tok = tokens[k]
        if k in cue:
            continue
        for name in tok.classes:
            if name not in CLUE_CLASSES:
                continue
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
            and k > 0
            and tokens[k - 1].surface not in CLAUSE_BREAKS
        ):
            clues.append(Clue("PROPN", k, k + 1, tok.text))
    for name in CLUE_CLASSES:
        for s, e in key_doc.phrase_spans.get(name, ()):
            if lo <= s < hi and not all(k in cue for k in range(s, e)):
                subject = " ".join(tokens[k].text for k in range(s, e))
                clues.append(Clue(name, s, e, subject if name in ("OUTLET", "INSTITUTION") else ""))
    return sorted(set(clues), key=lambda c: (c.start, c.end, c.kind))


#: Lowercase particles inside names: "de Gaulle", "van Gogh", "da Vinci".
_NAME_PARTICLES = frozenset(
    ["de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "da", "di", "del", "dos"]
)


def _looks_like_name(words: list[KeyToken]) -> bool:
    """Proper nouns only (and name particles): a name the NER labelled as something else."""
    names = [t for t in words if t.key != "'s" and t.surface not in _NAME_PARTICLES]
    return bool(names) and all(t.pos == "PROPN" for t in names)


def _is_tool(tok: KeyToken) -> bool:
    return "TOOL" in tok.classes or "MODEL" in tok.classes


def fictional_near(clues: list[Clue], clue: Clue, before: int = 3, after: int = 2) -> bool:
    """True when a fiction marker sits right before the clue ("our fictional senator") or a
    character word right after it ("the president character")."""
    return any(
        (c.kind == "FICTION" and clue.start - before <= c.start < clue.start)
        or (c.kind == "CHARACTER" and clue.end <= c.start < clue.end + after)
        for c in clues
    )


# --------------------------------------------------------------------------- analyzer base


@dataclass(frozen=True)
class Verdict:
    """What a `judge` decided: the finding type, how sure, and the clue that settled it."""

    type: str
    score: float
    clue: Clue | None = None


class IntentAnalyzer(Analyzer):
    """An analyzer driven by one intent list: cues from the list, evidence judged per profile."""

    needs_nlp = True
    #: Entities only: parts of speech are guessed (`guess_pos`) and inflections come from the
    #: lists (`inflections`), so the tagger and lemmatizer never run.
    nlp_needs: ClassVar[frozenset[str]] = ENTS_ONLY
    #: The list stem under wordlists/intents/ and the finding category.
    list_name: ClassVar[str]
    category: ClassVar[str]
    #: Finding type -> one sentence for a non-lawyer.
    messages: ClassVar[dict[str, str]]
    #: On overlapping findings of equal score, the more specific type wins (first listed).
    type_priority: ClassVar[tuple[str, ...]] = ()
    #: Tokens before / after the cue searched for evidence (within the clause).
    #: Profile -> word classes without which a cue of that profile is never a finding (the
    #: pre-pass then skips texts without one); only for profiles no name or entity can satisfy.
    prepass_evidence: ClassVar[dict[str, tuple[str, ...]]] = {}
    window_before: ClassVar[int] = 6
    window_after: ClassVar[int] = 10

    _compiled: ClassVar[dict[tuple[str, str], CompiledList]] = {}
    _compile_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, config: Config) -> None:
        self.config = config

    def compiled(self, language: str) -> CompiledList | None:
        if language not in LANGUAGES:
            return None
        key = (self.list_name, language)
        found = self._compiled.get(key)
        if found is None:
            with self._compile_lock:
                found = self._compiled.get(key)
                if found is None:
                    found = self._compiled[key] = CompiledList(
                        self.list_name, language, self.prepass_evidence
                    )
        return found

    def warm(self, language: str) -> None:
        """The Matcher too, which ordinary prompts never build (a service warms it once)."""
        compiled = self.compiled(language)
        if compiled is not None:
            for rule in range(len(compiled.rules)):
                compiled.matcher(rule)

    def wants_nlp(self, text: ScanText) -> bool:
        compiled = self.compiled(text.language)
        return compiled is not None and compiled.triggered(text.content)

    def analyze(self, text: ScanText) -> list[Finding]:
        if not self.needs_parse(text):
            return []
        compiled = self.compiled(text.language)
        assert compiled is not None
        key_doc = compiled.resources.key_doc(text.doc)
        findings: list[Finding] = []
        triggered = compiled.triggered_rules(text.content)
        for rule, start, end in compiled.matches(key_doc, triggered):
            context = self._context(key_doc, rule, start, end)
            if context is None:
                continue
            verdict = self.judge(context)
            if verdict is None:
                continue
            findings.append(self._finding(context, verdict))
        return _best_per_span(findings, self.type_priority)

    def _context(self, key_doc: KeyDoc, rule: Rule, start: int, end: int) -> Context | None:
        clause = key_doc.clause
        lo, hi = (
            max(0, start - self.window_before),
            min(len(key_doc.tokens), end + self.window_after),
        )
        while clause[lo] != clause[start]:
            lo += 1
        while clause[hi - 1] != clause[end - 1]:
            hi -= 1
        clues = collect_clues(key_doc, rule, start, end, lo, hi)
        if any(c.kind == "DEFENSE" for c in clues):
            return None
        return Context(rule, key_doc, start, end, lo, hi, clues)

    def judge(self, context: Context) -> Verdict | None:
        """Decide whether the cue is about real people/material; None when it is not."""
        raise NotImplementedError

    def message(self, finding_type: str) -> str:
        return self.messages.get(finding_type, self.messages["default"])

    def _finding(self, context: Context, verdict: Verdict) -> Finding:
        start, end = context.start, context.end
        subject = ""
        if verdict.clue is not None:
            start, end = min(start, verdict.clue.start), max(end, verdict.clue.end)
            subject = verdict.clue.subject
        char_start, char_end = context.key_doc.char_span(start, end)
        return Finding(
            category=self.category,
            type=verdict.type,
            start=char_start,
            end=char_end,
            score=verdict.score,
            subject=subject,
            message=self.message(verdict.type),
            analyzer=self.name,
            extra={"rule": context.rule.where},
        )


def _best_per_span(findings: list[Finding], priority: tuple[str, ...] = ()) -> list[Finding]:
    """Overlapping findings of one analyzer collapse to the best one: score, then the more
    specific type (earlier in `priority`), then length."""
    rank = {t: i for i, t in enumerate(priority)}
    ranked = sorted(
        findings, key=lambda f: (-f.score, rank.get(f.type, len(rank)), -f.length, f.start)
    )
    kept: list[Finding] = []
    for candidate in ranked:
        if not any(candidate.overlaps(k) for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: (f.start, f.end))
