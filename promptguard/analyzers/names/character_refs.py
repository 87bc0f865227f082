"""A character named by one part of its name beside its work: "sakura from naruto".

Prompts rarely write a character's full list name ("Sakura Haruno"); they write the first
name and say where it is from. The work is found by the usual title matching; this module
says whether the word before "from" is a character of that work, so the prompt is reported
for the character it really asks for, not only for the franchise.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.packed import WORK, Lexicon, Work
from promptguard.analyzers.names.prepass import vocabulary

#: "<name> from|in [the] <title>", "<name> (<title>)", "<name>, <title>": the name is one
#: word of three letters or more.
_NAME_FROM = re.compile(r"\b([^\W\d_]{3,})(?:\s+(?:from|in)\s+|\s*[(,]\s*)(?:the\s+)?$", re.I)
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


#: An article or a number right before a word: "a knight", "the rose", "two knights".
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|some|any|one|two|three|many)\s+$", re.I)


def common_noun(content: str, start: int) -> bool:
    """The word at `start` follows an article or a number: a thing of its kind ("a knight"),
    not a character's name ("as rose from titanic")."""
    return bool(_DETERMINER_BEFORE.search(content, max(0, start - 8), start))


def bare_title(title: str) -> str:
    """A list title folded, without the qualifier that tells it from a namesake: "Donkey
    (Shrek)" -> "donkey"."""
    return fold(_QUALIFIER.sub("", title))


@lru_cache(maxsize=2)
def _characters_by_part(lexicon: Lexicon) -> dict[str, tuple[int, ...]]:
    """Each word (4+ letters) of a multi-word character name -> the characters that have it.
    Built once per process, only when a prompt says "<name> from <title>"."""
    index: dict[str, list[int]] = {}
    for i in range(len(lexicon.work_rows)):
        work = lexicon.work(i)
        if work.type != "CHARACTER" or not work.maker:
            continue
        parts = bare_title(work.title).split()
        for part in set(parts):  # "Revy (Black Lagoon)", "Elsa": its work must be beside it
            if len(part) >= 4:
                index.setdefault(part, []).append(i)
    return {part: tuple(ids) for part, ids in index.items()}


def _same_work(work: Work, character: Work) -> bool:
    """The character's maker names the work ("The Simpsons" for "simpsons"), or both have
    the same maker ("Katsuhiro Otomo" for Akira and for Tetsuo Shima)."""
    title, maker = bare_title(work.title), fold(character.maker)
    bare = title.removeprefix("the ")
    if len(title) >= 3 and (maker in (title, bare) or maker.startswith(title + " ")):
        return True
    qualifier = _QUALIFIER.search(character.title)
    if qualifier and fold(qualifier.group()) in (title, bare):
        return True  # "Tracer (Overwatch)"
    if ":" in work.title and fold(work.title.split(":")[0]) == maker:
        return True  # "Star Trek" for a character of "Star Trek: The Next Generation"
    return bool(work.maker) and fold(work.maker) == maker


def character_hits(
    lexicon: Lexicon, content: str, tokens, first: int, last: int, refs, title_found: bool
) -> list[tuple[int, int, Work, str]]:
    """(first token, end token, entry, cue) for the character named with the work matched at
    tokens first..last ("revy from black lagoon", "Overwatch Tracer"), and for the work
    itself when only its character shows that the title is meant (a one-word title right
    before a capitalised name is otherwise taken for part of that name)."""
    for kind, index, _alias in refs:
        if kind != WORK or lexicon.work(index).type == "CHARACTER":
            continue
        work = lexicon.work(index)
        found = _character_of(lexicon, content, tokens, first, last, work)
        if found is not None:
            token, character = found
            hits = [(token, token + 1, character, "named with its work")]
            if not title_found:  # "Overwatch Tracer", "elsa from frozen": the title is meant
                hits.append((first, last, work, "named with its character"))
            return hits
    return []


def _character_of(
    lexicon: Lexicon, content: str, tokens, first: int, last: int, work: Work
) -> tuple[int, Work] | None:
    """(token index, character) of the name right before "from <work>" or right after the
    work's title, if it is one of the work's characters; else None."""
    starts, ends = tokens.starts, tokens.ends
    start = starts[first]
    before = content[max(0, start - 40) : start]
    match = _NAME_FROM.search(before)
    candidates: list[tuple[int, str]] = []
    longer_name = _NEXT_CAPITALISED.match(content, ends[last - 1])
    if match is not None and not longer_name:  # not "Rachel from Friends Of The Earth"
        position = start - len(before) + match.start(1)
        token = bisect_left(starts, position)
        word = fold(match.group(1))
        # in a comma list only a name no dictionary knows: "Blue, violet and pink" are colours
        listed = "," in match.group() or "(" in match.group()
        ordinary = _ordinary(lexicon, word)
        if token < len(starts) and starts[token] == position and not (listed and ordinary):
            candidates.append((token, word))
    after = _AFTER_TITLE.match(content, ends[last - 1])
    if after is not None:  # "Overwatch Tracer", "overwatch's tracer", "overwatch character tracer"
        token = bisect_left(starts, after.end())
        longer = token < len(starts) and lexicon.lookup(" ".join(tokens.folded[first : token + 1]))
        if token < len(starts) and starts[token] == after.end() and not longer:
            candidates.append((token, tokens.folded[token]))  # not "super" + "mario"
    by_part = _characters_by_part(lexicon)
    for token, word in candidates:
        # an ordinary word after an article only as the end of a character's whole name
        # ("the anger in inside out"), not alone ("a knight in dark souls": no Slave Knight)
        whole = _ordinary(lexicon, word) and common_noun(content, starts[token])
        for index in by_part.get(word, ()):
            character = lexicon.work(index)
            name = bare_title(character.title).split()
            if whole and tokens.folded[max(0, token + 1 - len(name)) : token + 1] != name:
                continue
            if _same_work(work, character):
                return token, character
    return None


