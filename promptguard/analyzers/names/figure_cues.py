"""Words around a name that make it a public person: a role ("rapper X", "the band X", "X the
rapper") and the syntax of a lowercase surname that is also a word ("before trump can...").

Decision: in an image prompt, an unlisted name right after a celebrity role is reported as a
public figure (status "unlisted", clearance needed), not as personal data. Why: the role says
the prompt wants a performer's or a politician's likeness, and a likeness needs the person's
written approval whether or not our lists know them; as personal data the approver would read
"a name in the text" and the likeness would go unasked. The name must not be an ordinary
phrase ("the band members", "a rapper wearing gold"), and a chat message is left alone: there
the role word is as often a job title ("our singer Jane") as a celebrity cue.

The lowercase surnames that are also words ("trump", "bush", "cash") are read as the person
only in a person's syntax: the subject of a depiction ("portrait of trump wearing a crown"),
a possessive ("trump's face"), "as trump", or followed by what a person does ("trump can",
"bush holding"); never in the word's own use ("trump card", "to trump", "bush fire").
"""

from __future__ import annotations

import re

from promptguard.analyzers.names.figure_context import unlisted_figure
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import ING_ACTION, PICTURE_NOUNS, is_image_prompt
from promptguard.findings import Finding
from promptguard.nlp.stop_words import stop_words

_ADJECTIVE = (
    r"(?:(?:famous|legendary|popular|american|british|english|korean|japanese|chinese|french"
    r"|german|indian|canadian|australian|russian|mexican|brazilian|spanish|italian|nigerian"
    r"|k-?pop|j-?pop|kpop|youtube|twitch|tiktok|instagram|hollywood|bollywood|hip-?hop|rap"
    r"|pop|rock|metal|punk|country|r&b|indie|porn|adult\s+film|tv|news)\s+)?"
)
_ROLE = (
    r"(?:rapper|singer|songwriter|actor|actress|comedian|comedienne|politician|senator"
    r"|congressman|congresswoman|president|prime\s+minister|minister|chancellor|governor"
    r"|youtuber|streamer|tiktoker|influencer|vlogger|porn\s*star|pornstar|idol|drummer"
    r"|guitarist|bassist|frontman|popstar|rockstar|musician|dj|footballer|boxer|wrestler"
    r"|fighter|anchor|anchorman|anchorwoman|host|presenter|journalist|columnist|ceo"
    r"|billionaire|voice\s+actor|voice\s+actress|seiyuu|band|group|duo|boy\s*band"
    r"|girl\s+group|rap\s+group|rapper\s+and\s+producer)"
)
#: A celebrity role right before a name: "rapper X", "the band X", "korean actress X".
_ROLE_BEFORE = re.compile(rf"(?:^|[^\w'’-])(?:the\s+|a\s+)?{_ADJECTIVE}{_ROLE}\s+$", re.I)
#: Words that end a name run: what the prompt says about the scene, not the person's name.
_SCENE_WORDS = frozenset(
    {
        *("concert", "stage", "live", "photo", "photograph", "portrait", "album", "cover"),
        *("poster", "style", "music", "video", "performing", "performs", "logo", "shirt"),
        *("tshirt", "member", "members", "fan", "fans", "art", "artwork", "painting"),
        *("drawing", "render", "illustration", "selfie", "closeup", "wearing", "holding"),
        *("playing", "singing", "rapping", "posing", "standing", "sitting", "smiling"),
    }
)
#: ...or right after it: "X the rapper", "X, the youtuber".
_ROLE_AFTER_ANYWHERE = re.compile(rf"(?<=\w)\s*,?\s*the\s+{_ADJECTIVE}{_ROLE}\b", re.I)
_MESSAGE = re.compile(
    r"\b(?:i|i'm|me|my|we|our|us|you|your|please|write|tell|explain|summari[sz]e)\b|\?",
    re.IGNORECASE,
)
_FUNCTION_WORDS = stop_words("en")


