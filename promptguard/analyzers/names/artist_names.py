"""Artist names as found in a text: the entry, how distinctive the name is, list items.

The pieces `artist_refs` (positions in prompt syntax) and `artist_lists` (lists of artists
joined by "and" or commas) both use: what an `ArtistRef` is, which listed entry a name means,
whether a match is distinctive enough to be a name, where a list item ends, and whether an
item no list knows is a typo of a style artist or an unlisted artist's name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from promptguard.analyzers.names.artist_typos import style_typo, word_typo
from promptguard.analyzers.names.figure_context import typo_pair
from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.given_names import name_kind
from promptguard.analyzers.names.packed import ARTIST, PERSON, Lexicon
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import _JOIN_WORDS
from promptguard.analyzers.personal_data.foreign_text import (
    NAME_PARTICLES,
    is_foreign_function_word,
    is_foreign_text,
)
from promptguard.nlp.stop_words import stop_words


@dataclass(frozen=True)
class ArtistRef:
    """One artist cited in a text: token range, entry (None for an unlisted name) and why."""

    first: int
    last: int
    artist: int | None
    cue: str
    how: str  # "exact", "typo" or "unlisted"
    name: str


def _artist_entries(lexicon: Lexicon, key_id: int) -> list[int]:
    return [i for kind, i, _alias in lexicon.refs[key_id] if kind == ARTIST]


#: Occupations in the people lists that make a famous person an artist first: a prompt that
#: names Edward Hopper or Norman Rockwell asks for a look, not for a likeness.
ART_KINDS = frozenset(
    {"painter", "artist", "comic artist", "sculptor", "photographer", "illustrator",
     "cartoonist", "printmaker", "animator", "comics artist", "graphic designer"}
)  # fmt: skip


def _famous_person(lexicon: Lexicon, key_id: int, min_fame: int = 60) -> bool:
    """A famous namesake in the people lists who is not there as an artist."""
    return _famous_among(lexicon, lexicon.refs[key_id], min_fame)


def _famous_among(lexicon: Lexicon, refs, min_fame: int = 60) -> bool:
    """Whether one of a key's references is a famous person outside art."""
    return any(
        kind == PERSON
        and lexicon.person(i).fame >= min_fame
        and lexicon.person(i).kind not in ART_KINDS
        for kind, i, _alias in refs
    )


def _weak_word(lexicon: Lexicon, word: str) -> bool:
    """A single word too ordinary to be an artist without a capital and a cue."""
    return (
        len(word) < 4
        or word in lexicon.common_words
        or word in lexicon.common_first
        or word in lexicon.common_last
        or word in vocabulary().plain
        or word in lexicon.not_names
    )


def _token_at_or_after(starts: list[int], position: int) -> int:
    return bisect_left(starts, position)


def _ref(lexicon: Lexicon, first: int, last: int, key_id: int, cue: str, how: str) -> ArtistRef:
    entries = _artist_entries(lexicon, key_id)
    # Prefer a dated entry used as a style: "Vermeer" the master, not an undated namesake.
    best = max(
        entries,
        key=lambda i: (
            lexicon.artist(i).death is not None or lexicon.artist(i).birth is not None,
            lexicon.artist(i).style,
            "supplement" in lexicon.artist(i).source,
        ),
    )
    return ArtistRef(first, last, best, cue, how, lexicon.artist(best).name)


def _name_ok(
    lexicon, text, tokens, first, last, key_id, strong: bool, credited: bool = False
) -> bool:
    """A match is distinctive enough to be a name: several words, or one uncommon word
    (a capital and a strong cue let an ordinary one through: "by Moebius", "Hang").
    `credited`: the name continues a credit list that already cites a listed artist, where
    even a common full name ("by norman rockwell and alfred stevens") is the listed artist's."""
    words = tokens.folded[first:last]
    surface = text[tokens.starts[first] : tokens.ends[last - 1]]
    common = not (credited and len(words) >= 2) and lexicon.is_common_name(words)
    if common and not any(lexicon.artist(i).style for i in _artist_entries(lexicon, key_id)):
        return False  # "John Smith": a namesake of some artist, not a style
    if len(words) >= 2:
        # "the sun", "blue sky": ordinary words only, not written as a name.
        plain = vocabulary().plain
        if all(w in plain or len(w) <= 2 for w in words) and not surface[0].isupper():
            return False
        return not all(len(w) <= 2 for w in words)
    word = words[0]
    if not _weak_word(lexicon, word):
        return True
    if word in lexicon.not_names:
        return False
    # "style of raphael", "…, Raphael, …": a style artist known by this one name alone.
    master = any(
        fold(lexicon.artist(i).name) == word and lexicon.artist(i).style
        for i in _artist_entries(lexicon, key_id)
    )
    if master and (strong or surface[0].isupper()) and len(word) >= 4:
        return True
    return strong and surface[0].isupper() and len(word) >= 4


def _item_end(text: str, tokens, i: int, limit: int, known: dict) -> int:
    """The end of the list item starting at token i: before a joiner word or the next known
    name ("dragan bibin hans thoma": "dragan bibin"), at most 4 tokens."""
    end = i
    while end < limit and end - i < 4:
        if end > i and (tokens.folded[end] in _JOIN_WORDS or (end in known and end - i >= 2)):
            break
        between = text[tokens.ends[end - 1] : tokens.starts[end]]
        if end > i and between.strip() and between != "-":
            break  # "&", "+", "/" between two words ends the item; "Jean-Paul" goes on
        if end > i and not tokens.folded[end].isalpha():
            break  # "emylie boivin 2.0": a prompt weight is no part of the name
        end += 1
    return end


