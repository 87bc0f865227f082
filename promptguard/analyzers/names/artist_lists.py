"""Lists of artists: names read as artists because of the other artists beside them.

Image prompts pile up artists' names: "Edward Hopper and James Gilleard, Zdzislaw Beksinski,
highly detailed". Once one name of such a list is cited as a style, its neighbours joined by
"and", "&" or a comma are artists too, listed or not, and misspelt or not; a name only the
artist lists know in a subject's place ("photo of Todd Hido") is the artist when other
artists are cited right beside it. Two style artists joined that way also make a text an
image prompt by themselves ("rutkowski, beksinski"), whatever else it lacks.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from promptguard.analyzers.names.artist_names import (
    _FUNCTION_WORDS,
    ART_KINDS,
    ArtistRef,
    _famous_person,
    _name_ok,
    _ref,
    _token_at_or_after,
    _unmatched_item,
)
from promptguard.analyzers.names.depicted import _MESSAGE
from promptguard.analyzers.names.given_names import name_kind, person_shaped
from promptguard.analyzers.names.packed import ARTIST, PERSON, Lexicon
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import (
    _IMAGE_WORDS,
    _JOIN_WORDS,
    _JOINER,
    _TAG_LEAD,
    _TAG_TAIL,
)

#: Characters between a subject-place artist and another artist cited beside it.
SUBJECT_NEAR_CHARS = 40
#: Longest unlisted name taken as the next item of a list of artists.
ITEM_WORDS = 3
#: Most tags of one text searched for a misspelt artist's name.
MAX_TYPO_TAGS = 300


def _style_entry(lexicon: Lexicon, key_id: int) -> bool:
    """The name is an artist's from the lists prompts cite styles from (CLIP, supplement)."""
    return any(
        kind == ARTIST and (lexicon.artist(i).style or "supplement" in lexicon.artist(i).source)
        for kind, i, _alias in lexicon.refs[key_id]
    )


def _joined(text: str, tokens, left_end: int, right_start: int, space_ok: bool) -> bool:
    """Token left_end - 1 and token right_start are neighbours in a list of names."""
    if right_start <= left_end - 1:
        return False
    gap = text[tokens.ends[left_end - 1] : tokens.starts[right_start]]
    if not gap.strip():
        return space_ok and right_start == left_end
    between = tokens.folded[left_end:right_start]
    return bool(_JOINER.match(gap)) and all(w in _JOIN_WORDS for w in between)


def cites_artist_list(lexicon: Lexicon, text: str, tokens, matches) -> bool:
    """Two style artists joined by "and" or a comma ("rutkowski, beksinski"): a prompt."""
    names = sorted(
        (first, last)
        for first, last, key_id in matches
        if _style_entry(lexicon, key_id)
        and not _famous_person(lexicon, key_id)
        and _name_ok(lexicon, text, tokens, first, last, key_id, strong=False)
    )
    return any(
        _joined(text, tokens, a[1], b[0], space_ok=False)
        for a, b in zip(names, names[1:], strict=False)
    )


def list_neighbours(
    lexicon, text, tokens, matches, found, taken, subjects, unlisted: bool
) -> list[ArtistRef]:
    """The names joined to cited artists, and artist-only names near them (see the module);
    a name no list knows only when `unlisted` (a prompt, not a sentence of a message)."""
    refs: list[ArtistRef] = []
    used = set(taken)
    queue = list(found)
    by_first: dict[int, tuple] = {}
    by_last: dict[int, tuple] = {}
    for match in sorted(matches, key=lambda m: m[1] - m[0]):  # the longest wins
        by_first[match[0]] = match
        by_last[match[1]] = match

    def take(ref: ArtistRef) -> None:
        refs.append(ref)
        queue.append(ref)
        used.update(range(ref.first, ref.last))

    def listed(match) -> bool:
        first, last, key_id = match
        return (
            not any(i in used for i in range(first, last))
            and not _famous_person(lexicon, key_id)
            and _name_ok(lexicon, text, tokens, first, last, key_id, strong=False)
        )

    while queue:
        ref = queue.pop()
        after = ref.last
        while after < len(tokens.folded) and tokens.folded[after] in _JOIN_WORDS:
            after += 1
        match = by_first.get(after)
        space_ok = match is not None and _style_entry(lexicon, match[2])
        if match is not None and listed(match) and _joined(text, tokens, ref.last, after, space_ok):
            take(_ref(lexicon, *match, "list of artists", "exact"))
        else:
            item = _next_item(lexicon, text, tokens, ref.last, used, unlisted=unlisted)
            if item is None and unlisted and _run_on(text, tokens, ref):
                # "ryan church jon mccoy concept art": a tag run of names without commas.
                item = _next_item(lexicon, text, tokens, ref.last, used, joined=False)
                if item is not None and not person_shaped(tokens.folded[item.first : item.last]):
                    item = None
            if item is not None:
                take(item)
        before = ref.first
        while before > 0 and tokens.folded[before - 1] in _JOIN_WORDS:
            before -= 1
        match = by_last.get(before)
        if (
            match is not None
            and listed(match)
            and _joined(text, tokens, match[1], ref.first, False)
        ):
            take(_ref(lexicon, *match, "list of artists", "exact"))
    # Where the cited names start and end, for "another artist within 40 characters".
    cited = sorted(
        p for r in [*found, *refs] for p in (tokens.starts[r.first], tokens.ends[r.last - 1])
    )
    for first, last, key_id in subjects:
        if any(i in used for i in range(first, last)) or not _style_entry(lexicon, key_id):
            continue
        if any(kind == PERSON for kind, _i, _a in lexicon.refs[key_id]):
            continue  # a real person's name too: the subject may be them
        start, end = tokens.starts[first], tokens.ends[last - 1]
        near = bisect_left(cited, start - SUBJECT_NEAR_CHARS)
        if near < len(cited) and cited[near] <= end + SUBJECT_NEAR_CHARS:
            take(_ref(lexicon, first, last, key_id, "beside cited artists", "exact"))
    return refs