def role_cued_names(content: str, tokens, covered: set[int]) -> list[tuple[int, int, str]]:
    """(first token, end token, surface) of each unlisted name an image prompt gives a
    celebrity role: "the band X", "rapper X", "X the rapper"."""
    if not is_image_prompt(content) or _MESSAGE.search(content):
        return []
    found = []
    count = len(tokens.folded)
    i = 0
    while i < count:
        start = tokens.starts[i]
        if i not in covered and _ROLE_BEFORE.search(content[max(0, start - 40) : start]):
            end = _run_after(content, tokens, i, covered)
            if end is not None:
                found.append((i, end, content[start : tokens.ends[end - 1]]))
                i = end
                continue
        i += 1
    for match in _ROLE_AFTER_ANYWHERE.finditer(content):
        end = _token_ending_at(tokens, match.start())
        if end is None:
            continue
        first = _run_before(content, tokens, end, covered)
        if first is not None and not any(first < e and s < end for s, e, _ in found):
            found.append((first, end, content[tokens.starts[first] : tokens.ends[end - 1]]))
    return found


def _token_ending_at(tokens, offset: int) -> int | None:
    """The end index (exclusive) of the token that ends at `offset`."""
    for k in range(len(tokens.ends) - 1, -1, -1):
        if tokens.ends[k] == offset:
            return k + 1
        if tokens.ends[k] < offset:
            return None
    return None


def _name_word(content: str, tokens, k: int, covered: set[int]) -> bool:
    """Whether token k may be a part of a name: no function word, scene word or number."""
    word = tokens.folded[k]
    return (
        k not in covered
        and word not in _FUNCTION_WORDS
        and word not in _SCENE_WORDS
        and not (word.endswith("ing") and len(word) > 5)
        and any(c.isalpha() for c in word)
    )


def _is_name(content: str, tokens, first: int, end: int) -> bool:
    """A run of one to three words that is no ordinary phrase: a word no dictionary has, or
    capitalised words, or a title ("mr bungle"). One word needs four letters."""
    plain = vocabulary().plain
    words = tokens.folded[first:end]
    surfaces = [content[tokens.starts[k] : tokens.ends[k]] for k in range(first, end)]
    if len(words) == 1 and len(words[0]) < 4:
        return False
    if content[tokens.ends[end - 1] : tokens.ends[end - 1] + 2] in ("'s", "’s"):
        return False  # "the band's logo": the role word's own possessive, no name
    unknown = any(w not in plain and w not in _COMMON_PROMPT_WORDS for w in words)
    capitalised = all(s[:1].isupper() or s[:1].isdigit() for s in surfaces)
    return unknown or (capitalised and not content.istitle())


#: Words of prompt vocabulary the plain list lacks (it holds ordinary words only).
_COMMON_PROMPT_WORDS = frozenset({"k", "hd", "uhd", "4k", "8k", "octane", "unreal", "cgi"})


def _run_after(content: str, tokens, i: int, covered: set[int]) -> int | None:
    """The end of a name of one to three words starting at token i, or None."""
    end = i
    while end < len(tokens.folded) and end - i < 3 and _name_word(content, tokens, end, covered):
        if end > i and content[tokens.ends[end - 1] : tokens.starts[end]] not in (" ", " - ", "-"):
            break
        end += 1
    if end == i or not _is_name(content, tokens, i, end):
        return None
    return end


def _run_before(content: str, tokens, end: int, covered: set[int]) -> int | None:
    """The first token of a name of one to three words ending at token `end`, or None."""
    first = end
    while first > 0 and end - first < 3 and _name_word(content, tokens, first - 1, covered):
        if first < end and content[tokens.ends[first - 1] : tokens.starts[first]] not in (
            " ",
            " - ",
            "-",
        ):
            break
        first -= 1
    if first == end or not _is_name(content, tokens, first, end):
        return None
    return first


def role_before(content: str, start: int) -> bool:
    """Whether a celebrity role comes right before `start` ("the band sleep token")."""
    return bool(_ROLE_BEFORE.search(content[max(0, start - 40) : start]))


def cued_finding(analyzer: str, start: int, end: int, surface: str) -> Finding:
    """A name an image prompt gives a celebrity role and no list knows."""
    return unlisted_figure(
        analyzer, start, end, surface, "role", "a celebrity role before or after the name",
        "is named as a performer or public person in an image prompt and is in no list of "
        "public figures: the likeness needs their written approval.",
    )  # fmt: skip


