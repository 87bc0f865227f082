"""Talent likeness: voice clones, digital replicas, de-ageing, face swaps, altered performances.

Netflix's guidance asks for written consent before a production creates digital replicas or
synthetic voices of performers, or alters a performance. The cue ("clone ... voice", "de-age",
"make her smile") must point at a real person: a name, a role word (actor, senator, singer...),
a likeness word, or a pronoun; for performance changes a bare pronoun also needs a footage word
("make her smile in take 3"), since "a woman, make her smile" describes a generated character.
"""

from __future__ import annotations

from promptguard.analyzers.intents.base import IntentAnalyzer, Verdict
from promptguard.analyzers.intents.evidence import Context, fictional_near
from promptguard.analyzers.intents.setting import (
    classes_in,
    ordinary_production,
    sentence_bounds,
)

#: Evidence kind -> score: a named person is the surest sign the target is real.
_SCORES = {"PERSON": 0.9, "PERFORMER": 0.85, "PUBLIC": 0.8, "LIKENESS": 0.8, "PRON": 0.7,
           "NAME": 0.7,
           "PROPN": 0.65}  # fmt: skip


class TalentLikenessAnalyzer(IntentAnalyzer):
    """Finds requests to copy or alter a real performer's voice, face, body or performance."""

    name = "talent_likeness"
    categories = ("talent_likeness",)
    category = "talent_likeness"
    list_name = "talent_likeness"
    type_priority = (
        "VOICE_CLONE",
        "FACE_SWAP",
        "DE_AGING",
        "DIGITAL_REPLICA",
        "PERFORMANCE_CHANGE",
    )
    # without a parser, nearness stands in for "is the object of": keep the window tight
    window_before = 3
    window_after = 8
    messages = {
        "VOICE_CLONE": "Cloning or synthesising a real person's voice needs their written consent.",
        "DIGITAL_REPLICA": "A digital replica of a real person needs their written consent.",
        "DE_AGING": "De-ageing or ageing a real performer alters their likeness: it needs "
        "their written consent.",
        "FACE_SWAP": "Swapping or faking a real person's face needs their written consent.",
        "PERFORMANCE_CHANGE": "Changing a real performer's recorded performance needs their "
        "written consent.",
        "default": "Copying or altering a real person's likeness needs their written consent.",
    }

    def judge(self, context: Context) -> Verdict | None:
        profile = context.rule.profile
        need = "media" if profile.startswith("plain") else "synthesis" if profile == "ai" else ""
        if ordinary_production(context.key_doc, context.start, context.end, need):
            return None  # "have Mia say the line softer in ADR", "congrats on the baby Vanessa"
        if context.rule.type == "VOICE_CLONE" and (_literary(context) or _own_voice(context)):
            return None  # "in the voice of Donald Goines" (a writer), "in her own voice"
        performance = profile.endswith("performance")
        fiction = context.has("FICTION")
        footage = context.has("FOOTAGE")
        best: Verdict | None = None
        for clue in context.clues:
            score = _SCORES.get(clue.kind)
            if score is None or fictional_near(context.clues, clue):
                continue
            if not _a_person(context, clue):
                continue
            if clue.kind in ("PRON", "PROPN", "NAME") and fiction:
                continue
            if clue.kind in ("PROPN", "NAME") and clue.start > context.end + 3:
                continue  # a bare capitalised word further on is rarely the cue's object
            if performance and clue.kind == "PUBLIC":
                continue  # "make the senator say..." is a fabricated statement, not a performance
            if clue.kind == "PRON":
                if performance and not footage:
                    continue
                if not performance and not context.start - 1 <= clue.start < context.end + 3:
                    continue
            if best is None or score > best.score:
                best = Verdict(context.rule.type, score, clue)
        return best


def _literary(context: Context) -> bool:
    """A text to write and nothing to hear or synthesise: "voice" is a writer's style."""
    key_doc = context.key_doc
    lo, hi = sentence_bounds(key_doc, context.start, context.end)
    around = classes_in(key_doc, lo, hi)
    return "WRITE" in around and not around & {"AUDIO", "SYNTH"}


def _own_voice(context: Context) -> bool:
    """ "Read it in her own voice", "avec sa propre voix": the speaker's voice, not a copy."""
    tokens = context.key_doc.tokens[context.start : context.end]
    return any(t.key in ("own", "propre") for t in tokens)


def _a_person(context: Context, clue) -> bool:
    """Role and likeness words that are something else here: "leading lines" (a composition
    term, not the lead), "look like a real person" (realism, not someone's likeness)."""
    tokens = context.key_doc.tokens
    first = tokens[clue.start]
    if clue.kind == "PERFORMER" and clue.end - clue.start == 1 and first.surface == "leading":
        return False
    if clue.kind == "LIKENESS" and first.key == "real":
        before = {t.key for t in tokens[max(0, clue.start - 2) : clue.start]}
        return "like" not in before
    return True
