"""Which analyzers exist, by id, and how to build the enabled ones.

Analyzers are imported lazily by dotted path so that a cold `check` only pays for the
modules it runs, and so that adding an analyzer is one line here and one file beside it.
"""

from __future__ import annotations

import importlib

from promptguard.analyzers.base import Analyzer
from promptguard.config.load import Config
from promptguard.nlp import boot

#: analyzer id -> "module:Class". Each class takes the `Config` as its only argument.
ANALYZERS: dict[str, str] = {
    "personal_data": "promptguard.analyzers.personal_data.analyzer:PersonalDataAnalyzer",
    "public_figures": "promptguard.analyzers.names.public_figures:PublicFigureAnalyzer",
    "copyrighted_works": "promptguard.analyzers.names.copyrighted_works:CopyrightedWorkAnalyzer",
    "talent_likeness": "promptguard.analyzers.intents.talent_likeness:TalentLikenessAnalyzer",
    "misleading_content": (
        "promptguard.analyzers.intents.misleading_content:MisleadingContentAnalyzer"
    ),
    "unowned_training": "promptguard.analyzers.intents.unowned_training:UnownedTrainingAnalyzer",
    "script_match": "promptguard.analyzers.scripts.script_match:ScriptMatchAnalyzer",
    "screenplay_format": "promptguard.analyzers.scripts.screenplay_format:ScreenplayFormatAnalyzer",
    "confidential": "promptguard.analyzers.confidential:ConfidentialAnalyzer",
}


def build_analyzers(config: Config, only: list[str] | None = None) -> list[Analyzer]:
    """Instantiate every enabled analyzer (or just `only`), in registry order."""
    wanted = only if only is not None else list(ANALYZERS)
    unknown = [name for name in wanted if name not in ANALYZERS]
    if unknown:
        raise ValueError(
            f"unknown analyzer(s): {', '.join(unknown)}; known: {', '.join(ANALYZERS)}"
        )
    boot()  # before any analyzer imports spaCy or Presidio
    analyzers: list[Analyzer] = []
    for name in wanted:
        if name in config.disabled_analyzers:
            continue
        module_name, class_name = ANALYZERS[name].split(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        analyzers.append(cls(config))
    return analyzers
