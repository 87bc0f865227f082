"""Shared NLP state: the spaCy models, loaded lazily, and the text under scan.

Loading a spaCy model is the single most expensive step of a cold start, so models are
loaded on first use only, once per process, with the pipeline components promptguard never
reads (the dependency parser) left out. Model package names are configurable so a studio can
plug in a larger model.

Parsing is the most expensive step of a warm scan, so each text runs only the components
its analyzers read (`FEATURES`): names need the entity recognizer alone (in the small
models it has its own embedding layer), which is about twice as fast as the whole pipeline;
the tagger / morphologizer, attribute ruler and lemmatizer run only for texts whose
analyzers read lemmas or parts of speech (the intent rules).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from promptguard._util import get_logger
from promptguard.config.defaults import DEFAULT_MODELS
from promptguard.errors import ModelLoadError
from promptguard.nlp.fast_regex import faster_regex_compilation
from promptguard.nlp.language import detect_language
from promptguard.nlp.lean_imports import import_spacy
from promptguard.nlp.startup import long_lived

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


#: Components never used by promptguard; leaving them out makes parsing ~2x faster.
EXCLUDED_COMPONENTS: tuple[str, ...] = ("parser", "senter")

#: What an analyzer may read from a Doc: "ents" (`doc.ents`, `token.ent_type_`), "lemmas"
#: (`token.lemma_`), "pos" (`token.pos_`, `token.tag_`, `token.morph`).
FEATURES: frozenset[str] = frozenset({"ents", "lemmas", "pos"})
ENTS_ONLY: frozenset[str] = frozenset({"ents"})
#: Components that produce lemmas and parts of speech (English: tagger + attribute ruler +
#: rule lemmatizer; French: morphologizer + attribute ruler + rule lemmatizer), and the
#: shared embedding layer they listen to.
_MORPHOLOGY_COMPONENTS = frozenset(
    {"tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer", "trainable_lemmatizer"}
)
#: Shared embedding layers: kept at load time in case the entity recognizer listens to them.
_EMBEDDINGS = frozenset({"tok2vec", "transformer"})


log = get_logger(__name__)


class NlpModels:
    """Lazily loaded spaCy pipelines, one per language.

    `features` says what the parses must hold (see `FEATURES`). With entities only (what
    the built-in analyzers read), the tagger, attribute ruler and lemmatizer are not even
    loaded: the French lemmatizer's lookup tables alone are ~130 MB and ~0.5 s to load."""

    def __init__(
        self,
        models: dict[str, str] | None = None,
        batch_size: int = 64,
        features: frozenset[str] = FEATURES,
    ) -> None:
        self.model_names = {**DEFAULT_MODELS, **(models or {})}
        self.batch_size = batch_size
        self.features = frozenset(features)
        self._loaded: dict[str, Language] = {}
        self._lock = threading.Lock()

    def get(self, language: str) -> Language:
        pipeline = self._loaded.get(language)
        if pipeline is not None:
            return pipeline
        with self._lock:
            if language not in self._loaded:
                self._loaded[language] = self._load(language)
        return self._loaded[language]

    def _load(self, language: str) -> Language:
        name = self.model_names.get(language)
        if not name:
            raise ModelLoadError(f"no spaCy model configured for language {language!r}")
        try:
            spacy = import_spacy()
            excluded = list(EXCLUDED_COMPONENTS)
            if self.features <= ENTS_ONLY:
                excluded += sorted(_MORPHOLOGY_COMPONENTS - _EMBEDDINGS)
            started = time.perf_counter()
            with faster_regex_compilation(), long_lived():
                pipeline = spacy.load(name, exclude=excluded)
            log.debug(
                "loaded spaCy model %s for %s in %.2f s",
                name,
                language,
                time.perf_counter() - started,
            )
            if self.features <= ENTS_ONLY:
                wanted = {"ner", *_listened_embeddings(pipeline, "ner")}
                for component in [c for c in pipeline.pipe_names if c not in wanted]:
                    pipeline.remove_pipe(component)  # an embedding layer nothing listens to
            return pipeline
        except (OSError, ImportError, ValueError) as error:
            raise ModelLoadError(
                f"cannot load spaCy model {name!r} for {language!r}: {error}".splitlines()[0]
            ) from error

    def loaded_languages(self) -> list[str]:
        return sorted(self._loaded)

    def loaded_pipelines(self) -> list[Language]:
        return list(self._loaded.values())

    def disabled_for(self, language: str, features: frozenset[str]) -> list[str]:
        """The loaded components a parse for `features` can skip."""
        if not features <= self.features:
            missing = ", ".join(sorted(features - self.features))
            raise ModelLoadError(f"the {language!r} model was loaded without {missing}")
        pipeline = self.get(language)
        if features - ENTS_ONLY:
            return []
        wanted = {"ner", *_listened_embeddings(pipeline, "ner")}
        return [name for name in pipeline.pipe_names if name not in wanted]

    def parse(self, text: str, language: str, features: frozenset[str] | None = None) -> Doc:
        """One text, running only the components `features` need (default: all loaded)."""
        features = self.features if features is None else features
        pipeline = self.get(language)
        disabled = self.disabled_for(language, features)
        if not disabled:
            return pipeline(text)
        with pipeline.select_pipes(disable=disabled):
            return pipeline(text)

    def parse_many(self, texts: Iterable[ScanText], features: frozenset[str] | None = None) -> None:
        """Fill in `.doc` for many texts at once, batched per language with `nlp.pipe`,
        running only the components `features` need (default: all loaded)."""
        features = self.features if features is None else features
        by_language: dict[str, list[ScanText]] = {}
        for text in texts:
            if text._doc is None:
                by_language.setdefault(text.language, []).append(text)
        for language, group in by_language.items():
            pipeline = self.get(language)
            docs = pipeline.pipe(
                (t.content for t in group),
                batch_size=self.batch_size,
                disable=self.disabled_for(language, features),
            )
            for text, doc in zip(group, docs, strict=True):
                text._doc = doc
                text.features = features


