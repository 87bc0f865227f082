"""A title credited to its maker: "Chungking Express by Wong Kar-wai", "Shelter by Porter Robinson".

After a painter or an illustrator, "by X" is a style credit and what comes before it is the
picture's subject ("a portrait by Alice Neel"). After a filmmaker, a musician, an author or a
studio it credits a work: the phrase before "by" names a film, a song, a book. It is reported
as that work when it reads as a title: a listed title, quoted, written in capitals ("Happy
Together by Wong Kar-wai") or, in a lowercase tag list, a short tag of its own credited to a
musician (a musician has no picture style to borrow, so "<words> by <musician>" is a song).
Ordinary subjects stay subjects: an article ("a city by Wong Kar-wai"), a medium word
("portrait by", "film still by") or a phrase that is no credit ("city by night").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from promptguard.analyzers.names.artist_hits import Hit
from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.given_names import person_shaped
from promptguard.analyzers.names.packed import ARTIST, PERSON, WORK, Lexicon, Work
from promptguard.analyzers.names.title_context import _FUNCTION_WORDS, _work_message

_BY = re.compile(r"(?<![\w'’-])by[ \t]+", re.I)
#: Where the phrase credited by "by" starts: a tag or a clause edge.
_EDGE = re.compile(r"(?:^|[,;|\n(\[]|[.!?:][ \t]|\band\b|\bwith\b)[ \t]*$", re.I)
_QUOTED = re.compile(r"""^["“'‘«](.+)["”'’»]$""")
_OPENING_QUOTES = ('"', "“", "'", "‘", "«")
_CLOSING_QUOTES = frozenset("\"”'’»")
#: Verbs a request starts with, capitalised only by their place ("Summarize The Road by ...").
_PROMPT_VERBS_TEXT = """
    describe summarize summarise explain review analyze analyse write compare discuss critique
    translate read watch listen play rate recommend quote rewrite continue
    """
_PROMPT_VERBS = frozenset(_PROMPT_VERBS_TEXT.split())
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
#: People-list kinds whose "by X" credits a work, not a picture style.
_FILM_KINDS = frozenset({"director", "film director", "screenwriter", "film producer"})
_MUSIC_KINDS = frozenset({"musician", "singer", "composer", "rapper", "band", "dj"})
_WRITING_KINDS = frozenset({"writer", "author", "novelist", "poet"})
#: Words that make the phrase a picture, a medium or a credit verb, not a title.
_MEDIUM_TEXT = """
    a an the this that my your his her our their some one art artwork image picture photo
    photograph photography portrait painting drawing sketch illustration render rendering still
    shot scene frame screenshot poster cover wallpaper design concept style film movie cinema
    cinematic song album track music record book novel poem story comic page made directed
    written produced composed painted drawn created inspired photographed shot performed sung
    edited designed lit animation animated video clip trailer songs films movies books novels
    poems stories albums tracks paintings photos pictures works work videos records lyrics quotes
    interview speech collection series episode
    """
_MEDIUM = frozenset(_MEDIUM_TEXT.split())


def credited_titles(lexicon: Lexicon, content: str, tokens, hits: list[Hit]) -> list[Hit]:
    """Work hits for the phrases credited with "by" to a maker of films, music or books."""
    taken = {i for hit in hits for i in range(hit.start_token, hit.end_token)}
    lowercase = not any(c.isupper() for c in content)
    found: list[Hit] = []
    for by in _BY.finditer(content):
        medium = _maker_medium(lexicon, content, tokens, by.end())
        if medium is None:
            continue
        start, end = _phrase(content, by.start(), lowercase)
        if start is None:
            continue
        first, last = bisect_left(tokens.starts, start), bisect_left(tokens.starts, end)
        if first >= last or any(i in taken for i in range(first, last)):
            continue
        hit = _title_hit(
            lexicon, content[start:end], medium, lowercase, first, last, content, start
        )
        if hit is not None:
            taken.update(range(first, last))
            found.append(hit)
    return found + _possessive_credits(lexicon, content, tokens, taken)


def _possessive_credits(lexicon: Lexicon, content: str, tokens, taken: set[int]) -> list[Hit]:
    """ "hitchcock's vertigo", "Kubrick's The Shining": a listed film or series right after
    the possessive of a filmmaker (only a listed title: "kubrick's eyes" is no film)."""
    found: list[Hit] = []
    folded = tokens.folded
    for s_token in (i for i, word in enumerate(folded) if word == "s" and i >= 1):
        apostrophe = content[tokens.ends[s_token - 1] : tokens.starts[s_token]]
        if apostrophe not in ("'", "’") or any(
            i in taken for i in range(s_token + 1, min(s_token + 2, len(folded)))
        ):
            continue
        makers = (" ".join(folded[k:s_token]) for k in range(max(0, s_token - 3), s_token))
        if not any((_medium_of(lexicon, key) or "").startswith("FILM") for key in makers):
            continue
        for last in range(min(len(folded), s_token + 6), s_token + 1, -1):
            if any(i in taken for i in range(s_token + 1, last)):
                continue
            work = _listed_title(lexicon, " ".join(folded[s_token + 1 : last]))
            if work is not None:
                taken.update(range(s_token + 1, last))
                found.append(
                    _hit(s_token + 1, last, work.type, work.title, _work_message(work), "listed")
                )
                break
    return found


def _phrase(content: str, by_start: int, lowercase: bool) -> tuple[int | None, int]:
    """The span of the phrase "by" credits: a quoted phrase; in a prompt with capitals, the
    run of capitalised words before "by" ("Summarize The Road": not the verb that starts
    the sentence); in a lowercase prompt, the words from the tag or clause edge (six at most)."""
    end = len(content[:by_start].rstrip())
    window = content[max(0, end - 80) : end]
    offset = end - len(window)
    if window[-1:] in _CLOSING_QUOTES:
        opening = max(window.rfind(q, 0, len(window) - 1) for q in _OPENING_QUOTES)
        return (offset + opening, end) if opening >= 0 else (None, end)
    words = list(_WORD.finditer(window))
    if not lowercase:
        run = words[-8:]
        while run and not all(_title_word(w.group()) for w in run):
            run.pop(0)
        while run and not _title_start(run[0].group()):
            run.pop(0)  # "of Fallen Angels": a title starts with a capital
        verb = len(run) >= 2 and fold(run[0].group()) in _PROMPT_VERBS
        if verb and _EDGE.search(window[: run[0].start()]):
            run.pop(0)  # "Describe The Road by ..."
        return (offset + run[0].start(), end) if run else (None, end)
    for count in range(1, min(6, len(words)) + 1):
        start = words[-count].start()
        if _EDGE.search(window[:start]):
            return offset + start, end
    return None, end


def _title_word(word: str) -> bool:
    return _title_start(word) or fold(word) in _FUNCTION_WORDS


def _title_start(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _maker_medium(lexicon: Lexicon, content: str, tokens, position: int) -> str | None:
    """ "FILM" (or "FILM_STYLE"), "MUSIC" or "BOOK" when a maker of such works is named at
    `position`, from the people lists' kinds and the makers of listed films and series; None
    for anyone else, and for a painter, illustrator or photographer (whose credit is a style)."""
    first = bisect_left(tokens.starts, position)
    if first >= len(tokens.starts) or tokens.starts[first] != position:
        return None
    best: str | None = None
    key = ""
    for last in range(first + 1, min(first + 5, len(tokens.folded)) + 1):
        key = f"{key} {tokens.folded[last - 1]}".strip()
        medium = _medium_of(lexicon, key)
        if medium == "":
            best = None  # a visual artist under the longer name
        elif medium is not None:
            best = medium
    return best


def _medium_of(lexicon: Lexicon, key: str) -> str | None:
    """The medium a name's people-list kind or listed works say ("" for a visual artist)."""
    refs = lexicon.lookup(key)
    if not refs:
        return None
    kinds = {lexicon.person(i).kind for kind, i, _a in refs if kind == PERSON}
    if kinds & _FILM_KINDS or key in _film_makers(lexicon):
        # a filmmaker the artist lists also hold (Miyazaki, Roiland) is cited for a style too
        return "FILM_STYLE" if any(kind == ARTIST for kind, _i, _a in refs) else "FILM"
    if kinds & _MUSIC_KINDS:
        return "MUSIC"
    if kinds & _WRITING_KINDS:
        return "BOOK"
    if any(kind == ARTIST for kind, _i, _a in refs):
        return ""
    return None


@lru_cache(maxsize=2)
def _film_makers(lexicon: Lexicon) -> frozenset[str]:
    """The folded makers of listed films and series (directors and studios)."""
    makers: set[str] = set()
    for i in range(len(lexicon.work_rows)):
        work = lexicon.work(i)
        if work.type in ("FILM", "SERIES") and work.maker:
            makers.update(fold(m) for m in re.split(r"\s*[,/&]\s*", work.maker) if m)
    return frozenset(makers - {"various", "unknown"})


def _title_hit(
    lexicon: Lexicon, phrase: str, medium: str, lowercase: bool, first, last, content, start
) -> Hit | None:
    quoted = _QUOTED.match(phrase)
    text = quoted.group(1) if quoted else phrase
    words = _WORD.findall(text)
    folded = [fold(w) for w in words]
    if not words:
        return None
    lead = folded[0] in _MEDIUM and not (folded[0] == "the" and words[0][0].isupper())
    if (lead and not quoted) or folded[-1] in _MEDIUM:
        return None  # "a city by", "film still by", "directed by" (but "The Road by")
    film = medium.startswith("FILM")
    listed = _listed_title(lexicon, " ".join(folded)) if film else None
    if listed is not None:
        return _hit(first, last, listed.type, listed.title, _work_message(listed), "listed")
    if _a_person(lexicon, words, folded):
        return None  # "Danny DeVito by Justin Roiland": who is drawn, in the maker's style
    content_words = [w for w, f in zip(words, folded, strict=True) if f not in _FUNCTION_WORDS]
    capitalised = not lowercase and all(w[0].isupper() or w[0].isdigit() for w in content_words)
    at_start = not content[:start].strip() or content[:start].rstrip()[-1] in ".!?\n"
    shaped = capitalised and content_words and (len(words) >= 2 or not at_start)
    tag = lowercase and medium == "MUSIC" and len(words) <= 4
    if not (quoted or (shaped and medium != "FILM_STYLE") or tag):
        return None
    kind = "FILM" if film else "WORK"
    medium = "FILM" if film else medium
    label = {"FILM": "a film", "MUSIC": "a song or album", "BOOK": "a book"}[medium]
    title = " ".join(w if w[0].isupper() else w.capitalize() for w in words)
    message = (
        f"{title} is named as {label} credited to its maker: using it as a reference needs "
        "clearance."
    )
    return _hit(first, last, kind, title, message, "credited to its maker")


def _a_person(lexicon: Lexicon, words: list[str], folded: list[str]) -> bool:
    """A person's name, listed ("Danny DeVito") or shaped like one ("Jane Doe")."""
    refs = lexicon.lookup(" ".join(folded))
    return any(kind in (PERSON, ARTIST) for kind, _i, _a in refs) or person_shaped(words)


def _listed_title(lexicon: Lexicon, key: str) -> Work | None:
    for candidate in (key, key.removeprefix("the ")):
        for kind, index, _alias in lexicon.lookup(candidate):
            work = lexicon.work(index) if kind == WORK else None
            if work is not None and work.type in ("FILM", "SERIES", "FRANCHISE"):
                return None if work.public_domain(None) else work
    return None


def _hit(first: int, last: int, kind: str, title: str, message: str, cue: str) -> Hit:
    evidence = {"entry": title, "list": "works" if cue == "listed" else "none (credited title)",
                "status": "in_copyright", "kind": kind, "cue": "credited to its maker"}  # fmt: skip
    return Hit(first, last, kind, title, 0.75, message, "normal", evidence)
