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
#: The subject of a clause after a comma or a conjunction: "… , Okonkwo rushed for 80
#: yards", "the group said Okonkwo would…", "before Okonkwo stepped in".
CLAUSE_SUBJECT = re.compile(
    r"(?<=(?:, |said |that |when |before |after |while |because ))"
    rf"(?P<value>{_SURNAME})[ ]+(?=(?:was|is|has|had|will|would|could|did|[a-z]{{3,}}ed)\b)"
)
#: A pitcher's or fighter's record after the surname: "Okonkwo ( 12-7 )"; a time or the end
#: of the line after "( Country )" in results: "Okonkwo ( Kenya ) 3:42.85".
RECORD = re.compile(
    rf"{_NOT_AFTER}(?P<value>{_SURNAME})[ ]?\((?:[ ]?\d{{1,2}}-\d{{1,2}}[ ]?\)"
    r"|[ ]?\p{Lu}[\p{L}. ]{1,24}[ ]?\)[ ]*(?:\d{1,2}:\d|$))",
    re.MULTILINE,
)
#: A headline: fifteen words at most, no code, product codes or figures glued to letters
#: ("'CUPCAKE CHARD 750ML'" is a data row).
_HEADLINE = re.compile(r"(?![^\n]*(?:[\[\]{}=<>_|]|\d\p{L}|\p{L}\d))[ ]*(?:\S+[ ]+){0,14}\S*[ ]*")
_SHOP_BEFORE = re.compile(r"\b(?i:at|to|from|in|into|inside)[ ]+$")
#: A word in capitals: a surname in a headline ("O'BRIEN").
_CAPS_WORD = re.compile(r"(?<![\p{L}'’])(?P<value>(?:\p{Lu}['’])?\p{Lu}{3,})(?![\p{L}])")
#: Words before a capitalised word that make it part of a longer name: "Douglas & Lomason",
#: "the Treasury 's".
_JOINED_BEFORE = re.compile(r"(?:(?<![\p{L}'’])\p{Lu}[\p{L}'’.-]*|&|(?i:the|of))[ ]*$")


