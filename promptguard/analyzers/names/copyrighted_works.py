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

from promptguard.analyzers.base import Analyzer
from promptguard.analyzers.names.artist_hits import (
    Hit,
    artist_ref_hit,
    artist_style_hit,
    hit_findings,
)
from promptguard.analyzers.names.artist_refs import artist_refs
from promptguard.analyzers.names.character_refs import (
    character_from,
    character_hits,
    companions,
    with_companion,
    word_character_cued,
)
from promptguard.analyzers.names.credited_titles import credited_titles
from promptguard.analyzers.names.folding import closed_compound, fold, tokenize
from promptguard.analyzers.names.given_names import CONTACT_BEFORE, person_shaped
from promptguard.analyzers.names.lexicon import get_lexicon, style_context
from promptguard.analyzers.names.named_with_work import listed_hit
from promptguard.analyzers.names.ordinary_use import drop_ordinary_uses
from promptguard.analyzers.names.packed import ARTIST, PERSON, WORK, Lexicon
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import is_image_prompt, is_prose
from promptguard.analyzers.names.title_cast import characters_of_titles
from promptguard.analyzers.names.title_context import (
    _FUNCTION_WORDS,
    _SCREEN,
    _STRONG_AFTER,
    _STRONG_BEFORE,
    _WORK_AFTER,
    _WORK_BEFORE,
    DEPICTED_AFTER,
    FROM_YEAR,
    SCREEN_CUE,
    YEAR_AFTER,
    _inside_longer_name,
    _Lazy,
    _part_of_famous_name,
    _popular,
    _quoted,
    _sentence_start,
    _touching,
    _well_known,
    _whole_tag,
    _work_message,
    by_maker,
    character_meant,
    hyphenated_title,
    listed_with_title,
    maker_death,
    place_in_prose,
)
from promptguard.analyzers.names.title_cues import (
    CREDIT_BEFORE,
    across_tags,
    famous_alone,
    role_or_frame_before,
    studio_style,
    type_qualified,
)
from promptguard.analyzers.names.title_shape import (
    depicted_subject,
    named_elsewhere,
    title_shape,
    written_variants,
)
from promptguard.analyzers.names.title_typos import title_typos
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText

