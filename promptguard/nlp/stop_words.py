"""spaCy's stop words for a language, without importing spaCy's language package.

`from spacy.lang.fr.stop_words import STOP_WORDS` runs `spacy/lang/fr/__init__.py` first,
which builds the French tokenizer exceptions: about 2 s of regex compilation in a process
that only wanted a word list (a cold `promptguard check` of an English prompt spent two
thirds of its time there). The list is a plain module beside it; it is read on its own.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from pathlib import Path


@cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's STOP_WORDS for `language` ("en", "fr")."""
    spec = importlib.util.find_spec("spacy")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / "lang" / language / "stop_words.py"
        if not path.is_file():
            continue
        module_spec = importlib.util.spec_from_file_location(
            f"_promptguard_stop_words_{language}", path
        )
        if module_spec is None or module_spec.loader is None:
            continue
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        return frozenset(module.STOP_WORDS)
    # spaCy laid out otherwise: the plain import, with the fast tokenizer-pattern compiler
    from promptguard.nlp.fast_regex import faster_regex_compilation

    with faster_regex_compilation():
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    return frozenset(module.STOP_WORDS)


__all__ = ["stop_words"]
