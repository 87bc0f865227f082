"""A person named by surname alone, as news copy does once the full name has been given.

Wire copy names a person in full once, then by surname: "Okonkwo 's second goal",
"Okonkwo was booked", "Okonkwo , who…", a pitcher's record "Okonkwo ( 12-7 )", and a
headline in capitals "SOCCER - OKONKWO SIGNS FOR…". A single capitalised word is a weak
clue, so these shapes take only a word the given-name/surname lists know and no dictionary,
place or organisation list holds ("Pirelli 's" and "Everton 's" are what remains wrong),
except the apposition and the record, whose shapes are strong enough for any unknown word.

`carry_surnames` is the document rule: in a whole article, a surname that ends a name found
elsewhere in the text is that person wherever it stands alone ("Anna Okonkwo … Okonkwo").

Measured on the CoNLL-2003 English dev set (bench/DETECTION.md); the sentences in tests are
our own.
"""

from __future__ import annotations

from collections.abc import Callable

import regex as re

#: A surname: "Okonkwo", "O'Brien", "McAllister", "Smith-Rowe".
_SURNAME = r"\p{Lu}(?:['’]\p{Lu})?[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}?\p{Ll}+)*"
#: Where a sentence or a quote opens: the subject position.
_OPENING = r"(?:^|(?<=[.!?\"“”:;] )|(?<=\n))"
_NOT_AFTER = r"(?<![\p{L}\d.'’&-])"

#: "Okonkwo 's second goal", "Okonkwo's".
POSSESSIVE = re.compile(rf"{_NOT_AFTER}(?P<value>{_SURNAME})[ ]?['’]s(?![\p{{L}}])")
#: "Okonkwo was booked", "Okonkwo played…" opening a sentence.
SUBJECT = re.compile(
    rf"{_OPENING}(?P<value>{_SURNAME})[ ]+(?=(?:was|is|has|had|will|would|could|did|"
    r"[a-z]{3,}ed)\b)"
)
#: "Okonkwo , a former champion ,", "Okonkwo , who…" opening a sentence.
APPOSITION = re.compile(
    rf"{_OPENING}(?P<value>{_SURNAME})[ ]?,[ ]?(?:a|an|the|who|whose|whom)(?![\p{{L}}])"
)
#: A pitcher's or fighter's record after the surname: "Okonkwo ( 12-7 )".
RECORD = re.compile(rf"{_NOT_AFTER}(?P<value>{_SURNAME})[ ]?\([ ]?\d{{1,2}}-\d{{1,2}}[ ]?\)")
#: A word in capitals: a surname in a headline ("O'BRIEN").
_CAPS_WORD = re.compile(r"(?<![\p{L}'’])(?P<value>(?:\p{Lu}['’])?\p{Lu}{3,})(?![\p{L}])")
#: Words before a capitalised word that make it part of a longer name: "Douglas & Lomason",
#: "the Treasury 's".
_JOINED_BEFORE = re.compile(r"(?:(?<![\p{L}'’])\p{Lu}[\p{L}'’.-]*|&|(?i:the|of))[ ]*$")


def bare_surnames(text: str, plausible: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """(start, end, "speaker") of the surnames these shapes find in one text."""
    from promptguard.analyzers.personal_data.person_names import is_shouting

    found: list[tuple[int, int, str]] = []
    for pattern, known in ((POSSESSIVE, True), (SUBJECT, True), (APPOSITION, False)):
        for match in pattern.finditer(text):
            start, end = match.span("value")
            if _lone_surname(text, start, end, plausible, known):
                found.append((start, end, "speaker"))
    for match in RECORD.finditer(text):
        start, end = match.span("value")
        if _lone_surname(text, start, end, plausible, known=False):
            found.append((start, end, "speaker"))
    for line in re.finditer(r"[^\n]+", text):
        if is_shouting(line.group()):
            found += _headline_names(text, line.start(), line.end())
    return found


def _lone_surname(
    text: str, start: int, end: int, plausible: Callable[[str], bool], known: bool
) -> bool:
    """A single word that stands alone (no capitalised word, "&" or article before it) and
    is a surname: a known one when `known`, else any word `_speaker_name` accepts."""
    from promptguard.analyzers.personal_data.news_names import _speaker_name
    from promptguard.analyzers.personal_data.person_names import is_name_word, is_ordinary

    word = text[start:end]
    before = text[max(0, start - 24) : start]
    if _JOINED_BEFORE.search(before.rstrip(' "“”')) and before.strip():
        return False
    if len(word) < 3 or (word.endswith("s") and is_ordinary(word[:-1])):
        return False  # "Organisers", "Automakers": a plural
    if not _speaker_name(word, plausible):
        return False
    return is_name_word(word) or not known


def _headline_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Known surnames in a headline written in capitals ("TENNIS - OKONKWO SHOCKS SEED"):
    case says nothing there, so only a word the name lists hold and no dictionary, place
    or organisation list knows is taken."""
    from promptguard.analyzers.personal_data.news_names import _initial_surname, _place_words
    from promptguard.analyzers.personal_data.person_names import is_name_word, is_not_a_person

    found: list[tuple[int, int, str]] = []
    words = list(_CAPS_WORD.finditer(text, start, end))
    for index, match in enumerate(words):
        word = match.group("value").title()
        if not (is_name_word(word) and _initial_surname(word)) or is_not_a_person(word):
            continue
        around = words[max(0, index - 1) : index + 2]
        pairs = [
            f"{a.group()} {b.group()}".lower()
            for a, b in zip(around, around[1:], strict=False)
            if a.end() + 1 == b.start()
        ]
        if not any(pair in _place_words() for pair in pairs):  # "HONG KONG"
            found.append((*match.span("value"), "speaker"))
    return found


_CAPITAL_AFTER = re.compile(r"[ ]+(?:\p{Lu}|&)")
_WORD = re.compile(r"(?<![\p{L}\d'’-])\p{Lu}[\p{L}'’-]+(?![\p{L}\d])")


def carry_surnames(
    text: str, names: list[tuple[int, int]], plausible: Callable[[str], bool]
) -> list[tuple[int, int, str]]:
    """The same person named again by surname: each found name of two words or more gives
    its last word, and every other standalone occurrence of that word in the text, in its
    own case or in capitals, is taken ("Anna Okonkwo … Okonkwo scored … OKONKWO")."""
    from promptguard.analyzers.personal_data.news_names import _initial_surname

    surnames: set[str] = set()
    for start, end in names:
        words = text[start:end].split()
        if len(words) >= 2 and words[-1][:1].isupper() and not words[-1].isupper():
            surname = words[-1].strip(".,;:")
            # "Shearer", "Black" are words too: the full name is the evidence here.
            if len(surname) >= 3 and _initial_surname(surname) and plausible(surname):
                surnames.add(surname)
    if not surnames:
        return []
    keys = {s.casefold() for s in surnames}
    found: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.casefold() not in keys or not (word in surnames or word.isupper()):
            continue
        start, end = match.span()
        if any(s < end and start < e for s, e in names):
            continue
        if _JOINED_BEFORE.search(text[max(0, start - 24) : start]) or _CAPITAL_AFTER.match(
            text, end
        ):
            continue  # "Black" in "Jet Black Ltd", "Park" in "Park Lane": another name
        found.append((start, end, "context"))
    return found