TYPES = ("ARTIST_STYLE", "STUDIO", "ARTWORK", "FILM", "SERIES", "CHARACTER", "FRANCHISE", "WORK")
#: When one title is several things, report the most specific first.
_TYPE_ORDER = {"FRANCHISE": 0, "CHARACTER": 1, "FILM": 2, "SERIES": 3, "ARTWORK": 4}
_BEING_SHAPES = ("epithet", "honorific", "full name")
_INITIALS = re.compile(r"[A-Z](?:\s?&\s?[A-Z])+")
#: "john.doe@…": words joined into an address or a handle are not written as a title.
_JOINED = re.compile(r"[@/\\_]|\.\w")
#: "trump as walter white": a well-known character's name right after "as".
_AS_BEFORE = re.compile(r"\b(?:as|dressed\s+like)\s+$", re.I)


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
        variants = written_variants(lexicon, content, tokens)
        bare = {(first, last) for first, last, _key, article in variants if article}
        matches = lexicon.find(content) + [(a, b, key) for a, b, key, _article in variants]
        person_spans = [
            (first, last)
            for first, last, key_id in matches
            if last - first >= 2
            and any(
                kind == PERSON and lexicon.person(i).fame >= 40
                for kind, i, _a in lexicon.refs[key_id]
            )
        ]
        hits: list[Hit] = []
        deferred: list[tuple] = []
        cited = artist_refs(content)
        artist_tokens: set[int] = set()
        for ref in cited:
            hits.append(artist_ref_hit(lexicon, ref))
            artist_tokens.update(range(ref.first, ref.last))
        for first, last, key_id in matches:
            if any(i in artist_tokens for i in range(first, last)):
                continue
            refs = lexicon.refs[key_id]
            start, end = tokens.starts[first], tokens.ends[last - 1]
            if any(kind == ARTIST for kind, _i, _a in refs) and style_context(content, start, end):
                # A style request names the artist, not a namesake film ("Van Gogh").
                artist_hit = artist_style_hit(lexicon, content, tokens, first, last, refs)
                if artist_hit is not None:
                    hits.append(artist_hit)
                    continue
                # "disney pixar style": no artist's style here, maybe the studio's
            inside_name = any(
                a <= first and last <= b and (a, b) != (first, last) for a, b in person_spans
            )
            if not inside_name:
                work_hit = self._work(lexicon, content, tokens, first, last, refs, start, end,
                                      bare=(first, last) in bare)  # fmt: skip
                hits.extend([work_hit] if work_hit is not None else [])
                if work_hit is None:
                    deferred.append((first, last, refs, start, end, (first, last) in bare))
                # "rachel from friends": the character beside an ambiguous title says which
                for a, b, entry, cue in character_hits(
                    lexicon, content, tokens, first, last, refs, work_hit is not None
                ):
                    hits.append(listed_hit(entry, a, b, cue))
        if deferred and (hits or person_spans):
            # Another reference makes an ambiguous title likelier ("garfield drawn", "in up").
            known = companions(lexicon, hits)
            titles = [(tokens.starts[h.start_token], tokens.ends[h.end_token - 1])
                      for h in hits if h.type in ("FILM", "SERIES", "FRANCHISE")
                      and (h.evidence or {}).get("cue") in ("context", "quoted")]  # fmt: skip
            for first, last, refs, start, end, article in deferred:
                hit = self._work(lexicon, content, tokens, first, last, refs, start, end, True,
                                 article, known, titles)  # fmt: skip
                hits.extend([hit] if hit is not None else [])
        hits += credited_titles(lexicon, content, tokens, hits)  # "Heat by Michael Mann"
        hits += characters_of_titles(lexicon, content, tokens, hits)  # "Marty from Madagascar"
        hits += title_typos(lexicon, content, tokens, hits)  # "spliner cell, digital art"
        return drop_ordinary_uses(content, hit_findings(self.name, tokens, hits))

    # -- works ---------------------------------------------------------------------------

    def _work(
        self,
        lexicon: Lexicon,
        content,
        tokens,
        first,
        last,
        refs,
        start,
        end,
        near=False,
        bare=False,
        known=frozenset(),
        titles=(),
    ):
        """A list title found at tokens first..last, if the prompt writes it as that title;
        `near`: another reference is in the prompt (second pass over the rejected ones);
        `bare`: written without the title's "the", where capitals alone say too little."""
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
        if across_tags(content, tokens, first, last, work.title):
            return None
        folded = tokens.folded[first:last]
        content_words = [w for w in folded if w not in _FUNCTION_WORDS]
        if _INITIALS.fullmatch(content, start, end):
            content_words = folded  # "D&D": initials, not French "d"
        if not content_words:
            return None
        key = " ".join(folded)
        role_from = _Lazy(lambda: role_or_frame_before(before, after, key, content))
        cued = _Lazy(
            lambda: bool(
                role_from
                or (work.category == "STUDIO" and CREDIT_BEFORE.search(before))  # "by pixar"
                or _STRONG_BEFORE.search(before)
                or _STRONG_AFTER.match(after)
                or (last - first >= 2 and YEAR_AFTER.match(after))
                or style_context(content, start, end)
                or character_from(lexicon, before)
                or by_maker(content, end, work, before)
            )
        )
        strong = _Lazy(lambda: bool(_quoted(content, start, end) or cued))
        famous_person = any(
            kind == PERSON and lexicon.person(i).fame >= 50 for kind, i, _alias in refs
        )
        if famous_person and (work.type == "CHARACTER" or not strong):
            # "Marilyn Monroe", "Napoleon-era": the list of people says who this is; a
            # biopic title needs a screen cue, and a real person is never a character.
            return None
        plain = vocabulary().plain
        words_only = all(w in plain or w in lexicon.common_words for w in content_words)
        qualified = "(" in work.title and not type_qualified(work, works, key)  # "Cyborg (DC)"
        ambiguous = (
            qualified
            or key in vocabulary().places
            or (key in lexicon.not_names and lexicon.not_names[key] != "STUDIO")
            or (len(content_words) == 1 and content_words[0] in lexicon.common_first)
            or (
                len(folded) == 1
                and work.category != "STUDIO"  # "disney": the studio named after its founder
                and _part_of_famous_name(lexicon, folded[0])
            )
            or words_only
        )
        if lexicon.not_names.get(key) == "PUBLIC_DOMAIN" and not strong:
            return None  # "apollo and daphne": the myth (or Bernini's), unless a maker is named
        if work.category == "STUDIO" and not studio_style(after, content, strong):
            return None  # "everyone at Nintendo", "a nintendo switch": the company
        maker_named = named_elsewhere(tokens.folded, work.maker, first, last)
        drawn = (
            near
            and work.type in ("CHARACTER", "FRANCHISE")
            and _popular(work)
            and DEPICTED_AFTER.match(after)
        )
        subject = depicted_subject(content, start, end, work, is_image_prompt(content))
        depicted = maker_named or drawn or subject  # "garfield drawn", "... by jim davis"
        if qualified and work.type == "CHARACTER":  # "comic book": no "Book (BFDI)"
            cued = maker_named or word_character_cued(lexicon, before, after, not words_only)
        if (
            ambiguous
            and len(content_words) == 1
            and not (cued if qualified else strong or depicted)
            and not with_companion(lexicon, work, known)
        ):  # a place, brand, first name or word ("Orlando", "Tesla", "Emma", "Go"); a name
            return None  # the list had to qualify needs a cue word, not quotes ('Tom' in data)
        if (
            len(folded) == 1
            and not strong
            and work.category != "STUDIO"
            and _inside_longer_name(content, start, end)
        ):
            # "Trevor Noah", "Undead Nightmare": a one-word title inside a longer name.
            return None
        shape = ""
        surfaces = [content[tokens.starts[i] : tokens.ends[i]] for i in range(first, last)]
        # a short compound in prose is an adjective ("day-night match", "face-to-face talks")
        quoted = _quoted(content, start, end) or (
            hyphenated_title(content, tokens, first, last, work, words_only)
            and (last - first >= 4 or not is_prose(content))
        )
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
            and not bare
        )
        sentence_start = _sentence_start(content, start)
        ordinary = [
            w
            for w in content_words
            if w in lexicon.common_words
            or (w.endswith("s") and (w[:-1] in lexicon.common_words or w[:-1] in plain))
            or w in lexicon.common_first
            or w in lexicon.common_last
            or len(w) <= 3
            or (not _well_known(work) and closed_compound(w, plain.__contains__, 3) and not strong)
            or (len(content_words) >= 2 and famous_alone(lexicon, w))
        ]
        distinctive = len(ordinary) < len(content_words) and len(" ".join(folded)) >= 4
        if len(content_words) == 1 and not distinctive:
            # "Up", "Her", "Heat", "Elsa": only with quotes, or capitalised with context, or
            # a well-known title after a style phrase or a medium ("style of peanuts").
            cued_title = _popular(work) and SCREEN_CUE.search(before)
            cued_title = cued_title or with_companion(lexicon, work, known)
            cued_title = cued_title or by_maker(content, end, work) or subject  # "heat by m. mann"
            cued_title = cued_title or (  # "ran movie still, akira kurosawa": a maker's name
                maker_named
                and cued
                and any(
                    kind in (PERSON, ARTIST) for kind, _i, _a in lexicon.lookup(fold(work.maker))
                )
            )
            cued_title = cued_title or (_popular(work) and role_from)  # "as death from sandman"
            quoted = quoted and surfaces[0][0].isupper()  # 'yes' or 'no': a word, mentioned
            if not (quoted or (capitalised and context and not sentence_start) or cued_title):
                return None
            score = 0.8
        elif not distinctive:
            # "The Office", "Blade Runner": must look like a title (a capitalised second
            # word says more than a capital at the start of a sentence).
            if not _JOINED.search(content, start, end + 1):
                shape = title_shape(lexicon, work, folded, before, _popular(work))
            if qualified and shape == "full name":
                shape = ""  # "John Doe (Se7en)": a name the list qualifies is anyone's
            # an archive title of dictionary words ("Work Experience") also needs context
            looks_like_title = capitalised and bool(_popular(work) or context or not words_only)
            looks_like_title &= bool(not sentence_start or context or len(content_words) >= 2)
            lowercase_title = len(content_words) >= 2 and (
                (
                    context and not words_only and (is_image_prompt(content) or strong)
                )  # "dressed as super mario"
                or (strong and _popular(work))  # "star trek still"
                or (work.type == "CHARACTER" and _popular(work) and _AS_BEFORE.search(before))
                or (
                    _popular(work)
                    and _whole_tag(content, start, end, True)
                    and is_image_prompt(content)
                )
                or shape
                or maker_named
                or subject
                or listed_with_title(content, start, end, titles)
                or (
                    near
                    and _touching(before)
                    and (strong or FROM_YEAR.match(after) or (_well_known(work) and context))
                )
            )  # "…, ghost in the shell, blade runner, concept art"
            if not (quoted or looks_like_title or lowercase_title) or (
                not (quoted or context) and place_in_prose(folded, content)
            ):
                return None
            if work.type == "CHARACTER" and not (quoted or context):
                image = is_image_prompt(content)
                if lexicon.is_common_name(content_words) and not (
                    _popular(work) and (image or shape)
                ):
                    return None
                if person_shaped(content_words) and (
                    not (image or _popular(work)) or CONTACT_BEFORE.search(before)
                ):
                    return None  # "Contact Jane Doe": a crew member first
            score = 0.85 if (quoted or context) else 0.7
        else:
            long_word = len(content_words[0]) >= 8  # "bladerunner": no word, no name
            lowercase_ok = (
                # lowercase words read as a title in a prompt, not in prose ("the grand prix")
                (len(content_words) >= 2 and (is_image_prompt(content) or not is_prose(content)))
                or long_word
                or (
                    work.type in ("CHARACTER", "FRANCHISE")
                    and (len(content_words[0]) >= 5 or is_image_prompt(content))
                    and len(content_words[0]) >= 4
                )
            )
            if (
                len(content_words) == 1
                and not strong
                and not long_word
                and work.type not in ("CHARACTER", "FRANCHISE")
            ):
                # A one-word film or series title needs more than "of" or "in" before it.
                context = _Lazy(lambda: False)
            if not (capitalised or quoted or context or lowercase_ok):
                return None
            score = 0.9 if (quoted or context or capitalised) else 0.7
        if work.public_domain(maker_death(lexicon, work)):
            return None
        kind = "STUDIO" if work.category == "STUDIO" else work.type
        if (
            shape in _BEING_SHAPES
            or DEPICTED_AFTER.match(after)
            or (character_meant(before, after) and not maker_named)
        ) and any(w.type == "CHARACTER" for w in works):
            kind = "CHARACTER"  # "sonic the hedgehog", "garfield drawn", "shrek at a desk"
        evidence = {
            "entry": work.title,
            "list": f"works ({work.source or 'works.tsv'})",
            "status": "in_copyright",
            "kind": work.category or work.type,
            "cue": "quoted" if quoted else ("context" if strong or context else "title"),
            **({"work": work.maker} if maker_named and work.type == "CHARACTER" else {}),
        }
        return Hit(first, last, kind, work.title, score, _work_message(work), "normal", evidence)
