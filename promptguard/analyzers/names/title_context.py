"""How a title or a name in a prompt looks: quoted, capitalised, cued, part of a longer name.

The copyrighted-work analyzer decides whether a list entry found in a prompt is really that
title ("Blade Runner" the film, not "a blade runner"; "Orlando" the film only with a screen
cue) from the words around it; these are its context tests and its messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from promptguard.analyzers.names.packed import PERSON, Artist, Lexicon, Work
from promptguard.analyzers.names.prepass import vocabulary

_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "from",
        "by",
        "le",
        "la",
        "les",
        "l",
        "de",
        "du",
        "des",
        "d",
        "et",
        "un",
        "une",
        "en",
        "au",
        "aux",
        "el",
        "los",
        "las",
        "y",
        "il",
        "lo",
        "s",
        # the tail of an English contraction ("don't", "we'll"): part of the word before
        "t",
        "ll",
        "re",
        "ve",
        "m",
    ]
)
_QUOTES = "\"'“”«»‘’*_`"
_WORK_BEFORE = re.compile(
    r"\b(?:film|movie|picture|series|show|tv|episode|season|character|franchise|saga|universe"
    r"|game|comic|manga|anime|cartoon|from|in|like|as|of|poster|scene|still|frame|cosplay"
    r"|fan\s*art|dressed\s+as|costume|painting|photo|photograph|artwork|sculpture|remake|sequel"
    r"|image|images|plan|shot|look|world|set\s+in|reboot|parody|parodie|univers"
    r"|le\s+film|la\s+série|du\s+film|de\s+la\s+série|personnage|comme|dans|affiche|tableau"
    r"|déguisé\s+en|déguisée\s+en)(?:\s+(?:for|of|from|de|du|des))?\W*$",
    re.I,
)
#: Cues strong enough for a title that is also a place, a first name or a word ("Orlando",
#: "Emma", "Go"): a screen or work noun, a costume, a style phrase, not a bare "in"/"of".
_STRONG_BEFORE = re.compile(
    r"\b(?:film|movie|picture|series|(?<!n't\s)(?<!to\s)show|tv|episode|season|character"
    r"|franchise|saga|universe|game|video\s+game|comic|manga|anime|cartoon|poster|scene"
    r"|still|frame|cosplay|fan\s*art"
    r"|dressed\s+as|costume|remake|sequel|reboot|parody|le\s+film|la\s+série|personnage"
    r"|déguisé\s+en|déguisée\s+en|(?:watch|watched|watching|binge|binged|rewatch|rewatched)"
    r"|image|images|plan|shot|world|univers|affiche|tableau|painting)"
    r"(?:\s+(?:for|of|from|de|du|des|the))?\W*$",
    re.I,
)
_STRONG_AFTER = re.compile(
    r"^\W{0,2}(?:film|movie|series|show|universe|poster|character|franchise|saga|scene|trilogy"
    r"|sequel|cosplay|costume|fan\s*art|style|aesthetic|esque|season|episode|game|anime|manga"
    r"|still|stills|screenshot|screencap|frame|panel)\b",
    re.I,
)
#: A release year right after a title of two words or more: "blade runner (1982)", not
#: "Brazil (1970)"; "from 1982" only counts beside another reference ("cars from 1982").
YEAR_AFTER = re.compile(r"^[ \t]*\((?:1[ \t]?[89]|2[ \t]?0)[ \t]?\d[ \t]?\d[ \t]*\)")
FROM_YEAR = re.compile(r"^[ \t]*from[ \t]+(?:1[ \t]?[89]|2[ \t]?0)[ \t]?\d[ \t]?\d\b")
#: A medium noun or a style phrase right before a title: "the cartoon peanuts", "a cosplay
#: of frozen", "in the style of peanuts" (not the verb: "don't show up", "to show up").
SCREEN_CUE = re.compile(
    r"\b(?:film|movie|series|(?<!n't\s)(?<!to\s)(?<!\bi\s)show|cartoon|anime|manga|comic|game"
    r"|episode|cosplay"
    r"|style\s+of|inspired\s+by|universe\s+of|world\s+of)"
    r"\s+(?:of\s+|from\s+)?(?:the\s+)?$",
    re.I,
)
#: "garfield drawn by ...", "snoopy comic strip": the name right before a drawing word.
DEPICTED_AFTER = re.compile(
    r"^\W{0,2}(?:drawn|drawing|doodle|sketch|cartoon|comic|comics|strip|plush|figurine)\b", re.I
)
#: Words that make a title the film rather than the painting ("the Mona Lisa film").
_SCREEN = re.compile(r"\b(?:film|movie|series|show|tv|episode|season|série)\b", re.I)
_WORK_AFTER = re.compile(
    r"^\W{0,2}(?:film|movie|series|show|universe|poster|character|franchise|saga|scene|trilogy"
    r"|sequel|cosplay|costume|fan\s*art|painting|photo|style|aesthetic|look|vibes?|esque)\b",
    re.I,
)


def _part_of_famous_name(lexicon: Lexicon, word: str) -> bool:
    """ "Napoleon", "Elvis", "Oppenheimer": a title that is half of a famous person's name."""
    for _other, key in (*lexicon.by_first.get(word, ()), *lexicon.by_last.get(word, ())):
        for kind, index, _alias in lexicon.lookup(key):
            if kind == PERSON and lexicon.person(index).fame >= FAMOUS_NAME_PART_FAME:
                return True
    return False


