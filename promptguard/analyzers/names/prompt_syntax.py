"""The syntax of image prompts: list items, credit and style cues, tags, art vocabulary.

Read by `artist_refs` (which names a prompt cites as styles) and by the name analyzers
(whether a text is an image prompt at all). Regexes only, no lists: cheap enough to run on
every prompt, and linear on a 3 MB one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

#: Where a list item ends: commas, semicolons, brackets, line and sentence ends, " - " (but
#: not a hyphen some prompt sites space out inside a name: "wong kar - wai", "william -
#: adolphe bouguereau", a lowercase name part on each side).
_SEGMENT_END = re.compile(
    r"[,;|()\[\]{}\n]|\.(?=\s|$)|:(?=\s)|\s[–—]\s|(?<![a-z]{2})\s-\s|\s-\s(?![a-z]{2})|!|\?"
)
#: "Style of" in Spanish, Portuguese, Italian and German ("al estilo de", "nello stile di",
#: "im Stil von"); English and French are written out in each cue pattern.
OTHER_LANGUAGE_STYLE_CUES = r"estilo\s+(?:de|del|do|da)|stile\s+di|im\s+stile?\s+(?:von|des|der)"
#: A credit or style cue that makes the names after it artists: its core words...
_CUE = re.compile(
    r"\b(?:(?:by|style\s+of|manner\s+of|inspired\s+by|influenced\s+by|reminiscent\s+of"
    r"|homage\s+to|colou?rs?\s+of|palette\s+of|(?<=\bthe\s)(?:art|films|cinema)\s+of"
    r"|(?:surreal|impression|express|cub|symbol"
    r"|futur|minimal|romantic|hyperreal|photoreal|dada|fauv|pointill|brutal)ism\s+of"
    r"|à\s+la\s+manière\s+de|a\s+la\s+maniere\s+de|dans\s+le\s+style\s+(?:de|d'|du|des)"
    r"|peint\s+par|dessiné\s+par|par"
    rf"|{OTHER_LANGUAGE_STYLE_CUES}"
    r"|pintad[oa]\s+por|dibujad[oa]\s+por|dipint[oa]\s+da|gemalt\s+von)\b"
    r"|(?:artists?|artstyle|style)\s*:"
    r"|\bartists(?:\s+(?:like|such\s+as|including))?(?=\s+[^\W\d_]))\s*",  # "artists wlop, guweiz"
    re.IGNORECASE,
)
#: ...and the art noun before them, read back for the evidence ("painting by").
_CUE_NOUN = re.compile(
    r"\b(?:art|artwork|arts|painting|paintings|painted|drawing|drawings|drawn|illustration"
    r"|illustrations|illustrated|photo|photos|photograph|photographs|photographed|photography"
    r"|shot|sketch|sketches|concept\s+art|poster|design|designed|sculpture|sculpted|render"
    r"|rendered|comic|comics|manga|anime|animation|film|movie|work|works|made|created"
    r"|masterpiece|print|etching|engraving|woodcut|watercolou?r|portrait|cover|graphic\s+novel"
    r"|character\s+design|key\s+visual|still|matte\s+painting|oil\s+painting|mural|directed"
    r"|in\s+the(?:\s+(?:visual|art|artistic|painting|drawing))?|in\s+the\s+art"
    r"|visual|artistic)\s+$",
    re.IGNORECASE,
)
#: Joins names inside one list item: "A and B", "A & B", "A x B", "A + B", "A / B", "A, B".
_JOINER = re.compile(r"^(?:\s*(?:,|and|&|\+|x|/|et|with|featuring)\s*|\s+)$", re.IGNORECASE)
_JOIN_WORDS = frozenset({"and", "et", "x", "with", "featuring", "y", "und"})
#: A whole tag may carry these around the name: "by loish", "moebius style", "art of X".
_TAG_LEAD = re.compile(
    r"^\s*(?:and\s+|&\s*)?(?:(?:art|painting|illustration|photo|drawing)\s+)?(?:by\s+)?", re.I
)
_TAG_TAIL = re.compile(
    r"\s*(?:(?:art\s*)?style|artstyle|inspired|esque|aesthetic|art|artwork|painting"
    r"|illustration|illustrated|painted|drawn|cartoon|comic|colors?|colours?|palette|lighting"
    r"|photography"
    # a prompt weight ("style:1.2", "(style 2)") or a view angle ("style 3/4")
    r"|vibes?)?(?:\s*[:(]?\s*\d+(?:\s*[./]\s*\d+)?\s*\)?)?[\s.!]*$",
    re.IGNORECASE,
)
_ENDS_WITH_ART_WORD = re.compile(
    r"\b(?:style|artwork|aesthetic|inspired|esque|art|painting|illustration|photography)(?:\s*[:(]?\s*\d+(?:\s*[./]\s*\d+)?\s*\)?)?\s*$",
    re.I,
)
#: What a depicted subject does, as a regex body after a space: any "-ing" word but the
#: nouns that end so ("batman swinging", "lee min-ho emerging"; not "the king", "a ring").
ING_ACTION = (
    r"(?!(?:thing|king|ring|wing|string|spring|building|ceiling|clothing|morning|evening"
    r"|pudding|wedding|sibling|darling|earring|lighting|setting|rendering|shading|being)\b)"
    r"[a-z]{3,}ing\b"
)
#: "by disney concept artists", "by pixar animators": the makers' style, whatever was made.
MAKERS_AFTER = re.compile(
    r"\s+(?:concept\s+|visual\s+development\s+|character\s+)?(?:artists|animators"
    r"|illustrators|designers|painters)\b",
    re.I,
)
#: An image-generation prompt: art vocabulary a chat message or news text rarely has.
_IMAGE_WORDS = re.compile(
    r"\b(?:artstation|art\s*station|cgsociety|deviantart|pixiv|behance|octane|unreal\s+engine"
    r"|trending\s+on|concept\s+art|digital\s+(?:art|painting|illustration)|matte\s+painting"
    r"|oil\s+(?:painting|on\s+canvas)|watercolou?r|illustration|highly\s+detailed|hyper\s*realistic"
    r"|photorealistic|sharp\s+focus|8\s*k|4\s*k|hdr|volumetric|cinematic\s+lighting|render"
    r"|(?:very|ultra|hyper|extremely|insanely)\s+detailed|award[-\s]winning"
    r"|masterpiece|portrait|painting|artwork|art\s+by|style\s+of|wallpaper|poster|anime|manga"
    r"|comic|sketch|drawing|photograph|photo|35\s*mm|bokeh|studio\s+lighting|intricate|artgerm"
    # words of image generators' prompts that chat about games, music or graphics code lacks
    # ("character sheet", "isometric", "synthwave", "ray tracing" are left out: they are not)
    r"|cel[-\s]shaded|fantasy\s+art|bioluminescen\w*|hyper-?detailed|photorealism"
    r"|full[-\s]body\s+shot|midjourney|stable\s+diffusion|negative\s+prompt|vivid\s+colou?rs"
    # a kind of photography named as a look ("film photography", "b & w photography")
    r"|(?:film|analog|analogue|street|fashion|editorial|b\s*&\s*w|black\s+and\s+white)"
    r"\s+photography"
    # the misspellings people type fast: "higly detailed", "hihgly detailed", "detialed"
    r"|hi[gh]{1,3}t?l?y\s+deta\w*|detaild|detialed|deatiled|artstaion|artsation)\b",
    re.IGNORECASE,
)
#: What a chat message or a production note has and a short image prompt has not: a person
#: speaking or spoken to, an auxiliary or modal verb, a request ("the notes were sent by X").
_CHAT_WORDS = re.compile(
    r"\b(?:i|i'm|me|my|we|us|our|you|your|please|is|are|was|were|be|been|being|has|have|had"
    r"|will|would|can|could|should|shall|may|might|must|do|does|did|sent|from|to|write"
    r"|tell|give|make|let|thanks?|hi|hello|dear|regards)\b",
    re.IGNORECASE,
)
#: "next to", "close to": where things are in a picture, not someone spoken or written to.
_SPATIAL_TO = re.compile(r"\b(?:next|close)\s+to\b", re.IGNORECASE)
#: Longest text read as a short prompt without art vocabulary ("bum fights by X").
SHORT_PROMPT_WORDS = 16
#: Pictures of someone or something, as a regex body: "<noun> of X" makes X the subject.
PICTURE_NOUNS = (
    r"photo|photograph|picture|portrait|drawing|painting|image|selfie|sketch|render"
    r"|illustration|closeup|close-up|headshot|caricature|statue|poster|bust|cartoon|meme"
    r"|collage|montage|photomontage|mugshot|mug\s+shot|deepfake|gif"
)
#: "portrait of X", "photo of X", "X as a ...": X is the subject (a likeness), not a style.
_LIKENESS_BEFORE = re.compile(
    r"\b(?:portrait|photo|photograph|picture|image|selfie|statue|bust|caricature|face|likeness"
    r"|of|with|starring|featuring|feat|and|as|de|d'|du|avec)\s*$",
    re.IGNORECASE,
)
#: A style word after a name: "Ghibli-style", "Kubrick-esque", "Mucha's style", "-like"
#: only with its hyphen ("he should be hang like..." is no style).
_STYLE_WORD_AFTER = re.compile(
    r"^(?:(?:[-\s]+(?:animation|anime|art|cartoon|comic|film|movie|illustration|painting"
    r"|drawing|photography|visual))?[-\s]?(?:style|styled|esque|inspired|aesthetic)\b|-like\b"
    r"|['’]s\s+(?:art\s*)?style\b)",
    re.IGNORECASE,
)
#: A capitalised title after an artist's possessive: "Giger's Alien", "Van Gogh's Sunflowers"
#: (the artist's work is cited; "Giger's face" asks for the person).
_TITLE_AFTER_POSSESSIVE = re.compile(r"^['’]s\s+(?:[Tt]he\s+)?[A-Z][a-z]")
#: An art noun after an artist's name in an image prompt: "a gary larson cartoon".
_ART_AFTER = re.compile(
    r"^(?:['’]s)?[-\s]+(?:artwork|artworks|cartoon|cartoons|comic\s+strip|painting|paintings"
    r"|illustration|illustrations|drawing|sketch|graffiti|mural|photography|art\s+style"
    r"|colou?r\s+palette|character\s+design)\b",
    re.IGNORECASE,
)


@dataclass
class _Segment:
    start: int
    end: int
    #: where the names start (after a credit cue), or -1 without a cue
    cue_end: int
    cue: str


def _segments(text: str) -> list[_Segment]:
    """The list items of the text, each with its credit cue (one pass each for the
    boundaries and the cues: a 3 MB prompt is cut in well under a second). An item with
    several cues is cut before each later one: "by A by B by C" credits three artists."""
    cues = []
    for match in _CUE.finditer(text):
        noun = _CUE_NOUN.search(text, max(0, match.start() - 30), match.start())
        start = noun.start() if noun else match.start()
        if cues and start < cues[-1][1]:
            start = match.start()  # the noun belongs to the previous cue's names
        cues.append((start, match.end(), text[start : match.end()].rstrip(" :")))
    cue_starts = [c[0] for c in cues]
    segments: list[_Segment] = []
    position = 0
    for match in [*_SEGMENT_END.finditer(text), None]:
        end = match.start() if match else len(text)
        if end > position:
            first = bisect_left(cue_starts, position)
            last = bisect_left(cue_starts, end)  # the cues starting inside the item
            if first == last:
                segments.append(_Segment(position, end, -1, ""))
            for k in range(first, last):
                cue = cues[k]
                start = position if k == first else cue[0]
                stop = cues[k + 1][0] if k + 1 < last else end
                # A cue may run over the item's end ("artists: a, b" is cut at the colon).
                cue_text = " ".join(cue[2].lower().split())
                segments.append(_Segment(start, stop, min(cue[1], stop), cue_text))
        position = match.end() if match else len(text)
    return _across_asides(text, segments)


_AND_AFTER_ASIDE = re.compile(r"\s*(?:and|&)\s+", re.IGNORECASE)


def _across_asides(text: str, segments: list[_Segment]) -> list[_Segment]:
    """ "by greg rutkowski and pine ( ハイネ ) and wlop": an aside in brackets inside a list of
    credits does not end it; the item after it that starts with "and" keeps the cue."""
    for k in range(2, len(segments)):
        segment, aside, credited = segments[k], segments[k - 1], segments[k - 2]
        joined = _AND_AFTER_ASIDE.match(text, segment.start)
        if (
            joined
            and segment.cue_end < 0
            and credited.cue
            and text[aside.start - 1 : aside.start] == "("
            and text[segment.start - 1 : segment.start] == ")"
        ):
            segments[k] = _Segment(segment.start, segment.end, joined.end(), credited.cue)
    return segments


def short_prompt(text: str) -> bool:
    """A few words with no sentence in them ("young girl by X, detailed"): a prompt's credit
    line, where an unknown name after "by" is an artist, not a sender or a crew member."""
    words = text.split()
    return (
        0 < len(words) <= SHORT_PROMPT_WORDS
        and not _CHAT_WORDS.search(_SPATIAL_TO.sub(" ", text))  # "sitting next to x" is no "to"
        and not re.search(r"[.!?]\s+\w|@|\d{3}|\bnot\s+by\b", text)
        # a sentence, capitalised and closed by a full stop, is prose, not a prompt's tags
        and not (text.lstrip()[:1].isupper() and re.search(r"[.!?][)\"']?\s*$", text))
    )


@lru_cache(maxsize=64)
def is_image_prompt(text: str) -> bool:
    """Art vocabulary, or the shape of a tag list (four or more short comma items). Cached:
    every name of a prompt asks it of the same text."""
    if _IMAGE_WORDS.search(text) or _credit_line(text) or _subject_line(text):
        return True
    items = [item.split() for item in text.split(",")]
    return len(items) >= 4 and sum(len(i) <= 4 for i in items) >= 0.75 * len(items)


#: "spider-man by greg rutkowski": a few words credited to someone, no sentence, no medium
#: that makes the credit a song's or a book's ("a song by porter robinson").
_CREDIT_LINE = re.compile(r"^[^.!?\n]{2,80}?\bby\s+[^\W\d_]{2,}(?:[\s-]+[^\W\d_]+){0,3}\s*$")
_NOT_A_PICTURE = re.compile(
    r"\b(?:song|songs|album|track|single|book|novel|poem|story|article|essay|paper|report"
    r"|film|movie|show|episode|written|directed|produced|composed|sung|performed|played"
    r"|caused|followed|led|owned|run|made|sold|bought|signed|won|beaten|killed|hit)\s+by\b",
    re.IGNORECASE,
)


#: A request to a chat model starts with one of these ("write a dnd encounter in ..."): a
#: task, not a picture's description.
_REQUEST_VERBS = frozenset(
    {"write", "tell", "explain", "list", "give", "summarize", "summarise", "translate",
     "rewrite", "draft", "suggest", "compare", "answer", "solve", "help", "find", "act", "fix",
     "debug", "implement", "calculate", "convert"}
)  # fmt: skip


def _subject_line(text: str) -> bool:
    """ "jack white spraying graffiti over a map": a few lowercase words that describe a
    picture, with no sentence, no speaker and no punctuation but commas."""
    stripped = text.strip()
    words = stripped.split()
    return (
        stripped[:1].islower()
        and len(words) >= 3
        and words[0] not in _REQUEST_VERBS
        and not re.search(r"[.!?;:#\n\"]", stripped)
        and short_prompt(stripped)
    )


#: "two people solving an escape room puzzle, markings on the wall, by alfred stevens": a
#: description of any length whose last comma item credits someone.
_LAST_ITEM_CREDIT = re.compile(r",\s*by\s+[^\W\d_]{2,}(?:[\s-]+[^\W\d_]+){0,3}\s*$")


def _credit_line(text: str) -> bool:
    if _NOT_A_PICTURE.search(text):
        return False
    if len(text) <= 100 and _CREDIT_LINE.match(text) and short_prompt(text):
        return True
    return (
        len(text) <= 300
        and bool(_LAST_ITEM_CREDIT.search(text))
        and not _CHAT_WORDS.search(text)
        and not re.search(r"[.!?;:]\s+\w|[@#\n\"]|\d{3}", text)
    )


def is_prose(content: str) -> bool:
    """A sentence of prose: a dozen words or more, most of them lowercase, ending in a full
    stop, no short fragments (news copy, an e-mail), where a lowercase phrase is a phrase,
    not a title."""
    words = content.split()
    if len(words) < 12 or not content.rstrip().endswith((".", "!", "?", '"')):
        return False
    # "… out of the bushes. realistic. hd.": a prompt's tags cut by full stops
    if any(
        len(part.split()) < 4 for part in re.split(r"[.!?]\s+", content.rstrip(' .!?"')) if part
    ):
        return False
    return sum(w[:1].islower() for w in words) * 2 > len(words)
