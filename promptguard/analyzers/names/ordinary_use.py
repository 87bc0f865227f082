"""Reference findings that are ordinary uses of the words in chat and technical prompts.

Chat prompts are full of words that are also titles or famous names: a tech stack's "Kafka", a
heading "## Common Tour Patterns", a field label "**Background**:", an answer "NO", a quoted word
list ('Ravenous', 'Insidious'), a template default "${City:San Francisco}", a colour "Deep
Purple (#32174d)", a code token "C/C++". None of these asks for anyone's likeness or work, so
both reference analyzers drop such findings last, by the shape of the text around them.
"""

from __future__ import annotations

import regex as re

from promptguard.analyzers.names.folding import fold, title_initials
from promptguard.analyzers.names.lexicon import get_lexicon
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import is_image_prompt
from promptguard.analyzers.names.tech_names import tech_use
from promptguard.analyzers.personal_data.news_non_persons_fr import named_after_in_french
from promptguard.findings import Finding
from promptguard.nlp.stop_words import stop_words

#: Characters no title or name contains, but code, formulas and templates do.
_CODE_CHARS = re.compile(r"[\\^=${}\"\n]")
_CODE_AFTER = re.compile(r"(?:\+\+|#|::|\.[a-z_]+\()")
#: "${City:San Francisco}", "{{name}}", "[Your Name]": a slot to fill, not a reference.
_PLACEHOLDER = re.compile(r"\$\{[^{}\n]{0,80}\}|\{\{[^{}\n]{0,80}\}\}|\[[^\[\]\n\"',]{1,40}\]")
_HEADING_LINE = re.compile(r"^[ \t>]*#{1,6}[ \t]+")
_BOLD_LABEL = re.compile(r"\*\*([^*\n]{1,60})\*\*")
_COLOUR_AFTER = re.compile(
    r"\s*(?:\(?\s*#[0-9a-f]{3,8}\b|(?:blue|red|green|yellow|gold|silver|grey|gray|black|white"
    r"|purple|pink|orange|brown|violet|teal|cyan|beige|ochre|bronze)\s*[\"'”,)\n])",
    re.IGNORECASE,
)
_ITEM_START = re.compile(r"(?:^|[\"'“,\[\n])\s*$")  # a palette item starts here
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|around|across|outside|downtown|to"
    r"|(?:middle|heart|streets|city|outskirts|cent(?:er|re)) of)\s+(?:the\s+)?$",
    re.I,
)
_SCREEN_NEAR = re.compile(
    r"\b(?:films?|movies?|series|tv shows?|episodes?|seasons?|albums?|songs?|novels?|channels?"
    r"|cinemas?|watch\w*)\b",  # not "cinematic": a look, no screen
    re.I,
)
_ATTRIBUTE_BEFORE = re.compile(r"[\w-]=[\"']$")  # aria-label="Close"
#: A place or firm named after the words: "The Blue Velvet Lounge", "the Temple of Karnak".
_VENUES = (
    r"Lounge|Bar|Pub|Club|Caf[eé]|Restaurant|Hotel|Inn|Motel|Diner|Bistro|Bakery|Shop|Store"
    r"|Street|Road|Avenue|Boulevard|Square|Plaza|Mall|Hall|Theat(?:er|re)|Park|Tower|Station"
    r"|School|Academy|University|College|Hospital|Church|Temple|Museum|Gallery|Records|Inc"
    r"|Ltd|LLC|Corp|Agency"
)
_VENUE_AFTER = re.compile(rf"[ \t]+(?:{_VENUES})\b")
_VENUE_BEFORE = re.compile(rf"\b(?:{_VENUES})[ \t]+of[ \t]+(?:the[ \t]+)?$")
#: "Lopez L, Colan S, Trachtenberg F": an author list of surnames and initials.
_CITATION = re.compile(r"\b\p{Lu}\p{Ll}+ \p{Lu}{1,2}(?:,|\.)")
_VERSION_AFTER = re.compile(r"\s*(?:v?\d+\.\d+|v\d+)\b")  # "Claude Sonnet 4.5": a model
#: Names that stand for anyone ("Jane Doe, CISSP"), and feasts and eras that share a title.
_STAND_INS = frozenset(
    {
        *("john doe", "jane doe", "john q public", "joe bloggs", "max mustermann"),
        *("erika mustermann", "jan kowalski", "juan perez", "mario rossi"),
    }
)
_FEASTS_AND_ERAS = frozenset(
    fold(name)
    for name in {
        *("new year's eve", "new year's day", "valentine's day", "christmas", "white christmas"),
        *("christmas eve", "thanksgiving", "easter", "cold war", "the cold war"),
        *("mother's day", "father's day", "labor day", "boxing day"),
    }
)
#: Names said as an exclamation at the start of a sentence ("Jesus, that was close!").
_OATHS = frozenset({"jesus", "christ", "jesus christ", "god", "oh god", "buddha"})
_OATH_START = re.compile(r"(?:^|[.!?:;\n\"“(]\s*|^\s+)$")
_OATH_SHAPE = re.compile(r"\G\S+(?:\s+\S+)?\s*(?:[,!?.]|\s+(?:you|i|we|that|this|it|what)\b)", re.I)
_JSON_VALUE_START = re.compile(r'":\s*"$')
_QUOTES = "\"'“”‘’«»`"
#: A quoted item of a word list ('Ravenous', 'Obsolete') or an answer ("Yes", "No").
_QUOTED_ITEM = re.compile(r"[\"'“‘`]([^\"'“”‘’`\n]{1,25})[\"'”’`]")
_ANSWERS = frozenset({"yes", "no", "true", "false", "maybe", "y", "n"})


