"""People's names found without the model: after a title, next to a role or contact cue.

`PersonRecognizer` combines these with spaCy's PERSON entities; `ner_free_spans` lists what
the analyzer explains without NER, so a text whose capitalised words are all explained never
reaches the model.
"""

from __future__ import annotations

import functools

import regex as re
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.names.prepass import NOT_NAMES, is_ordinary_word
from promptguard.analyzers.personal_data.news_names import news_names
from promptguard.analyzers.personal_data.news_names_fr import news_names_fr
from promptguard.analyzers.personal_data.news_non_persons_fr import (
    ner_not_a_person_fr,
    not_a_person_fr,
)
from promptguard.analyzers.personal_data.news_shapes_fr import more_news_names_fr
from promptguard.analyzers.personal_data.news_surnames import bare_surnames, carry_surnames
from promptguard.analyzers.personal_data.span_recognizer import Span, SpanRecognizer
from promptguard.analyzers.personal_data.street_address import address_spans

# --- people ------------------------------------------------------------------------------

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Docteur)"
NAME_WORD = r"[A-ZÀ-Ý][\p{Ll}'’]+(?:-[A-ZÀ-Ý]?[\p{Ll}'’]+)?"
NAME_CAPS = r"(?:[A-ZÀ-Ý][\p{Ll}'’]+(?:-[A-ZÀ-Ý][\p{Ll}'’]+)?|[A-ZÀ-Ý]{2,}(?:-[A-ZÀ-Ý]{2,})?)"
TITLED_NAME = re.compile(
    rf"\b{_TITLE}\.?\s+(?P<value>{NAME_CAPS}(?:\s+(?:de\s+|van\s+|von\s+|da\s+|le\s+)?{NAME_CAPS})?)"
)


#: A word with a letter written three times running: a drawn-out word of chat ("Awwwww",
#: "alllll", "Theeeeee"), which no name is spelt with.
_ELONGATED = re.compile(r"(\p{L})\1\1")


def trim_name(content: str, start: int, end: int) -> tuple[int, int]:
    """Drop production vocabulary and titles from both ends of a candidate name span."""
    words = list(re.finditer(r"\S+", content[start:end]))
    while words and not any(c.isalpha() for c in words[0].group()):
        words.pop(0)  # "-- Anna Kerr": a dash or a bullet before the name
    while words and (
        words[0].group().strip(".,:;").lower() in NOT_NAMES
        or _ELONGATED.search(words[0].group())
        or (len(words) > 2 and is_ordinary_word(words[0].group().strip(".,:;")))
    ):  # "Owner Ingrid Sørensen": a role word before a two-word name
        words.pop(0)
    while words and (
        words[-1].group().strip(".,:;").lower() in NOT_NAMES
        or not any(c.isalpha() for c in words[-1].group())
        or _ELONGATED.search(words[-1].group())
        or (len(words) > 2 and _lowercase_word(words[-1].group().strip(".,:;")))
    ):  # "Leïla Haddad :" as NER may end it: no letter, no part of the name; "kanye west
        # beating": a lowercase ordinary word NER ran on into
        words.pop()
    if not words:
        return start, start
    for word in words[:-1]:
        if re.search(r"\p{L}['’]s$", word.group()):  # "Tim Burton's Batman": Burton's work
            return start + words[0].start(), start + word.end() - 2
    return start + words[0].start(), start + words[-1].end()


def _lowercase_word(word: str) -> bool:
    return word.isalpha() and word.islower() and is_ordinary_word(word)