# -- lowercase surnames that are also words ------------------------------------------

#: The best-known people whose surname alone is also an English word, read lowercase as the
#: person only in a person's syntax (below). "king", "stone", "west", "white", "mercury",
#: "ford" or "jobs" are left out: the word's own use is as likely in a subject's place.
WORD_SURNAMES = frozenset(
    {
        *("trump", "bush", "cash", "musk", "pence", "macron", "gates", "cruise", "hanks"),
        *("gosling", "reeves", "grande", "styles", "hawking", "freeman", "ledger", "swift"),
    }
)
_NOT_A_PERSON_BEFORE = re.compile(
    r"\b(?:the|a|an|to|this|that|these|those|its|their|his|her|no|some|any|every|of\s+the)\s+$",
    re.I,
)
#: What a person does right after their name: a modal, a "says", a pose or an action.
_PERSON_VERB_AFTER = re.compile(
    r"^\s+(?:can|could|will|would|should|must|might|says|said|tweets|tweeted|gives|giving"
    r"|wearing|holding|riding|sitting|standing|eating|drinking|dancing|smiling|laughing"
    r"|crying|singing|fighting|hugging|kissing|shaking|walking|running|driving|speaking"
    r"|screaming|posing|waving|sleeping|looking|dressed|smoking|playing|reading|writing"
    r"|cooking|talking|yelling|shouting|grinning|performing|praying|arguing|thinking"
    r"|meditating|working|typing|vaping|shopping|partying|preaching|testifying|campaigning"
    r"|debating|boxing|wrestling|skateboarding|surfing|golfing|juggling|kneeling)\b",
    re.I,
)
_ACTION_AFTER = re.compile(rf"^\s+{ING_ACTION}", re.I)
_DEPICTION_BEFORE = re.compile(
    rf"\b(?:{PICTURE_NOUNS})\s+of\s+(?:young\s+|old\s+|a\s+young\s+|an\s+old\s+)?$|\b(?:as|dressed\s+as)\s+$",
    re.I,
)


def word_surname_syntax(content: str, tokens, i: int) -> bool:
    """Whether lowercase token i, a WORD_SURNAMES word, stands where a person stands."""
    if tokens.folded[i] not in WORD_SURNAMES:
        return False
    start, end = tokens.starts[i], tokens.ends[i]
    before, after = content[max(0, start - 30) : start], content[end : end + 30]
    if _NOT_A_PERSON_BEFORE.search(before):
        return False  # "the bush", "to trump"
    if re.match(r"['’]s\b", after):
        return True  # "trump's face"
    if _PERSON_VERB_AFTER.match(after):
        return True  # "trump can kick it", "bush holding a sign"
    return bool(_DEPICTION_BEFORE.search(before)) and not noun_after(content, tokens, i)


def depiction_before(content: str, start: int) -> bool:
    """Whether a picture of someone is asked for right before `start` ("portrait of")."""
    return bool(_DEPICTION_BEFORE.search(content[max(0, start - 40) : start]))


def person_verb_after(content: str, end: int, words_only: bool = False) -> bool:
    """Whether what follows `end` is what a person does ("will smith eating spaghetti",
    "lee min-ho emerging"); after a name of dictionary words only ("junkyard dog") only
    what people do, not any "-ing" ("guarding the gate" is the dog's)."""
    after = content[end : end + 30]
    if _PERSON_VERB_AFTER.match(after):
        return True
    return not words_only and bool(_ACTION_AFTER.match(after))


def noun_after(content: str, tokens, i: int) -> bool:
    """Whether an ordinary noun follows token i at once ("trump card", "bush fire", "cash
    register"): the word's own use, not the person's name."""
    k = i + 1
    if k >= len(tokens.folded) or content[tokens.ends[i] : tokens.starts[k]] != " ":
        return False
    word = tokens.folded[k]
    return (
        word in vocabulary().plain
        and word not in _FUNCTION_WORDS
        and not _PERSON_VERB_AFTER.match(" " + word)
    )
