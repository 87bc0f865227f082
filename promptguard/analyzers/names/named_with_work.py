"""A name tied to a work the prompt names is a character of that work: "Marty from Madagascar".

The character lists cannot hold every side character, and a first name alone ("Anna",
"Marty") is anyone's; but a name written right beside a title the prompt really names -
"<Name> from|in|of <work>", "<Name> and <Name> from <work>", "<Name>'s <thing> from <work>",
"<work>'s <Name>", "<Name> (<work>)" - is that work's character, not a private person. The
work must already be reported as a title (so "Data from the survey" has none), and the name
must look like one: capitalised (or in an all-lowercase prompt), no ordinary word unless the
lists hold it as a character, no place, no famous person.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from promptguard.analyzers.names.artist_hits import Hit
from promptguard.analyzers.names.character_refs import (
    _characters_by_part,
    _ordinary,
    bare_title,
    common_noun,
)
from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.packed import ARTIST, PERSON, WORK, Lexicon, Work
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.title_context import _work_message

#: The finding types that name a title a character can come from.
_TITLE_TYPES = frozenset({"FILM", "SERIES", "FRANCHISE"})
#: A name word: letters, joined by an apostrophe or a hyphen ("O'Brien", "Jean-Luc").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: What ties the name to the title that follows: "from", "in", "of", maybe with "the".
_TIE = re.compile(r"(?:^|(?<=\s))(?:from|in|of)[ \t]+(?:the[ \t]+)?$", re.I)
#: "Marty (Madagascar)": the title in brackets right after the name.
_OPEN = re.compile(r"[ \t]*\([ \t]*$")
_CLOSE = re.compile(r"[ \t]*\)")
#: A capitalised word right after the title: it is part of a longer name.
_LONGER_NAME = re.compile(r"[ \t]+[A-Z][a-z]")
#: "Madagascar's Marty": the name right after the title's possessive.
_POSSESSIVE_AFTER = re.compile(r"['’]s[ \t]+")
_AMPERSAND = re.compile(r"[ \t]*&[ \t]*")
_POSSESSIVE = re.compile(r"['’]s$")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_CUE = "named with its work"
#: What ends a sentence or a tag before a name.
_SENTENCE_END = '.!?:;\n"“«*>#-'


def work_characters(lexicon: Lexicon, content: str, tokens, hits: list[Hit]) -> list[Hit]:
    """Character hits for the names tied to the titles among `hits` that no hit covers yet."""
    taken = {i for hit in hits for i in range(hit.start_token, hit.end_token)}
    lowercase = not any(c.isupper() for c in content)
    found: list[Hit] = []
    for hit in _titles(hits):
        if hit.type not in _TITLE_TYPES or (hit.evidence or {}).get("kind") == "STUDIO":
            continue
        work = _entry(lexicon, hit.subject)
        if work is None:
            continue
        start, end = tokens.starts[hit.start_token], tokens.ends[hit.end_token - 1]
        for a, b, weak in _names_tied(content, start, end):
            first = bisect_left(tokens.starts, a)
            last = bisect_left(tokens.starts, b)
            if first >= last or any(i in taken for i in range(first, last)):
                continue
            character = _character(lexicon, content, a, b, work, lowercase, weak)
            if character is None:
                continue
            taken.update(range(first, last))
            found.append(_hit(first, last, content[a:b], work, character))
    tied = found + [h for h in hits if (h.evidence or {}).get("cue") == _CUE]
    # A character found by a full name is also its given name or surname alone later on
    # ("Jesse Pinkman ... Later Jesse quits").
    tied += [h for h in _titles(hits) if h.type == "CHARACTER" and h.end_token - h.start_token > 1]
    again = _mentioned_again(lexicon, content, tokens, tied, taken)
    return found + again + _cast_mates(lexicon, content, tokens, tied, taken)


def _cast_mates(lexicon: Lexicon, content: str, tokens, tied: list[Hit], taken: set[int]):
    """ "homer simpson punches sonic while bart shoots": one word of another character's
    name from the same work as a character the prompt names in full (no ordinary word, and
    capitalised unless the whole text is lowercase)."""
    works = set()
    for hit in tied:
        entry = _entry(lexicon, hit.subject, ("CHARACTER",)) if hit.type == "CHARACTER" else None
        if entry is not None and entry.maker and hit.end_token - hit.start_token > 1:
            works |= _homes(lexicon, entry)
    if not works:
        return []
    lowercase = not any(c.isupper() for c in content)
    by_part = _characters_by_part(lexicon)
    mates: list[Hit] = []
    for i, word in enumerate(tokens.folded):
        surface = content[tokens.starts[i] : tokens.ends[i]]
        if i in taken or len(word) < 4 or _ordinary(lexicon, word):
            continue
        if not (lowercase or surface[0].isupper()):
            continue
        for index in by_part.get(word, ()):
            character = lexicon.work(index)
            if character.maker and _homes(lexicon, character) & works:
                taken.add(i)
                mates.append(listed_hit(character, i, i + 1, "named with a character of its work"))
                break
    return mates


def _homes(lexicon: Lexicon, character: Work) -> set[str]:
    """What a character's list row says it belongs to: its work or its creator, and the
    creator of that work ("The Simpsons" and "Matt Groening" for Bart and for Marge)."""
    home = fold(character.maker)
    homes = {home}
    for kind, index, _alias in lexicon.lookup(home):
        work = lexicon.work(index) if kind == WORK else None
        if work is not None and work.type != "CHARACTER" and work.maker:
            homes.add(fold(work.maker))
    return homes - {"", "various", "unknown", "marvel", "dc comics", "disney", "nintendo"}


def _mentioned_again(lexicon: Lexicon, content: str, tokens, tied: list[Hit], taken: set[int]):
    """ "simulate Rachel from Friends ... answer as Rachel": once the prompt has said whose
    character a name is, its other mentions are that character too; a name that is also a
    word ("Will", "Data") only capitalised inside a sentence ("Will you help?" is a verb)."""
    lowercase = not any(c.isupper() for c in content)
    again: list[Hit] = []
    names = []
    for hit in tied:
        full = tokens.folded[hit.start_token : hit.end_token]
        names.append((hit, full))
        if hit.type == "CHARACTER" and len(full) == 2:
            names += [(hit, [part]) for part in full if len(part) >= 3 and part.isalpha()]
    for hit, name in names:
        size, ordinary = len(name), any(_ordinary(lexicon, w) for w in name)
        for first in range(len(tokens.folded) - size + 1):
            last = first + size
            if tokens.folded[first:last] != name or any(i in taken for i in range(first, last)):
                continue
            start = tokens.starts[first]
            if lowercase:
                named = not ordinary
            else:
                sentence_start = _sentence_start(content, start)
                named = content[start].isupper() and not (ordinary and sentence_start)
            if named:
                taken.update(range(first, last))
                again.append(replace(hit, start_token=first, end_token=last))
    return again


def _titles(hits: list[Hit]) -> list[Hit]:
    """The hits that are kept as findings: the longest of overlapping ones ("Brooklyn
    Nine-Nine", not "Brooklyn")."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start_token - h.end_token, -h.score)):
        if all(hit.end_token <= k.start_token or hit.start_token >= k.end_token for k in kept):
            kept.append(hit)
    return kept


