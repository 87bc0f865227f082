"""Characters a prompt names beside their title without tying them to it by "from".

"Shrek and Donkey in the swamp": a one-word name listed right beside the title whose
character the list says it is; "a scene from Breaking Bad where Jesse meets Saul": once a
title is named, its characters' given names in the prompt are those characters. Both run
after `named_with_work` ("Marty from Madagascar"), on the hits it leaves.
"""

from __future__ import annotations

import re

from promptguard.analyzers.names.artist_hits import Hit
from promptguard.analyzers.names.character_refs import (
    _characters_by_part,
    _ordinary,
    _same_work,
    bare_title,
)
from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.named_with_work import (
    _LONGER_NAME,
    _TITLE_TYPES,
    _entry,
    _sentence_start,
    _titles,
    listed_hit,
    work_characters,
)
from promptguard.analyzers.names.packed import Lexicon


def characters_of_titles(lexicon: Lexicon, content: str, tokens, hits: list[Hit]) -> list[Hit]:
    """Character hits for names tied to the titles among `hits` ("Marty from Madagascar"),
    listed beside them, or given-named once a title is named."""
    found = work_characters(lexicon, content, tokens, hits)
    taken = {i for hit in [*hits, *found] for i in range(hit.start_token, hit.end_token)}
    found += _listed_with_home(lexicon, content, tokens, hits, taken)
    return found + _cast_of_named_work(lexicon, content, tokens, hits, taken)


def _cast_of_named_work(lexicon: Lexicon, content: str, tokens, hits: list[Hit], taken: set[int]):
    """ "a story set in Breaking Bad … Jesse laughs": once a prompt names a title, the given
    name (or whole name) of one of that title's characters, capitalised and no ordinary word
    at a sentence's start, is that character; not a surname alone ("Author: Scott M" beside
    Star Trek is nobody's Montgomery Scott), nor a word of the title ("Lego" of The Lego Movie)."""
    works = [
        work
        for hit in _titles(hits)
        if hit.type in _TITLE_TYPES
        and (hit.evidence or {}).get("kind") != "STUDIO"
        and not _LONGER_NAME.match(content, tokens.ends[hit.end_token - 1])  # "Friends Of The…"
        for work in [_entry(lexicon, hit.subject)]
        if work is not None
    ]
    if not works:
        return []
    title_words = {w for work in works for w in bare_title(work.title).split()}
    lowercase = not any(c.isupper() for c in content)
    by_part = _characters_by_part(lexicon)
    cast: list[Hit] = []
    for i, word in enumerate(tokens.folded):
        start = tokens.starts[i]
        if i in taken or word not in by_part or word in title_words:
            continue
        if not (lowercase or content[start].isupper()) or (
            _ordinary(lexicon, word) and (lowercase or _sentence_start(content, start))
        ):
            continue
        for index in by_part[word]:
            character = lexicon.work(index)
            name = bare_title(character.title).split()
            if name[0] != word or not any(_same_work(work, character) for work in works):
                continue
            end = i + len(name) if tokens.folded[i : i + len(name)] == name else i + 1
            if any(k in taken for k in range(i, end)):
                continue
            taken.update(range(i, end))
            cast.append(listed_hit(character, i, end, "a character of the title named"))
            break
    return cast


#: "Shrek and Donkey", "Shrek, Donkey": two names side by side in one list.
_LIST_JOIN = re.compile(r"^[ \t]*(?:,|&|\+|and|with)[ \t]*$|^[ \t]*,[ \t]*and[ \t]+$", re.I)


def _listed_with_home(lexicon: Lexicon, content: str, tokens, hits: list[Hit], taken: set[int]):
    """ "Shrek and Donkey in the swamp": a one-word name listed right beside the title (or
    the title character) that its list row gives as its home is that character, even when
    it is a word ("Donkey"), if capitalised (or the whole text is lowercase); so is one
    listed beside a character of the same maker ("Luigi, Peach, and Bowser")."""
    lowercase = not any(c.isupper() for c in content)
    mates: list[Hit] = []
    by_part = None
    for hit in hits:
        if hit.type not in _TITLE_TYPES and hit.type != "CHARACTER":
            continue
        home = " ".join(tokens.folded[hit.start_token : hit.end_token])
        sibling = _entry(lexicon, hit.subject, ("CHARACTER",)) if hit.type == "CHARACTER" else None
        maker = fold(sibling.maker) if sibling is not None else ""
        maker = "" if maker.startswith("various") else maker
        after, before = hit.end_token, hit.start_token
        for i in (after, after + 1, before - 1, before - 2):
            if not 0 <= i < len(tokens.folded) or i in taken or len(tokens.folded[i]) < 4:
                continue
            if i >= after:
                gap = content[tokens.ends[after - 1] : tokens.starts[i]]
            else:
                gap = content[tokens.ends[i] : tokens.starts[before]]
            if not _LIST_JOIN.match(gap) or not (lowercase or content[tokens.starts[i]].isupper()):
                continue
            by_part = by_part if by_part is not None else _characters_by_part(lexicon)
            for index in by_part.get(tokens.folded[i], ()):
                character = lexicon.work(index)
                bare = bare_title(character.title)
                own = fold(character.maker)
                if (
                    bare == tokens.folded[i]
                    and own in (home, f"the {home}")
                    # "Luigi, Peach, and Bowser": a fellow character of the same maker, by
                    # the last word of its name
                    or maker == own
                    and bare.split()[-1] == tokens.folded[i]
                ):
                    taken.add(i)
                    mates.append(listed_hit(character, i, i + 1, "listed with its work"))
                    break
    return mates