def _run_on(text: str, tokens, ref: ArtistRef) -> bool:
    """A cited full name followed by one space and another word: a tag run of names."""
    return (
        ref.how == "exact"
        and ref.last - ref.first >= 2
        and ref.last < len(tokens.folded)
        and text[tokens.ends[ref.last - 1] : tokens.starts[ref.last]] == " "
    )


def _next_item(
    lexicon, text, tokens, after: int, used: set[int], joined: bool = True, unlisted: bool = True
) -> ArtistRef | None:
    """An unlisted or misspelt name right after a cited artist and a joiner ("and", ","),
    or (not `joined`) starting at token `after` itself."""
    count = len(tokens.folded)
    i = after
    while joined and i < count and tokens.folded[i] in _JOIN_WORDS:
        i += 1
    if i >= count or i in used:
        return None
    if joined and not _joined(text, tokens, after, i, space_ok=False):
        return None
    for size in range(ITEM_WORDS, 0, -1):
        end = i + size
        if end > count or any(k in used for k in range(i, end)):
            continue
        if any(text[tokens.ends[k - 1] : tokens.starts[k]].strip() for k in range(i + 1, end)):
            continue  # punctuation inside: two items
        if end < count:
            gap = text[tokens.ends[end - 1] : tokens.starts[end]]
            word = tokens.folded[end]
            if not gap.strip() and not (
                word in _JOIN_WORDS or word in vocabulary().plain or word in _FUNCTION_WORDS
            ):
                continue  # the item goes on: not a whole name ("steven outram colorful")
        ref = _unmatched_item(lexicon, text, tokens, i, end, "list of artists", unlisted)
        if ref is not None:
            return ref
    return None


def name_tags(lexicon, text, tokens, segments, taken) -> list[ArtistRef]:
    """ "…, fog, hugo larsson, cinematic, 35mm": a later tag of an image prompt that is only a
    person's name no list knows, lowercase or Title Case. Image prompts put artists there
    far more often than anyone else (a subject comes first, after "photo of": `depicted`),
    so it is cited as an unlisted artist for the approver, not as personal data. Only with
    art vocabulary, no message or paperwork words (a crew list has commas too)."""
    if not _IMAGE_WORDS.search(text) or _MESSAGE.search(text):
        return []
    plain = vocabulary().plain
    refs = []
    for segment in segments[1:]:
        if segment.cue_end >= 0:
            continue
        first = _token_at_or_after(tokens.starts, segment.start)
        last = _token_at_or_after(tokens.starts, segment.end)
        words = tokens.folded[first:last]
        surface = text[tokens.starts[first] : tokens.ends[last - 1]] if words else ""
        if (
            not 2 <= len(words) <= 3
            or text[segment.start : segment.end].strip() != surface
            or not (surface.islower() or surface.istitle())
            or any(i in taken for i in range(first, last))
            # a given name, then surnames or rare words; a given name that is a word too
            # ("martin kessler") only before a surname ("clair obscur" is a phrase)
            or any(w in plain or w in lexicon.common_words for w in words[1:])
            or "G" not in name_kind(words[0])
            or words[0] in plain
            or (words[0] in lexicon.common_words and "S" not in name_kind(words[-1]))
            or not all(w.isalpha() for w in words)
            or any(  # "neo hong kong": a place, not a name
                vocabulary().places.get(" ".join(words[k : k + 2])) is False
                for k in range(len(words) - 1)
            )
            or any(b - a >= 2 for a, b, _k in lexicon.find(surface))  # a listed name
        ):
            continue
        ref = _unmatched_item(lexicon, text, tokens, first, last, "name tag", True)
        if ref is not None and ref.how == "unlisted":
            refs.append(ref)
    return refs