def _ordinary(words: list[str]) -> bool:
    lexicon, plain = get_lexicon(), vocabulary().plain
    return bool(words) and all(w in plain or w in lexicon.common_words for w in words)


#: A fan work named after its title: the heading names the title, not a topic.
_FAN_WORK_AFTER = re.compile(
    r"[ \t]+(?:fan[ \t-]*(?:art|fic(?:tion)?|made|film|game|comic)s?|fanfic|cosplay|crossover"
    r"|parody|spin-?off|headcanons?)\b",
    re.IGNORECASE,
)


def _heading_use(content: str, start: int, end: int, words: list[str]) -> bool:
    """A heading or bold field label made of ordinary words ("## Common Tour Patterns",
    "**Background**:"), or any bold label before a colon ("**MCU**: ESP32")."""
    line_start = content.rfind("\n", 0, start) + 1
    line_end = content.find("\n", end)
    line = content[line_start : len(content) if line_end < 0 else line_end]
    for bold in _BOLD_LABEL.finditer(line):
        a, b = line_start + bold.start(1), line_start + bold.end(1)
        if a <= start and end <= b:
            label = content[a:b].strip()
            if label.endswith(":") or content[b + 2 : b + 3] == ":":
                return True
            if _ordinary(fold(label).split()):
                return True
    if _FAN_WORK_AFTER.match(content, end):
        return False  # "Star Wars fan art: Luke on Tatooine": the title is the subject
    colon = line.find(":")
    if _HEADING_LINE.match(line):
        heading = line
    elif colon > 0 and end <= line_start + colon:
        heading = line[:colon]  # "Minimal Countdown Scene: ..."; "Mario: Let's go" stays
    else:
        return False
    heading_words = fold(re.sub(r"[#>*_:\d.-]+", " ", heading)).split()
    longer = heading is line or len(heading_words) > len(words)
    return longer and len(heading_words) <= 8 and _ordinary(heading_words) and _ordinary(words)


def _quoted_word(content: str, start: int, end: int, words: list[str]) -> bool:
    """An answer ("Yes" or "No", "NO" when "YES" is quoted too), a word in a long quoted word
    list ('Ravenous', 'Obsolete', ...), a lowercase function word ("her") or one repeated as
    a list of bans ("No cartoon No anime No text"); "Up", "Her" and "Heat" stay titles."""
    if not _ordinary(words):
        return False
    span = content[start:end]
    around = content[max(0, start - 40) : end + 40]
    screen = bool(_SCREEN_NEAR.search(around))
    if (
        len(words) == 1
        and words[0] in stop_words("en")
        and not screen
        and (span.islower() or len(re.findall(rf"\b{re.escape(span)}\b", content)) >= 3)
    ):
        return True
    if fold(span) in _FEASTS_AND_ERAS and not screen:
        return True  # "a Valentine's Day cocktail", "during the Cold War"
    if len(words) == 1 and _JSON_VALUE_START.search(content, max(0, start - 8), start):
        return bool(re.match(r" [a-z]", content[end : end + 2]))  # "use_case": "Stock photo…
    quoted = content[start - 1 : start] in _QUOTES and content[end : end + 1] in _QUOTES
    if len(words) > 1 or not quoted:
        return False  # "Blade Runner" among quoted styles is still the film
    if words[0] in _ANSWERS and any(
        fold(q) in _ANSWERS - {words[0]} for q in _QUOTED_ITEM.findall(content)
    ):
        return True
    items = [
        fold(q).split() for q in _QUOTED_ITEM.findall(content[max(0, start - 160) : end + 160])
    ]
    return len(items) >= 5 and 2 * sum(_ordinary(item) for item in items) >= len(items)


def _french_function_word(content: str, span: str, words: list[str]) -> bool:
    """A lowercase French function word ("sinon", "puis") in French text: the English
    vocabulary that tells "her" from the film does not hold French words."""
    if len(words) != 1 or not span.islower() or words[0] not in stop_words("fr"):
        return False
    from promptguard.nlp.language import detect_language

    return detect_language(content) == "fr"


