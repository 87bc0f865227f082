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
from promptguard.analyzers.names.packed import Lexicon, Work

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
        if len(parts) < 2:
            continue
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
    return bool(work.maker) and fold(work.maker) == maker


def character_from(
    lexicon: Lexicon, content: str, starts: list[int], first: int, work: Work
) -> tuple[int, Work] | None:
    """(token index, character) of the name right before "from <work>", if it is one of the
    work's characters; else None."""
    start = starts[first]
    before = content[max(0, start - 40) : start]
    match = _NAME_FROM.search(before)
    if match is None:
        return None
    candidates = _characters_by_part(lexicon).get(fold(match.group(1)), ())
    for index in candidates:
        character = lexicon.work(index)
        if _same_work(work, character):
            position = start - len(before) + match.start(1)
            token = bisect_left(starts, position)
            if token < len(starts) and starts[token] == position:
                return token, character
    return None