def typo_tags(lexicon, text, tokens, segments, taken) -> list[ArtistRef]:
    """A whole tag that misspells a style artist ("…, greg rutkovski, …", "wolp style")."""
    refs = []
    tried = 0
    for segment in segments:
        if tried >= MAX_TYPO_TAGS:
            break  # a huge tag list: each fuzzy search costs ~0.5 ms, keep it linear-bounded
        lead = _TAG_LEAD.match(text, segment.start, segment.end)
        body_start = lead.end() if lead else segment.start
        body = text[body_start : segment.end]
        tail = _TAG_TAIL.search(body)
        body_end = body_start + (tail.start() if tail else len(body))
        first = _token_at_or_after(tokens.starts, body_start)
        last = _token_at_or_after(tokens.starts, body_end)
        if not 1 <= last - first <= ITEM_WORDS or any(i in taken for i in range(first, last)):
            continue
        style_cue = bool(tail and any(c.isalpha() for c in tail.group()))
        tried += 1
        ref = _unmatched_item(lexicon, text, tokens, first, last, "tag list", False, style_cue)
        if ref is not None:
            refs.append(ref)
    return refs


#: Occupations whose "voice" or "style" in a writing request is a way of writing (a style
#: reference, like a painter's), not a person's voice to clone.
WRITER_KINDS = frozenset(
    {"writer", "author", "novelist", "poet", "playwright", "screenwriter", "essayist",
     "lyricist", "philosopher", "historian"}
)  # fmt: skip
#: A name listed beside a writer is a writer too, unless the lists know it as a performer.
PERFORMER_KINDS = frozenset(
    {"actor", "actress", "singer", "musician", "rapper", "comedian", "tv presenter",
     "voice actor", "internet personality", "wrestler", "athlete", "politician"}
)  # fmt: skip
_WRITING_CUE = re.compile(
    r"\b(?:in\s+the\s+(?:voice|style|manner|tone|prose|spirit|words)\s+of"
    r"|(?:write|written|writing|wrote)\s+(?:it\s+|this\s+)?like)\s+",
    re.IGNORECASE,
)


def writer_refs(lexicon: Lexicon, text: str, tokens, taken: set[int]) -> list[ArtistRef]:
    """ "write this in the voice of A, B and C": when one of the names is a writer's, the
    list cites ways of writing; each listed name (not a performer's) and each unlisted
    name-shaped item of the list is reported as a style ("writer" or "unlisted")."""
    refs: list[ArtistRef] = []
    people: dict[int, tuple[int, int]] = {}
    for first, last, key_id in lexicon.find(text):
        found = [lexicon.person(i) for kind, i, _a in lexicon.refs[key_id] if kind == PERSON]
        if found and last - first >= 2:
            best = max(found, key=lambda p: p.fame)
            if first not in people or last > people[first][0]:
                people[first] = (last, best)
    for cue in _WRITING_CUE.finditer(text):
        i = _token_at_or_after(tokens.starts, cue.end())
        items: list[ArtistRef] = []
        writer = False
        while i < len(tokens.folded) and i not in taken:
            if people.get(i):
                last, person = people[i]
                if person.kind in PERFORMER_KINDS:
                    break
                if person.kind in ART_KINDS:
                    writer = False  # "Greg Rutkowski and Jean-Paul X": a picture's styles
                    break
                writer = writer or person.kind in WRITER_KINDS
                words = " ".join(cue.group().lower().split())
                items.append(ArtistRef(i, last, None, words, "writer", person.name))
            else:
                item = _next_item(lexicon, text, tokens, i, taken, joined=False)
                if item is None:
                    break
                items.append(item)
                last = item.last
            i = last
            while i < len(tokens.folded) and tokens.folded[i] in _JOIN_WORDS:
                i += 1
            if i >= len(tokens.folded) or not _joined(text, tokens, last, i, space_ok=False):
                break
        if writer:
            refs.extend(items)
    return refs


def artist_runs(lexicon: Lexicon, text: str, tokens, matches) -> list[ArtistRef]:
    """ "…mandibles john william waterhouse giorgio de chirico marc simonetti ross tran": style
    artists' full names one right after another, with no comma between them, are a pasted
    list of styles (two names or more), not a sentence's people."""
    longest: dict[int, tuple[int, int]] = {}  # first token -> (end, key) of its longest name
    for first, last, key_id in matches:
        wider = last > longest.get(first, (0, 0))[0]
        if last - first >= 2 and wider and _style_entry(lexicon, key_id):
            longest[first] = (last, key_id)
    refs: list[ArtistRef] = []
    covered = -1
    for first in sorted(longest):
        if first < covered:
            continue
        run = [(first, *longest[first])]
        while (
            run[-1][1] in longest
            and text[tokens.ends[run[-1][1] - 1] : tokens.starts[run[-1][1]]].isspace()
        ):
            start = run[-1][1]
            run.append((start, *longest[start]))
        if len(run) >= 2:
            refs += [_ref(lexicon, a, b, key, "run of artists", "exact") for a, b, key in run]
            covered = run[-1][1]
    return refs
