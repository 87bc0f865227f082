"""Misleading content: fabricated news, archival material, statements or evidence passed as real.

Netflix's guidance asks for legal approval before making anything that "could be mistaken for
real events, people, or statements". The cue (a news segment, archival footage, security-camera
footage, a fake quote) must come with a sign that it would pass for the real thing: a real
outlet, a named person, a public role, an explicit "real"/"authentic", or a dated historical
event. Fiction markers ("our fictional channel") take away the weaker signs.
"""

from __future__ import annotations

from promptguard.analyzers.intents.base import IntentAnalyzer, Verdict
from promptguard.analyzers.intents.evidence import Clue, Context, credited, fictional_near
from promptguard.analyzers.intents.setting import classes_in, looked_up, sentence_bounds

_REAL = {
    "OUTLET": 0.9,
    "INSTITUTION": 0.85,
    "PERSON": 0.85,
    "PUBLIC": 0.8,
    "REAL": 0.85,
    "NAME": 0.7,
}
_PROFILES: dict[str, dict[str, float]] = {
    "real": _REAL,
    "event": {**_REAL, "EVENT_NAMED": 0.85, "EVENT": 0.75},
    "fabricated": {**_REAL, "PERFORMER": 0.8, "LIKENESS": 0.8, "PROPN": 0.65},
    "outlet": {"OUTLET": 0.9},
    # a press release or a statement is everyday studio work: only a public role, an
    # outlet or an institution makes one pass for someone else's real words
    "public": {"OUTLET": 0.9, "INSTITUTION": 0.85, "PUBLIC": 0.8, "REAL": 0.85},
    # the cue says "real"/"authentic" itself: who or what is shown must be named and real
    "named": {
        "OUTLET": 0.9,
        "PERSON": 0.85,
        "PUBLIC": 0.8,
        "NAME": 0.7,
        "INSTITUTION": 0.8,
        "EVENT_NAMED": 0.85,
        "EVENT": 0.75,
        "YEAR": 0.7,
    },
    "presented": {"DECEPTIVE": 0.75, "OUTLET": 0.9, "PUBLIC": 0.8, "PERSON": 0.8},
}
# generated footage "of the real" something: a person, a role, an outlet or a dated event
# would be taken as a record; a landmark or a place alone would not ("AI photos of the real
# Eiffel Tower at night")
_PROFILES["generated"] = {k: v for k, v in _PROFILES["named"].items() if k != "NAME"}
#: Kinds that a fiction marker anywhere in the clause cancels ("our fictional channel's anchor").
_WEAK = frozenset({"PUBLIC", "EVENT", "PERFORMER", "LIKENESS", "DECEPTIVE", "INSTITUTION", "NAME"})
#: For "make it look real" cues, the kind of thing faked decides the finding type.
_PRESENTED_TYPES = {
    "FAKE_NEWS": frozenset(
        ["news", "newscast", "broadcast", "report", "headline", "bulletin", "newsreel"]
    ),
    "FAKE_ARCHIVAL": frozenset(["archival", "archive", "documentary", "historical"]),
    "FABRICATED_STATEMENT": frozenset(
        [
            "statement",
            "speech",
            "confession",
            "announcement",
            "testimony",
            "interview",
            "quote",
            "tweet",
            "post",
            "press",
            "declaration",
            "discours",
            "aveu",
            "annonce",
            "temoignage",
            "entretien",
            "citation",
            "communique",
        ]
    ),
}


def _a_look(context: Context) -> bool:
    """A style word right after the cue: the archival look is asked for, not a record."""
    tokens = context.key_doc.tokens
    return any("STYLE" in t.classes for t in tokens[context.end : context.end + 2])


#: "from his old films", "sur ses anciens enregistrements": the old material is what a replica
#: or a model is made from, not a record being faked.
_SOURCE_WORDS = frozenset(["from", "on", "using", "of", "de", "sur", "depuis", "avec"])
_OWNER_WORDS = frozenset(["his", "her", "their", "its", "'s", "sa", "son", "ses", "leur", "leurs"])


def _source_material(context: Context) -> bool:
    """An archival cue owned by someone and taken from: source material ("a digital double of
    Harrison Ford from his old films", "train on her old recordings"), not a faked record."""
    tokens = context.key_doc.tokens
    before = [t.key for t in tokens[max(0, context.start - 2) : context.start]]
    return len(before) == 2 and before[0] in _SOURCE_WORDS and before[1] in _OWNER_WORDS


def _likened(context: Context, clue: Clue) -> bool:
    tokens = context.key_doc.tokens
    return any(t.key == "like" for t in tokens[max(0, clue.start - 2) : clue.start])


