"""When a lowercase title made of ordinary words still reads as a title, not as a phrase.

Real prompts write "sonic the hedgehog", "a zombie from left 4 dead", "doctor evil" and
"peter griffin" in lowercase. Each word is an ordinary word, so the analyzer asks a title made
of them for capitals, quotes or a cue ("Inside Out" the film, "inside out" the phrase). Some
titles are not a grammatical everyday phrase at all, and their shape says so:

* a number between words ("left 4 dead"), or a sequel number after a well-known title of two
  words or more ("toy story 3"): everyday English says "chapter 4", not "iron man 2";
* a name with its epithet, "X the Y" ("bob the builder", "magic the gathering"): a noun, not a
  preposition or a verb ("under the dome", "meet the parents" are phrases);
* an honorific before a word that is no name ("doctor evil", "captain hook", "miss piggy"),
  without an article before it ("the doctor who came"), for a well-known character;
* a well-known character's first name and surname ("peter griffin"), not after a contact verb.

Titles that are everyday phrases ("inside out", "a star is born", "home alone") have no such
shape: they need another reference beside them (`neighbour_title`) or the usual cues.
"""

from __future__ import annotations

import re

from promptguard.analyzers.names.folding import tokenize
from promptguard.analyzers.names.given_names import CONTACT_BEFORE, name_kind
from promptguard.analyzers.names.packed import WORK, Lexicon, Work
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import ING_ACTION, PICTURE_NOUNS
from promptguard.nlp.stop_words import stop_words

#: Titles and ranks that make the next word a nickname ("Doctor Doom", "Captain Falcon");
#: not those that are also everyday adjectives ("general", "major", "chief", "master").
_HONORIFICS_TEXT = """
    dr doctor mr mister mrs miss ms captain professor prof lord lady king queen princess prince
    sir uncle aunt agent sergeant commander madame baron lieutenant saint st
    """
HONORIFICS = frozenset(_HONORIFICS_TEXT.split())
#: First words that make "X the Y" an everyday phrase: prepositions, question words,
#: quantifiers and a few verbs that commonly take "the" ("under the dome", "meet the parents").
_NOT_EPITHET_TEXT = """
    about above across after against along amid among around as at before behind below beneath
    beside besides between beyond by down during for from in inside into like near of off on
    onto out outside over past since than through throughout till to toward towards under until
    unto up upon via with within without what when where which who whom whose why how if
    whether all both each either neither not no do does did is are was were be been has have
    had meet save take make get give kill beat stop enter follow catch walk ride wag kiss
    inherit raise reap bite pass play hail remember and or but so then while once
    """
_NOT_EPITHET_HEAD = frozenset(_NOT_EPITHET_TEXT.split())
#: "the doctor who", "my uncle buck": a determiner makes the honorific an ordinary noun.
_DETERMINER_BEFORE = re.compile(
    r"(?i)\b(?:the|a|an|my|your|his|her|our|their|its|this|that|these|those|every|any|some"
    r"|le|la|les|un|une|mon|ma|son|sa)\s+$"
)
_NAMED_BEINGS = ("CHARACTER", "SERIES", "FRANCHISE")


def title_shape(lexicon: Lexicon, work: Work, folded: list[str], before: str, popular: bool) -> str:
    """The shape that makes a lowercase run of ordinary words this title ("number inside",
    "epithet", "honorific", "full name"), or "" when it may be an everyday phrase."""
    words = [w for w in folded if not w.isdigit()]
    digits = [i for i, w in enumerate(folded) if w.isdigit()]
    if digits and words:
        if any(0 < i < len(folded) - 1 for i in digits):
            return "number inside"  # "left 4 dead", "cradle 2 the grave"
        if popular and digits == [len(folded) - 1] and len(words) >= 2:
            return "sequel number"  # "toy story 3", "half life 2"
    if digits:
        return ""
    if (
        work.type in _NAMED_BEINGS
        and len(folded) >= 3
        and folded[1] == "the"
        and folded[0] not in _NOT_EPITHET_HEAD
        and not folded[0].endswith("ing")
        and folded[-1] not in _NOT_EPITHET_HEAD
    ):
        return "epithet"  # "sonic the hedgehog", "courage the cowardly dog"
    if work.type != "CHARACTER" or not popular:
        return ""
    if (
        folded[0] in HONORIFICS
        and 2 <= len(folded) <= 3
        and not _DETERMINER_BEFORE.search(before)
        and folded[1] not in _NOT_EPITHET_HEAD
        and folded[1] not in lexicon.common_last  # "agent smith": anyone with that surname
    ):
        return "honorific"  # "doctor evil", "captain hook", "professor oak"
    if (
        len(folded) == 2
        and folded[0] not in HONORIFICS
        and "G" in name_kind(folded[0])
        and name_kind(folded[1])
        and not CONTACT_BEFORE.search(before)
        and not _DETERMINER_BEFORE.search(before)
    ):
        return "full name"  # "peter griffin", "tony stark"
    return ""


