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
from promptguard.analyzers.names.folding import fold, tokenize
from promptguard.analyzers.names.lexicon import get_lexicon, style_context
from promptguard.analyzers.names.packed import ARTIST, PERSON, WORK, Artist, Lexicon, Work
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText

TYPES = ("ARTIST_STYLE", "ARTWORK", "FILM", "SERIES", "CHARACTER", "FRANCHISE")
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
        for first, last, key_id in matches:
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

    def _artist(self, lexicon: Lexicon, content, tokens, first, last, refs):
        artists = [lexicon.artist(i) for kind, i, _alias in refs if kind == ARTIST]
        start = tokens.starts[first]
        # Prefer the entry with dates: "Vermeer" the dated master, not an undated namesake.
        artist = max(artists, key=lambda a: (a.death is not None or a.birth is not None, a.style))
        folded = tokens.folded[first:last]
        if not artist.style and lexicon.is_common_name(folded):
            return None
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
        distinctive = len(ordinary) < len(content_words) and len(" ".join(folded)) >= 5
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
            if not (quoted or looks_like_title):
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
                work.type in ("CHARACTER", "FRANCHISE") and len(content_words[0]) >= 5
            )
            if not (capitalised or quoted or context or lowercase_ok):
                return None
            score = 0.9 if (quoted or context or capitalised) else 0.7
        if work.public_domain(self._maker_death(lexicon, work)):
            return None
        return _Hit(first, last, work.type, work.title, score, _work_message(work))

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
            )
            for hit in sorted(kept, key=lambda h: h.start_token)
        ]


class _Lazy:
    """A condition computed only if asked (the context regexes are the costly part)."""

    def __init__(self, compute) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = self._compute()
        return self._value


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


def _work_message(work: Work) -> str:
    label = {
        "FILM": "a copyrighted film",
        "SERIES": "a copyrighted series",
        "CHARACTER": "a copyrighted character",
        "FRANCHISE": "a copyrighted franchise",
        "ARTWORK": "a copyrighted artwork",
    }.get(work.type, "a copyrighted work")
    maker = f" ({work.maker})" if work.maker else ""
    return f"{work.title}{maker} is {label}: using it as a reference needs clearance."