#: Words that say a text is about a work, beside its initials ("LOTR lore", "the HTTYD art").
_MEDIA_NEAR = re.compile(
    r"\b(?:books?|games?|comics?|manga|anime|cartoons?|read|reading|play\w*|fans?|fandom|lore"
    r"|universe|franchise|style|art|cosplay|characters?|sequel|remake)\b",
    re.I,
)


def _initials_only(content: str, finding: Finding, words: list[str]) -> bool:
    """A title's initials ("MITM" for Malcolm in the Middle) outside an image prompt, with no
    word about a screen, a book or a game near: an abbreviation of something else."""
    if len(words) != 1 or len(words[0]) < 4:
        return False
    title = ((finding.extra or {}).get("evidence") or {}).get("entry", "")
    if title_initials(title) != words[0] or is_image_prompt(content) or len(content.split()) < 3:
        return False  # "TMNT" alone, or nearly, is a prompt naming the title
    if re.search(r"\bfrom\s+$", content[max(0, finding.start - 8) : finding.start]):
        return False  # "Commander Data from STTNG"
    around = content[max(0, finding.start - 60) : finding.end + 60]
    return not (_SCREEN_NEAR.search(around) or _MEDIA_NEAR.search(around))


def ordinary_use(content: str, finding: Finding) -> bool:
    """Whether a reference finding is an ordinary use of its words (see the module doc)."""
    start, end = finding.start, finding.end
    span = content[start:end]
    words = fold(span).split()
    if _CODE_CHARS.search(span) or _CODE_AFTER.match(content, end):
        return True
    if re.fullmatch(r"\w/\w", span) or _ATTRIBUTE_BEFORE.search(
        content[max(0, start - 30) : start]
    ):
        return True  # "C/C++", aria-label="Close"
    if fold(span) in _STAND_INS:
        return True
    if (
        len(span) <= 5
        and span.isalpha()
        and not (span.islower() or span.isupper() or span.istitle())
        and span not in ((finding.extra or {}).get("evidence") or {}).get("entry", "")
    ):
        return True  # "MitM", "CaSO": an abbreviation or a formula; "HyunA", "LeFou" are names
    if finding.category == "copyrighted_work" and _initials_only(content, finding, words):
        return True  # "MITM attacks": the title's initials, in a text about something else
    if finding.category == "copyrighted_work" and (
        _VENUE_BEFORE.search(content[max(0, start - 30) : start])
        or finding.type in ("FILM", "SERIES")  # a franchise's hotel is themed on it
        and _VENUE_AFTER.match(content, end)
        and all(w in vocabulary().plain for w in words)
    ):
        return True  # "The Blue Velvet Lounge", "the Temple of Karnak": a place's name
    if finding.category != "copyrighted_work" and named_after_in_french(content, start):
        return True  # "rue Victor-Hugo": a street
    if _french_function_word(content, span, words):
        return True  # "que firent-ils, sinon voter": no character Sinon
    if finding.category != "copyrighted_work" and (
        _VERSION_AFTER.match(content, end)
        or re.search(r"\s(?:v?\d+\.\d+|v\d+)$", span)
        or (
            len(words) == 1
            and _CITATION.match(content, start)
            and len(_CITATION.findall(content)) >= 3
        )
    ):
        return True  # "Claude Sonnet 4.5"; "Granger S, Trachtenberg F, Frommelt P"
    # "[Your Name]", "${City:San Francisco}"; a default "${star:Lionel Messi}" stays
    slotted = any(m.start() < start and end < m.end() for m in _PLACEHOLDER.finditer(content))
    if slotted and (_ordinary(words) or fold(span) in vocabulary().places):
        return True
    colour = _COLOUR_AFTER.match(content, end)
    if colour and ("#" in colour[0] or _ITEM_START.search(content[max(0, start - 4) : start])):
        return True  # "Deep Purple (#32174d)", "Lapis Lazuli Blue"
    if fold(span) in vocabulary().places and _LOCATIVE_BEFORE.search(content[:start][-30:]):
        return True  # "in the middle of San Francisco", "I live in Chicago"
    if (
        fold(span) in _OATHS
        and _OATH_SHAPE.search(content, start)
        and _OATH_START.search(content[max(0, start - 4) : start])
        and not is_image_prompt(content)  # "Jesus, oil painting by rembrandt" is depicted
    ):
        return True  # "Seriously? Jesus you can't...", "Jesus, Joseph": an exclamation
    return (
        tech_use(content, start, end, words)
        or _heading_use(content, start, end, words)
        or _quoted_word(content, start, end, words)
    )


def drop_ordinary_uses(content: str, findings: list[Finding]) -> list[Finding]:
    """The reference findings left once ordinary uses of their words are dropped."""
    return [f for f in findings if not ordinary_use(content, f)]
