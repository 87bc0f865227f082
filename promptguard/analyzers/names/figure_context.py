"""Thresholds and context words for famous people's names, and the figure messages.

What makes a matched name a person in a prompt: fame thresholds per shape of match (a
mononym, a lowercase name, a surname alone, a typo), and the words around a stage name that
is also a word ("Prince's voice"), read by the public-figure analyzer.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from promptguard.analyzers.names.given_names import name_kind
from promptguard.analyzers.names.packed import PERSON, WORK, Lexicon, Person
from promptguard.analyzers.names.prepass import unexplained_runs, vocabulary
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText
from promptguard.nlp.stop_words import stop_words

#: Below this fame a full name that is also a very common name is ignored ("David Brown").
COMMON_NAME_MIN_FAME = 60
#: A single-word name (mononym or alias) needs this fame.
MONONYM_MIN_FAME = 50
#: A lowercase single-word name needs this fame and must not be a word.
LOWERCASE_MONONYM_MIN_FAME = 80
#: A lowercase name made of ordinary words ("emma stone") needs this fame.
LOWERCASE_NAME_MIN_FAME = 70
#: A bare surname listed next to people found ("putin, trump and obama") needs this fame.
SURNAME_LIST_MIN_FAME = 80
#: Between two items of a list of names.
_LIST_GAP = re.compile(r"^\s*(?:,|&|and|et|y|vs\.?|versus)\s*$|^\s*,\s*and\s+$", re.I)
#: A lowercase name that is also a word needs this fame, and the subject's place in an image
#: prompt: its start, or after "of", "with", "and", "as", "meets"...
SUBJECT_MONONYM_MIN_FAME = 85
_SUBJECT_BEFORE = re.compile(
    r"(?:^\s*|\b(?:of|with|and|as|meets|featuring|starring|versus|vs\.?|kissing|hugging)\s+)$",
    re.I,
)
#: Typo matches only for people at least this famous.
FUZZY_PERSON_MIN_FAME = 60
#: rapidfuzz ratio a spaCy PERSON span needs to count as a famous name.
NER_MIN_RATIO = 88

#: Two capitalised words in a row: the only texts where NER can add anything.
_ARTICLE_BEFORE = re.compile(
    r"\b(?:the|a|an|le|la|les|un|une|des|du|this|that|our|my|your|his|her)\s+$", re.I
)
_OF_AFTER = re.compile(
    r"^\s+(?:of|de|d'|du|des|charming|consort|regent|and\s+child|with\s+child|à\s+l'enfant)\b",
    re.I,
)
#: Words around a stage name that make it a person, not a word ("Prince's voice").
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:by|feat\.?|featuring|starring|with|like|as|voice\s+of|face\s+of|likeness\s+of"
    r"|singer|rapper|actor|actress|artist|musician|chanteur|chanteuse|acteur|actrice|avec"
    r"|comme|par|voix\s+de|visage\s+de|de)\s*)$",
    re.I,
)
_PERSON_AFTER = re.compile(
    r"^(?:['’]s?\b|\s+(?:song|songs|voice|album|concert|tour|look|face|likeness|music|hit|video"
    r"|lyrics|performing|sings|singing|dancing|style|outfit|portrait|chanson|voix|visage|concert)\b)",
    re.I,
)
_ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "un", "une", "this", "that"})
_FUNCTION_WORDS = stop_words("en")
#: Single-letter middle initials are skipped when pairing first and last names.
_INITIAL = re.compile(r"^[a-z]$")


def _message(person: Person, deceased: bool, historical: bool = False) -> str:
    if historical:
        return (
            f"{person.name} is a historical figure: no estate controls the likeness any more"
            " (reported for the record, no clearance)."
        )
    if not deceased:
        return f"{person.name} is a living public figure: likeness needs written approval."
    if person.birth is not None and person.death is not None:
        years = f" ({person.birth}–{person.death})"
    elif person.death is not None:
        years = f" (died {person.death})"
    else:
        years = ""
    return f"{person.name}{years} is deceased: likeness needs clearance from the estate."


def _depicted(analyzer: str, start: int, end: int, surface: str) -> Finding:
    """A person an image prompt depicts whom no list knows (see `depicted`)."""
    return unlisted_figure(
        analyzer, start, end, surface, "depicted", "subject of an image prompt",
        "is depicted in an image prompt and is in no list of public figures: a real person's "
        "likeness needs their written approval, a private person's too.",
    )  # fmt: skip


def unlisted_figure(
    analyzer: str, start: int, end: int, surface: str, match: str, cue: str, says: str
) -> Finding:
    """A public figure no list knows, found by `match` ("depicted", "role"): the likeness
    needs approval all the same, and the evidence says no list was matched."""
    name = " ".join(surface.split())
    return Finding(
        category="public_figure",
        type="PERSON",
        start=start,
        end=end,
        score=0.5,
        subject=name,
        message=f"{name} {says}",
        severity="normal",
        analyzer=analyzer,
        extra={
            "match": match,
            "status": "unlisted",
            "needs_clearance": True,
            "evidence": {
                "entry": name,
                "list": "none (not in the people lists)",
                "status": "unlisted",
                "cue": cue,
            },
        },
    )


def _name_spans(text: ScanText) -> list[tuple[int, int, str]]:
    """(start, end, text) of the candidate names for the loose typo match: NER's people when
    the text was parsed, else the capitalised runs of two words or more that the pre-pass
    could not explain (a lone word is never matched loosely)."""
    if text.has_doc:
        return [
            (ent.start_char, ent.end_char, ent.text)
            for ent in text.doc.ents
            if ent.label_ in ("PERSON", "PER")
        ]
    content = text.content
    return [
        (run.start, run.end, content[run.start : run.end])
        for run in unexplained_runs(content)
        if len(run.words) >= 2
    ]


def _list_neighbour(content: str, tokens, i: int, ends: set[int], starts: set[int]) -> bool:
    """Whether token i is an item of a list ("a, b and c") next to a person found, given the
    end tokens and the first tokens of the people found."""
    for end in (i, i - 1):  # "obama, bush" / "obama and bush": "and" between
        gap = content[tokens.ends[end - 1] : tokens.starts[i]] if end > 0 else ""
        if end in ends and _LIST_GAP.match(gap):
            return True
    for start in (i + 1, i + 2):
        gap = content[tokens.ends[i] : tokens.starts[start]] if start < len(tokens.starts) else ""
        if start in starts and _LIST_GAP.match(gap):
            return True
    return False


def _very_famous_surname(
    lexicon: Lexicon, word: str, margin: int = 1, min_fame: int = SURNAME_LIST_MIN_FAME
) -> int | None:
    """The person of fame >= 80 with this last name, when every namesake is at least
    `margin` less famous ("bush" beside "obama" is George W. Bush, not Jeb or Kate)."""
    if len(word) < 4:
        return None
    fames: dict[int, int] = {}
    for _first, key in lexicon.by_last.get(word, ()):
        for kind, index, _alias in lexicon.lookup(key):
            if kind == PERSON:
                fames[index] = lexicon.person(index).fame
    ranked = sorted(fames.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < min_fame:
        return None
    if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - margin:
        return None
    return ranked[0][0]


#: A capitalised surname alone is its most famous bearer when every namesake is this far below
#: ("Shakespeare" is William, not a 20th-century musician of fame 35).
DOMINANT_SURNAME_MARGIN = 30
#: ...and when that bearer is among the very most famous (Shakespeare, Kant, Machiavelli):
#: a private person's surname alone ("her maiden name is Cortés") must not become a figure.
DOMINANT_SURNAME_MIN_FAME = 92
#: ...or this famous in an image prompt, which names people for their likeness ("Seinfeld").
IMAGE_SURNAME_MIN_FAME = 70
#: A title or a name cue before a surname: someone's own name, not the famous bearer's.
_NAME_CUE_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam|née|nee|surname|name\s+is|named|called)\.?\s*$",
    re.I,
)


#: A surname that names a law, a unit or a file is no mention of the person ("Maxwell's
#: equations", "Planck lengths", "Leibniz_logo.svg").
_EPONYM_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]+(?:equations?|laws?|constants?|lengths?|theorems?|principles?|numbers?"
    r"|effects?|distributions?|transforms?|series|rules?|methods?|tests?|scales?|units?"
    r"|criterion|conjectures?|limits?|machines?|curves?|formulas?|notation|paradox|spaces?"
    r"|integrals?|functions?|relations?|inequality|algorithms?|problems?|model)\b|^[_/.]\w",
    re.I,
)


def _dominant_surname(
    lexicon: Lexicon, content: str, tokens, i: int, lowercase: bool = False
) -> bool:
    """Token i could be a famous surname alone: capitalised in a text that is not all caps
    (or, with `lowercase`, in any case), no word, given name or common surname ("Newton",
    "Jordan" stay ambiguous), no place and no eponym."""
    word = tokens.folded[i]
    start, end = tokens.starts[i], tokens.ends[i]
    surface = content[start:end]
    if _EPONYM_AFTER.match(content[end : end + 30]) or content[start - 1 : start] in ("_", "/"):
        return False
    if _NAME_CUE_BEFORE.search(content[max(0, start - 20) : start]):
        return False
    if "G" in name_kind(word) or re.match(r" [A-Z]", content[end : end + 2]):
        return False  # "Trevor Muñiz": a given name, or the first part of someone's name
    return (
        (surface[:1].isupper() or lowercase)
        and not (surface.isupper() and len(surface) > 1)
        and len(word) >= 5
        and word not in lexicon.common_words
        and word not in lexicon.common_first
        and word not in lexicon.common_last
        and word not in vocabulary().plain
        and word not in vocabulary().places  # "London" is the city before Jack London
        and word not in lexicon.not_names
    )


def inside_character_name(lexicon: Lexicon, content: str, hits: list) -> list:
    """The hits that are not a part of a longer listed character's name: "Peter" of "Peter
    Griffin" is not Saint Peter. A name that is also a real person's stays theirs."""
    spans = []
    for first, last, key_id in lexicon.find(content):
        refs = lexicon.refs[key_id]
        person = any(kind == PERSON for kind, _i, _a in refs)
        character = any(k == WORK and lexicon.work(i).type == "CHARACTER" for k, i, _a in refs)
        if last - first >= 2 and character and not person:
            spans.append((first, last))
    return [
        hit
        for hit in hits
        if not any(
            a <= hit.start_token and hit.end_token <= b and b - a > hit.end_token - hit.start_token
            for a, b in spans
        )
    ]


