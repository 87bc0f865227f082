"""The personal-data PERSON spans a user sees for an English text: shared by the tests of
the person rules (social text, phrases, default against full mode)."""

from __future__ import annotations

import promptguard
from promptguard.config.load import Config


def persons(text: str, mode: str = "default") -> set[str]:
    return {
        text[f.start : f.end]
        for f in promptguard.scan(text, language="en", config=Config(mode=mode))
        if f.category == "personal_data" and f.type == "PERSON"
    }