def _next_listed(tokens, end: int, limit: int, by_start: dict, items: int = 3) -> int | None:
    """The token where a listed name starts after at most `items` unread items, each after a
    joiner word ("and", "x", "et"), or None."""
    for _ in range(items):
        joined = end
        while joined < limit and tokens.folded[joined] in _JOIN_WORDS:
            joined += 1
        if joined == end or joined >= limit:
            return None
        if joined in by_start:
            return joined
        end = joined
        while end < limit and tokens.folded[end] not in _JOIN_WORDS and end - joined < 4:
            end += 1
    return None


#: Function words of English and French: never part of an unlisted artist's name
#: ("best on artstation", though "on" and "best" are surnames somewhere).
_FUNCTION_WORDS = stop_words("en") | stop_words("fr")


#: The cue of a tag that ends in an art word of its own ("<name> photography").
ART_WORD_TAG = "tag with an art word"


def _artist_only(lexicon: Lexicon, query: str) -> bool:
    """No entry, or only artists: people the lists know as artists ("daniel johnston", a
    painter), or a listed artist's name too common to say which one is meant ("by james
    ward": someone of that name, not surely the painter). A name in an artist's place that
    no other analyzer reads, cited as unlisted for the approver."""
    return all(
        kind == ARTIST or kind == PERSON and lexicon.person(i).kind in ART_KINDS
        for kind, i, _alias in lexicon.lookup(query)
    )


def _function_word(word: str, text: str) -> bool:
    """A function word of English or French, or, in a text in another language, of that
    language ("ben", "dan", "immer" are names in an English prompt)."""
    return word in _FUNCTION_WORDS or (
        word not in NAME_PARTICLES and is_foreign_function_word(word) and is_foreign_text(text)
    )


def _unmatched_item(
    lexicon,
    text,
    tokens,
    first: int,
    last: int,
    cue: str,
    image: bool,
    style_cue: bool = False,
    one_word: bool = False,
):
    """A typo of a style artist's name, else (in an image prompt) a name no list knows: two
    or three words, none a function word, each no ordinary word unless it is a given name
    or surname after more than a plain "by" ("illustration by basil gogos"), and not all
    ordinary words ("rose gold")."""
    words = tokens.folded[first:last]
    query = " ".join(words)
    plain = vocabulary().plain
    ordinary = [w in plain or w in lexicon.common_words for w in words]
    if (
        len(query) >= 4
        and all(w.isalpha() for w in words)
        and not all(ordinary)
        and not lexicon.lookup(query)
        and not lexicon.is_common_name(words)
    ):
        match = style_typo(query) if len(words) > 1 else word_typo(query, style_cue)
        if match is not None:
            return ArtistRef(first, last, match[1], cue, "typo", match[0])
    if image and one_word and len(words) == 1:
        # "art by Wlopster": after an art noun or a style cue, one word that is no ordinary
        # word, given name or surname is an artist's handle
        word = words[0]
        if (
            word.isalpha()
            and text[tokens.ends[first] : tokens.ends[first] + 1] not in ("-", "'", "’")
            and not _weak_word(lexicon, word)
            and not name_kind(word)
            and not _function_word(word, text)
            and _artist_only(lexicon, query)
        ):
            surface = text[tokens.starts[first] : tokens.ends[first]]
            return ArtistRef(first, last, None, cue, "unlisted", surface)
        return None
    surface = text[tokens.starts[first] : tokens.ends[last - 1]]
    # Four words only written as a name: "by Jose Daniel Cabrera Pena"
    longest = 4 if all(w[:1].isupper() for w in surface.split()) else 3
    if not image or not 2 <= len(words) <= longest:
        return None
    # A particle before other name words is part of a name ("jan van eyck", the Vietnamese
    # surname in "do hoang tuong artwork"), never its last word ("portrait de").
    particle = [len(words) == 3 and k < 2 and w in NAME_PARTICLES for k, w in enumerate(words)]
    if any(
        not w.isalpha() or len(w) < 2 or (_function_word(w, text) and not p)
        for w, p in zip(words, particle, strict=True)
    ):
        return None
    # Here (an image prompt, a short credit line, an art noun or a list of artists) a credit
    # names its artist, and an ordinary word may be part of a name after a given name
    # ("illustration by basil gogos", "by terry kemp, 8k"), never first ("bold colours").
    # A listed famous namesake is left to its own analyzer ("a song by porter robinson").
    loose = "G" in name_kind(words[0])
    if cue == "byline" and surface.istitle():
        ordinary = [False] * len(words)  # an author's name, capitalised: "by Rose Gold"
    if all(ordinary) or any(
        o and not p and not (loose and name_kind(w))
        for w, o, p in zip(words, ordinary, particle, strict=True)
    ):
        return None
    if query in lexicon.not_names:
        return None
    if not _artist_only(lexicon, query):
        # "tom cruise photography" depicts him: a famous namesake is no credit
        famous = _famous_among(lexicon, lexicon.lookup(query))
        credit = cue.endswith(" by") or cue == ART_WORD_TAG and not famous
        if not (image and credit and len(words) >= 2):
            return None
        # "illustration by tim schafer", "christopher morris photography": an art noun's
        # credit names whom the style is asked of, whatever else the people lists know them
        # (or a little-known namesake) for.
        return ArtistRef(first, last, None, cue, "credited person", " ".join(surface.split()))
    if len(words) == 2 and typo_pair(lexicon, words[0], words[1], image) is not None:
        return None  # "britt marling style": a misspelt famous person, the figure analyzer's
    return ArtistRef(first, last, None, cue, "unlisted", " ".join(surface.split()))
