"""The intent analyzers' base class: a cue plus evidence near it makes a finding, nothing less.

An intent is a *cue* (a phrase such as "clone ... voice", "archival footage", "train a LoRA on")
plus *evidence* near it that the target is a real person or someone else's material: a person
name, a role word ("the actress", "the senator"), a real outlet ("CNN"), "real"/"authentic", a
dated event. Cue without evidence is not a finding: "age the wallpaper", "a news ticker for our
fictional channel" and "clone the repository" are everyday production talk.

Both halves are data: phrase lists in `wordlists/intents/<analyzer>_<lang>.tsv` and word classes
in `wordlists/intents/lexicon_<lang>.tsv` (format in wordlists/INTENTS.md). The lists compile to
spaCy `Matcher` patterns over lemmas. Small models lemmatize badly at the start of a sentence
("Cloned" as a proper noun) and users drop accents, so matching runs on a light *key doc*: one
token per word, hyphenated compounds joined ("de-aged"), lemma folded to lowercase without accents
and mapped back to the list's base form when the model's lemma missed it.

Every phrase also feeds a keyword automaton used by `wants_nlp`, so a prompt without any trigger
word costs a few microseconds and never reaches spaCy.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from promptguard.analyzers.base import Analyzer
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ENTS_ONLY, ScanText

if TYPE_CHECKING:
    pass
from promptguard.analyzers.intents.evidence import Clue, Context, collect_clues
from promptguard.analyzers.intents.key_documents import KeyDoc
from promptguard.analyzers.intents.lists import LANGUAGES, Rule
from promptguard.analyzers.intents.matching import CompiledList

# --------------------------------------------------------------------------- analyzer base


@dataclass(frozen=True)
class Verdict:
    """What a `judge` decided: the finding type, how sure, and the clue that settled it."""

    type: str
    score: float
    clue: Clue | None = None


class IntentAnalyzer(Analyzer):
    """An analyzer driven by one intent list: cues from the list, evidence judged per profile."""

    needs_nlp = True
    #: Entities only: parts of speech are guessed (`guess_pos`) and inflections come from the
    #: lists (`inflections`), so the tagger and lemmatizer never run.
    nlp_needs: ClassVar[frozenset[str]] = ENTS_ONLY
    #: The list stem under wordlists/intents/ and the finding category.
    list_name: ClassVar[str]
    category: ClassVar[str]
    #: Finding type -> one sentence for a non-lawyer.
    messages: ClassVar[dict[str, str]]
    #: On overlapping findings of equal score, the more specific type wins (first listed).
    type_priority: ClassVar[tuple[str, ...]] = ()
    #: Tokens before / after the cue searched for evidence (within the clause).
    #: Profile -> word classes without which a cue of that profile is never a finding (the
    #: pre-pass then skips texts without one); only for profiles no name or entity can satisfy.
    prepass_evidence: ClassVar[dict[str, tuple[str, ...]]] = {}
    window_before: ClassVar[int] = 6
    window_after: ClassVar[int] = 10

    _compiled: ClassVar[dict[tuple[str, str], CompiledList]] = {}
    _compile_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, config: Config) -> None:
        self.config = config

    def compiled(self, language: str) -> CompiledList | None:
        if language not in LANGUAGES:
            return None
        key = (self.list_name, language)
        found = self._compiled.get(key)
        if found is None:
            with self._compile_lock:
                found = self._compiled.get(key)
                if found is None:
                    found = self._compiled[key] = CompiledList(
                        self.list_name, language, self.prepass_evidence
                    )
        return found

    def warm(self, language: str) -> None:
        """The Matcher too, which ordinary prompts never build (a service warms it once)."""
        compiled = self.compiled(language)
        if compiled is not None:
            for rule in range(len(compiled.rules)):
                compiled.matcher(rule)

    def wants_nlp(self, text: ScanText) -> bool:
        compiled = self.compiled(text.language)
        return compiled is not None and compiled.triggered(text.content)

    def analyze(self, text: ScanText) -> list[Finding]:
        if not self.needs_parse(text):
            return []
        compiled = self.compiled(text.language)
        assert compiled is not None
        key_doc = compiled.resources.key_doc(text.doc)
        findings: list[Finding] = []
        triggered = compiled.triggered_rules(text.content)
        for rule, start, end in compiled.matches(key_doc, triggered):
            context = self._context(key_doc, rule, start, end)
            if context is None:
                continue
            verdict = self.judge(context)
            if verdict is None:
                continue
            findings.append(self._finding(context, verdict))
        return _best_per_span(findings, self.type_priority)

    def _context(self, key_doc: KeyDoc, rule: Rule, start: int, end: int) -> Context | None:
        clause = key_doc.clause
        lo, hi = (
            max(0, start - self.window_before),
            min(len(key_doc.tokens), end + self.window_after),
        )
        while clause[lo] != clause[start]:
            lo += 1
        while clause[hi - 1] != clause[end - 1]:
            hi -= 1
        clues = collect_clues(key_doc, rule, start, end, lo, hi)
        if any(c.kind == "DEFENSE" for c in clues) or _negated(key_doc, start):
            return None
        return Context(rule, key_doc, start, end, lo, hi, clues)

    def judge(self, context: Context) -> Verdict | None:
        """Decide whether the cue is about real people/material; None when it is not."""
        raise NotImplementedError

    def message(self, finding_type: str) -> str:
        return self.messages.get(finding_type, self.messages["default"])

    def _finding(self, context: Context, verdict: Verdict) -> Finding:
        start, end = context.start, context.end
        subject = ""
        if verdict.clue is not None:
            start, end = min(start, verdict.clue.start), max(end, verdict.clue.end)
            subject = verdict.clue.subject
        char_start, char_end = context.key_doc.char_span(start, end)
        return Finding(
            category=self.category,
            type=verdict.type,
            start=char_start,
            end=char_end,
            score=verdict.score,
            subject=subject,
            message=self.message(verdict.type),
            analyzer=self.name,
            extra={"rule": context.rule.where},
        )


def _negated(key_doc: KeyDoc, start: int) -> bool:
    """A negation in the three words before the cue, same clause: "do not clone his voice",
    "no face swap on the double", "ne pas rajeunir l'actrice"."""
    tokens, clause = key_doc.tokens, key_doc.clause
    return any(
        ("NEGATION" in tokens[k].classes or tokens[k].surface in ("n't", "n’t"))
        and clause[k] == clause[start]
        for k in range(max(0, start - 3), start)
    )


def _best_per_span(findings: list[Finding], priority: tuple[str, ...] = ()) -> list[Finding]:
    """Overlapping findings of one analyzer collapse to the best one: score, then the more
    specific type (earlier in `priority`), then length."""
    rank = {t: i for i, t in enumerate(priority)}
    ranked = sorted(
        findings, key=lambda f: (-f.score, rank.get(f.type, len(rank)), -f.length, f.start)
    )
    kept: list[Finding] = []
    for candidate in ranked:
        if not any(candidate.overlaps(k) for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: (f.start, f.end))
