"""The NLP layer: spaCy models (models), language detection (language) and start-up.

Start-up is explicit: `boot()` registers the lean spaCy import and makes tldextract offline
before spaCy or Presidio is imported; `boot(presidio=True)` also imports Presidio, lean and
offline. Nothing in this package does that work merely by being imported. `lean_imports`,
`fast_regex`, `offline` and `startup` are the start-up helpers `boot` and the model loader use.
"""

from __future__ import annotations


def boot(presidio: bool = False) -> None:
    """Prepare the process before spaCy (and, with `presidio`, Presidio) is imported: cheap
    and idempotent, safe from any thread. Called by the analyzer registry before it imports
    an analyzer, and by the personal-data package before it imports Presidio."""
    from promptguard.nlp.lean_imports import import_presidio, prepare_spacy_import
    from promptguard.nlp.offline import ensure_offline

    ensure_offline()
    prepare_spacy_import()
    if presidio:
        import_presidio()