#: Two or three capitalised words: the shape of "Firstname Lastname" / "Prénom NOM".
NAME_SHAPE = re.compile(
    rf"(?<![\p{{L}}\d@.])(?P<value>{NAME_WORD}(?:[ ]+(?:de[ ]+|van[ ]+|von[ ]+|da[ ]+|le[ ]+)?"
    rf"{NAME_CAPS}){{1,2}})(?![\p{{L}}\d@])"
)
#: Crew roles and contact verbs: a name-shaped span next to one is a person. Head words only
#: ("designer" covers costume/production/sound designer), English and French.
_ROLE_WORDS = (
    r"gaffer|grip|ad|dp|dop|producer|manager|designer|coordinator|mixer|supervisor|director|"
    r"captain|lead|editor|operator|assistant|electrician|carpenter|painter|driver|runner|"
    r"medic|nurse|agent|actor|actress|cast|talent|double|stand-in|owner|landlord|host|contact|"
    r"writer|showrunner|cinematographer|photographer|boom|playback|colou?rist|"
    r"[ée]lectricien(?:ne)?|machiniste|r[ée]gisseu(?:r|se)|r[ée]alisat(?:eur|rice)|"
    r"direct(?:eur|rice)|chef(?:fe)?|costumi(?:er|[èe]re)|ing[ée]nieu(?:r|se)|scripte|"
    r"d[ée]corat(?:eur|rice)|maquill(?:eur|euse)|coiff(?:eur|euse)|charg[ée]e?|"
    r"monteu(?:r|se)|coordinat(?:eur|rice)|cadreu(?:r|se)|perchman|propri[ée]taire|"
    r"com[ée]dien(?:ne)?|acteur|actrice|chauffeur|accessoiriste|assistante?|product(?:eur|rice)|"
    r"h[ôo]te|h[ée]bergeur|loueur|contact"
)
_CONTACT_VERBS = (
    r"call|ring|phone|email|e-mail|mail|text|contact|ask|thank|invite|cc|ping|meet|"
    r"appeler|appelez|appelle|contacter|contactez|joindre|remercier|inviter|[ée]crire|"
    r"dear|cher|ch[èe]re|bonjour|hi|hello|merci"
)
_LEFT_CUE = re.compile(
    rf"(?i:\b(?:{_ROLE_WORDS}|{_CONTACT_VERBS}))\b[ \t]*(?:[:—–\-=]|\(.{{0,30}}?\))?[ \t]*"
    rf"(?:(?i:the|our|my|le|la|les|notre|mon|ma|l['’])[ \t]+)?$"
)
_RIGHT_CUE = re.compile(
    rf"^[ \t]*(?:[(,\-—–:][ \t]*(?:[\p{{L}}'’0-9.]+[ \t]+){{0,3}}?(?i:{_ROLE_WORDS})\b"
    r"|[ 	]*[(,:—–-]?[ 	]*(?:(?:on|at|au|sur|via)[ 	]+)?"
    # a phone number has a group of three digits or more; "3 2 0 1 5 2 6" is a table row
    r"(?:(?=\+?[\d .()-]*\d{3})\+?\d[\d .()-]{7,}\d|[\w.+-]+@[\w-]+\.))"
)


def is_plausible_name(value: str) -> bool:
    """Reject what spaCy's small models often tag as a person: numbers and ids, single
    lowercase words, slugline capitals ("INT"), and crew-sheet vocabulary."""
    words = value.split()
    if not words or any(ch.isdigit() or ch in "@/\\_=<>|" for ch in value):
        return False
    if not any(ch.isalpha() for ch in value):
        return False
    if all(w.strip(".,:;").lower() in NOT_NAMES for w in words):
        return False
    if not any(w[0].isupper() for w in words):
        return False
    return not (len(words) == 1 and (value.isupper() or len(value) < 2))


def accept_ner_name(text: str, start: int, end: int) -> bool:
    """Whether an NER person span is a name. Written with the usual capitals it is, unless
    `is_plausible_name` says otherwise. Written without them (all lowercase, ALL CAPS, or a
    lone word opening a sentence: "Rédige un mail…", "Imagine a…" are imperatives more
    often than names) it is only when a word of it is a known given name or surname that is
    no ordinary word ("natasha higuchi", "Johnny, can you…"); the name pre-pass asks NER
    for exactly those texts (`person_names.may_hold_uncased_name`)."""
    from promptguard.analyzers.personal_data.foreign_text import (
        foreign_words_in,
        is_foreign_text,
    )
    from promptguard.analyzers.personal_data.person_names import (
        explained_without_ner,
        is_not_a_person,
        is_unknown_opening_word,
        name_kind,
        not_a_person_here,
        supports_uncased_span,
    )

    value = text[start:end]
    if is_not_a_person(value) or foreign_words_in(value):
        return False
    if not_a_person_here(text, start, end) or text[start - 1 : start] == "#":
        # Dropped here, not after Presidio merges spans: "omg simone", "#AskEllen Hi Ellen"
        # would otherwise hide the name another recognizer finds inside them.
        return False
    words = value.split()
    if is_foreign_text(text) and not any(
        w[:1].isupper() and not w.isupper() and name_kind(w) for w in words
    ):
        return False  # "Selamat Pagi", "Musik Jepang": another language, no known name
    if subject_of_verb(text, start, end):
        return is_plausible_name(value)
    cased = [w for w in words if w[:1].isupper() and not w.isupper()]
    opening = len(words) == 1 and is_sentence_start(text, start)
    uncased = not cased or (opening and not is_unknown_opening_word(value, text))
    if uncased:
        if any(ch.isdigit() or ch in "@/\\_=<>|" for ch in value):
            return False
        return supports_uncased_span(value)
    if any(w in _PREPOSITIONS for w in words[1:-1]):
        return False  # "Yorkshire at Headingley", "Duke of Norfolk": a phrase, not a name
    return is_plausible_name(value) and not explained_without_ner(text, start, end)


