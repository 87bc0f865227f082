"""A person's age: "Tom Okafor, 34,", "aged 52", "52-year-old", "j'ai 34 ans".

An age says who someone is (with a name and a role it narrows a crew list to one person),
so it is personal data — but only about someone real: "a 40-year-old man" in an ideation
prompt is a character. This recognizer proposes every age written as one (the number with
its cue: "aged", "-year-old", "ans", or in apposition after a name, "Tom Okafor, 34,"), and
the analyzer keeps those `fact_holder.holder` ties to a person, a crew or cast member or
the writer. Bare numbers are never ages: "34" alone is a scene, a page or a take.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer

from promptguard.analyzers.personal_data.cue import CueRecognizer, value_spans
from promptguard.analyzers.personal_data.fact_holder import holder

_N = r"(?P<value>(?:1[01]\d|[1-9]?\d))"
_UNIT_EN = r"(?:years?|yrs?|yr)[\s-]*old|y/?o\b|y\.o\."
#: "aged 52", "age: 52", "age of 52", "âgé de 52 ans", "52 years old", "52-year-old", "52yo".
_CUED = re.compile(
    rf"(?i:\b(?:aged|age(?:\s*[:=]|\s+of)?|[âa]g[ée]e?s?\s+de)\s*{_N}(?!\s*[\d%/:.,]\d)"
    rf"(?!\s*(?:%|percent|pour\s*cent|km|kg|m\b|cm|min|€|\$))"
    rf"|\b{_N}[\s-]*(?:{_UNIT_EN}))"
)
#: French "34 ans" is an age after "a"/"ai"/"avait"/"fête ses", a name's comma or "("; "il
#: y a 34 ans" (34 years ago), "depuis 34 ans", "pendant 34 ans" are durations.
_ANS = re.compile(
    r"(?i:(?:\b(?:a|ai|as|avait|avais|aura|aurai|f[êe]te\s+ses|f[êe]tera\s+ses)\s+|[,(]\s*)"
    rf"{_N}\s+ans\b)"
)
#: "Tom Okafor, 34," / "Mme Dupont (52)" / "DUVAL, 41." — an age in apposition right after a
#: name-shaped word; the analyzer checks that a person was found there.
_APPOSITION = re.compile(
    r"(?<=[\p{L}.'’])[ \t]*(?:,[ \t]*|\([ \t]*)"
    rf"{_N}(?![.,]\d)"
    r"(?=[ \t]*(?:\)|,|;|\.(?!\d)|$|\n|[ \t]+(?:and|et|who|qui|is|est|was|from|de|of)\b))"
)


def age_recognizer(language: str) -> LocalRecognizer:
    """Ages with their cue; the analyzer keeps those tied to someone (`fact_holder`)."""
    return CueRecognizer(
        "AGE",
        [(_CUED, 0.75), (_ANS, 0.7), (_APPOSITION, 0.6)],
        language,
        context=["age", "aged", "years old", "âge", "ans"],
        name="AgeRecognizer",
    )


def keep_age(text: str, start: int, end: int, persons: list[tuple[int, int]]) -> bool:
    """Whether the age at [start, end) is about someone real. An age in apposition
    ("Tom Okafor, 34,") needs the person's name right before its comma; an age with its cue
    ("aged 52", "a 52-year-old gaffer") needs a holder in its sentence (`fact_holder`)."""
    cued = any((start, end) in value_spans(p, text) for p in (_CUED, _ANS))
    if not cued:
        named = any(e <= start and not text[e:start].strip(" \t,(") for _s, e in persons)
        if not named:
            return False
    return holder(text, start, end, persons, after=True) is not None


__all__ = ["age_recognizer", "keep_age"]
