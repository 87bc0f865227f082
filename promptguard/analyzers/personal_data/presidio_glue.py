"""Presidio's view of promptguard's spaCy parse: the NLP engine, artifacts and context enhancer
the personal-data analyzer hands to Presidio so that the text is parsed once, by promptguard.

Not a recognizer; split from `analyzer` to keep each module readable.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from promptguard.nlp.models import blank

if TYPE_CHECKING:
    from spacy.tokens import Doc

LANGUAGES: tuple[str, ...] = ("en", "fr")
#: spaCy labels that mean "a person" (English OntoNotes, French WikiNER).
_PERSON_LABELS = frozenset({"PERSON", "PER"})


class _UpdatableResults(list):
    """A result list whose deep copy is itself (see `InPlaceContextEnhancer`)."""

    def __deepcopy__(self, memo: dict) -> _UpdatableResults:
        return self


class InPlaceContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer (same words, same scores) without its defensive deep copy.

    `AnalyzerEngine.analyze` builds a fresh result list for each text and never reads it
    again after the enhancer, so copying every result and its explanation first (a third
    of Presidio's time on a crew list) protects nothing here."""

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # noqa: ANN001, ANN201, D102
        return super().enhance_using_context(
            text, _UpdatableResults(raw_results), nlp_artifacts, recognizers, context
        )

    @staticmethod
    def _find_index_of_match_token(word, start, tokens, tokens_indices) -> int:  # noqa: ANN001
        """The first token ending after `start`, as Presidio's loop finds it, by bisection:
        the loop walked every token for every result (minutes on a 50 kB prompt)."""
        ends = _token_ends(tokens, tokens_indices)
        index = bisect_right(ends, start)
        if index >= len(ends):
            raise ValueError(f"Did not find word {word!r} in the list of tokens")
        return index


#: The token end offsets of the last text the enhancer read (its results share one doc).
_last_ends: tuple[object, list[int]] = (None, [])


def _token_ends(tokens, tokens_indices: list[int]) -> list[int]:  # noqa: ANN001
    global _last_ends
    owner, ends = _last_ends
    if owner is not tokens_indices:
        ends = [index + len(token) for index, token in zip(tokens_indices, tokens, strict=True)]
        _last_ends = (tokens_indices, ends)
    return ends


class DocNlpEngine(NlpEngine):
    """A Presidio NLP engine that never loads or runs a model.

    promptguard parses texts itself (`ScanText.doc`) and passes the result to Presidio as
    `NlpArtifacts`; this engine only answers the vocabulary questions Presidio's context
    enhancer asks (stop words, punctuation), from spaCy's tokenizer-only pipelines."""

    engine_name = "promptguard-doc"
    is_available = True

    def load(self) -> None:
        """Nothing to load: parsing happens in promptguard.nlp.models."""

    def is_loaded(self) -> bool:
        return True

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return LazyArtifacts(language, lambda: _tokenizer(language)(text), [])

    def process_batch(self, texts, language, batch_size=1, n_process=1, as_tuples=False):
        for item in texts:
            if as_tuples:
                text, context = item
                yield text, self.process_text(str(text), language), context
            else:
                yield item, self.process_text(str(item), language)

    def is_stopword(self, word: str, language: str) -> bool:
        return _tokenizer(language).vocab[word].is_stop

    def is_punct(self, word: str, language: str) -> bool:
        return _tokenizer(language).vocab[word].is_punct

    def get_supported_entities(self) -> list[str]:
        return ["PERSON"]

    def get_supported_languages(self) -> list[str]:
        return list(LANGUAGES)


def _tokenizer(language: str):  # noqa: ANN202 - a spaCy Language
    """A blank spaCy pipeline (tokenizer and lexical attributes only): cheap to load, and
    shared with the rest of promptguard (`nlp.blank` also speeds up the French one)."""
    return blank(language)


class _DocVocabulary:
    """The two questions `NlpArtifacts` asks its engine (stop word? punctuation?), answered
    from the vocabulary of the Doc itself. A model's vocabulary gives the same answers as a
    blank pipeline's (spaCy computes both from the language's defaults; a test compares
    them), so a text the model parsed never loads a blank tokenizer as well (~0.1 s)."""

    def __init__(self, vocab) -> None:  # noqa: ANN001 - a spaCy Vocab
        self.vocab = vocab

    def is_stopword(self, word: str, language: str) -> bool:
        return self.vocab[word].is_stop

    def is_punct(self, word: str, language: str) -> bool:
        return self.vocab[word].is_punct


class LazyArtifacts(NlpArtifacts):
    """Presidio's view of a text (what `SpacyNlpEngine` builds), computed as it is read.

    Only the context enhancer reads the tokens, lemmas and keywords, and only for a text in
    which a recognizer with context words found something; an ordinary prompt is then never
    tokenized at all. The Doc the other analyzers share is read, never changed."""

    def __init__(self, language: str, make_doc: Callable[[], Doc], entities: list) -> None:
        # NlpArtifacts.__init__ would compute every list now: set what it sets, lazily.
        self.entities = entities
        self.scores = [0.85] * len(entities)
        self.nlp_engine = None
        self._language = language
        self._make_doc = make_doc

    @cached_property
    def tokens(self) -> Doc:  # type: ignore[override]
        return self._make_doc()

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return [token.idx for token in self.tokens]

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        return [(token.lemma_ or token.lower_) for token in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        vocabulary = _DocVocabulary(self.tokens.vocab)
        return self.set_keywords(vocabulary, self.lemmas, self._language)


def person_entities(doc: Doc) -> list:
    """The Doc's people as Presidio expects them (label PERSON, French PER included)."""
    from spacy.tokens import Span

    return [
        Span(doc, ent.start, ent.end, label="PERSON")
        for ent in doc.ents
        if ent.label_ in _PERSON_LABELS
    ]