_blank_lock = threading.Lock()
_blanks: dict[str, Language] = {}

#: Functions listing the other long-lived spaCy vocabularies (the intent rules keep their
#: own), so that `transient_words` covers them too.
_vocabulary_sources: list[Callable[[], Iterable[Vocab]]] = []


def add_vocabulary_source(source: Callable[[], Iterable[Vocab]]) -> None:
    _vocabulary_sources.append(source)


@contextmanager
def transient_words(models: NlpModels) -> Iterator[None]:
    """At the end of the block, forget every word spaCy first met inside it.

    spaCy keeps each new word of every text in its shared vocabulary for the life of the
    process, so a service that checks distinct prompts (names, numbers, e-mails) grows for
    ever: about 4 MB per 1,000 prompts. spaCy 3.8's memory zones free those entries. Docs
    made inside the block must not be read after it; promptguard keeps offsets, not Docs.
    A pipeline that loads inside the block is simply not covered that once."""
    vocabularies: dict[int, Language | Vocab] = {}
    for pipeline in (*models.loaded_pipelines(), *_blanks.values()):
        vocabularies.setdefault(id(pipeline.vocab), pipeline)
    for source in _vocabulary_sources:
        for vocab in source():
            vocabularies.setdefault(id(vocab), vocab)
    with ExitStack() as stack:
        for owner in vocabularies.values():
            vocab = getattr(owner, "vocab", owner)
            if not vocab.in_memory_zone:  # zones do not nest
                stack.enter_context(owner.memory_zone())
        yield


def blank(language: str) -> Language:
    """A tokenizer-only spaCy pipeline for `language` (cached per process): enough for
    pattern recognizers and their context words, at a fraction of a model's cost."""
    pipeline = _blanks.get(language)
    if pipeline is None:
        with _blank_lock:
            pipeline = _blanks.get(language)
            if pipeline is None:
                spacy = import_spacy()
                with faster_regex_compilation(), long_lived():
                    pipeline = _blanks[language] = spacy.blank(language)
    return pipeline


def _listened_embeddings(pipeline: Language, component: str) -> list[str]:
    """The shared tok2vec components `component` listens to (none in the small models,
    whose NER embeds tokens itself)."""
    try:
        model = pipeline.get_pipe(component).model
    except (KeyError, AttributeError):
        return []
    listening = []
    for node in model.walk():
        upstream = getattr(node, "upstream_name", None)
        if upstream and upstream in pipeline.pipe_names:
            listening.append(upstream)
    return listening


@dataclass
class ScanText:
    """One text to scan, with its language and (lazily) its spaCy parse."""

    content: str
    models: NlpModels
    language: str = ""
    _doc: Doc | None = field(default=None, repr=False)
    #: What the parse in `_doc` holds (see `FEATURES`; None: all its models load); the
    #: scanner parses for the union of what the analyzers that want this text read.
    features: frozenset[str] | None = field(default=None, repr=False)
    #: Each analyzer's pre-pass answer for this text (see `Analyzer.needs_parse`).
    prepass: dict[object, bool] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.language:
            self.language = detect_language(self.content)

    @property
    def doc(self) -> Doc:
        if self._doc is None:
            self._doc = self.models.parse(self.content, self.language, self.features)
        return self._doc

    @property
    def has_doc(self) -> bool:
        return self._doc is not None


def iter_chunks(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of at most `size` items; streaming-friendly batching."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
