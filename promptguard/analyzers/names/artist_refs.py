"""Which names in a prompt are cited as an artist's style, read from prompt syntax.

Image prompts cite artists in a few recurring shapes, and a name's category comes from the
list it was found in, read in that position:

* after a credit or style cue: "by X", "art by X", "painting by X", "in the style of X",
  "inspired by X", "artists: X" — and every name of the list that follows the cue:
  "by A and B and C", "by A, B and C", "by A & B";
* as a whole item of a comma-separated tag list ("…, loish, artgerm, comic art") in an
  image prompt (one that has credit cues, art vocabulary or the shape of a tag list);
* before a style word: "X style", "X-inspired", "X-esque", "X's style", "X aesthetic".

In those positions a name from the artist lists is an ARTIST_STYLE reference (never a public
or deceased figure, never personal data), matched case-insensitively, and, when nothing
matches exactly, with one or two typos against the artists used as styles ("greg rutkovski",
"zdislaw beksinski"). A two- or three-word name right after a credit cue that no list knows
("by leesha hannigan") is reported as an unlisted artist: the approver decides — in an image
prompt, or in a short credit line with no sentence in it ("bum fights by X"), never after a
participle ("sent by X" names a sender). So is a later tag of an image prompt that is only a
lowercase name ("…, fog, hugo larsson, 35mm"): image prompts put artists there, and the
approver decides rather than the name going out as personal data. In an image prompt every
credit position names an artist: each "by" of "by A by B", one unknown handle after an art
noun ("art by X"), a name with an art word of its own ("X photography"), a common name that
is also a listed artist's (cited as unlisted: which one is meant, the approver knows); so
does the byline of a quoted title ('"The Title," by X') in any text. Names joined to a cited
artist by "and" or a comma are artists too (`artist_lists`), and a writer's name after "in
the voice of" or "in the style of" is a style, not a voice to clone. Everything is computed
once per text and shared by both name analyzers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from promptguard.analyzers.names.artist_lists import (
    artist_runs,
    cites_artist_list,
    list_neighbours,
    name_tags,
    typo_tags,
    writer_refs,
)
from promptguard.analyzers.names.artist_names import (
    ART_WORD_TAG,
    ArtistRef,
    _artist_entries,
    _famous_person,
    _item_end,
    _name_ok,
    _next_listed,
    _ref,
    _token_at_or_after,
    _unmatched_item,
)
from promptguard.analyzers.names.folding import tokenize
from promptguard.analyzers.names.given_names import name_kind
from promptguard.analyzers.names.lexicon import get_lexicon
from promptguard.analyzers.names.packed import PERSON
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import (
    _ART_AFTER,
    _ENDS_WITH_ART_WORD,
    _JOIN_WORDS,
    _JOINER,
    _LIKENESS_BEFORE,
    _STYLE_WORD_AFTER,
    _TAG_LEAD,
    _TAG_TAIL,
    _TITLE_AFTER_POSSESSIVE,
    MAKERS_AFTER,
    _Segment,
    _segments,
    is_image_prompt,
    short_prompt,
)

#: A participle right before a plain "by": "sent by", "taken by", "written by", "bought by";
#: the irregular ones written out, so that a noun is none ("the kitchen by", "night by").
_PARTICIPLE_BEFORE = re.compile(
    r"(?:\w\w(?:ed|wn)|\b(?:taken|written|given|driven|eaten|chosen|beaten|bitten|broken"
    r"|frozen|stolen|spoken|woven|forgotten|hidden|ridden|shaken|sworn|torn|worn|sent|bent"
    r"|lent|spent|meant|bought|caught|brought|fought|taught|sought|done|gone|seen|been))\s+by\s*$",
    re.I,
)


#: A quoted title right before "by": '"Ten Ways to Cook Rice," by X' names its author.
_BYLINE = re.compile(r"[\"”’']\s*,?\s*by\s*$", re.I)


@lru_cache(maxsize=32)
def artist_refs(text: str) -> tuple[ArtistRef, ...]:
    """Every artist cited as a style in `text`, longest names first where they overlap."""
    lexicon = get_lexicon()
    tokens = tokenize(text)
    if not tokens.folded:
        return ()
    every = lexicon.find(text)
    # A longer name of someone who is no listed artist hides the artist inside it: "Robert"
    # of "Robert Frost" is not the painter Hubert Robert.
    people: dict[int, int] = {}  # first token -> the end of the longest person-only name
    for a, b, key_id in every:
        if (
            b - a >= 2
            and not _artist_entries(lexicon, key_id)
            and any(kind == PERSON for kind, _i, _a in lexicon.refs[key_id])
        ):
            people[a] = max(b, people.get(a, 0))
    matches = [
        (first, last, key_id)
        for first, last, key_id in every
        if _artist_entries(lexicon, key_id)
        and not any(
            people.get(a, 0) >= last and people[a] - a > last - first
            for a in range(max(0, first - 5), first + 1)
        )
    ]
    image = is_image_prompt(text) or cites_artist_list(lexicon, text, tokens, matches)
    credits = image or short_prompt(text)  # "bum fights by X": an unlisted name is an artist
    found: list[ArtistRef] = []
    taken: set[int] = set()

    def add(ref: ArtistRef) -> None:
        if any(i in taken for i in range(ref.first, ref.last)):
            return
        found.append(ref)
        taken.update(range(ref.first, ref.last))

    for ref in writer_refs(lexicon, text, tokens, taken):
        add(ref)  # before the credit cues: "in the style of Robert Frost" is the poet's
    # Longest matches first, so "frank miller" wins over "miller".
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    by_first = sorted(matches, key=lambda m: m[0])
    firsts = [m[0] for m in by_first]
    segments = _segments(text)
    carry = False  # the previous item continued a credit list ("by A, B, C")
    cued: list = []  # the items with a credit cue, read again once a listed artist is cited
    for segment in segments:
        if segment.cue_end < 0 and carry:
            segment = _Segment(segment.start, segment.end, segment.start, "credit list")
        first_token = _token_at_or_after(tokens.starts, segment.start)
        last_token = _token_at_or_after(tokens.starts, segment.end)
        window = by_first[bisect_left(firsts, first_token) : bisect_left(firsts, last_token)]
        if (
            not window
            and segment.cue_end < 0
            and not _ENDS_WITH_ART_WORD.search(text, segment.start, segment.end)
        ):
            carry = False
            continue  # no artist's name, no credit cue, no art word: nothing to read here
        inside = sorted(
            (m for m in window if m[1] <= last_token), key=lambda m: (-(m[1] - m[0]), m[0])
        )
        names_start = segment.cue_end if segment.cue_end >= 0 else segment.start
        # 1. The names after a credit cue: each joined to the cue by other names only.
        carry = False
        if segment.cue_end >= 0:
            listed = _after_cue(lexicon, text, tokens, segment, inside, image, credits)
            cued.append((segment, inside))
            for ref in listed:
                add(ref)
            # The list goes on in the next item when the names fill this one to its end.
            tail = text[tokens.ends[listed[-1].last - 1] : segment.end] if listed else "x"
            carry = bool(listed) and not _TAG_TAIL.sub("", tail).strip()
            if not text[segment.cue_end : segment.end].strip():
                carry = True  # "artists: loish, artgerm": the names follow the colon
        # 2. A whole tag of a tag list, in an image prompt.
        styled = window and _ENDS_WITH_ART_WORD.search(text, segment.start, segment.end)
        if image or segment.cue_end >= 0 or styled:  # "…, Hopper and Jane Roe style"
            for ref in _whole_tag(lexicon, text, tokens, segment, inside, names_start):
                add(ref)
    # 2b. Style artists' full names one after another with no separator: a pasted list.
    for ref in artist_runs(lexicon, text, tokens, matches):
        add(ref)
    # 1b. A listed artist cited after a cue makes the text's other credits artists too ("by
    #     tatiana suarez, by richard deacon"), even outside a short or image prompt.
    if not credits and any(ref.cue == "by" or ref.cue.endswith(" by") for ref in found):
        for segment, inside in cued:
            for ref in _after_cue(lexicon, text, tokens, segment, inside, image, True):
                add(ref)
    # 3. A style word after the name, anywhere: "Ghibli-style", "Mucha's style", and in an
    #    image prompt an art noun: "a gary larson cartoon", "banksy graffiti".
    for first, last, key_id in matches:
        after = text[tokens.ends[last - 1] : tokens.ends[last - 1] + 24]
        cue = _STYLE_WORD_AFTER.match(after) or _ART_AFTER.match(after)
        titled = not cue and image and _TITLE_AFTER_POSSESSIVE.match(after)  # "Giger's Alien"
        if (cue or titled) and _name_ok(lexicon, text, tokens, first, last, key_id, strong=True):
            said = "'s <title>" if titled else " ".join(cue.group().split())
            add(_ref(lexicon, first, last, key_id, said, "exact"))
    # 4. In an image prompt, a name only the artist lists know (no famous namesake), not the
    #    subject of a portrait: the prompt cites it for its look.
    subjects = []  # artist-only names in a subject's place: artists beside other artists
    if image:
        for first, last, key_id in matches:
            if last - first < 2 or _famous_person(lexicon, key_id, 40):
                continue
            before = text[max(0, tokens.starts[first] - 25) : tokens.starts[first]]
            if _LIKENESS_BEFORE.search(before):
                subjects.append((first, last, key_id))
                continue
            if _name_ok(lexicon, text, tokens, first, last, key_id, strong=False):
                add(_ref(lexicon, first, last, key_id, "artist name in an image prompt", "exact"))
    # 5. In an image prompt, a tag that is only an unlisted name, next to a tag citing an
    #    artist: the list of styles goes on ("craig mullins, arney freyag, octane").
    if image and found:
        for ref in _tags_beside_artists(lexicon, text, tokens, segments, found):
            add(ref)
    # 5b. In an image prompt, a later tag that is only a lowercase unlisted name.
    if image:
        for ref in name_tags(lexicon, text, tokens, segments, taken):
            add(ref)
    # 6. In an image prompt, a whole tag that misspells a style artist ("beksisnski").
    if image:
        for ref in typo_tags(lexicon, text, tokens, segments, taken):
            add(ref)
    # 7. Names joined to a cited artist by "and" or a comma are artists too ("Edward Hopper
    #    and James Gilleard"), even in a subject's place ("photo of Todd Hido and style of").
    if found:
        for ref in list_neighbours(lexicon, text, tokens, matches, found, taken, subjects, credits):
            add(ref)
    found.sort(key=lambda r: r.first)
    return tuple(found)


def _tags_beside_artists(lexicon, text, tokens, segments, found) -> list[ArtistRef]:
    starts = [s.start for s in segments]
    cited = [False] * len(segments)
    for ref in found:  # the item each cited name starts in
        k = bisect_right(starts, tokens.starts[ref.first]) - 1
        if k >= 0 and tokens.starts[ref.first] < segments[k].end:
            cited[k] = True
    refs = []
    for k, segment in enumerate(segments):
        if cited[k] or not (k and cited[k - 1] or k + 1 < len(cited) and cited[k + 1]):
            continue
        first = _token_at_or_after(tokens.starts, segment.start)
        last = _token_at_or_after(tokens.starts, segment.end)
        before = text[max(0, segment.start - 25) : segment.start]
        if last - first < 2 or _LIKENESS_BEFORE.search(before) or before.endswith("("):
            continue  # "boy ( austin lock )": an aside names the subject
        if tokens.folded[first] in vocabulary().plain and "S" not in name_kind(
            tokens.folded[last - 1]
        ):
            continue  # "clair obscur, by caravaggio": a phrase, unless a surname ends it
        if any(b - a >= 2 for a, b, _k in lexicon.find(text[segment.start : segment.end])):
            continue  # a listed name is read by its own analyzer; one word is no name's whole
        ref = _unmatched_item(lexicon, text, tokens, first, last, "beside artists", True)
        if ref is not None and ref.how == "unlisted":
            refs.append(ref)
    return refs


def _after_cue(lexicon, text, tokens, segment: _Segment, inside, image: bool, credits: bool):
    """Names after the cue, each joined to it by other names and joiners only. An unlisted
    name counts in an image prompt or a short prompt, unless a verb's participle comes
    before a plain "by" ("sent by X", "taken by X": whoever did it, maybe no artist)."""
    if segment.cue == "by" and _PARTICIPLE_BEFORE.search(
        text, max(0, segment.cue_end - 40), segment.cue_end
    ):
        credits = False
    cue = segment.cue
    if cue == "by" and _BYLINE.search(text, max(0, segment.start - 3), segment.cue_end):
        credits, cue = True, "byline"  # '"The Title," by Jane Roe': a published work's author
    by_start = {}
    for first, last, key_id in inside:
        if tokens.starts[first] >= segment.cue_end:
            by_start.setdefault(first, (first, last, key_id))  # longest first (sorted)
    plain_by = segment.cue in ("by", "par")
    position = segment.cue_end
    i = _token_at_or_after(tokens.starts, segment.cue_end)
    limit = _token_at_or_after(tokens.starts, segment.end)
    refs = []
    while i < limit:
        gap = text[position : tokens.starts[i]]
        if gap.strip() and not _JOINER.match(gap):
            break
        if tokens.folded[i] in _JOIN_WORDS and refs:
            position, i = tokens.ends[i], i + 1
            continue
        match = by_start.get(i)
        end = _item_end(text, tokens, i, limit, by_start)
        makers = MAKERS_AFTER.match(text, tokens.ends[(match[1] if match else end) - 1])
        if makers:
            plain_by, image, credits = False, True, True  # "by disney concept artists"
        if match is not None and not (
            (not plain_by or image or not _famous_person(lexicon, match[2]))
            and (
                makers or _name_ok(lexicon, text, tokens, *match, strong=True, credited=bool(refs))
            )
        ):
            if _famous_person(lexicon, match[2]) and match[1] >= end:
                break  # "a song by Taylor Swift": a famous person who is no artist
            match = None  # "porter" alone is no name here: read the item as a whole
        if match is not None and match[1] >= end:
            refs.append(_ref(lexicon, match[0], match[1], match[2], segment.cue, "exact"))
            position = tokens.ends[match[1] - 1]
            i = match[1]
            continue
        # An item no entry covers: a typo of a style artist, an unlisted name, or (when an
        # entry covers its start) several names without a joiner ("rossetti bouguereau").
        # A one-word entry that is a given name, at the start of a longer name no list knows
        # ("by Patrick Gleason": the painter Patrick is not meant), leaves the whole item to
        # read as unlisted ("by Banksy of a monkey", "kuvshinov ilya" keep their artist).
        partial = (
            match is not None
            and match[1] - match[0] == 1
            and match[1] not in by_start
            and "G" in name_kind(tokens.folded[i])
        )
        unlisted = credits and (match is None or partial)
        # One unknown word is a handle after an art noun or style cue ("art by X"), in an
        # image prompt: a plain "by" names too many other things ("lit by Lumix").
        handle = image and not plain_by and not segment.cue.endswith("list")
        ref = _unmatched_item(lexicon, text, tokens, i, end, cue, unlisted, True, one_word=handle)
        if ref is None and match is not None and not partial:
            ref = _ref(lexicon, match[0], match[1], match[2], segment.cue, "exact")
            end = match[1]
        if ref is None and partial:
            break  # "owned by Dean Fiacco": someone's full name, not Roger Dean's style
        if ref is None:
            # "by porter robinson and junji ito", "and 薯 子 imoko and 香 川 悠 作 and wlop": up
            # to three items no list reads, each joined by a joiner word, then a listed
            # artist: the list goes on past them.
            after = _next_listed(tokens, end, limit, by_start)
            if after is None:
                break
            position, i = tokens.ends[after - 1], after
            continue
        refs.append(ref)
        position = tokens.ends[end - 1]
        i = end
    return refs


def _whole_tag(lexicon, text, tokens, segment: _Segment, inside, names_start: int):
    """Names that fill a whole tag ("…, loish, artgerm, …", "…, moebius style, …")."""
    body_start = names_start
    lead = _TAG_LEAD.match(text, body_start, segment.end)
    if lead:
        body_start = lead.end()
    body = text[body_start : segment.end]
    tail = _TAG_TAIL.search(body)
    body_end = body_start + (tail.start() if tail else len(body))
    if body_end <= body_start:
        return []
    refs = []
    position = body_start
    candidates = sorted(
        (
            m
            for m in inside
            if tokens.starts[m[0]] >= body_start and tokens.ends[m[1] - 1] <= body_end
        ),
        key=lambda m: (m[0], -(m[1] - m[0])),
    )
    for first, last, key_id in candidates:
        start = tokens.starts[first]
        if start < position:
            continue
        gap = text[position:start]
        if gap.strip() and not _JOINER.match(gap):
            return _unlisted_tag(lexicon, text, tokens, body_start, body_end, tail, inside)
        if not _name_ok(lexicon, text, tokens, first, last, key_id, strong=False):
            return _unlisted_tag(lexicon, text, tokens, body_start, body_end, tail, inside)
        refs.append(_ref(lexicon, first, last, key_id, "tag list", "exact"))
        position = tokens.ends[last - 1]
    if not refs or text[position:body_end].strip():
        return _unlisted_tag(lexicon, text, tokens, body_start, body_end, tail, inside)
    return refs


def _unlisted_tag(
    lexicon, text, tokens, body_start: int, body_end: int, tail, inside=()
) -> list[ArtistRef]:
    """ "maya bloch artwork", "wolp style": an unlisted name with an art word of its own;
    "Edward Hopper and Jane Roe style": each name the art word follows, listed or not."""
    if not (tail and any(c.isalpha() for c in tail.group())):
        return []
    first = _token_at_or_after(tokens.starts, body_start)
    last = _token_at_or_after(tokens.starts, body_end)
    if 2 <= last - first <= 3:
        ref = _unmatched_item(lexicon, text, tokens, first, last, ART_WORD_TAG, True)
        return [ref] if ref is not None else []
    body = text[body_start:body_end]
    items = [i.strip() for i in re.split(r"\s+(?:and|&|x)\s+|\s*[,/+]\s*", body, flags=re.I)]
    if len(items) < 2 or len(items) > 4:
        return []
    listed = {(tokens.starts[a], tokens.ends[b - 1]): (a, b, k) for a, b, k in inside}
    refs, position = [], body_start
    for item in items:
        start = text.index(item, position)
        end = position = start + len(item)
        match = listed.get((start, end))
        if match is not None and _name_ok(lexicon, text, tokens, *match, strong=True):
            refs.append(_ref(lexicon, *match, ART_WORD_TAG, "exact"))
            continue
        a = _token_at_or_after(tokens.starts, start)
        b = _token_at_or_after(tokens.starts, end)
        ref = (
            _unmatched_item(lexicon, text, tokens, a, b, ART_WORD_TAG, True)
            if match is None and 2 <= b - a <= 3
            else None
        )
        if ref is None:
            return []  # one item is no name: the tag is something else ("salt and pepper")
        refs.append(ref)
    return refs
