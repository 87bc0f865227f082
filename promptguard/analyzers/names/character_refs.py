"""A character named by one part of its name and then its work: "sakura from naruto".

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

#: "<name> from [the] <title>": the name is one word of three letters or more.
_NAME_FROM = re.compile(r"\b([^\W\d_]{3,})\s+from\s+(?:the\s+)?$", re.I)
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


@lru_cache(maxsize=2)
def _characters_by_part(lexicon: Lexicon) -> dict[str, tuple[int, ...]]:
    """Each word (4+ letters) of a multi-word character name -> the characters that have it.
    Built once per process, only when a prompt says "<name> from <title>"."""
    index: dict[str, list[int]] = {}
    for i in range(len(lexicon.work_rows)):
        work = lexicon.work(i)
        if work.type != "CHARACTER" or not work.maker:
            continue
        parts = fold(_QUALIFIER.sub("", work.title)).split()
        if len(parts) < 2 and work.title == _QUALIFIER.sub("", work.title):
            continue  # a one-word name only when the list qualifies it: "Revy (Black Lagoon)"
        for part in set(parts):
            if len(part) >= 4:
                index.setdefault(part, []).append(i)
    return {part: tuple(ids) for part, ids in index.items()}


def _same_work(work: Work, character: Work) -> bool:
    """The character's maker names the work ("The Simpsons" for "simpsons"), or both have
    the same maker ("Katsuhiro Otomo" for Akira and for Tetsuo Shima)."""
    title, maker = fold(_QUALIFIER.sub("", work.title)), fold(character.maker)
    bare = title.removeprefix("the ")
    if len(title) >= 3 and (maker in (title, bare) or maker.startswith(title + " ")):
        return True
    qualifier = _QUALIFIER.search(character.title)
    if qualifier and fold(qualifier.group()) in (title, bare):
        return True  # "Tracer (Overwatch)"
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
            if token == last and not title_found:
                hits.append((first, last, work, "its character follows"))
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
        if token < len(starts) and starts[token] == position:
            candidates.append((token, fold(match.group(1))))
    if last < len(starts) and _SPACE.match(content, ends[last - 1], starts[last]):
        candidates.append((last, tokens.folded[last]))
    by_part = _characters_by_part(lexicon)
    for token, word in candidates:
        for index in by_part.get(word, ()):
            character = lexicon.work(index)
            if _same_work(work, character):
                return token, character
    return None


#: Only a space between the title and the next word ("Overwatch Tracer", not "Overwatch, a").
_SPACE = re.compile(r"[ \t]+$")
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z][a-z]+[ \t]+[A-Z]")