#: Only a space, "'s" or "character" between the title and the next word ("Overwatch
#: Tracer", "Overwatch's Tracer", not "Overwatch, a").
_AFTER_TITLE = re.compile(r"(?:['’]s)?[ \t]+(?:characters?[ \t]+)?")
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z][a-z]+[ \t]+[A-Z]")


#: "revy from black lagoon": a name (no ordinary word) right before "from".
_BARE_NAME_FROM = re.compile(r"\b([^\W\d_]{3,})\s+from\s+$")
#: Makers that say nothing about which work a character is from.
_NO_WORK = frozenset(["", "various", "unknown"])


def character_from(lexicon: Lexicon, before: str) -> bool:
    """ "revy from black lagoon", "tetsuo from akira": a name (no ordinary word) from a title."""
    match = _BARE_NAME_FROM.search(before)
    if match is None:
        return False
    word = fold(match.group(1))
    return not _ordinary(lexicon, word)


def _work_keys(work: Work) -> set[str]:
    """The folded names of the work an entry belongs to: its title, its maker (a character's
    maker is its work: "Star Trek: Deep Space Nine", and its franchise "Star Trek"), the
    qualifier ("Odo (Star Trek)")."""
    keys = {bare_title(work.title), fold(work.maker)}
    keys |= {fold(name.split(":")[0]) for name in (work.title, work.maker) if ":" in name}
    qualifier = _QUALIFIER.search(work.title)
    if qualifier:
        keys.add(fold(qualifier.group()))
    return keys - _NO_WORK


def _name(work_title: str) -> str:
    return bare_title(work_title).removeprefix("the ")


def _ordinary(lexicon: Lexicon, name: str) -> bool:
    """ "sharp", "flash", "smith": a word first, whatever list also holds it."""
    return name in vocabulary().plain or name in lexicon.common_words


def companions(lexicon: Lexicon, hits) -> frozenset[tuple[str, str]]:
    """(work, name) for each work the prompt's reported works and characters belong to; a
    hit on an ordinary word ("Sharp") vouches for nothing."""
    keys: set[tuple[str, str]] = set()
    for hit in hits:
        name = _name(hit.subject)
        if _ordinary(lexicon, name):
            continue
        for kind, index, _alias in lexicon.lookup(fold(hit.subject)):
            if kind == WORK and lexicon.work(index).title == hit.subject:
                keys |= {(key, name) for key in _work_keys(lexicon.work(index))}
    return frozenset(keys)


def with_companion(lexicon: Lexicon, work: Work, known: frozenset[tuple[str, str]]) -> bool:
    """A character whose name is a first name or a rare word ("Calvin", "Garak") named with
    another character or the title of its own work (not with itself written twice)."""
    if work.type != "CHARACTER" or not known:
        return False
    own = _name(work.title)
    if _ordinary(lexicon, own):
        return False
    keys = _work_keys(work)
    return any(key in keys and name != own for key, name in known)


#: "cosplay of mercy", "mercy costume": the word is dressed up as or drawn as a character; a
#: medium word before it ("comic book", "cartoon lightning", "image analyzer") says nothing.
_DRESSED_BEFORE = re.compile(
    r"\b(?:characters?|cosplay(?:ing)?|fan\s*art|dressed\s+(?:up\s+)?as|costumes?|personnage"
    r"|déguisée?\s+en)(?:\s+of)?\W*$",
    re.I,
)
_DRESSED_AFTER = re.compile(r"^\W{0,2}(?:character|cosplay|costume|fan\s*art)\b", re.I)
_MEDIUM_AFTER = re.compile(r"^\W{0,2}(?:anime|manga|cartoon|comic|video\s*game|game)\b", re.I)


def word_character_cued(lexicon: Lexicon, before: str, after: str, medium: bool) -> bool:
    """A character the list had to qualify ("Mercy (Overwatch)", "Book (BFDI)") is meant
    only when the prompt dresses someone as it or says where it is from; a medium word after
    it ("saitama, anime") counts for a name (`medium`), not for a word ("anime art, manga")."""
    return bool(
        _DRESSED_BEFORE.search(before)
        or _DRESSED_AFTER.match(after)
        or (medium and _MEDIUM_AFTER.match(after))
        or character_from(lexicon, before)
    )
