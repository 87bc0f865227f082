"""People an image prompt depicts whom no list knows: "seductive drawing of Jane Roe, sitting".

Decision: such a name is reported as a public figure with the status "unlisted" (a real
person depicted), not as personal data of cast or crew. Why: an image prompt names a person
in a subject's place to get their likeness, and what a likeness needs is the person's
written approval, whoever they are: a model or an influencer the people lists are too small
to hold, or a private person, for whom it matters even more. Reported as personal data, the
approver would read "a crew member's name in the text" and the likeness would go unasked.

Only in the subject's place of a text that is an image prompt and no message: the start of
the prompt or of a line, right after "photo of", "portrait of", "album cover for"..., at the
start of a tag item when a person's verb or a role follows ("…, jane roe as a knight",
"film still jane roe wearing…"), or listed with a famous person found (then a given name
may be a word too: "mike"); never after "by" (a credit); a given name then one or two
words that are no ordinary words ("jill kortleve", "Demi Rose"); never in a text that speaks
to someone or carries documents ("please", "my", "attached", "passport"), never a name with
a possessive ("photo of Jane Doe's passport") or an art word after it ("jane roe
photography"). Names the lists know, works and characters are left to their own analyzers.
"""

from __future__ import annotations

import re

from promptguard.analyzers.names.figure_cues import person_verb_after
from promptguard.analyzers.names.given_names import name_kind
from promptguard.analyzers.names.lexicon import get_lexicon
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import (
    _ART_AFTER,
    _STYLE_WORD_AFTER,
    PICTURE_NOUNS,
    is_image_prompt,
)
from promptguard.nlp.stop_words import stop_words

#: A subject's place: the text's or a line's start, or after a picture noun and "of" (a
#: name later in a tag list is as often an artist no list knows: "…, 8 k, jane roe").
_SUBJECT_LEAD = re.compile(
    rf"(?:^\s*|\n\s*|\b(?:{PICTURE_NOUNS}|shot)\s+of\s+|\b(?:album\s+(?:cover|art(?:work)?)|cover\s+art)\s+(?:of|for)\s+)$",
    re.IGNORECASE,
)
#: A message or a document, not a prompt: someone speaking, a request, paperwork.
_MESSAGE = re.compile(
    r"\b(?:i|i'm|me|my|we|our|us|you|your|please|attached|attach|send|sent|email|e-mail"
    r"|contact|call|dear|hi|hello|thanks|thank|regards|passport|licen[cs]e|id|ssn|account"
    r"|invoice|address|phone|birth|customer|client|employee|patient|producer|production"
    r"|coordinator|manager|assistant|crew|department|call\s+sheet|contract|schedule|agent"
    r"|agency|casting|cv|resume|interview|profile|facebook|linkedin|def|import|return)\b"
    r"|\?|@|\s=\s",
    re.IGNORECASE,
)
_FUNCTION_WORDS = stop_words("en")


def depicted_people(
    content: str, tokens, covered: set[int], people: set[int] = frozenset()
) -> list[tuple[int, int, str]]:
    """(first token, end token, surface) of each unlisted person the prompt depicts; `people`
    holds the first and last tokens of the famous people found, whose neighbours in a list
    ("realistic jane roe and <a famous name> faces") are depicted too."""
    if not is_image_prompt(content) or _MESSAGE.search(content):
        return []
    lexicon = get_lexicon()
    listed = {  # a name the lists know, or a part of a longer listed name or title
        i
        for first, last, _k in lexicon.find(content)
        if last - first >= 2
        for i in range(first, last)
    }
    plain = vocabulary().plain
    common = lexicon.common_words
    found = []
    count = len(tokens.folded)
    i = 0
    while i < count - 1:
        start = tokens.starts[i]
        if i in covered or re.search(r"\bby\s+$", content[max(0, start - 4) : start], re.I):
            i += 1
            continue
        end = _name_end(content, tokens, i, plain)
        subject = _SUBJECT_LEAD.search(content[max(0, start - 40) : start])
        beside = end is not None and _beside_people(content, tokens, i, end, people)
        loose = i
        if end is None and people:
            # Joined to a famous person, a given name may be a word too ("mike patton and
            # <famous>"): its surname must not be one.
            end = _name_end(content, tokens, i, plain, loose_first=True)
            beside = end is not None and _beside_people(content, tokens, i, end, people)
            end, loose = (end, i + 1) if beside else (None, i)
        if end is not None and not subject and not beside:
            subject = _acting_item(content, start, tokens.ends[end - 1])
            end = end if subject else None
        elif (
            end is not None
            and not (subject and subject.group().strip().endswith("of"))
            and any(
                tokens.folded[k] in plain or tokens.folded[k] in common for k in range(loose, end)
            )
        ):
            # Only after "photo of" may a capitalised word be an ordinary one ("Demi Rose");
            # an item of Title Case tags ("…, Indie Rock, …") is no name.
            end = None
        if end is not None and not any(k in listed or k in covered for k in range(i, end)):
            surface = content[start : tokens.ends[end - 1]]
            if " ".join(tokens.folded[i:end]) in lexicon.not_names:
                i = end  # "venus de milo": a statue, a myth or a brand, nobody's likeness
                continue
            found.append((i, end, surface))
            i = end
            continue
        i += 1
    return found