def bare_surnames(text: str, plausible: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """(start, end, "speaker") of the surnames these shapes find in one text."""
    from promptguard.analyzers.personal_data.person_names import is_shouting

    found: list[tuple[int, int, str]] = []
    shapes = ((POSSESSIVE, True), (SUBJECT, True), (APPOSITION, False), (CLAUSE_SUBJECT, True))
    for pattern, known in shapes:
        for match in pattern.finditer(text):
            start, end = match.span("value")
            if pattern is POSSESSIVE and _SHOP_BEFORE.search(text, max(0, start - 8), start):
                continue  # "a burger at McDonald's", "to Sainsbury's": a shop
            if _lone_surname(text, start, end, plausible, known):
                found.append((start, end, "speaker"))
    for match in RECORD.finditer(text):
        start, end = match.span("value")
        if _lone_surname(text, start, end, plausible, known=False):
            found.append((start, end, "speaker"))
    for line in re.finditer(r"[^\n]+", text):
        if is_shouting(line.group()) and _HEADLINE.fullmatch(line.group()):
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
    if word.endswith("our") and is_ordinary(word[:-3] + "or"):
        return False  # "Labour will…": a word in British spelling
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
        if len(word) < 4 or not (is_name_word(word) and _initial_surname(word)):
            continue  # "FED CUP": three letters are an abbreviation more often
        if is_not_a_person(word):
            continue
        around = words[max(0, index - 1) : index + 2]
        pairs = [
            f"{a.group()} {b.group()}".lower()
            for a, b in zip(around, around[1:], strict=False)
            if a.end() + 1 == b.start()
        ]
        if any(pair in _place_words() for pair in pairs):  # "HONG KONG"
            continue
        if found and text[found[-1][1] : match.start()] == " ":
            found[-1] = (found[-1][0], match.end(), "speaker")  # "CHRISTINA HYDE": one name
        else:
            found.append((*match.span("value"), "speaker"))
    return found


def caps_words_and_places(value: str) -> bool:
    """A span in capitals holding a place of two words ("HONG KONG OPEN", "BEAT SAN
    MARINO"), or ending on a place after dictionary words ("BEAT BRADFORD"): no name in
    a headline. "JOHN SMITH" (two words that are words too) and "CHELSEA SMITH" stay."""
    if not value.isupper():
        return False
    from promptguard.analyzers.names.folding import fold
    from promptguard.analyzers.personal_data.news_names import _place_words
    from promptguard.analyzers.personal_data.person_names import is_ordinary

    words = [fold(w) for w in re.findall(r"[\p{L}'’-]+", value)]
    places = _place_words()
    if any(f"{a} {b}" in places for a, b in zip(words, words[1:], strict=False)):
        return True
    last = words[-1] if len(words) >= 2 else ""
    return last in places and not is_ordinary(last) and all(map(is_ordinary, words[:-1]))


_CAPITAL_AFTER = re.compile(r"[ ]+(?:\p{Lu}|&)")
_WORD = re.compile(r"(?<![\p{L}\d'’-])\p{Lu}[\p{L}'’-]+(?![\p{L}\d])")


def carry_surnames(
    text: str, names: list[tuple[int, int, str]], plausible: Callable[[str], bool]
) -> list[tuple[int, int, str]]:
    """The same person named again by surname: each found name of two words or more gives
    its last word, and every other standalone occurrence of that word in the text, in its
    own case or in capitals, is taken ("Anna Okonkwo … Okonkwo scored … OKONKWO"). A
    single word carries only when a shape found it ("Okonkwo said"): NER's lone words are
    companies and villages too often to repeat them."""
    from promptguard.analyzers.personal_data.news_names import _initial_surname, _speaker_name
    from promptguard.analyzers.personal_data.person_names import is_ordinary, name_kind

    surnames: set[str] = set()
    for start, end, how in names:
        words = text[start:end].split()
        surname = words[-1].strip(".,;:") if words else ""
        if len(surname) < 3 or not surname[:1].isupper() or surname.isupper():
            continue
        if len(words) >= 2:
            # "Shearer", "Grant" are words too: the full name is the evidence here, when it
            # reads as one: a given name or an initial first, three words at most, a
            # surname the lists know if it is a word ("Jetpack Compose", "Basic Linux",
            # "Metadata Review" are NER's mistakes in chat text, not people).
            first = words[0]
            given = "G" in name_kind(first) or bool(re.fullmatch(r"\p{Lu}\.", first))
            initial = bool(re.fullmatch(r"\p{Lu}\.", first))  # "A. Edge": a heading too
            word_ok = not is_ordinary(surname) or ("S" in name_kind(surname) and not initial)
            short = given and len(words) <= 3
            if short and word_ok and _initial_surname(surname) and plausible(surname):
                surnames.add(surname)
        elif how != "spacy" and _speaker_name(surname, plausible):
            surnames.add(surname)  # a surname found alone ("Okafor said"), no word
    if not surnames:
        return []
    keys = {s.casefold() for s in surnames}
    found: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.casefold() not in keys or not (word in surnames or word.isupper()):
            continue
        start, end = match.span()
        if any(s < end and start < e for s, e, _how in names):
            continue
        if _JOINED_BEFORE.search(text[max(0, start - 24) : start]) or _CAPITAL_AFTER.match(
            text, end
        ):
            continue  # "Black" in "Jet Black Ltd", "Park" in "Park Lane": another name
        found.append((start, end, "context"))
    return found


#: A member of a list: the separators of "Okafor , Lindqvist and Brandt ; Ruiz".
_LIST_SEPARATOR = re.compile(r"[ ]*(?:[,;:]|[ ]and[ ])[ ]*")  # "&" joins firms
_MEMBER = re.compile(
    r"(?P<value>\p{Lu}(?:['’]\p{Lu})?[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?(?:-\p{L}[\p{Ll}'’]+)*"
    r"(?:[ ](?:(?:van|de|der|da|del|le)[ ])*\p{Lu}(?:['’]\p{Lu})?[\p{Ll}'’]+"
    r"(?:\p{Lu}\p{Ll}+)?(?:-\p{L}[\p{Ll}'’]+)*){0,2})[ ]?[.]?"
)


def listed_names(
    text: str, names: list[tuple[int, int]], plausible: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Names in a list with a person found: a team sheet or a list of people ("Ruiz ,
    Anna Lindqvist , Okafor and Brandt") names people in every item. An item of one to
    three capitalised words next to an item holding a found name is taken when no word of
    it is a dictionary word, a place or an organisation; step by step along the list."""
    from promptguard.analyzers.personal_data.news_names import _speaker_name
    from promptguard.analyzers.personal_data.person_names import is_ordinary

    found: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        items: list[tuple[int, int]] = []
        cursor = line.start()
        for sep in _LIST_SEPARATOR.finditer(text, line.start(), line.end()):
            items.append((cursor, sep.start()))
            cursor = sep.end()
        items.append((cursor, line.end()))
        if len(items) < 3:
            continue
        members: list[tuple[int, int] | None] = []
        taken: list[bool] = []
        for start, end in items:
            match = _MEMBER.fullmatch(text, start, end)
            # An item that is a found name, not one holding it ("… from Kerr").
            taken.append(bool(match) and any(s < end and start < e for s, e in names))
            value = match.group("value") if match else ""
            plural = value.endswith("s") and is_ordinary(value[:-1])  # "Arabs", "Serbs"
            ok = bool(match) and not plural and _speaker_name(value, plausible)
            members.append(match.span("value") if ok else None)
        changed = sum(taken) >= 2  # one found name in a list of firms is NER's mistake
        while changed:
            changed = False
            for index, member in enumerate(members):
                if taken[index] or member is None:
                    continue
                near = taken[max(0, index - 1) : index + 2]
                if any(near):
                    taken[index] = changed = True
                    found.append(member)
    return found
