"""Setting: what the sentence around a cue says about how the work is made.

A cue in ordinary words ("have Mia say the line", "add wrinkles", "young Liam", "archive
photos") is everyday production talk until the sentence asks for synthesis: AI, a clone, a
deepfake, or an alteration the person did not give ("without telling her", "lines she never
said"). The production's own process (ADR, make-up, casting, a session, a signed release) says a
person does it with consent; research and restoration verbs say real material is being looked
up, not made. The word classes are `SYNTH`, `MEDIA`, `CRAFT`, `RETRIEVE` and `CREATE` in
`wordlists/intents/lexicon_<lang>.tsv`.
"""

from __future__ import annotations

from promptguard.analyzers.intents.key_documents import KeyDoc

#: Tokens that end a sentence: the setting is read within one.
_SENTENCE_ENDS = frozenset([".", "!", "?", ";", "\n"])


def sentence_bounds(key_doc: KeyDoc, start: int, end: int) -> tuple[int, int]:
    """Token range of the sentence holding [start, end)."""
    tokens = key_doc.tokens
    lo = start
    while lo > 0 and not _ends(tokens[lo - 1].surface, tokens[lo - 1].text):
        lo -= 1
    hi = end
    while hi < len(tokens) and not _ends(tokens[hi].surface, tokens[hi].text):
        hi += 1
    return lo, hi


def _ends(surface: str, text: str) -> bool:
    return surface in _SENTENCE_ENDS or "\n" in text


def classes_in(key_doc: KeyDoc, lo: int, hi: int, skip: range = range(0)) -> set[str]:
    """Word classes of the tokens and class phrases in [lo, hi), leaving out `skip`."""
    found: set[str] = set()
    for k in range(lo, hi):
        if k not in skip:
            found |= key_doc.tokens[k].classes
    for name, spans in key_doc.phrase_spans.items():
        if any(lo <= s < hi and not (s in skip and e - 1 in skip) for s, e in spans):
            found.add(name)
    return found


def ordinary_production(key_doc: KeyDoc, start: int, end: int, need: str = "") -> bool:
    """A cue its sentence does not turn into synthesis: no synthesis word, and the
    production's own process around it (ADR, make-up, casting, a signed release...); for a
    cue in everyday words (`need="media"`), also no recording, image or scene to alter at
    all ("young Liam scored twice", "you sound like James"); for one that only synthesis
    makes an intent (`need="synthesis"`: "put the lead's face on the poster"), any
    sentence without a synthesis word."""
    lo, hi = sentence_bounds(key_doc, start, end)
    around = classes_in(key_doc, lo, hi)
    if "SYNTH" in around:
        return False
    if need == "synthesis" or "CRAFT" in around:
        return True
    return need == "media" and "MEDIA" not in around


def looked_up(key_doc: KeyDoc, start: int, end: int) -> bool:
    """Real material researched, licensed or restored ("research archive photos of 1950s
    Marseille", "restore the licensed reels"), with nothing in the sentence made or faked."""
    lo, hi = sentence_bounds(key_doc, start, end)
    around = classes_in(key_doc, lo, hi)
    return "RETRIEVE" in around and not around & {"CREATE", "FAKE", "SYNTH"}