#: Where a tag list's item starts: after a comma or a line break, or a picture noun
#: with no "of" ("color cinema film still katy seagal wearing…").
_ITEM_START = re.compile(rf"(?:^|[,;\n]|\b(?:{PICTURE_NOUNS}|still|shot))\s*$", re.IGNORECASE)
_AS_AFTER = re.compile(r"\s+as\s+\w", re.IGNORECASE)


def _acting_item(content: str, start: int, end: int) -> re.Match | None:
    """ "…, elliot rodger as anakin skywalker", "film still katy seagal wearing…": a name
    that starts an item and does what a person does, or plays a role, is the subject."""
    if not (person_verb_after(content, end, words_only=True) or _AS_AFTER.match(content, end)):
        return None
    return _ITEM_START.search(content, max(0, start - 40), start)


def depicted_beside_hits(content: str, tokens, hits, findings, cited: set[int]) -> list:
    """`depicted_people` given the figure analyzer's hits, the findings it made of them and
    the tokens of cited artists: a one-word hit left unreported ("anna", some historical
    Anna) hides no depicted name, nor is it a famous person to be listed with."""
    reported = {(f.start, f.end) for f in findings}
    shown = [
        h
        for h in hits
        if h.end_token - h.start_token > 1
        or (tokens.starts[h.start_token], tokens.ends[h.end_token - 1]) in reported
    ]
    covered = {i for hit in shown for i in range(hit.start_token, hit.end_token)} | cited
    people = {i for hit in shown for i in (hit.start_token, hit.end_token - 1)}
    return depicted_people(content, tokens, covered, people)


def _beside_people(content: str, tokens, first: int, end: int, people) -> bool:
    """ "jane roe and <famous>", "<famous> and jane roe": listed with a famous person."""
    joined = re.compile(r"^\s*(?:,|&|and|et)\s*$", re.I)
    after = end + 1 < len(tokens.folded) and tokens.folded[end] in ("and", "et")
    if after and end + 1 in people:
        return bool(joined.match(content[tokens.ends[end - 1] : tokens.starts[end + 1]]))
    if first >= 2 and tokens.folded[first - 1] in ("and", "et") and first - 2 in people:
        return bool(joined.match(content[tokens.ends[first - 2] : tokens.starts[first]]))
    return False


def _name_end(content: str, tokens, i: int, plain, loose_first: bool = False) -> int | None:
    """The end of a given name + one or two surname-like words starting at token i (a given
    name that is also a word, "mike", only when `loose_first`)."""
    words = tokens.folded
    surfaces = [
        content[tokens.starts[k] : tokens.ends[k]] for k in range(i, min(i + 4, len(words)))
    ]

    def ordinary(k: int) -> bool:
        word, surface = words[k], surfaces[k - i]
        return (word in plain or word in get_lexicon().common_words) and not surface[0].isupper()

    common = get_lexicon().common_words
    if (
        "G" not in name_kind(words[i])
        or (not loose_first and (words[i] in plain or words[i] in common))
        or len(words[i]) < 3
    ):
        return None
    end = i + 1
    while end < len(words) and end - i < 3:
        gap = content[tokens.ends[end - 1] : tokens.starts[end]]
        word = words[end]
        if gap != " " or not word.isalpha() or word in _FUNCTION_WORDS or ordinary(end):
            break
        end += 1
    if end == i + 1:
        return None
    after = content[tokens.ends[end - 1] : tokens.ends[end - 1] + 3]
    if re.match(r"['’]s\b", after):
        return None  # "photo of Jane Doe's passport": a document, not a depiction
    if re.match(r"[._(\[]\w", after):
        return None  # "del nx.algorithms": code
    tail = content[tokens.ends[end - 1] : tokens.ends[end - 1] + 30]
    if _ART_AFTER.match(tail) or _STYLE_WORD_AFTER.match(tail):
        return None  # "jane roe photography": the photographer's style
    if end < len(words) and content[tokens.ends[end - 1] : tokens.starts[end]] == " ":
        nxt = content[tokens.starts[end] : tokens.ends[end]]
        if nxt[0].isupper() and not ordinary(end):
            return None  # a longer capitalised run: an organisation, a place, a title
    return end
