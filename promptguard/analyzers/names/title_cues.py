"""Cues beside a title that real prompts use and a list lookup alone misses.

"a castle by pixar" credits a studio's house style; "anya taylor joy as death from sandman"
names a title after the role someone plays in it; "the face of jesus" is no film title for
holding a famous person's one-word name.
"""

from __future__ import annotations

import re

from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.packed import PERSON, Lexicon, Work
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import is_image_prompt
from promptguard.analyzers.names.title_context import FAMOUS_NAME_PART_FAME, YEAR_AFTER

#: A credit right before a studio's name: its house style is asked ("a castle by pixar").
CREDIT_BEFORE = re.compile(r"\b(?:by|made\s+by|animated\s+by)\s+$", re.I)
#: "anya taylor joy as death from sandman": a title right after someone cast as its role.
_AS_ROLE_FROM = re.compile(
    r"\bas\s+(?!(?:seen|viewed|taken|made|told|heard|known|described)\b)"
    r"(?:[\w'’-]+\s+){1,3}from\s+(?:the\s+)?$",
    re.I,
)


def role_before_title(before: str, key: str, content: str) -> bool:
    """ "as death from sandman": a title (not a place: "a kid from brooklyn") right after a
    role someone plays, in an image prompt (not "import gradio as gr from transformers")."""
    return (
        bool(_AS_ROLE_FROM.search(before))
        and key not in vocabulary().places
        and is_image_prompt(content)
    )


#: "screenshot from the office": a frame taken from a title, not a picture of a place.
_FRAME_FROM = re.compile(
    r"\b(?:still|screenshot|screencap|screen\s*grab|frame|scene|clip)s?\s+from\s+(?:the\s+)?$",
    re.I,
)


def role_or_frame_before(before: str, after: str, key: str, content: str) -> bool:
    """A role played in the title ("as death from sandman"), a frame taken from it
    ("screenshot from the office") or its year in brackets ("the office ( 2 0 0 5 )"): the
    words are the title even when they are ordinary words."""
    return bool(_FRAME_FROM.search(before) or YEAR_AFTER.match(after)) or role_before_title(
        before, key, content
    )


#: A qualifier that says what kind of entry this is, not which universe it belongs to.
_TYPE_QUALIFIER = re.compile(
    r"\((?:\d{4} )?(?:character|film|film series|tv series|video game|comics?|franchise|novel)\)$",
    re.I,
)


def type_qualified(work: Work, works: list[Work], key: str) -> bool:
    """A title the list had to qualify ("Cyborg (DC Comics)") is ambiguous without its
    qualifier, like a word; but beside a listed "Hellboy", "Hellboy (character)" only tells
    the character from its own film, so the bare name is as plain a title as the film's
    ("Pathfinder (Apex Legends)" stays qualified: another universe's word)."""
    return bool(_TYPE_QUALIFIER.search(work.title)) and any(fold(w.title) == key for w in works)


#: A product or a place of the company right after a studio's name: "nintendo switch".
_PRODUCT_AFTER = re.compile(
    r"^[ \t]*(?:switch|console|controller|gamecube|wii|ds|3ds|64|game\s*boy|eshop|store|shop"
    r"|account|stock|shares|headquarters|offices?|employees?|ceo|logo)\b",
    re.I,
)


def studio_style(after: str, content: str, strong) -> bool:
    """A studio's name asks for its house style after a credit or in an image prompt, not
    before one of its products ("playing nintendo switch") or its offices."""
    return not _PRODUCT_AFTER.match(after) and bool(strong or is_image_prompt(content))


def famous_alone(lexicon: Lexicon, word: str) -> bool:
    """ "jesus", "stalin": a word that alone names someone famous says nothing about a title
    ("the face of jesus" is no film title for being more than ordinary words)."""
    return any(
        kind == PERSON and lexicon.person(index).fame >= FAMOUS_NAME_PART_FAME
        for kind, index, _alias in lexicon.lookup(word)
    )


_TAG_BREAK = re.compile(r"[,;|]|[!?]\s")  # not a full stop: "Dr. Eggman"


def across_tags(content: str, tokens, first: int, last: int, title: str) -> bool:
    """ "…, night, city, neon": the words of a title found in two tags of a list, not the
    title ("Night City"), unless the title itself holds that comma ("I, Robot")."""
    return any(
        _TAG_BREAK.search(content, tokens.ends[k], tokens.starts[k + 1])
        for k in range(first, last - 1)
    ) and not _TAG_BREAK.search(title + " ")