def _entry(lexicon: Lexicon, title: str, types=_TITLE_TYPES) -> Work | None:
    """The listed entry of this exact title and one of these types."""
    for kind, index, _alias in lexicon.lookup(fold(title)):
        if kind == WORK:
            work = lexicon.work(index)
            if work.title == title and work.type in types:
                return work
    return None


def _names_tied(content: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Character spans of the candidate names tied to the title at start..end, and whether
    the tie is weak ("in", "of", brackets: the name may be doing something in the work)."""
    spans: list[tuple[int, int, bool]] = []
    before = content[max(0, start - 80) : start]
    offset = start - len(before)
    tie = _TIE.search(before) or (_OPEN.search(before) if _CLOSE.match(content, end) else None)
    if tie is not None and not _LONGER_NAME.match(content, end):  # "Friends Of The Earth"
        weak = not tie.group().lower().startswith("from")  # "drake performing in splatoon"
        names = _names_before(before[: tie.start()])
        spans += [(offset + a, offset + b, weak) for a, b in names]
    possessive = _POSSESSIVE_AFTER.match(content, end)
    if possessive is not None:
        word = _WORD.match(content, possessive.end())
        if word is not None:
            spans.append((word.start(), word.end(), False))
    return spans


def _names_before(text: str) -> list[tuple[int, int]]:
    """The name (one or two words) that ends `text`, the name before it when they are
    joined by "and", "&" or a comma ("Elsa and Anna"), or the owner of the thing that
    ends it ("Cable's time machine")."""
    words = list(_WORD.finditer(text))
    if not words or text[words[-1].end() :].strip():
        return []
    for back in (1, 2, 3):  # "Cable's time machine from": the owner is the name
        if back < len(words) and _POSSESSIVE.search(words[-back - 1].group()):
            owner = words[-back - 1]
            if _spaced(text, words[-back - 1 :]):
                return [(owner.start(), owner.end() - 2)]
    names: list[tuple[int, int]] = []
    index = len(words) - 1
    while index >= 0 and len(names) < 6:
        first = index
        if (
            index >= 1
            and not _is_and(words[index - 1])
            and _spaced(text, words[index - 1 : index + 1])
        ):
            first = index - 1  # "Sam Fisher"; the last word alone is tried too
        names.append((words[first].start(), words[index].end()))
        if first < index:
            names.append((words[index].start(), words[index].end()))
        if first >= 2 and _is_and(words[first - 1]) and _spaced(text, words[first - 2 : first + 1]):
            index = first - 2  # "Elsa and Anna"
        elif first >= 1 and _AMPERSAND.fullmatch(
            text, words[first - 1].end(), words[first].start()
        ):
            index = first - 1  # "Elsa & Anna"
        else:
            break
    return names


def _is_and(word: re.Match) -> bool:
    return word.group().lower() == "and"


def _spaced(text: str, words) -> bool:
    """Words separated by spaces only (one line, no comma)."""
    return all(
        not text[a.end() : b.start()].strip(" \t") and a.end() < b.start()
        for a, b in zip(words, words[1:], strict=False)
    )


def _character(
    lexicon: Lexicon, content: str, a: int, b: int, work: Work, lowercase: bool, weak: bool
) -> Work | None:
    """The listed character (or, for an unlisted name, the work itself) the name at a..b
    stands for; None when it is no name."""
    surface = content[a:b]
    words = surface.split()
    folded = [fold(w) for w in words]
    if not all(w[0].isupper() and not w.isupper() for w in words) and not lowercase:
        return None
    key = " ".join(folded)
    sentence_start = _sentence_start(content, a)
    capitalised = not lowercase and not sentence_start
    ordinary = any(_ordinary(lexicon, w) for w in folded)
    listed = _listed_character(lexicon, key, work, any_work=capitalised and ordinary)
    part = listed is not None and bare_title(listed.title) != key
    if part and ordinary and not capitalised and common_noun(content, a):
        return None  # "a knight in dark souls": a word, and a part of "Slave Knight Gael"
    if listed is not None:
        return listed  # "Elsa", "red anger in inside out", "Cable's Time Machine"
    plain = vocabulary().plain
    if any(_ordinary(lexicon, w) and w not in lexicon.common_first for w in folded):
        return None  # "Scenes from Frozen", "Music of Star Wars"
    if any(len(w) < 3 or w in plain for w in folded) or key in vocabulary().places:
        return None
    if folded[-1].endswith("ing") or (weak and lowercase and key not in lexicon.common_first):
        return None  # "drake performing in splatoon": a verb, or no name a lowercase "in" ties
    if _in_famous_name(lexicon, content, a, b):
        return None  # "Joe Biden's house in minecraft"
    given = len(folded) == 1 and key in lexicon.common_first  # "Anna": anyone's, not one artist
    for kind, index, _alias in () if given else lexicon.lookup(key):
        if kind == ARTIST or (kind == PERSON and lexicon.person(index).fame >= 40):
            return None  # "Trump in Star Wars": a real person in the picture
    if len(folded) == 1 and lexicon.surnames.get(key) is not None:
        return None
    return work


def _in_famous_name(lexicon: Lexicon, content: str, a: int, b: int) -> bool:
    """The name with the word before it is a listed person or artist ("Joe Biden")."""
    window = content[max(0, a - 30) : a]
    previous = list(_WORD.finditer(window))
    if not previous or window[previous[-1].end() :].strip():
        return False
    key = fold(f"{previous[-1].group()} {content[a:b]}")
    return any(kind in (PERSON, ARTIST) for kind, _i, _a in lexicon.lookup(key))


def _sentence_start(content: str, position: int) -> bool:
    """Nothing, or the end of a sentence or a tag, before `position` (a bounded look back)."""
    before = content[max(0, position - 100) : position].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _listed_character(lexicon: Lexicon, key: str, work: Work, any_work: bool) -> Work | None:
    """A listed character of this work under this name ("Elsa", "Olaf (Frozen)"); with
    `any_work` (a capitalised word inside a sentence), a character of any work: lists give
    a crossover character one home ("Cable" of the comics, in a film)."""
    keys = _keys(work)
    other = None
    for kind, index, _alias in lexicon.lookup(key):
        if kind != WORK:
            continue
        entry = lexicon.work(index)
        if entry.type == "CHARACTER" and keys & _keys(entry):
            return entry
        if entry.type == "CHARACTER" and any_work and other is None:
            other = entry
    return other


def _keys(work: Work) -> set[str]:
    """The folded names a work is known by: its title, its maker or franchise, the part of
    either before a colon or a bracket ("Frozen (Disney)", "Star Trek: Picard")."""
    keys: set[str] = set()
    for name in (work.title, work.maker):
        if not name:
            continue
        bare = _QUALIFIER.sub("", name)
        keys |= {fold(name), fold(bare), fold(bare.split(":")[0])}
        qualifier = _QUALIFIER.search(name)
        if qualifier:
            keys.add(fold(qualifier.group()))
    keys = {k.removeprefix("the ") for k in keys}
    return keys - {"", "various", "unknown", "marvel", "dc comics", "disney", "nintendo"}


def _hit(first: int, last: int, surface: str, work: Work, character: Work) -> Hit:
    if character.type == "CHARACTER":
        subject, source, message = character.title, character.source, None
    else:
        subject, source = f"{' '.join(w.capitalize() for w in surface.split())}", "unlisted"
        message = (
            f"{subject} is named as a character of {work.title}, a copyrighted "
            f"{work.type.lower()}: using the character as a reference needs clearance."
        )
    evidence = {
        "entry": subject,
        "list": f"works ({source})" if source != "unlisted" else "none (named with its work)",
        "status": "in_copyright",
        "kind": "CHARACTER",
        "cue": _CUE,
        "work": work.title,
    }
    return Hit(first, last, "CHARACTER", subject, 0.8, message or _work_message(character),
               "normal", evidence)  # fmt: skip


def listed_hit(work: Work, first: int, last: int, cue: str) -> Hit:
    """A listed character or work found beside its work ("revy from black lagoon")."""
    evidence = {"entry": work.title, "list": f"works ({work.source})",
                "status": "in_copyright", "kind": work.category, "cue": cue}  # fmt: skip
    return Hit(first, last, work.type, work.title, 0.85, _work_message(work), "normal", evidence)
