"""Analyzers: one file each, all behind `promptguard.analyzers.base.Analyzer`."""

from promptguard.lean_imports import prepare_spacy_import

# Whichever analyzer imports spaCy first, it must not pay for spaCy's command line.
prepare_spacy_import()
