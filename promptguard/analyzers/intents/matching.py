"""Matching: intent rules compiled to spaCy `Matcher` patterns and a keyword automaton.

The automaton answers `wants_nlp` in microseconds, so a prompt without any trigger word never
reaches spaCy; the matcher finds the cues in a key document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import ahocorasick

from promptguard.errors import IntentListError

if TYPE_CHECKING:
    from spacy.matcher import Matcher
from promptguard.analyzers.intents.key_documents import (
    _MATCHING_LOCK,
    KeyDoc,
    LanguageResources,
    resources_for,
)
from promptguard.analyzers.intents.lists import (
    _NAMED,
    _NUMERIC,
    CLAUSE_BREAKS,
    ENTITY_LABELS,
    Rule,
    Slot,
    fold_cached,
    inflections,
    load_rules,
)

# --------------------------------------------------------------------------- matching


def _compile(rule: Rule, resources: LanguageResources, attr: str) -> list[list[dict]]:
    """spaCy Matcher patterns for one rule, word slots matched on `attr`.

    A slot may hold single words, phrases and entity labels: each becomes its own variant,
    so a rule compiles to the product of its slots' variants (a handful in practice)."""
    lexicon = resources.lexicon
    variants: list[list[dict]] = [[]]
    for slot in rule.slots:
        if slot.gap:
            gap = {"LEMMA": {"NOT_IN": sorted(CLAUSE_BREAKS)}, "OP": f"{{0,{slot.gap}}}"}
            variants = [v + [gap] for v in variants]
            continue
        options: list[list[dict]] = []
        words = set(slot.words)
        for name in slot.classes:  # every class is known: `CompiledList` checked
            words |= lexicon.words.get(name, frozenset())
        # an inflected form that is itself a list word keys as itself ("entraîné" is listed,
        # so "Entraîne" keys as "entraine", not "entrainer"): accept those forms too
        forms = {f for w in words for f in inflections(w, resources.language)}
        words |= forms & resources.bases
        one = "?" if slot.optional else None
        if words:
            spec: dict = {attr: {"IN": sorted(words)}}
            options.append([{**spec, "OP": one} if one else spec])
        for phrase in sorted(slot.phrases):
            options.append([{attr: word} for word in phrase])
        labels = sorted({x for e in slot.entities for x in ENTITY_LABELS[e]})
        many = "*" if slot.optional else "+"
        if labels:
            options.append([{"ENT_TYPE": {"IN": labels}, "OP": many}])
        if "PERSON" in slot.entities:  # a name the small NER models missed
            # ... but not a nationality or a language ("a young Asian doctor")
            proper = {"POS": "PROPN", "ENT_TYPE": {"NOT_IN": ["NORP", "LANGUAGE"]}}
            options.append([{**proper, "OP": many}])
        if slot.optional and slot.phrases:
            options.append([])
        variants = [v + o for v in variants for o in options]
    return variants


def _slot_forms(slot: Slot, resources: LanguageResources) -> set[str]:
    """Surface forms (folded) a required word slot can take in the text."""
    words = set(slot.words)
    phrases = set(slot.phrases)
    for name in slot.classes:
        words |= resources.lexicon.words.get(name, frozenset())
        phrases |= set(resources.lexicon.phrases.get(name, ()))
    forms: set[str] = set()
    for word in words:
        forms |= inflections(word, resources.language)
    for phrase in phrases:
        head = " ".join(phrase[:-1]).replace("' ", "'") + " "
        forms |= {
            (head + last).replace("' ", "'") for last in inflections(phrase[-1], resources.language)
        }
    return forms


