"""Key documents: one light token per word, lemma folded, for matching intent rules robustly.

Small models lemmatize badly at the start of a sentence and users drop accents, so matching
runs on a key doc: hyphenated compounds joined, lemmas folded to lowercase without accents
and mapped back to the list's base form. `LanguageResources` holds, per language, the
vocabulary, tables and compiled lists the matching uses.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from promptguard.analyzers.names.given_names import person_shaped
from promptguard.analyzers.names.lexicon import common_words
from promptguard.nlp.models import add_vocabulary_source

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
from promptguard.analyzers.intents.lists import (
    _AMBIGUOUS_PRONOUNS,
    _CLITICS,
    _YEAR,
    CLAUSE_BREAKS,
    fold,
    inflections,
    is_noise_entity,
    load_lexicon,
    load_rules,
)

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
    #: Base form -> the classes listing it, and inflected form -> the classes: one lookup
    #: per token instead of a test per class.
    member_classes: dict[str, frozenset[str]]
    form_classes: dict[str, frozenset[str]]

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


def _invert(classes: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Class -> words, turned into word -> classes."""
    inverted: dict[str, set[str]] = {}
    for name, words in classes.items():
        for word in words:
            inverted.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in inverted.items()}


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
        return KeyTables(
            frozenset(bases),
            form_map,
            class_forms,
            vocab,
            phrase_matcher,
            _invert(self.lexicon.words),
            _invert(class_forms),
        )

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

        members, forms = tables.member_classes, tables.form_classes
        none: frozenset[str] = frozenset()
        for tok in tokens:
            found = members.get(tok.key, none) | members.get(tok.surface_key, none)
            found |= forms.get(tok.surface, none)
            if "-" in tok.surface:
                for part in tok.surface.split("-"):
                    found |= members.get(part, none)
            tok.classes.update(found)
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
    if start == 0:
        return "X"
    before = doc[start - 1]
    if before.is_space or "\n" in before.whitespace_ or before.text in _SENTENCE_STARTS:
        return "X"
    if text.lower() in common_words() and not _in_capitalised_pair(doc, start, end):
        return "X"  # "a Roman numeral", "the Moon": a tagger would say ADJ or NOUN
    return "PROPN"


def _in_capitalised_pair(doc: Doc, start: int, end: int) -> bool:
    """A given name and a surname inside a sentence, each also an ordinary word ("Heath
    Ledger", "Will Ford"), are a name: the pair, not the word, decides."""
    words = [t.text for t in doc[max(0, start - 1) : min(len(doc), end + 2)]]
    pairs = zip(words, words[1:], strict=False)
    return any(
        a[:1].isupper() and b[:1].isupper() and not a.isupper() and person_shaped([a, b])
        for a, b in pairs
    )


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