#: Prepositions inside an NER "person" make it a phrase; name particles ("van", "de", "da")
#: and "and" (NER joins "Harry and Louis") do not.
_PREPOSITIONS = frozenset(["at", "in", "of", "on", "for", "from", "by", "with", "to", "v", "vs"])


#: Verbs whose subject is a person: a capitalised word NER calls a person before one of
#: these is a name even when it opens a sentence or is also a word ("Bill is from…", "So
#: fitting that Bodega was…", "Harry got shot"); an imperative ("Imagine a…") never is.
_HUMAN_VERBS = (
    r"is|was|has|had|got|gets|says|said|looks|looked|laughs|laughed|wants|wanted|needs|"
    r"needed|loves|loved|hates|hated|thinks|thought|knows|knew|does|did|seems|sounds|sings|"
    r"sang|plays|played|asked|told|tells|went|goes|came|comes|made|makes|continues|shouted|"
    r"smiled|cried|died|won|lost|dances|danced|wrote|writes|tried|tries|likes|liked|"
    r"est|[ée]tait|avait|dit|fait|veut|pense|chante|joue"
)
_SUBJECT = re.compile(rf"(?<![\p{{L}}'’])(\p{{Lu}}\p{{Ll}}{{2,}})[ ]+(?:{_HUMAN_VERBS})\b")


