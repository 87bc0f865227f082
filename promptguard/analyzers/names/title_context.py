"""How a title or a name in a prompt looks: quoted, capitalised, cued, part of a longer name.

The copyrighted-work analyzer decides whether a list entry found in a prompt is really that
title ("Blade Runner" the film, not "a blade runner"; "Orlando" the film only with a screen
cue) from the words around it; these are its context tests and its messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.packed import ARTIST, PERSON, Artist, Lexicon, Work
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import MAKERS_AFTER

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
#: The quote that may close each opening quote.
_CLOSING = {
    '"': '"”',
    "'": "'’",
    "“": "”“",
    "”": "”",
    "«": "»",
    "‘": "’",
    "’": "’",
    "*": "*",
    "_": "_",
    "`": "`",
}
#: A JSON key ('"background":') and a JSON string value ('": "evening",', '["cars", ').
_JSON_AFTER = re.compile(r"\s*:")
_JSON_BEFORE = re.compile(r"[:\[{,]\s*$")
_JSON_END = re.compile(r"\s*[,\]}]|\s*$", re.M)
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
    r"|still|frame|screenshot|screencap|screen\s*grab|cosplay|fan\s*art"
    r"|dressed\s+as|costume|remake|sequel|reboot|parody|le\s+film|la\s+série|personnage"
    r"|déguisé\s+en|déguisée\s+en|(?:watch|watched|watching|binge|binged|rewatch|rewatched)"
    r"|image|images|plan|shot|world|univers|affiche|tableau|painting"
    r"|(?:crossover|cross-over|mash-?up)(?:\s+(?:with|between|of))?)"
    r"(?:\s+(?:for|of|from|de|du|des|the))?\W*$",
    re.I,
)
_STRONG_AFTER = re.compile(
    r"^\W{0,2}(?:(?:19|20)\d\d\s+)?"  # "iron chef 1996 dvd rip"
    r"(?:film|movie|series|show|universe|poster|character|franchise|saga|scene|trilogy|dvd|vhs"
    r"|blu-?ray|footage|broadcast"
    r"|sequel|cosplay|costume|fan\s*art|style|aesthetic|esque|season|episode|game|anime|manga"
    r"|still|stills|screenshot|screencap|frame|panel|crossover|cross-over|mash-?up|spin-?off"
    r"|prequel|remake|reboot|parody|trailer|soundtrack|fanfic(?:tion)?|box\s*art|key\s*art)\b",
    re.I,
)
#: A release year right after a title of two words or more: "blade runner (1982)", not
#: "Brazil (1970)"; "from 1982" only counts beside another reference ("cars from 1982").
YEAR_AFTER = re.compile(r"^[ \t]*\([ \t]*(?:1[ \t]?[89]|2[ \t]?0)[ \t]?\d[ \t]?\d[ \t]*\)")
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
#: A medium or a place-in-a-work cue beside a name that is both a character and its own
#: franchise ("Shrek", "Kirby"): then the work is meant ("the shrek game", "in super mario").
_MEDIUM_BEFORE = re.compile(
    r"\b(?:in|from|play|plays|playing|played|film|movie|game|series|show|universe|world\s+of"
    r"|franchise|saga|style\s+of|inspired\s+by|set\s+in|dans|jeu|série|façon|univers)\s+(?:the\s+)?$",
    re.I,
)
_MEDIUM_AFTER = re.compile(
    r"^\W{0,2}(?:art\s+style|books?|novels?|verse|fanfic|fan\s*fiction|lore|canon|fandom"
    r"|films?|movies?|series|show|games?|universe|franchise|saga|trilogy|sequel|style"
    r"|aesthetic|world|levels?|soundtrack|posters?|scenes?|screenshots?|stills?|episodes?"
    r"|seasons?|logo|box\s*art|cover|comics?|manga|anime|cartoon|musical|ride|theme"
    r"|like|esque|inspired|clone)\b",
    re.I,
)


def character_meant(before: str, after: str) -> bool:
    """A name that is a character and its eponymous work ("Shrek", "Super Mario", "Kirby")
    names the character unless a medium or "in"/"from" says the work is meant: a prompt
    puts the character in its picture ("shrek at a desk", "dressed as super mario")."""
    return not (_MEDIUM_BEFORE.search(before) or _MEDIUM_AFTER.match(after))


#: What joins two titles of one list: "suspiria and neon demon" (a comma alone joins tags
#: of anything: "Star Wars, dark city, neon signs").
_LIST_JOIN = re.compile(r"\s*,?\s+(?:and|or|&|et)\s+", re.I)
#: The list item ends with the title: "neon demon and ...", not "dark city streets".
_ITEM_END = re.compile(r"\s*(?:$|[,;.!?)\n]|(?:and|or|&|et)\b)", re.I)


def listed_with_title(content: str, start: int, end: int, titles) -> bool:
    """A title of ordinary words that is a whole list item joined by "and" to a title the
    prompt names ("style of suspiria and neon demon"): items of one list are alike."""
    if not _ITEM_END.match(content, end):
        return False
    for title_start, title_end in titles:
        if title_end <= start and _LIST_JOIN.fullmatch(content, title_end, start):
            return True
        if end <= title_start and _LIST_JOIN.fullmatch(content, end, title_start):
            return True
    return False


_BY_BEFORE = re.compile(r"\bby\s+$", re.I)


def by_maker(content: str, end: int, work: Work, before: str = "") -> bool:
    """ "heat by michael mann", "shelter by porter robinson": a title of one ordinary word
    credited right away to its maker (a person or a studio, not a word like "Various");
    or, given the text `before` it, a studio whose people are credited ("by pixar
    animators": its house style is asked)."""
    if _BY_BEFORE.search(before) and MAKERS_AFTER.match(content, end):
        return True
    maker = fold(work.maker)
    if len(maker) < 4 or maker in ("various", "unknown"):
        return False
    return fold(content[end : end + len(work.maker) + 8]).startswith("by " + maker)


def maker_death(lexicon: Lexicon, work: Work) -> int | None:
    """The death year of an artwork's maker, when the artist lists know it."""
    if not work.maker or work.type != "ARTWORK":
        return None
    for kind, index, _alias in lexicon.lookup(fold(work.maker)):
        if kind == ARTIST:
            death = lexicon.artist(index).death
            if death is not None:
                return death
    return None


#: Words that make a title the film rather than the painting ("the Mona Lisa film").
_SCREEN = re.compile(r"\b(?:film|movie|series|show|tv|episode|season|série)\b", re.I)
_WORK_AFTER = re.compile(
    r"^\W{0,2}(?:film|movie|series|show|universe|poster|character|franchise|saga|scene|trilogy"
    r"|sequel|cosplay|costume|fan\s*art|painting|photo|style|aesthetic|look|vibes?|esque"
    r"|crossover|cross-over|mash-?up|spin-?off|prequel|remake|reboot|parody)\b",
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
    """Whether the title is written in a pair of quotes (or *emphasis*) of its own: not a word
    inside an identifier ("time_of_day") nor a JSON key or value, where every string is quoted."""
    before = content[start - 1] if start > 0 else ""
    after = content[end] if end < len(content) else ""
    if not (before and after and after in _CLOSING.get(before, "")):
        return False
    outside_before = content[start - 2 : start - 1]
    outside_after = content[end + 1 : end + 2]
    if outside_before.isalnum() or outside_after.isalnum():
        return False  # "time_of_day", "l'Ours", "don't"
    return not (
        _JSON_AFTER.match(content, end + 1)
        or (
            '":' in content
            and _JSON_BEFORE.search(content[max(0, start - 12) : start - 1])
            and _JSON_END.match(content, end + 1)
        )
    )


def hyphenated_title(content: str, tokens, first: int, last: int, work: Work, words: bool) -> bool:
    """ "ghost-in-the-shell": a title hyphenated into one word is written as a title; but
    ordinary `words` hyphenated ("black-and-white", "half-life") are a compound word, unless
    the title is long and well known ("lord-of-the-rings")."""
    return (
        last - first >= 2
        and all(content[tokens.ends[i]] == "-" for i in range(first, last - 1))
        and (not words or (last - first >= 4 and _well_known(work)))
    )


def _sentence_start(content: str, start: int) -> bool:
    before = content[:start].rstrip()
    return not before or before[-1] in '.!?:;\n"“«-•*>#'


def _artist_message(artist: Artist) -> str:
    if artist.death is not None:
        status = f"whose work is in copyright until {artist.death + 70}"
    elif artist.birth is not None:
        status = "a living artist whose work is in copyright"
    else:
        # No list dates them: treated as in copyright until someone shows otherwise.
        status = "an artist no list dates (treated as in copyright)"
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
    # "Mercy (Overwatch)" made by "Overwatch": the qualifier already names it
    named = work.maker == work.title or f"({work.maker})" in work.title
    maker = f" ({work.maker})" if work.maker and not named else ""
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