def written_variants(lexicon: Lexicon, content: str, tokens) -> list[tuple[int, int, int, bool]]:
    """Titles written another way than the list key: without their leading "the" ("walking
    dead game", "last of us ending"), or with "&" for "and" ("rick & morty"). Returns
    (first token, end token, key id, article dropped) for each key that names a work."""
    folded = tokens.folded
    found: list[tuple[int, int, int, bool]] = []
    ampersand = "&" in content
    for first, word in enumerate(folded):
        if not (len(word) < 3 or word in _NOT_EPITHET_HEAD or folded[first - 1 : first] == ["the"]):
            found.extend(_walk(lexicon, content, tokens, first, f"the {word}", True))
        if ampersand:
            found.extend(_walk(lexicon, content, tokens, first, word, False))
    return found


def _walk(lexicon: Lexicon, content: str, tokens, first: int, candidate: str, bare: bool):
    """Extend `candidate` token by token while it is a key prefix (an "&" between tokens
    read as "and"); report the keys that name a work and differ from the plain words."""
    lookup, folded = lexicon.keys.get, tokens.folded
    last, varied = first, bare
    while True:
        key_id, is_prefix = lookup(candidate)
        if key_id is not None and last > first and varied and _names_a_work(lexicon, key_id, bare):
            yield first, last + 1, key_id, bare
        last += 1
        if last >= len(folded) or not is_prefix:
            return
        joined = "&" in content[tokens.ends[last - 1] : tokens.starts[last]]
        varied = varied or joined
        candidate = f"{candidate} {'and ' if joined else ''}{folded[last]}"


def _names_a_work(lexicon: Lexicon, key_id: int, bare: bool) -> bool:
    """Only works; without its "the", one of them hand-picked: an archive title ("The Glass
    House", "The North Star") is then a phrase, even capitalised."""
    refs = lexicon.refs[key_id]
    if not all(kind == WORK for kind, _index, _alias in refs):
        return False
    sources = [lexicon.work(index).source for _kind, index, _alias in refs]
    return not bare or any(s in source for source in sources for s in _HAND_PICKED)


_HAND_PICKED = ("supplement", "curated")


def named_elsewhere(folded: list[str], name: str, first: int, last: int) -> bool:
    """Whether `name` (a maker: "Jim Davis", "Marvel") is written as whole words in the
    text outside tokens first..last: the creator named beside a character."""
    words = tokenize(name).folded if name else []
    if not words:
        return False
    size = len(words)
    return any(
        folded[i : i + size] == words and (i + size <= first or i >= last)
        for i in _positions(folded).get(words[0], ())
    )


#: The last text's word positions: every title of a prompt asks about the same tokens.
_last_positions: tuple[list[str] | None, dict[str, list[int]]] = (None, {})


def _positions(folded: list[str]) -> dict[str, list[int]]:
    global _last_positions
    cached, positions = _last_positions
    if cached is not folded:
        positions = {}
        for i, word in enumerate(folded):
            positions.setdefault(word, []).append(i)
        _last_positions = (folded, positions)
    return positions


__all__ = ["HONORIFICS", "named_elsewhere", "title_shape", "written_variants"]


#: The subject's place of an image prompt: its start (or a line's), after a picture noun
#: and "of" ("portrait of", "fan art of"), or beside another subject ("X and the hulk").
_SUBJECT_BEFORE = re.compile(
    r"(?:^|\n)\s*(?:(?:a|an|the)\s+)?$"
    rf"|\b(?:{PICTURE_NOUNS}|figure|fan\s*art)\s+of\s+(?:(?:a|an|the)\s+)?$"
    r"|\b(?:and|with|meets|versus|vs\.?|next\s+to|beside|alongside)\s+(?:the\s+)?$",
    re.I,
)
_STOP_WORDS = stop_words("en")
_BESIDE_SUBJECT = re.compile(r"\b(?:and|with|meets|versus|vs\.?)\s+(?:the\s+)?$", re.I)
#: What the subject does or where it is, or the next tag or character ("batman on a roof",
#: "elsa singing", "mario and luigi", "joker, digital art"); never a noun it qualifies.
_SUBJECT_AFTER = re.compile(
    r"^(?:\s*,|\s+(?:and|&|on|in|at|with|as|by|under|over|near|inside)\b"
    rf"|\s+(?:[a-z]+ly\s+)?{ING_ACTION})",  # "elsa singing", "rocket raccoon solemnly smoking"
    re.I,
)


def depicted_subject(content: str, start: int, end: int, work: Work, image: bool) -> bool:
    """A well-known character or franchise named by one word as the subject of an image
    prompt ("batman on a rooftop, digital art", "portrait of elsa singing"): the picture is
    of the character, even when the word is also a name or a word ("elsa", "joker")."""
    if not image or work.type not in ("CHARACTER", "FRANCHISE"):
        return False
    if not any(s in work.source for s in ("supplement", "curated")):
        return False
    window = content[max(0, start - 40) : start]
    word = content[start:end]
    plain = vocabulary().plain
    words = [w for w in word.lower().split() if w not in _STOP_WORDS] or word.split()
    beside = _BESIDE_SUBJECT.search(window)  # "… and upside down", "… with the road and"
    if (
        word.islower()
        and all(w in plain for w in words)
        and (len(words) == 1 or "(" in work.title or beside)  # "Upside Down (Stranger Things)"
        and not (window.lower().endswith("the ") and len(words) == 1 and work.type == "CHARACTER")
    ):
        return False  # "alien smoking", "sonic boom": the word; "the joker" is the character
    if start > 40:
        window = "\0" + window  # the window's start is not the text's
    return bool(_SUBJECT_BEFORE.search(window) and _SUBJECT_AFTER.match(content[end : end + 24]))
