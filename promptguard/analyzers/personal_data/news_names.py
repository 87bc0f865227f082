"""People's names as news copy writes them, found without the model.

Wire copy names a person in shapes the crew-sheet cues of `person.py` do not cover: an
initial and a surname in a results line ("T. Varga 4-38"), a surname as the subject of
"said" once the full name has been given ("Ostrowski said…"), the age or "who" in apposition
("Varga , 45 ,", "Brankovic , whose…"), "( Country )" after a name in athletics and tennis
results, a team sheet ("15 - Piet Malan") and a cricket scorecard ("c Dobbs b Fenwick").
Each candidate word must be no dictionary word, place, people or organisation, so "Britain
said", "Interfax said", "S. Korea" and "Red Star ( Yugoslavia )" stay out. Measured on the
CoNLL-2003 English dev set (bench/DETECTION.md); the sentences in tests are our own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex as re

from promptguard.analyzers.names.prepass import NOT_NAMES

#: An initial and a surname, as news, sports results and bylines write names ("T.
#: Varga", "T.O'Leary"). "M." is a title (`TITLED_NAME`), but an initial in a results line,
#: before a score ("M. Varga 70"); two initials are most often an abbreviation ("U.S.
#: Open", "U.N. Council"), left to NER.
INITIAL_NAME = re.compile(
    r"(?<![\p{L}\d.’'])(?P<value>(?:[A-LN-Z]\.[ ]?|M\.[ ]?(?=[A-Z][\p{L}'’-]+[ ]\d))"
    r"[A-Z](?:['’][A-Z])?[\p{Ll}'’]+(?:-[A-Z][\p{Ll}]+)?)(?![\p{L}\d])"
)
#: A capitalised word, or two, as the subject of a verb of saying: news names people this
#: way once their full name has been given ("Ostrowski said", "Varga told reporters").
SPEAKER = re.compile(
    r"(?<![\p{L}\d.'’-])(?P<value>\p{Lu}\p{Ll}+(?:['’]\p{Lu}\p{Ll}+)?(?:[ ]\p{Lu}\p{Ll}+)?)"
    r"[ ]+(?:said|says|told|tells|added|adds|declared|insisted|explained|a dit|a déclaré)\b"
)
#: A name with the person's age in apposition, or before "who", as news introduces people
#: ("Varga , 45 ,", "Kowalski, 38, said", "Brankovic , whose…").
AGED = re.compile(
    r"(?<![\p{L}\d.'’-])(?P<value>\p{Lu}\p{Ll}+(?:['’]\p{Lu}\p{Ll}+)?(?:[ ]\p{Lu}\p{Ll}+)?)"
    r"[ ]?,[ ]?(?:(?:1[89]|[2-9]\d)[ ]?,|who(?:se)?\b)"
)
#: The speaker named after the quote ("… , " said Rios .") and the players of a cricket
#: scorecard ("c Dobbs b Fenwick 44", "lbw b Fenwick 4").
QUOTED_SPEAKER = re.compile(
    r"\b(?:said|says|added|asked)[ ]+(?P<value>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?)[ ]?[.,]"
)
#: A results line: "Daniel Komen ( Kenya ) 13:02.62", "Cyril Bos ( France ) ,", and a
#: team sheet: "15 - Piet Malan , 14 - Kobus Venter".
_RUN = r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?"
FROM_COUNTRY = re.compile(
    rf"(?<![\p{{L}}\d.'’-])(?P<value>{_RUN}(?:[ ](?:(?:van|de|der|da|del|le)[ ])*{_RUN}){{1,2}})"
    r"[ ]?\([ ]?\p{Lu}[\p{L}. ]{2,24}[ ]?\)"
)
LINEUP = re.compile(rf"(?:^|[,;(][ ]?)\d{{1,2}}[ ]?-[ ]?(?P<value>{_RUN}(?:[ ]{_RUN}){{1,2}})\b")
#: A player's surname in a scorecard: "McAllister", "Noor-ul-Amin".
_SURNAME = r"\p{Lu}[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?(?:-\p{L}[\p{Ll}]+)*"
SCORECARD = re.compile(
    rf"(?:(?:^|\n)(?P<batsman>{_SURNAME}(?:[ ]{_SURNAME})?)[ ]+(?=(?:c|st|lbw|b)[ ]))?"
    rf"(?<![\p{{L}}])(?:(?:c|st)[ ]+(?P<value>{_SURNAME})[ ]+b|(?:lbw[ ]+)?b)[ ]+"
    rf"(?P<bowler>{_SURNAME}(?:[ ]{_SURNAME})?)[ ]+\d"
)
#: Bowling figures ("McAllister 9.5-0-44-1"), a finishing time after a rank ("3. Okonkwo 1:07")
#: and "quoted Bortnikov as saying".
FIGURES = re.compile(
    rf"(?:(?<![\p{{L}}])(?P<value>{_SURNAME})[ ]+\d{{1,2}}(?:\.\d)?-\d{{1,2}}-\d{{1,3}}-\d{{1,2}}\b"
    rf"|(?:^|\n)[ ]*\d{{1,3}}[.=][ ]+(?P<value>{_SURNAME})[ ]+\d{{1,2}}:\d"
    rf"|\bquoted[ ]+(?P<value>{_SURNAME}(?:[ ]{_SURNAME})?)[ ]+as[ ]+saying)"
)


def news_names(
    text: str,
    trim_name: Callable[[str, int, int], tuple[int, int]],
    is_plausible_name: Callable[[str], bool],
) -> list[tuple[int, int, str]]:
    """(start, end, how) of the names these shapes find: "initial" or "speaker"."""
    found: list[tuple[int, int, str]] = []
    for match in INITIAL_NAME.finditer(text):
        surname = match.group("value").rsplit(".", 1)[-1].strip()
        if _initial_surname(surname):
            found.append((*match.span("value"), "initial"))
    for match in SCORECARD.finditer(text):
        for group in ("batsman", "value", "bowler"):
            # the shape is the evidence: "c Knight b Fenwick" takes a word that is a word too
            words = (match.group(group) or "").split()
            if (
                words
                and is_plausible_name(match.group(group))
                and all(map(_initial_surname, words))
            ):
                found.append((*match.span(group), "speaker"))
    for match in FIGURES.finditer(text):
        if _speaker_name(match.group("value"), is_plausible_name):
            found.append((*match.span("value"), "speaker"))
    for match in (*FROM_COUNTRY.finditer(text), *LINEUP.finditer(text)):
        start, end = trim_name(text, *match.span("value"))
        words = text[start:end].split()
        plain = all(is_ordinary(w) and not is_name_word(w) for w in words)  # "Red Star"
        if len(words) >= 2 and all(_initial_surname(w) for w in words) and not plain:
            found.append((start, end, "speaker"))
    speakers = (*SPEAKER.finditer(text), *AGED.finditer(text), *QUOTED_SPEAKER.finditer(text))
    for match in speakers:
        start, end = trim_name(text, *match.span("value"))
        if end > start and _speaker_name(text[start:end], is_plausible_name):
            found.append((start, end, "speaker"))
    return found


@functools.lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Known places and the last words of two-word places ("korea" of "south korea")."""
    from promptguard.analyzers.names.prepass import vocabulary

    places = vocabulary().places
    tails = {p.split()[-1] for p in places if p.count(" ") == 1}
    return frozenset(places) | frozenset(tails)


