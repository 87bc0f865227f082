"""Given names and surnames (any case), and names that are no person (brands, tools, studios).

Not a recognizer: the word lists the person recognizers and the name pre-pass read.

* `person_names.tsv`: given names and surnames from the US census and Faker's locales (see
  `wordlists/SOURCES.md`), folded. spaCy's small models find names by their capitals; a
  name written "natasha higuchi", "JOHN SMITH" or alone at the start of a sentence is found
  only where this list (with a cue, or as a given name + surname pair) backs it.
* A lowercase word counts as a name only when it is not also an ordinary word
  (`common_words.tsv`, `plain_words.tsv`): "natasha" yes, "will", "rose", "frank" no
  (those need a cue: "my name is frank").
* `not_names.tsv`: platforms, software, brands, studios, AI models ("Pixar", "Artstation",
  "Unreal Engine", "Midjourney", "Photoshop"): never a person, whatever NER says.
"""

from __future__ import annotations

from functools import lru_cache

import regex as re

from promptguard.analyzers.names.folding import closed_compound
from promptguard.analyzers.names.given_names import name_kind, name_kinds
from promptguard.analyzers.names.lexicon import common_words, fold, read_wordlist
from promptguard.analyzers.names.prepass import (
    _LOCATIVE,
    capitalised_runs,
    is_ordinary_word,
    unexplained_runs,
    vocabulary,
)
from promptguard.analyzers.names.tech_names import TECH_NAMES, tech_use
from promptguard.analyzers.personal_data.foreign_text import is_foreign_function_word
from promptguard.nlp.stop_words import stop_words as nlp_stop_words

