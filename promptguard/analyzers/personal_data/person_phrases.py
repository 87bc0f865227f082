"""Capitalised phrases that hold a name-list word but are no person's name.

The name lists of `cased_names` know "Charles", "Jose", "Long", "Beach", "Dec", "pero" as
names; these tests tell a name from a place ("Lake Charles", "Long Beach"), a date ("Sunday
Dec"), a product or company ("Jason Industries"), chat ("til monday") or a phrase of another
language ("el mar"). Measured on WNUT-17 train: the given-name + surname pair rule had 85
false persons for 22 right ones before them.
"""

from __future__ import annotations

import regex as re

from promptguard.analyzers.names.lexicon import fold
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.personal_data.foreign_text import is_foreign_function_word
from promptguard.analyzers.personal_data.person_names import (
    CALENDAR_ABBREVIATIONS,
    is_chat_word,
    is_ordinary,
    name_kind,
    stop_words,
)

CALENDAR = frozenset(
    re.split(
        r"\s+",
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)


MONTH_NAMES = frozenset(
    re.split(
        r"\s+",
        "january february march april may june july august september october november december",
    )
)


def is_date_word(word: str) -> bool:
    """A month or weekday, written out or abbreviated ("Dec", "Thu", "JAN")."""
    lowered = word.lower()
    return lowered in CALENDAR or lowered in CALENDAR_ABBREVIATIONS


#: Words that open a place name before a given name: "Lake Charles", "San Jose", "St. Louis".
_PLACE_OPENERS = frozenset(
    re.split(r"\s+", "san santa sta st ste saint ft fort mt mount port lake los las cape")
)
#: Last words of places and bands: a given name + one of these in title case is a place.
_PLACE_HEADS = frozenset(
    re.split(
        r"\s+",
        "park hills pass way band island valley beach bay heights falls springs creek square "
        "street road avenue boulevard pkwy rd ave blvd",
    )
)
_BEFORE_WORD = re.compile(r"(\p{L}+)[ ]?\.?[ ]+\Z")
_AFTER_WORD = re.compile(r"^[ ]+(\p{Lu}\p{L}*)")


def inside_phrase(text: str, match: re.Match) -> bool:
    """A lone given name that is part of a capitalised phrase, next to an ordinary word or
    after a place opener: "Lake Charles", "Social Media Today", "Jason Industries",
    "Bradley Soccer". A name's own words ("Cardel Jones", "Olly Bernards") are no words."""
    before = _BEFORE_WORD.search(text[max(0, match.start() - 20) : match.start()])
    if before:
        word = before.group(1)
        if word.lower() in _PLACE_OPENERS:
            return True
        cased = word[0].isupper() and not word.isupper() and "." not in before.group()
        if cased and is_ordinary(word) and not name_kind(word):
            return word.lower() not in stop_words()
    after = _AFTER_WORD.match(text[match.end() : match.end() + 24])
    if after:
        word = after.group(1)
        if word.lower() in _PLACE_HEADS:
            return True  # "Beverly Hills", "Glover Park"
        if len(word) > 2 and not word.isupper() and is_ordinary(word) and not name_kind(word):
            return word.lower() not in stop_words()
    return False


#: A news byline or results line: "Grace Park ( South Korea )", "Pete Sampras (U.S.)".
_COUNTRY_AFTER = re.compile(r"[ ]*\([ ]*\p{Lu}[\p{L}.]*(?:[ ]+\p{Lu}[\p{L}.]*){0,2}[ ]*\)")


def pair_is_phrase(a: str, b: str, after: str = "") -> bool:
    """Whether a given name + surname pair of the lists is a phrase, not a person: a
    function word of another language or chat in it ("pa ko", "el mar", "til monday"), a
    two-letter part in lowercase ("long li"), a date ("Sunday Dec", "Moon Dec"; "August
    Alsina" stays), a place ("Long Beach", "Hong Kong", "Air Jordan Bordeaux"), or, in
    title case, two ordinary words or a place's last word ("Winter Sun", "Lincoln Park") --
    unless a country in brackets follows, as in news results ("Grace Park ( South Korea )")."""
    if any(is_foreign_function_word(w) or is_chat_word(w) for w in (a, b)):
        return True
    if a.islower() and min(len(a), len(b)) < 3:
        return True
    if is_date_word(b) or (is_date_word(a) and a.lower() not in MONTH_NAMES):
        return True
    if _COUNTRY_AFTER.match(after):
        return False  # a person's country in brackets, as news results write it
    places = vocabulary().places
    if fold(f"{a} {b}") in places or places.get(fold(b)) is False:
        return True
    if a[:1].isupper() and not a.isupper():
        # Written with capitals NER reads the pair itself ("Bill Gates", "Jane Park"); the
        # lists alone add two ordinary words ("Winter Sun", "Ginger Peach") or a place
        # ("Lincoln Park", "Beverly Hills") far more often than a name NER missed.
        return (is_ordinary(a) and is_ordinary(b)) or b.lower() in _PLACE_HEADS
    return False


__all__ = ["CALENDAR", "MONTH_NAMES", "inside_phrase", "is_date_word", "pair_is_phrase"]