def subject_of_verb(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is one capitalised word right before a verb of a person
    (`_HUMAN_VERBS`), and no function word ("This is", "There was")."""
    match = _SUBJECT.match(text, start)
    return bool(match) and match.end(1) == end and _may_be_subject_name(match.group(1))


def may_hold_subject_name(content: str) -> bool:
    """The pre-pass side of `subject_of_verb`: True when some capitalised word that is no
    function word stands before a verb of a person, so NER is asked about it."""
    return any(_may_be_subject_name(m.group(1)) for m in _SUBJECT.finditer(content))


def _may_be_subject_name(word: str) -> bool:
    """No function word ("This is"), and no ordinary word that no name list knows ("Idiot
    needs…", "Water was…"); "Bill", "Harry" (words and names) and "Muselk" (neither) pass."""
    from promptguard.analyzers.personal_data.person_names import is_ordinary, name_kind, stop_words

    if word.lower() in stop_words():
        return False
    return bool(name_kind(word)) or not is_ordinary(word)


#: Quote marks and e-mail quoting around a name: trimmed, not a reason to reject it.
_QUOTES = "\"'«»“”„‘’`>*_ \t"


def trim_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """The span cut at its first line break (NER runs "Ashley Belov⏎>Mclaughlin Ltd."
    together) and without quote marks at either end."""
    while start < end and text[start] in _QUOTES + "\r\n":
        start += 1
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    while start < end and text[start] in _QUOTES:
        start += 1
    while end > start and text[end - 1] in _QUOTES:
        end -= 1
    return start, end


_LINE_START = re.compile(r"(?:^|[.!?]\s+|\n)[ \t\-•*>#]*$")


@functools.lru_cache(maxsize=64)
def _ner_free_names(text: str) -> tuple[tuple[int, int, str], ...]:
    """Names found by shape and cue, no model: after a title, or name-shaped words next to a
    crew role, a contact verb, a phone number or an email address ("cue"). A name-shaped run
    after a mere preposition ("with", "from", "pour") is not taken: measured on the Presidio
    dev set and WNUT-17 dev and train, such names were organisations, titles and places
    four times in five ("Entertainment Weekly", "Amazon Web Services"), and NER finds the
    real ones. Cached: the pre-pass and the recognizer both ask for the same text."""
    found: list[tuple[int, int, str]] = []
    for match in TITLED_NAME.finditer(text):
        start, end = trim_name(text, *match.span("value"))
        value = text[start:end]
        # After a title a lone capitalised surname is a name ("Mme LEFÈVRE").
        if end > start and (is_plausible_name(value) or value.isupper() and len(value) > 1):
            found.append((start, end, "title"))
    found.extend(news_names(text, trim_name, is_plausible_name))
    found.extend(bare_surnames(text, is_plausible_name))
    for match in NAME_SHAPE.finditer(text):
        start, end = trim_name(text, *match.span("value"))
        value = text[start:end]
        if end <= start or " " not in value or not is_plausible_name(value):
            continue
        if any(w.lower() in NOT_NAMES for w in value.split()):
            continue
        left = text[max(0, start - 40) : start]
        left = left[left.rfind("\n") + 1 :]
        right = text[end : end + 60]
        if _LEFT_CUE.search(left) or _RIGHT_CUE.match(right):
            found.append((start, end, "cue"))
    return tuple(found)


def is_sentence_start(text: str, start: int) -> bool:
    return bool(_LINE_START.search(text[max(0, start - 6) : start])) or start == 0


class PersonRecognizer(SpanRecognizer):
    """People: spaCy NER spans (already mapped to PERSON in the artifacts), cleaned, plus
    names after a title ("Mme Lefèvre", "Dr. Okafor") which needs no model."""

    NER_SCORE = 0.85
    TITLE_SCORE = 0.8
    CUE_SCORE = 0.7
    INITIAL_SCORE = 0.75

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> list[Span]:
        spans: list[Span] = []
        # French news names people after titles and in appositions that English copy
        # does not use, and the French model's persons are streets, ships and headings
        # more often: French text gets its own rules (`news_names_fr`).
        french = self.supported_language == "fr"
        free = list(_ner_free_names(text))
        if french:
            free = [f for f in free if not not_a_person_fr(text, f[0], f[1])]
            free += news_names_fr(text) + more_news_names_fr(text)
        # Names found by title or cue explain the words inside them (the pre-pass never
        # asks NER about those): an NER span within one adds nothing, in either mode.
        cued = [(s, e) for s, e, _how in free]
        for ent in getattr(nlp_artifacts, "entities", None) or []:
            if ent.label_ != "PERSON":
                continue
            start, end = trim_name(text, *trim_quotes(text, ent.start_char, ent.end_char))
            if end <= start or not accept_ner_name(text, start, end):
                continue
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in cued):
                continue
            if french and ner_not_a_person_fr(text, start, end):
                continue
            spans.append((start, end, self.NER_SCORE, "spacy"))
        for start, end, how in free:
            score = {
                "title": self.TITLE_SCORE,
                "initial": self.INITIAL_SCORE,
                "speaker": self.INITIAL_SCORE,
                "context": self.INITIAL_SCORE,
                "list": self.INITIAL_SCORE,
            }.get(how, self.CUE_SCORE)
            spans.append((start, end, score, how))
        # A whole article names a person in full once, then by surname alone.
        found = [(start, end, how) for start, end, _score, how in spans]
        for start, end, how in carry_surnames(text, found, is_plausible_name):
            spans.append((start, end, self.INITIAL_SCORE, how))
        return spans


_EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def ner_free_spans(text: str) -> list[tuple[int, int]]:
    """Spans the personal-data analyzer explains without the model: a name after a title or
    next to a cue, a street address, an e-mail address. A capitalised word inside one of them
    gives NER nothing to add."""
    spans = [(start, end) for start, end, _how in _ner_free_names(text)]
    spans += [(start, end) for start, end, _score, _how in address_spans(text)]
    spans += [match.span() for match in _EMAIL_SHAPE.finditer(text)]
    return spans
