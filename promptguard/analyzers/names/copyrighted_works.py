"""References to copyrighted works: an artist's style, artworks, films, series, characters.

Netflix's guidance asks for approval before a prompt references copyrighted material
("Create an image inspired by McCurry's Afghan Girl"). An artist's name counts when the prompt
asks for their style ("in the style of", "à la manière de", "Ghibli-style") and their work is
still in copyright (alive, or dead for under 70 years, computed from today's date); Vermeer is
not. Titles and characters count on their own, but a title that is also an ordinary phrase
("Up", "Her", "Heat", "The Office") needs to look like a title: quoted, capitalised, or next
to a word such as "the film", "from" or a style phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from promptguard.analyzers.base import Analyzer
from promptguard.analyzers.names.artist_refs import ArtistRef, artist_refs, is_image_prompt
from promptguard.analyzers.names.lexicon import (
    ARTIST,
    PERSON,
    WORK,
    Artist,
    Lexicon,
    Work,
    fold,
    get_lexicon,
    style_context,
    tokenize,
)
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText

TYPES = ("ARTIST_STYLE", "STUDIO", "ARTWORK", "FILM", "SERIES", "CHARACTER", "FRANCHISE")
#: When one title is several things, report the most specific first.
_TYPE_ORDER = {"FRANCHISE": 0, "CHARACTER": 1, "FILM": 2, "SERIES": 3, "ARTWORK": 4}
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
    r"\b(?:film|movie|picture|series|show|tv|episode|season|character|franchise|saga|universe"
    r"|game|video\s+game|comic|manga|anime|cartoon|poster|scene|still|frame|cosplay|fan\s*art"
    r"|dressed\s+as|costume|remake|sequel|reboot|parody|le\s+film|la\s+série|personnage"
    r"|déguisé\s+en|déguisée\s+en|(?:watch|watched|watching|binge|binged|rewatch|rewatched))"
    r"(?:\s+(?:for|of|from|de|du|des|the))?\W*$",
    re.I,
)
_STRONG_AFTER = re.compile(
    r"^\W{0,2}(?:film|movie|series|show|universe|poster|character|franchise|saga|scene|trilogy"
    r"|sequel|cosplay|costume|fan\s*art|style|aesthetic|esque|season|episode|game|anime|manga"
    r"|still|stills|screenshot|screencap|frame|panel)\b",
    re.I,
)
#: Words that make a title the film rather than the painting ("the Mona Lisa film").
_SCREEN = re.compile(r"\b(?:film|movie|series|show|tv|episode|season|série)\b", re.I)
_WORK_AFTER = re.compile(
    r"^\W{0,2}(?:film|movie|series|show|universe|poster|character|franchise|saga|scene|trilogy"
    r"|sequel|cosplay|costume|fan\s*art|painting|photo|style|aesthetic|look|vibes?|esque)\b",
    re.I,
)


@dataclass
class _Hit:
    start_token: int
    end_token: int
    type: str
    subject: str
    score: float
    message: str
    severity: str = "normal"
    #: What an approver reads: entry, list, status, cue (never a personal value).
    evidence: dict | None = None


class CopyrightedWorkAnalyzer(Analyzer):
    """Reports references to in-copyright artists' styles, artworks, films and characters."""

    name = "copyrighted_works"
    categories = ("copyrighted_work",)
    needs_nlp = False

    def __init__(self, config: Config) -> None:
        self.config = config

    def analyze(self, text: ScanText) -> list[Finding]:
        content = text.content
        if not content.strip():
            return []
        lexicon = get_lexicon()
        tokens = tokenize(content)
        matches = lexicon.find(content)
        person_spans = [
            (first, last)
            for first, last, key_id in matches
            if last - first >= 2
            and any(
                kind == PERSON and lexicon.person(i).fame >= 40
                for kind, i, _a in lexicon.refs[key_id]
            )
        ]
        hits: list[_Hit] = []
        cited = artist_refs(content)
        artist_tokens: set[int] = set()
        for ref in cited:
            hits.append(self._artist_ref(lexicon, ref))
            artist_tokens.update(range(ref.first, ref.last))
        for first, last, key_id in matches:
            if any(i in artist_tokens for i in range(first, last)):
                continue
            refs = lexicon.refs[key_id]
            start, end = tokens.starts[first], tokens.ends[last - 1]
            if any(kind == ARTIST for kind, _i, _a in refs) and style_context(content, start, end):
                # A style request names the artist, not a namesake film ("Van Gogh").
                artist_hit = self._artist(lexicon, content, tokens, first, last, refs)
                if artist_hit is not None:
                    hits.append(artist_hit)
                continue
            inside_name = any(
                a <= first and last <= b and (a, b) != (first, last) for a, b in person_spans
            )
            if not inside_name:
                work_hit = self._work(lexicon, content, tokens, first, last, refs, start, end)
                if work_hit is not None:
                    hits.append(work_hit)
        return self._findings(tokens, hits)

    # -- artists -------------------------------------------------------------------------

    def _artist_ref(self, lexicon: Lexicon, ref: ArtistRef) -> _Hit:
        """An artist cited as a style: in copyright needs clearance; a public-domain master
        is reported as an allowed reference (severity info)."""
        if ref.artist is None:
            evidence = {
                "entry": ref.name,
                "list": "none (not in the artist lists)",
                "status": "unlisted",
                "cue": ref.cue,
                "match": ref.how,
            }
            message = (
                f"{ref.name} is cited as an artist ({ref.cue!r}) but is in no list: unless you "
                "know the artist died over 70 years ago, their style needs clearance."
            )
            return _Hit(ref.first, ref.last, "ARTIST_STYLE", ref.name, 0.6, message, "normal",
                        evidence)  # fmt: skip
        artist = lexicon.artist(ref.artist)
        protected = artist.in_copyright()
        status = (
            "public_domain"
            if not protected
            else ("living" if artist.death is None else "in_copyright")
        )
        evidence = {
            "entry": artist.name,
            "list": f"artists ({artist.source or 'artists.tsv'})",
            "status": status,
            "cue": ref.cue,
            "match": ref.how,
        }
        if artist.birth or artist.death:
            evidence["years"] = f"{artist.birth or '?'}-{artist.death or ''}"
        score = 0.7 if ref.how == "typo" else 0.9
        if not protected:
            message = (
                f"{artist.name} (died {artist.death}) is in the public domain: their style is "
                "free to use (reported for the record, no clearance)."
                if artist.death is not None
                else f"{artist.name} lived long ago: their style is free to use (for the record)."
            )
            return _Hit(ref.first, ref.last, "ARTIST_STYLE", artist.name, score, message, "info",
                        evidence)  # fmt: skip
        return _Hit(ref.first, ref.last, "ARTIST_STYLE", artist.name, score,
                    _artist_message(artist), "normal", evidence)  # fmt: skip

    def _artist(self, lexicon: Lexicon, content, tokens, first, last, refs):
        artists = [lexicon.artist(i) for kind, i, _alias in refs if kind == ARTIST]
        start = tokens.starts[first]
        # Prefer the entry with dates: "Vermeer" the dated master, not an undated namesake.
        artist = max(artists, key=lambda a: (a.death is not None or a.birth is not None, a.style))
        folded = tokens.folded[first:last]
        if not artist.style and lexicon.is_common_name(folded):
            return None
        if len(folded) == 1 and not content[start].isupper() and _weak(lexicon, folded[0]):
            return None  # "he should be hang like...": an ordinary word, not Ren Hang
        if not content[start].isupper() and not artist.style:
            return None
        if not artist.in_copyright():
            return None
        return _Hit(
            first,
            last,
            "ARTIST_STYLE",
            artist.name,
            0.9 if artist.style else 0.75,
            _artist_message(artist),
        )

    # -- works ---------------------------------------------------------------------------

    def _work(self, lexicon: Lexicon, content, tokens, first, last, refs, start, end):
        works = [lexicon.work(i) for kind, i, _alias in refs if kind == WORK]
        if not works:
            return None
        before, after = content[max(0, start - 25) : start], content[end : end + 20]
        screen = len(works) > 1 and bool(_SCREEN.search(before) or _SCREEN.search(after))
        work = min(
            works,
            key=lambda w: (
                not (w.type == "ARTWORK" and not screen),
                not w.maker,
                _TYPE_ORDER.get(w.type, 9),
            ),
        )
        folded = tokens.folded[first:last]
        content_words = [w for w in folded if w not in _FUNCTION_WORDS]
        if not content_words:
            return None
        key = " ".join(folded)
        strong = _Lazy(
            lambda: bool(
                _quoted(content, start, end)
                or _STRONG_BEFORE.search(before)
                or _STRONG_AFTER.match(after)
                or style_context(content, start, end)
            )
        )
        famous_person = any(
            kind == PERSON and lexicon.person(i).fame >= 50 for kind, i, _alias in refs
        )
        if famous_person and (work.type == "CHARACTER" or not strong):
            # "Marilyn Monroe", "Napoleon-era": the list of people says who this is; a
            # biopic title needs a screen cue, and a real person is never a character.
            return None
        plain = vocabulary().plain
        ambiguous = (
            key in vocabulary().places
            or (key in lexicon.not_names and lexicon.not_names[key] != "STUDIO")
            or (len(content_words) == 1 and content_words[0] in lexicon.common_first)
            or (len(folded) == 1 and _part_of_famous_name(lexicon, folded[0]))
            or all(w in plain or w in lexicon.common_words for w in content_words)
        )
        if work.category == "STUDIO" and not (strong or is_image_prompt(content)):
            return None  # "everyone at Nintendo": the company, not its house style
        if ambiguous and len(content_words) == 1 and not strong:
            # A place, a brand, a first name or a word ("Orlando", "Tesla", "Emma", "Go").
            return None
        if (
            len(folded) == 1
            and not strong
            and work.category != "STUDIO"
            and _inside_longer_name(content, start, end)
        ):
            # "Trevor Noah", "Undead Nightmare": a one-word title inside a longer name.
            return None
        surfaces = [content[tokens.starts[i] : tokens.ends[i]] for i in range(first, last)]
        quoted = _quoted(content, start, end)
        context = _Lazy(
            lambda: bool(
                _WORK_BEFORE.search(before)
                or _WORK_AFTER.match(after)
                or style_context(content, start, end)
            )
        )
        capitalised = (
            all(s[0].isupper() or s[0].isdigit() or fold(s) in _FUNCTION_WORDS for s in surfaces)
            and surfaces[0][0].isupper()
        )
        sentence_start = _sentence_start(content, start)
        ordinary = [
            w
            for w in content_words
            if w in lexicon.common_words
            or w in lexicon.common_first
            or w in lexicon.common_last
            or len(w) <= 3
        ]
        distinctive = len(ordinary) < len(content_words) and len(" ".join(folded)) >= 4
        if len(content_words) == 1 and not distinctive:
            # "Up", "Her", "Heat", "Elsa": only with quotes, or capitalised with context.
            if not (quoted or (capitalised and context and not sentence_start)):
                return None
            score = 0.8
        elif not distinctive:
            # "The Office", "Blade Runner": must look like a title (a capitalised second
            # word says more than a capital at the start of a sentence).
            looks_like_title = capitalised and (
                not sentence_start or context or len(content_words) >= 2
            )
            lowercase_title = len(content_words) >= 2 and (
                (
                    context
                    and not all(w in plain or w in lexicon.common_words for w in content_words)
                    and (is_image_prompt(content) or strong)
                )  # "dressed as super mario"
                or (strong and _popular(work))  # "star trek still"
                or (_popular(work) and _whole_tag(content, start, end) and is_image_prompt(content))
            )  # "…, ghost in the shell, blade runner, concept art"
            if not (quoted or looks_like_title or lowercase_title):
                return None
            if (
                work.type == "CHARACTER"
                and lexicon.is_common_name(content_words)
                and not (quoted or context)
            ):
                return None
            score = 0.85 if (quoted or context) else 0.7
        else:
            lowercase_ok = len(content_words) >= 2 or (
                work.type in ("CHARACTER", "FRANCHISE")
                and (len(content_words[0]) >= 5 or is_image_prompt(content))
                and len(content_words[0]) >= 4
            )
            if (
                len(content_words) == 1
                and not strong
                and work.type
                not in (
                    "CHARACTER",
                    "FRANCHISE",
                )
            ):
                # A one-word film or series title needs more than "of" or "in" before it.
                context = _Lazy(lambda: False)
            if not (capitalised or quoted or context or lowercase_ok):
                return None
            score = 0.9 if (quoted or context or capitalised) else 0.7
        if work.public_domain(self._maker_death(lexicon, work)):
            return None
        kind = "STUDIO" if work.category == "STUDIO" else work.type
        evidence = {
            "entry": work.title,
            "list": f"works ({work.source or 'works.tsv'})",
            "status": "in_copyright",
            "kind": work.category or work.type,
            "cue": "quoted" if quoted else ("context" if strong or context else "title"),
        }
        return _Hit(first, last, kind, work.title, score, _work_message(work), "normal", evidence)

    @staticmethod
    def _maker_death(lexicon: Lexicon, work: Work) -> int | None:
        if not work.maker or work.type != "ARTWORK":
            return None
        for kind, index, _alias in lexicon.lookup(fold(work.maker)):
            if kind == ARTIST:
                death = lexicon.artist(index).death
                if death is not None:
                    return death
        return None

    # -- findings ------------------------------------------------------------------------

    def _findings(self, tokens, hits: list[_Hit]) -> list[Finding]:
        ranked = sorted(hits, key=lambda h: (-(h.end_token - h.start_token), -h.score))
        kept: list[_Hit] = []
        for hit in ranked:
            if all(hit.end_token <= k.start_token or hit.start_token >= k.end_token for k in kept):
                kept.append(hit)
        return [
            Finding(
                category="copyrighted_work",
                type=hit.type,
                start=tokens.starts[hit.start_token],
                end=tokens.ends[hit.end_token - 1],
                score=hit.score,
                subject=hit.subject,
                message=hit.message,
                analyzer=self.name,
                severity=hit.severity,
                extra=(
                    {"evidence": hit.evidence, "status": hit.evidence.get("status", "")}
                    if hit.evidence
                    else {}
                ),
            )
            for hit in sorted(kept, key=lambda h: h.start_token)
        ]


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
    """From a list of well-known titles (hand-written supplement, popular films and shows),
    not only from an archive of every nominated film."""
    return "supplement" in work.source or "dariusk" in work.source


_TAG_EDGE = re.compile(r"(?:^|[,;|\n(]|\.\s)\s*$")
_TAG_END = re.compile(r"^\s*(?:$|[,;|\n)]|\.(?:\s|$))")


def _whole_tag(content: str, start: int, end: int) -> bool:
    """The title is a whole item of a comma-separated tag list."""
    return bool(_TAG_EDGE.search(content[max(0, start - 3) : start])) and bool(
        _TAG_END.match(content[end : end + 3])
    )


def _weak(lexicon: Lexicon, word: str) -> bool:
    return (
        word in lexicon.common_words
        or word in lexicon.common_first
        or word in lexicon.common_last
        or word in vocabulary().plain
    )


class _Lazy:
    """A condition computed only if asked (the context regexes are the costly part)."""

    def __init__(self, compute) -> None:
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