#: A word as the name rules read it: letters with inner apostrophes or hyphens.
WORD = re.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_SENTENCE_END = frozenset(".!?\n")
_LEADING_JUNK = " \t\"'«»“”(*•-–—#>"


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Folded names (and aliases) of things that are not persons."""
    keys = set()
    for row in read_wordlist("not_names.tsv"):
        if not row or not row[0].strip():
            continue
        keys.add(fold(row[0]))
        if len(row) > 2:  # name, kind, aliases ("a|b"), source: the wordlists builder's format
            keys.update(fold(alias) for alias in row[2].split("|") if alias.strip())
    keys.discard("")
    return frozenset(keys)


#: Month and weekday abbreviations: alone, a date's word ("14 Jan", "Jan . 30th", "Sept"),
#: which NER often calls a person. On WNUT-17 train, 48 "Jan"/"Sep" persons, none a person;
#: "Jan Kowalski" (two words) is still a name.
CALENDAR_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
    ]
)


#: One word made of a capitalised head of three letters or more and another capitalised
#: part: "BattlestarGalactica", "ZodiacFacts", "HelloMornings" (tags and brands run together).
_RUN_TOGETHER = re.compile(r"(\p{Lu}\p{Ll}{2,})(\p{Lu}[\p{L}]*)")


def _glued_words(value: str) -> bool:
    """Words run together with a capital in the middle, whose head is no given name or
    surname: "ZodiacFacts" is a tag; "McGregor", "DeAndre" (a head of two letters),
    "MaryAnn", "LeeAnn" (a given name as head) stay names."""
    match = _RUN_TOGETHER.fullmatch(value)
    return bool(match) and not name_kind(match.group(1)) and fold(match.group(1)) != "mac"


#: Holidays and star signs: capitalised like names, and NER or a given-name list reads them
#: as people ("Yom Kippur", "Xmas", "More for Taurus"). "Leo" is a name as often as a sign.
_FEASTS_AND_SIGNS = frozenset(
    re.split(
        r"\s+",
        "xmas christmas easter hanukkah chanukah ramadan eid diwali passover thanksgiving "
        "halloween kwanzaa aries taurus gemini virgo libra scorpio sagittarius capricorn "
        "aquarius pisces",
    )
) | {"yom kippur", "rosh hashanah", "merry christmas", "merry xmas", "happy xmas"}
#: One word in mixed case that no name is written in: "WiFi", "DJing", "iPad" (a head of
#: two letters that is no name, or capitals then lowercase); "DeAndre", "JoAnn" stay.
_MIXED_CASE = re.compile(r"(\p{Lu}\p{Ll})\p{Lu}\p{L}*|\p{Lu}{2,}\p{Ll}{2,}|\p{Ll}+\p{Lu}\p{L}*")
_NAME_HEADS = frozenset(re.split(r"\s+", "mc de le la di du da o mac van von"))


def _mixed_case(value: str) -> bool:
    match = _MIXED_CASE.fullmatch(value)
    if not match:
        return False
    head = match.group(1)
    return not head or (head.lower() not in _NAME_HEADS and not name_kind(head))


def is_not_a_person(value: str) -> bool:
    """A brand, platform, studio or tool ("Pixar", "Unreal Engine", "Photoshop's"), a
    month or weekday abbreviation written alone ("Jan", "Sept."), a holiday or a star sign
    ("Yom Kippur", "Capricorn"), or a word in a case no name has ("WiFi", "DJing")."""
    key = fold(re.sub(r"['’]s$", "", value.strip()))
    if key in not_names() or key in CALENDAR_ABBREVIATIONS or _glued_words(value.strip()):
        return True
    if key in _FEASTS_AND_SIGNS or _mixed_case(value.strip()):
        return True
    words = key.split()
    # "Pixar Studios", "Midjourney v6": the name and a trailing ordinary word or version
    return len(words) > 1 and " ".join(words[:-1]) in not_names()


#: Chat shorthand: a span holding one is a phrase ("Plz Subscribe", "Funny AF", "LOL Fak"),
#: however NER reads its capitals.
_CHAT_WORDS = frozenset(
    re.split(
        r"\s+",
        "lol lmao lmfao rofl omg wtf btw smh tbh idk af plz pls thx xd ikr imo imho fyi "
        "bruh tho lmk ngl irl "
        # Spoken forms and spellings of chat that the name lists hold as names ("til",
        # "ima", "soo"): a pair or a lone name of them is a phrase.
        "til ima imma im ok okay hella soo sooo nah finna tonite tomo ily haha hahaha "
        "gonna wanna gotta lotta kinda sorta outta uni mam maam "
        # Interjections a post opens with, which NER reads as a name before a capital.
        "omfg ahaha ahah ahh hmm hmmm ugh aww yay meh welp yikes oops mmuah",
    )
)
#: Heads of organisation and place names: "Clinton Foundation", "Clark Airbase Hospital",
#: "Kimmel Show", "Fondation Cartier" read as a person by NER or by a given name alone.
_ORG_HEADS = (
    r"Foundation|Hospital|University|College|School|Academy|Institute|Center|Centre|Museum|"
    r"Library|Airport|Airbase|Station|Stadium|Arena|Theatre|Theater|Hotel|Church|Cathedral|"
    r"Bridge|Park|Street|Avenue|Road|Boulevard|Square|Inc|Ltd|LLC|Corp|Corporation|Company|"
    r"Group|Records|Studios?|Productions|Pictures|Films|Entertainment|Network|Channel|Trust|"
    r"Fund|Awards?|Prize|Cup|Trophy|Administration|Show|Festival|Memorial|Clinic|Labs?|Bank|"
    r"Foundation|Fondation|H[ôo]pital|Universit[ée]|Lyc[ée]e|Coll[èe]ge|[ÉE]cole|Institut|"
    r"Mus[ée]e|Gare|A[ée]roport|Stade|Th[ée][âa]tre|Prix"
)
_ORG_AFTER = re.compile(rf"^[ ]+(?:{_ORG_HEADS})\b")
#: A firm ("Douglas & Lomason Co", "Schroder Wertheim & Co") or a fixture ("Birmingham v
#: Barnsley"); "Jay & Trish", "Joan & K Choi" are people.
_JOINED_AFTER = re.compile(
    r"^[ ]*(?:&[ ]+\p{Lu}[\p{L}.]*[ ]+(?:Co|Cos|Inc|Ltd|Corp|Sons|Company|Partners)\b|&[ ]+Co\b"
    r"|(?:v|vs)\.?[ ]+\p{Lu})"
)
_JOINED_BEFORE = re.compile(r"\p{L}[ ]+(?:v|vs)\.?[ ]*$")
#: A lone word and a score or a table row after it is a team ("Kent 108-3 .", "Clyde 3 1 0
#: 2", "Rovers 2 Athletic 0"): nothing but figures follow, or another team and its score
#: does; a bowler's figures ("Fenwick 8-0-39-3") are four numbers.
_SCORE_AFTER = re.compile(r"^[ ]+\d{1,3}(?:-\d{1,3})?(?:[ ]+\d[\d .,;-]*|[ ]*[,;.]?)[ ]*$")
_SCORE_PAIR = re.compile(r"\p{Lu}\p{Ll}+[ ]+\d{1,3}(?:-\d{1,3})?(?![\d-])")
#: "the Briton", "a Texan", "the Chilean": a lone word after an article is a demonym, a
#: title or a thing, not a person's name.
_ARTICLE_BEFORE = re.compile(r"(?<![\p{L}])(?i:the|a|an)[ ]+$")
_SAINT_BEFORE = re.compile(r"(?<![\p{L}])(?:St|Ste|Saint|Sainte)[ ]?\.?[ ]*$")
_IN_BEFORE = re.compile(r"(?<![\p{L}])(?i:in)[ ]+$")
_PERSON_AFTER = re.compile(r"[ ]?['’]|.{0,12}\b(?:she|he|his|her|him|hers|herself|himself)\b")
_NO_NOUN_AFTER = re.compile(r"^[ ]*(?:[,.;:!?)]|\d|$)")
_ORG_LAST = re.compile(rf"[ ](?:{_ORG_HEADS})$")
#: A word-forming prefix and its hyphen: "neo - expressionism", "Neo-Noir", "post-punk".
_PREFIX = frozenset(
    ("neo", "post", "pre", "anti", "proto", "pseudo", "retro", "ultra", "hyper", "super")
    + ("semi", "afro", "euro", "indo", "anglo", "franco", "sino")
)
_HYPHEN_WORD_AFTER = re.compile(r"^[ ]?-[ ]?\p{L}")


_CASED_WORD = re.compile(r"(?<![\p{L}@#])\p{L}{2,}")


def is_shouting(text: str) -> bool:
    """Written in capitals: most words of two letters or more are all caps ("GOOD LUCK
    MEETING JAKE TOMORROW"), so case says nothing of a name, as in a text without any."""
    words = _CASED_WORD.findall(text)
    return len(words) >= 3 and sum(w.isupper() for w in words) * 3 >= len(words) * 2


def is_chat_word(word: str) -> bool:
    """Chat shorthand ("lol", "plz", "AF"): it ends a name, and a span holding it is none."""
    return word.lower() in _CHAT_WORDS


def not_a_person_here(text: str, start: int, end: int) -> bool:
    """A PERSON span that its own words or the next word show to be no person: chat
    shorthand inside it, or an organisation or place head right after it or closing it
    ("The Clinton Foundation", "Go to Clark Airbase Hospital"; "Jane Park" stays a name:
    a head that is also a known surname ends a span only when NER put it there)."""
    value = text[start:end]
    if any(w.lower() in _CHAT_WORDS for w in WORD.findall(value)):
        return True
    if _inside_a_non_person(text, start, end):
        return True  # "Lisa" of "Mona Lisa", "Pixar" of "Pixar Animation Studios"
    if value.lower() in _PREFIX and _HYPHEN_WORD_AFTER.match(text[end : end + 4]):
        return True  # "neo - expressionism": a prefix, not the given name
    if _ORG_AFTER.match(text[end : end + 24]):
        return True
    if _JOINED_AFTER.match(text[end : end + 40]):
        return True
    if _JOINED_BEFORE.search(text[max(0, start - 8) : start]):
        return True
    if fold(value) in TECH_NAMES and tech_use(text, start, end, [fold(value)]):
        return True  # "RabbitMQ, Kafka, SQS": the software, not the writer
    if re.search(r"[ ](?:v|vs)\.?[ ]", value):
        return True
    bowled = re.search(r"(?<![\p{L}])(?:b|c|st)[ ]+$", text[max(0, start - 4) : start])
    # "34e Lüthi 1-1": a goal's minute before makes the word the scorer, not a team
    bowled = bowled or re.search(
        r"(?<![\p{L}\d])\d{1,3}(?:e|ème)[ ]+$", text[max(0, start - 8) : start]
    )
    if " " not in value.strip() and _SCORE_PAIR.match(text, start) and not bowled:
        line_end = text.find("\n", end)
        rest = text[end : len(text) if line_end == -1 else line_end]
        if _SCORE_AFTER.match(rest) or len(_SCORE_PAIR.findall(text)) >= 2:
            return True
    if (
        " " not in value.strip()
        and _ARTICLE_BEFORE.search(text[max(0, start - 6) : start])
        and _NO_NOUN_AFTER.match(text[end : end + 4])
    ):
        return True  # "the Briton , who…"; "the Coen brothers", "the Heidi video" stay
    if _SAINT_BEFORE.search(text[max(0, start - 9) : start]):
        return True  # "St . Luke 's emergency department", "at St. Mary's": a saint's place
    if " " not in value.strip() and _IN_BEFORE.search(text[max(0, start - 4) : start]):
        # "a week in Viera", "back in Ione to ride": a lone word after "in" is a place;
        # "in Sarah's room", "the change in Sarah when she…" stay
        return not (re.search(r"['’]s?$", value) or _PERSON_AFTER.match(text[end : end + 24]))
    last = _ORG_LAST.search(value)
    return bool(last) and not name_kind(last.group().strip())


def _inside_a_non_person(text: str, start: int, end: int) -> bool:
    """Whether the span with up to two words on either side (same line) is a phrase the
    not-a-person list holds: a famous artwork, a studio, a brand ("Mona Lisa")."""
    line_start = max(text.rfind("\n", max(0, start - 60), start) + 1, start - 60)  # 2 words
    line_end = text.find("\n", end, end + 60)
    before = [m.start() + line_start for m in WORD.finditer(text[line_start:start])][-2:]
    after = [
        m.end() + end for m in WORD.finditer(text[end : end + 60 if line_end < 0 else line_end])
    ][:2]
    return any(
        is_not_a_person(text[left:right])
        for left in [*before, start]
        for right in [end, *after]
        if (left, right) != (start, end)
    )


def is_ordinary(word: str) -> bool:
    """An ordinary English or French word, even one that is also a name ("will", "rose")."""
    key = fold(word)
    return key in common_words() or is_ordinary_word(word)


def is_name_word(word: str) -> bool:
    """A known given name or surname that is not an ordinary word in any case: "natasha",
    "HIGUCHI"; not "will", "frank", "rose" (which need a cue or capitals), nor a function
    word of English or French ("le", "une", "son")."""
    if len(word) < 3 or word.lower() in stop_words() or word.lower() in _CHAT_WORDS:
        return False
    if len(word) == 3 and is_foreign_function_word(word):
        # "han", "sia", "dia", "til", "vid": the lists' names, other languages' "he", "be",
        # "day", "to", "with". Longer ones are names people write in lowercase ("tanya").
        return False
    return bool(name_kind(word)) and not is_ordinary(word)


def is_unknown_opening_word(word: str, text: str) -> bool:
    """A capitalised word no dictionary, place list or function-word list knows
    ("Kovalenko", "Brankovic"), opening a sentence of English text: it may be a surname
    (news writes "Ostrowski said…", "Varga , 45 ,…"), where an imperative ("Imagine") is a
    dictionary word. French text is left out: its imperatives are conjugated forms the word
    lists do not hold ("Rédige", "Traduis"). NER still has to call it a person."""
    from promptguard.nlp.language import detect_language

    if len(word) < 3 or not word[0].isupper() or not word[1:].islower():
        return False
    if not word.replace("'", "").replace("’", "").isalpha():
        return False  # "Golden-hour": a compound, not a surname
    key = fold(word)
    if word.lower() in stop_words() or word.lower() in _CHAT_WORDS or key in not_names():
        return False
    # "headshot", "moodboard", "callsheet": the trade's words the dictionary lacks
    if is_ordinary(word) or key in vocabulary().places or closed_compound(key, is_ordinary, 4):
        return False
    if not _VOWEL.search(word) or _is_abbreviated(text):
        return False  # "Bnk acct is…", "Verfy pls, my mthr's…": words with their vowels cut
    return detect_language(text) == "en"


_VOWEL = re.compile(r"[aeiouAEIOUàâäéèêëîïôöûüÿ]")
_SKELETON = re.compile(r"(?<![\p{L}'’])[b-df-hj-np-tv-xz]{2,}(?![\p{L}'’])")


def _is_abbreviated(text: str) -> bool:
    """Text written with vowels cut ("pls", "mthr", "trckd"): its capitalised first words
    are clipped words ("Dvce", "Scrty"), not surnames."""
    return any(not is_ordinary(m.group()) for m in _SKELETON.finditer(text))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English and French function words ("le", "une", "son"), from spaCy's lists."""
    return nlp_stop_words("en") | nlp_stop_words("fr")


def is_sentence_start(content: str, start: int) -> bool:
    before = content[:start].rstrip(_LEADING_JUNK)
    return not before or before[-1] in _SENTENCE_END


def explained_without_ner(text: str, start: int, end: int) -> bool:
    """Whether the name pre-pass sets this capitalised span aside as no name (so the default
    mode never asks NER about it): every word an ordinary word ("Golden Hour", "Loved"), or
    a known place ("Brooklyn"; "Paris" only after "in", "à"…). An NER person span the
    pre-pass explains this way is not reported in either mode."""
    value = text[start:end]
    words = WORD.findall(value)
    if not words or all(is_ordinary_word(w) for w in words):
        return True
    for run in capitalised_runs(text):
        if run.start <= start and end <= run.end:
            if len(run.words) == 1 and is_sentence_start(text, run.start):
                break  # a lone sentence start: `supports_uncased_span` decides
            # "Rica" of "Costa Rica": the pre-pass explained the whole run
            return not any(u.start < run.end and run.start < u.end for u in unexplained_runs(text))
    ambiguous = vocabulary().places.get(fold(re.sub(r"['’]s$", "", value)))
    if ambiguous is None:
        return False
    return not ambiguous or bool(_LOCATIVE.search(text[max(0, start - 12) : start]))


def supports_uncased_span(value: str) -> bool:
    """Whether a span NER called a person, written without the usual capitals (all
    lowercase, ALL CAPS, or one word opening a sentence), is backed by the list: one of its
    words is a known name that is not an ordinary word."""
    return any(is_name_word(w) for w in WORD.findall(value))


#: E-mail addresses, URLs, handles, file and domain names: their words are not names here.
_GLUED = re.compile(r"\S*[@/\\_#]\S*|\S+\.\p{L}\S*")


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def may_hold_uncased_name(content: str) -> bool:
    """The name pre-pass's complement: True when the text holds a word the NER span rules
    would accept without capitals (see `supports_uncased_span`): a known name written in
    lowercase or ALL CAPS, or a known name alone at the start of a sentence. The capitalised
    runs elsewhere are `unexplained_runs`' job."""
    for match in WORD.finditer(_GLUED.sub(_blank, content)):
        word = match.group()
        if word[0].isupper() and not word.isupper():
            nxt = content[match.end() : match.end() + 2]
            alone = not (nxt[:1] == " " and nxt[1:2].isupper())
            if not (alone and is_sentence_start(content, match.start())):
                continue  # a capitalised word mid-sentence: `unexplained_runs` decides
        if len(word) > 1 and is_name_word(word):
            return True
        if word[0].isupper() and is_unknown_opening_word(word, content):
            return True
    return False


__all__ = [
    "WORD",
    "is_name_word",
    "is_not_a_person",
    "CALENDAR_ABBREVIATIONS",
    "is_chat_word",
    "is_shouting",
    "not_a_person_here",
    "is_ordinary",
    "is_sentence_start",
    "may_hold_uncased_name",
    "name_kind",
    "name_kinds",
    "not_names",
    "stop_words",
    "supports_uncased_span",
]