class MisleadingContentAnalyzer(IntentAnalyzer):
    """Finds requests for fake news, archival material, statements or evidence that look real."""

    name = "misleading_content"
    categories = ("misleading_content",)
    category = "misleading_content"
    list_name = "misleading_content"
    type_priority = ("FAKE_ARCHIVAL", "FABRICATED_STATEMENT", "FAKE_NEWS", "FAKE_EVIDENCE")
    #: "Le plateau", "une" and "style" are everyday words: an outlet-profile cue is only a
    #: finding next to a real outlet's name, so without one the text never reaches spaCy.
    prepass_evidence = {"outlet": ("OUTLET",)}
    messages = {
        "FAKE_NEWS": "Content that could be mistaken for real news is not allowed without "
        "legal approval.",
        "FAKE_ARCHIVAL": "Fake archival material that could pass for a real historical record "
        "needs legal approval.",
        "FABRICATED_STATEMENT": "Putting invented words in a real person's mouth needs legal "
        "approval.",
        "FAKE_EVIDENCE": "Fabricated footage or documents that could be taken as real need "
        "legal approval.",
        "default": "Content that could be mistaken for real events or statements needs legal "
        "approval.",
    }

    def judge(self, context: Context) -> Verdict | None:
        if not self._made(context):
            return None
        profile = context.rule.profile
        scores = _PROFILES.get(profile, _REAL)
        fiction = context.has("FICTION")
        has_year = context.has("YEAR")
        best: Verdict | None = None
        for clue in context.clues:
            score = scores.get(clue.kind)
            if score is None or fictional_near(context.clues, clue):
                continue
            if credited(context.key_doc, clue, context.clues):
                continue  # "a candid portrait taken by Annie Leibovitz": the photographer
            if clue.kind == "REAL" and profile != "presented" and _likened(context, clue):
                continue  # "must feel like a real, candid selfie": realism, not a claim
            if fiction and clue.kind in _WEAK:
                continue
            if clue.kind == "EVENT" and not has_year:
                continue  # "the landing" alone is no event; "the 1969 landing" is
            if best is None or score > best.score:
                best = Verdict(self._type(context, clue), score, clue)
        if best is None and profile in ("real", "event") and not fiction:
            best = self._event_at_a_real_place(context)
        return best

    def _made(self, context: Context) -> bool:
        """Whether the sentence makes something: archive photos researched, licensed or
        restored are real material ("research archive photos of 1950s Marseille"), a poster
        or a painting passes for no real record, and
        words said in an ordinary sentence ("cancels, saying he is sick", "you never said
        goodbye") are no statement put in a mouth unless something is made or shown."""
        key_doc, start, end = context.key_doc, context.start, context.end
        if context.rule.profile != "presented" and looked_up(key_doc, start, end):
            return False
        lo, hi = sentence_bounds(key_doc, start, end)
        around = classes_in(key_doc, lo, hi)
        if "DRAWN" in around and not around & {"REAL", "FAKE", "SYNTH"}:
            return False  # a poster or a painting does not pass for a real record
        if context.rule.type == "FAKE_ARCHIVAL" and _a_look(context):
            return False  # "authentic vintage analog film photography": a look, not a record
        if context.rule.type == "FAKE_ARCHIVAL" and _source_material(context):
            return False  # "a digital double of him from his old films": what it is made from
        if context.rule.type != "FABRICATED_STATEMENT":
            return True
        if "CRAFT" in around and not around & {"FAKE", "SYNTH"}:
            return False  # "fais dire la réplique à Hugo en postsynchro": our own dialogue
        if around & {"CREATE", "FAKE", "MEDIA"}:
            return True
        return "SYNTH" in classes_in(key_doc, lo, hi, range(start, end))  # not "never said"

    def _event_at_a_real_place(self, context: Context) -> Verdict | None:
        """A news, press or archive cue showing an event at a named real place ("a news
        broadcast of an explosion at the Eiffel Tower", "a wire photo of flooding in Paris"):
        the place makes the event one that could be taken as real, as a year does."""
        places = [c for c in context.find("PLACE") if not fictional_near(context.clues, c)]
        events = [c for c in context.find("EVENT") if not fictional_near(context.clues, c)]
        if not places or not events:
            return None
        return Verdict(self._type(context, events[0]), 0.75, events[0])

    def _type(self, context: Context, clue: Clue) -> str:
        named = context.rule.profile in ("named", "generated")
        if named and context.has("YEAR", "EVENT_NAMED"):
            return "FAKE_ARCHIVAL"
        if context.rule.profile != "presented":
            return context.rule.type
        tokens = context.key_doc.tokens
        keys = {tokens[c.start].key for c in context.clues if c.kind == "DECEPTIVE"}
        keys |= {t.key for t in tokens[context.start : context.end]}
        for finding_type, words in _PRESENTED_TYPES.items():
            if keys & words:
                return finding_type
        if context.has("OUTLET"):
            return "FAKE_NEWS"
        return context.rule.type