class CompiledList:
    """One analyzer's rules for one language: the trigger automaton, and the Matcher.

    The automaton (with the masks it fills) is all the pre-pass needs and is built at once.
    The Matcher, which costs several times as much, waits for the first text that triggers
    a rule: most prompts trigger none, and a cold `promptguard check` of one then never
    builds it."""

    #: Bit of the pseudo-slot "some evidence the rule's profile accepts is in the text".
    EVIDENCE_BIT = 62

    def __init__(
        self,
        list_name: str,
        language: str,
        evidence: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """`evidence`: profile -> the word classes that alone can make a cue of that profile
        a finding; a rule of such a profile triggers only when one of them is in the text."""
        self.list_name = list_name
        self.resources = resources_for(language)
        self.rules = load_rules(list_name, language)
        self._matchers: dict[int, Matcher] = {}
        lexicon = self.resources.lexicon
        # wants_nlp: a rule can only match when every one of its required word slots has a
        # form in the text, so the automaton maps each form to the (rule, slot) pairs it fills.
        slots_of_form: dict[str, set[tuple[int, int]]] = {}
        self.required: list[frozenset[int]] = []
        self.needs: list[tuple[bool, bool]] = []  # (needs a digit, needs a capital)
        for index, rule in enumerate(self.rules):
            # a list naming an unknown class fails here, as it did when the Matcher was built
            # up front, not on the first text that triggers
            for slot in rule.slots:
                for name in slot.classes:
                    if name not in lexicon.words and name not in lexicon.phrases:
                        raise IntentListError(f"{rule.where}: unknown class @{name}")
            required = set()
            for position, slot in enumerate(rule.slots):
                if slot.gap or slot.optional or not (slot.words or slot.classes or slot.phrases):
                    continue
                if slot.entities:
                    continue  # "%PERSON|@PERFORMER" can be a name: not checkable cheaply
                required.add(position)
                for form in _slot_forms(slot, self.resources):
                    slots_of_form.setdefault(form, set()).add((index, position))
            if not required:
                raise IntentListError(f"{rule.where}: needs one required word slot")
            classes = (evidence or {}).get(rule.profile)
            if classes:
                required.add(self.EVIDENCE_BIT)
                for form in _slot_forms(Slot(classes=classes), self.resources):
                    slots_of_form.setdefault(form, set()).add((index, self.EVIDENCE_BIT))
            self.required.append(frozenset(required))
            # a required slot that only an entity fills still says something cheap to check:
            # a date or number needs a digit, a name needs a capital letter
            entity_only = [
                set(slot.entities)
                for slot in rule.slots
                if slot.entities
                and not (slot.words or slot.classes or slot.phrases)
                and not slot.optional
            ]
            self.needs.append(
                (any(e <= _NUMERIC for e in entity_only), any(e <= _NAMED for e in entity_only))
            )
        automaton = ahocorasick.Automaton()
        for form, pairs in slots_of_form.items():
            bits = tuple((rule, 1 << position) for rule, position in sorted(pairs))
            automaton.add_word(form, (len(form), bits))
        automaton.make_automaton()
        self.automaton = automaton
        self.required_masks = [sum(1 << p for p in slots) for slots in self.required]

    @property
    def has_matcher(self) -> bool:
        """Whether some rule's Matcher has been built (only once a text triggered it)."""
        return bool(self._matchers)

    @property
    def built_rules(self) -> frozenset[int]:
        """The rules whose Matcher has been built."""
        return frozenset(self._matchers)

    def matcher(self, rule: int) -> Matcher:
        """The spaCy Matcher of one rule (its patterns on lemma keys and on surface keys),
        built the first time a text triggers that rule."""
        found = self._matchers.get(rule)
        if found is None:
            with _MATCHING_LOCK:
                found = self._matchers.get(rule)
                if found is None:
                    found = self._matchers[rule] = self._build_matcher(rule)
        return found

    def _build_matcher(self, rule: int) -> Matcher:
        from spacy.matcher import Matcher

        resources = self.resources
        matcher = Matcher(resources.vocab)
        patterns = [
            *_compile(self.rules[rule], resources, "LEMMA"),
            *_compile(self.rules[rule], resources, "NORM"),
        ]
        matcher.add(f"{self.list_name}:{rule}", patterns)
        return matcher

    def triggered(self, content: str) -> bool:
        """True when some rule has all its required words in the text: the cheap pre-pass."""
        return next(self._completed(content), None) is not None

    def triggered_rules(self, content: str) -> list[int]:
        """The rules that have all their required words in the text: no other rule can
        match it, so only these rules' Matchers run."""
        return sorted(set(self._completed(content)))

    def _completed(self, content: str) -> Iterator[int]:
        """Rules, as the automaton completes their required words (a rule may repeat)."""
        text = fold_cached(content)
        filled: dict[int, int] = {}
        required = self.required_masks
        needs = self.needs
        digit = upper = None
        for end, (length, pairs) in self.automaton.iter(text):
            start = end - length + 1
            if (start > 0 and text[start - 1].isalnum()) or (
                end + 1 < len(text) and text[end + 1].isalnum()
            ):
                continue
            for rule, bit in pairs:
                mask = filled.get(rule, 0) | bit
                filled[rule] = mask
                if mask != required[rule]:
                    continue
                needs_digit, needs_capital = needs[rule]
                if needs_digit:
                    digit = any(c.isdigit() for c in content) if digit is None else digit
                    if not digit:
                        continue
                if needs_capital:
                    upper = content != content.lower() if upper is None else upper
                    if not upper:
                        continue
                yield rule

    def matches(self, key_doc: KeyDoc, rules: Iterable[int]) -> list[tuple[Rule, int, int]]:
        """Shortest match per rule and start token, for the given (triggered) rules."""
        best: dict[tuple[int, int], tuple[int, int, int]] = {}
        for rule in rules:
            for _, start, end in self.matcher(rule)(key_doc.doc):
                key = (rule, start)
                if key not in best or end < best[key][2]:
                    best[key] = (rule, start, end)
        ordered = sorted(best.values(), key=lambda m: (m[1], m[2], m[0]))
        return [(self.rules[rule], start, end) for rule, start, end in ordered]