def after_another_given_name(content: str, tokens, i: int) -> bool:
    """ "Anna Berg": a given name right before the surname names someone else (the famous
    bearer's own full name was matched whole before this rule runs). In lowercase ("mike
    patton") too, when the given name is no ordinary word ("will", "rose" may be)."""
    if i == 0 or content[tokens.ends[i - 1] : tokens.starts[i]] != " ":
        return False
    before = content[tokens.starts[i - 1] : tokens.ends[i - 1]]
    if "G" not in name_kind(before):
        return False
    if before[:1].isupper():
        return True
    surname = content[tokens.starts[i] : tokens.ends[i]]
    previous = tokens.folded[i - 1]
    return (
        surname.islower()
        and previous not in vocabulary().plain
        and previous not in _FUNCTION_WORDS  # "dressed as trump": "As" is a given name too
    )


_NEXT_WORD = re.compile(r"^ ([A-ZÀ-Ý][a-zß-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)?)\b")


#: A surname naming a thing after its bearer: "the Eiffel Tower", "Fibonacci sequence",
#: "Nobel Prize", "Newton's laws", "Hubble telescope": the thing, not the person's likeness.
_EPONYM_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:tower|prizes?|awards?|medals?|sequence|numbers?|theorem|laws?|effect|scale"
    r"|telescope|equations?|constant|principle|paradox|distribution|test|method|algorithm"
    r"|transform|bridge|street|avenue|square|station|airport|university|college|institute"
    r"|museum|cent(?:er|re)|curve|diagram|engine|cycle|syndrome|disease|conjecture|problem"
    r"|function|polynomials?|filter|index|circle|spiral|ratio|machine|hypothesis|inequality"
    r"|integral|notation|rule|lemma|graph|triangle|solids?|algebra|space|temperature|degrees?"
    r"|estimator|process|coefficient|kernel|loop|chain|matrix|technique)\b",
    re.IGNORECASE,
)
#: Units named after scientists, after a number, "degrees" or a conversion ("to Celsius").
_UNIT_NAMES = frozenset(
    {
        *("celsius", "fahrenheit", "kelvin", "rankine", "tesla", "gauss", "weber", "hertz"),
        *("newton", "pascal", "watt", "joule", "ohm", "volt", "ampere", "coulomb"),
        *("sievert", "becquerel", "newtons", "pascals", "watts", "joules", "ohms", "volts"),
    }
)
_UNIT_BEFORE = re.compile(r"(?:\d|°|\bdegrees?|\b(?:to|into|in|from|and))\s*$", re.IGNORECASE)