#: A one-word title that is a part of the name of someone this famous needs a strong cue.
FAMOUS_NAME_PART_FAME = 75


def _popular(work: Work) -> bool:
    """From a list of well-known titles (hand-written supplement, curated editorial list,
    popular films and shows), not only from an archive of every nominated film."""
    return any(s in work.source for s in ("supplement", "curated", "dariusk"))


def _well_known(work: Work) -> bool:
    """Hand-picked (supplement, curated editorial list): the titles a prompt names most."""
    return any(s in work.source for s in ("supplement", "curated"))


_PUNCTUATED = re.compile(r"[,.;:!?()\n]\W*$")


def _touching(before: str) -> bool:
    """No comma or full stop between the cue before a title and the title: "in south park",
    not "manga, black and white" or "show. I want you"."""
    return not _PUNCTUATED.search(before)


_TAG_EDGE = re.compile(r"(?:^|[,;|\n(]|\.\s)\s*$")
_TAG_END = re.compile(r"^\s*(?:$|[,;|\n)]|\.(?:\s|$))")
#: One more word before the tag ends: "attack on titan scenery", "zelda fan art" is two.
_TAG_HEAD_END = re.compile(r"^[ \t]+[^\W\d_]{3,}[ \t]*(?:$|[,;|\n)]|\.(?:\s|$))")


def _whole_tag(content: str, start: int, end: int, head: bool = False) -> bool:
    """The title is a whole item of a comma-separated tag list; with `head`, it may also
    open a tag that names one more thing about it ("star wars scenery")."""
    if not _TAG_EDGE.search(content[max(0, start - 3) : start]):
        return False
    after = content[end : end + 30]
    return bool(_TAG_END.match(after) or (head and _TAG_HEAD_END.match(after)))


def _weak(lexicon: Lexicon, word: str) -> bool:
    return (
        word in lexicon.common_words
        or word in lexicon.common_first
        or word in lexicon.common_last
        or word in vocabulary().plain
    )


class _Lazy:
    """A condition computed only if asked (the context regexes are the costly part)."""

    def __init__(self, compute: Callable[[], bool]) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = self._compute()
        return self._value


_NEXT_CAPITALISED = re.compile(r"^[ \t]+[A-Z][a-z]")
_PREVIOUS_CAPITALISED = re.compile(r"[A-Z][a-z]+[ \t]+$")


def _inside_longer_name(content: str, start: int, end: int) -> bool:
    """A capitalised word right before or after: the title is part of a longer name."""
    if not content[start : start + 1].isupper():
        return False
    if _NEXT_CAPITALISED.match(content[end : end + 3]):
        return True
    before = content[max(0, start - 30) : start]
    return bool(_PREVIOUS_CAPITALISED.search(before)) and not _sentence_start(
        content, start - len(before) + before.rstrip().rfind(" ") + 1
    )


def _quoted(content: str, start: int, end: int) -> bool:
    before = content[start - 1] if start > 0 else ""
    after = content[end] if end < len(content) else ""
    return bool(before and after and before in _QUOTES and after in _QUOTES)


def _sentence_start(content: str, start: int) -> bool:
    before = content[:start].rstrip()
    return not before or before[-1] in '.!?:;\n"“«-•*>#'


def _artist_message(artist: Artist) -> str:
    if artist.death is not None:
        status = f"whose work is in copyright until {artist.death + 70}"
    else:
        status = "a living artist whose work is in copyright"
    return f"Asking for the style of {artist.name}, {status}, needs clearance."


_CATEGORY_LABELS = {
    "GAME": "a copyrighted game",
    "ANIME": "a copyrighted anime",
    "MANGA": "a copyrighted manga",
    "COMIC": "a copyrighted comic",
    "BOOK": "a copyrighted book",
    "CARTOON": "a copyrighted cartoon",
    "TOY": "a trademarked toy line",
    "RPG": "a copyrighted role-playing game",
}


def _work_message(work: Work) -> str:
    label = {
        "FILM": "a copyrighted film",
        "SERIES": "a copyrighted series",
        "CHARACTER": "a copyrighted character",
        "FRANCHISE": "a copyrighted franchise",
        "ARTWORK": "a copyrighted artwork",
    }.get(work.type, "a copyrighted work")
    if work.category == "STUDIO":
        label = "a studio whose house style and characters are copyrighted"
    elif work.category in _CATEGORY_LABELS:
        label = _CATEGORY_LABELS[work.category]
    maker = f" ({work.maker})" if work.maker and work.maker != work.title else ""
    return f"{work.title}{maker} is {label}: using it as a reference needs clearance."


#: Last words of a place's name: a title made of them is the place in prose ("Wall Street",
#: "Atlantic City", "Hyde Park").
_PLACE_HEADS = frozenset(
    [
        "street",
        "avenue",
        "road",
        "square",
        "city",
        "park",
        "bridge",
        "island",
        "beach",
        "heights",
        "hills",
        "valley",
        "bay",
    ]
)


def place_in_prose(folded: list[str], content: str) -> bool:
    """A title of ordinary words ending in a place word, in a sentence of prose with no
    cue: the street, city or park, not the film ("For Wall Street, this is the season…")."""
    from promptguard.analyzers.names.prompt_syntax import is_prose

    return len(folded) >= 2 and folded[-1] in _PLACE_HEADS and is_prose(content)