def _initial_surname(word: str) -> bool:
    """The surname of "T. Varga": no place ("S. Korea") or its people ("S. African"), no
    function word, month or production word ("J. The", "A. Mars")."""
    from promptguard.analyzers.names.folding import fold
    from promptguard.analyzers.personal_data.person_names import is_not_a_person, stop_words

    key = fold(word)
    places = _place_words()
    if len(word) < 2 or word.lower() in stop_words() or key in NOT_NAMES or key in places:
        return False
    if is_not_a_person(word):
        return False
    stems = [key[: -len(suffix)] for suffix in ("n", "an", "ian", "ese", "ish", "i")]
    return not any(
        key.endswith(suffix) and (stem in places or stem + "a" in places)
        for suffix, stem in zip(("n", "an", "ian", "ese", "ish", "i"), stems, strict=True)
    )


def is_ordinary(word: str) -> bool:
    from promptguard.analyzers.personal_data.person_names import is_ordinary as ordinary

    return ordinary(word)


def is_name_word(word: str) -> bool:
    from promptguard.analyzers.personal_data.person_names import is_name_word as name_word

    return name_word(word)


def _speaker_name(value: str, plausible: Callable[[str], bool]) -> bool:
    """The subject of "said" is a name when none of its words is a dictionary word, a
    function word, a place or its people, or an organisation, agency or brand ("The
    company said", "Britain said", "Interfax said", "Ericsson told")."""
    from promptguard.analyzers.personal_data.person_names import (
        is_name_word,
        is_not_a_person,
        is_ordinary,
    )

    if is_not_a_person(value) or not plausible(value):
        return False
    return all(
        _initial_surname(word) and (is_name_word(word) or not is_ordinary(word))
        for word in value.split()
    )