def eponym_use(content: str, tokens, i: int) -> bool:
    """Whether the surname at token i names a thing after its bearer ("Eiffel Tower") or a
    unit ("20 Celsius"): no likeness of the person is asked for."""
    start, end = tokens.starts[i], tokens.ends[i]
    return bool(_EPONYM_AFTER.match(content, end)) or (
        tokens.folded[i] in _UNIT_NAMES
        and bool(_UNIT_BEFORE.search(content[max(0, start - 12) : start]))
    )


def before_a_surname(content: str, end: int) -> bool:
    """ "Donovan Bailey": a stage name right before a capitalised surname is the given name
    of someone else (the famous bearer's own full name was matched whole first)."""
    match = _NEXT_WORD.match(content[end : end + 40])
    return bool(match) and "S" in name_kind(match.group(1))


def typo_pair(
    lexicon: Lexicon, first: str, last: str, image: bool = False
) -> tuple[str, int] | None:
    """A first and last name one edit away from a famous person's (key, person index). In an
    image prompt a given name that is a word or another name may be one letter short or long
    ("scarlet johansson", "nicholas cage"): a misspelt celebrity, not someone else, since a
    prompt names people for their likeness; a changed letter ("back white") stays a word."""
    if not (first.isalpha() and last.isalpha()) or len(first) + len(last) < 8:
        return None
    if first in _ARTICLES:
        return None  # "the hilts" is a phrase, not a typo of "The Hills"
    if lexicon.is_common_name([first, last]):
        return None
    for known, other, query in ((first, "last", last), (last, "first", first)):
        bucket = (lexicon.by_first if other == "last" else lexicon.by_last).get(known)
        # "red pepper" is no typo of the Red Hot Chili Peppers: a name's first and last
        # word only stand for it when at most one word is left out between them
        bucket = [(name, key) for name, key in bucket or () if key.count(" ") <= 2]
        if not bucket or len(query) < 4:
            continue
        plain = vocabulary().plain
        real = (
            query in lexicon.common_first
            or query in lexicon.common_last
            or (
                query in plain
                and (known in plain or known in lexicon.common_last)
                and known not in lexicon.common_first
            )
        )  # "back white" is two words, not a typo of Jack White
        if real and not (image and other == "first" and (known not in plain or query not in plain)):
            continue  # a real name, not a typo of one
        choices = [name for name, _key in bucket]
        matches = process.extract(query, choices, scorer=OSA.distance, score_cutoff=1, limit=None)
        best: tuple[int, int, str, int] | None = None
        for choice, distance, position in matches:
            if real and abs(len(choice) - len(query)) != 1:
                continue  # only a letter dropped or added: "scarlet" for "scarlett"
            key = bucket[position][1]
            index = most_famous(lexicon, key)
            if index is None:
                continue
            fame = lexicon.person(index).fame
            if fame >= FUZZY_PERSON_MIN_FAME and (
                best is None or (distance, -fame) < (best[0], -best[1])
            ):
                best = (distance, fame, key, index)
        if best is not None:
            return best[2], best[3]
    return None


def most_famous(lexicon: Lexicon, key: str) -> int | None:
    """The most famous person listed under `key`."""
    people = [i for kind, i, _alias in lexicon.lookup(key) if kind == PERSON]
    return max(people, key=lambda i: lexicon.person(i).fame) if people else None


def _other_surname(written: str, listed: str) -> bool:
    """ "mankins" for "mann": a surname three edits or more from the famous one is another
    name, not a typo of it (a given name may differ more: "alexander" / "aleksandr").
    Compared without spaces, so "nyongo" is "nyong o" (Nyong'o folded)."""
    return OSA.distance(written, listed) > 2
