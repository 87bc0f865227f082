"""People's names in any case, from a cue or a given-name + surname pair: no model needed.

spaCy's small models find names by their capitals, so "she named him joshua", "mr. martin",
"ms. Wijtze", "JOHN SMITH" or "contact natasha higuchi" are missed, and Presidio with them.
This recognizer reads the words themselves:

* after a **strong cue** (a title, "my name is", "named", "je m'appelle", a signature's
  closing line) the next word is a name unless it is a function word or an ordinary word
  that no name list knows ("Mr. Right" stays, "Mr. and" does not);
* after a **weak cue** (a greeting, "call", "contact", "where is", a family or client
  relation) the next word must be a known given name or surname (`person_names.tsv`) that
  is not also an ordinary word ("contact frank" is not a name, "contact natasha" is), or,
  capitalised, a known given name or a word no dictionary knows ("Thanks Jimmy", "Thank you
  Hendo"; not "Contact Support", "call Paris", "meet April");
* **without a cue**, a known given name followed by a known surname, in any case, when at
  least one of the two is not an ordinary word ("natasha higuchi", "JOHN SMITH"; not "will
  smith" in lowercase, which needs capitals or a cue).

A name is then extended over following surnames, initials and particles ("van", "de").
Brands, studios and tools (`not_names.tsv`) are never reported.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.names.lexicon import fold
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.personal_data.foreign_text import is_foreign_text
from promptguard.analyzers.personal_data.person_names import (
    explained_without_ner,
    is_chat_word,
    is_name_word,
    is_not_a_person,
    is_ordinary,
    is_sentence_start,
    is_shouting,
    name_kind,
    stop_words,
)
from promptguard.analyzers.personal_data.person_phrases import (
    CALENDAR,
    inside_phrase,
    pair_is_phrase,
)
from promptguard.analyzers.personal_data.post_names import opening_subject, shouted_sentences
from promptguard.analyzers.personal_data.span_recognizer import Span, SpanRecognizer

#: Titles and forms of address, English and French ("Mr", "Mrs.", "Mme", "Dr").
_TITLES = (
    r"mr|mrs|ms|mx|dr|prof|professor|mister|mme|mlle|monsieur|madame|mademoiselle|docteur|"
    r"sra|srta|herr|frau|signora|signor|señor|señora"
)
#: Titles that are also ordinary words count only capitalised ("Miss Lane", not "miss the").
_CASED_TITLES = r"Miss|Sir|Dame|Lady|Lord|Madam|Ma[iî]tre|Me"
_TITLE_WORDS = frozenset((_TITLES + "|miss|sir|dame|lady|lord|madam|maitre|maître").split("|"))
_ME_BEFORE = re.compile(r"\bMe\.?[ \t]*$")
#: Strong cues: what follows is a name.
_STRONG = re.compile(
    rf"(?:(?i:\b(?:{_TITLES}))\b\.?|\b(?:{_CASED_TITLES})\b\.?"
    r"|(?i:\bmy\s+name\s+is|\bmy\s+name['’]s|\bname\s*(?:is|:)"
    r"|\b(?:nick)?named(?:\s+(?:him|her|them|it|me|us))?"
    r"|\bje\s+m['’]appelle|\bm['’]appelle|\bnom\s*:|\bpr[ée]nom\s*:|\bsigned|\bsign[ée])"
    r"|\b(?i:i\s+am|i['’]m)\s+(?=\p{Lu}))[ \t]*$"
)
#: Weak cues: what follows is a name only if it is a known one.
_WEAK = re.compile(
    r"(?i:\b(?:hi|hello|hey|dear|bonjour|salut|cher|ch[èe]re|thanks|thank\s+you|merci|"
    r"bye|goodbye|congrats|congratulations|happy\s+birthday|shout\s*out\s+to|poor|"
    r"where\s+is|where\s*['’]\s*s|o[uù]\s+est|"
    r"call|called|ring|phone|text|email|e-mail|contact|ask|tell|invite|ping|cc|meet|"
    r"producer|director|actor|actress|writer|editor|designer|manager|agent|officer|"
    r"doctor|nurse|lawyer|attorney|teacher|coach|captain|player|singer|artist|author|"
    r"(?:call|calls|called|calling)\s+(?:him|her|them|me)|"
    r"appeler|appelez|contacter|contactez|joindre|"
    r"wife|husband|spouse|partner|son|daughter|brother|sister|mother|father|mom|mum|dad|"
    r"uncle|aunt|cousin|grandma|grandpa|grandmother|grandfather|friend|boyfriend|girlfriend|"
    r"colleague|boss|manager|assistant|patient|client|customer|tenant|employee|applicant|"
    r"beneficiary|user|member|student|child|kid|baby|"
    r"femme|mari|épouse|[ée]poux|fils|fille|fr[èe]re|s[œo]eur|m[èe]re|p[èe]re|ami|amie|"
    r"coll[èe]gue|patron|patronne|client|cliente|patient|patiente)\b)[ \t,:]*$"
)
#: A signature: a closing formula, then the name on the next line.
_SIGNATURE = re.compile(
    r"(?i:\b(?:regards|best\s+regards|kind\s+regards|cheers|thanks|thank\s+you|sincerely|"
    r"best|yours|cordialement|bien\s+[àa]\s+vous|bisous|amiti[ée]s|merci)\b)[ \t]*[,.!]?"
    r"[ \t]*\r?\n[ \t\-—–]*$"
)
#: A token: an initial ("J.", "J.-P."), or a word.
_TOKEN = re.compile(r"\p{Lu}\.(?:-?\p{Lu}\.)*|\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_INITIAL = re.compile(r"\p{Lu}\.(?:-?\p{Lu}\.)*")
_PARTICLES = frozenset(
    re.split(r"\s+", "van von de der den del della di da du le la bin ibn al el dos das ter ten")
)
_FUNCTION_WORDS = frozenset(
    re.split(
        r"\s+",
        """a an the this that these those my your his her its our their me you him them us it i
        we they he she and or but if so of in on at to for with from by as is are was were be
        been am do does did has have had not no yes all any some here there who what which
        when where why how please un une le la les des du de et ou mais est sont mon ma mes ton
        ta son sa ses notre votre leur il elle ils elles je tu nous vous on ce cet cette qui que
        quoi dont où pour avec sans sur sous dans par en au aux""".strip(),
    )
)


def _is_initial(token: str) -> bool:
    return bool(_INITIAL.fullmatch(token))


def _word(token: str) -> str:
    return token


class CasedNameRecognizer(SpanRecognizer):
    """PERSON spans from cues and name lists, in any case (see the module docstring)."""

    STRONG_SCORE = 0.75
    WEAK_SCORE = 0.7
    PAIR_SCORE = 0.65

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[Span]:
        return find_names(text)


_TITLE_BEFORE = re.compile(rf"(?:(?i:\b(?:{_TITLES}))|\b(?:{_CASED_TITLES}))\.?[ \t]*$")


def with_title(text: str, start: int) -> int:
    """The start of a name with the title written right before it ("Mr. Ford", "dr. hurst",
    "Mme Lefèvre"): the title is part of how the person is named, and masked with it."""
    match = _TITLE_BEFORE.search(text[max(0, start - 16) : start])
    return start - (len(match.group()) if match else 0)


def find_names(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, score, how) of the names in `text`; how is "cue", "weak" or "pair"."""
    tokens = [m for m in _TOKEN.finditer(text)]
    caseless = not any(c.isupper() for c in text)  # once per text, not once per word
    shouting = is_shouting(text)
    shouted = [] if shouting else shouted_sentences(text)  # "lol . LOVE YOU ROSALIND !!"
    # In a post of another language the lists' evidence is weak ("pero", "dia" are names
    # there too): only a cue or a capitalised pair ("Lucía Fernández") names someone.
    foreign = is_foreign_text(text)
    found: list[tuple[int, int, float, str]] = []
    taken_until = -1
    for index, match in enumerate(tokens):
        if match.start() < taken_until:
            continue
        token = match.group()
        word = _word(token)
        lowered = word.lower()
        if len(word) < 2 or lowered in _FUNCTION_WORDS or lowered in _TITLE_WORDS:
            continue
        if _glued(text, match):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        how = ""
        if _STRONG.search(before):
            if _ME_BEFORE.search(before) and (word.islower() or is_ordinary(word)):
                pass  # "Me too", "Me Later": the pronoun, not French "Me" (Maître) Dupont
            elif _is_initial(word) or name_kind(word) or not is_ordinary(word):
                how = "cue"
        elif _SIGNATURE.search(before):
            if name_kind(word) or (word[0].isupper() and not is_ordinary(word)):
                how = "cue"
        elif _WEAK.search(before) and (is_name_word(word) or _capitalised_name(word)):
            how = "weak"
        elif (
            _WEAK.search(before)
            and before.rstrip(" \t")[-1:] in (",", ":")
            and _pair_at(tokens, index, cued=True)
        ):
            how = "pair"  # "our manager, john smith": a pair of ordinary names in apposition
        if how != "cue" and is_chat_word(word):
            continue  # "Ima start…", "Soo hungry": chat, not a name; "named Ima" stays
        if not how and (not foreign or word.istitle()) and _pair_at(tokens, index):
            how = "pair"
        if (
            not how
            and not foreign
            and _known_given_name(
                word, caseless, shouting or any(a <= match.start() < b for a, b in shouted)
            )
            and not explained_without_ner(text, match.start(), match.end())
            and not inside_phrase(text, match)
        ):
            how = "given"  # not "Rica" of "Costa Rica", a run the pre-pass explains
        if (
            not how
            and not foreign
            and (_named_by_position(text, match) or opening_subject(text, match))
        ):
            how = "given"
        if not how:
            continue
        end_index = _extend(text, tokens, index, how)
        start, end = match.start(), tokens[end_index].end()
        value = text[start:end]
        if is_not_a_person(value):
            continue
        score = {"cue": 0.75, "weak": 0.7, "pair": 0.65, "given": 0.6}[how]
        found.append((start, end, score, how))
        taken_until = end
    return found


_LIST_JOIN = re.compile(
    r"(?:,|,?\s+(?:and|&|et|or|ou|y|und|e))\s+$|^,\s+|^,?\s+(?:and|&|et|or|ou|y|und|e)\s+"
)


def listed_with(text: str, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Capitalised known names listed with a name already found by any recognizer
    ("Kovalev, Lee and Phillips"), one step at a time, in both directions."""
    tokens = list(_TOKEN.finditer(text))
    spans = list(names)
    added: list[tuple[int, int]] = []
    changed = True
    while changed:
        changed = False
        for match in tokens:
            start, end = match.span()
            word = match.group()
            if not (word[:1].isupper() and word[1:].islower()) or not name_kind(word):
                continue  # the cheap test first: most words are no capitalised name
            if any(s <= start < e for s, e in spans):
                continue
            if is_not_a_person(word) or word.lower() in stop_words():
                continue
            if fold(word) in vocabulary().places:
                continue  # "Jane Doe, Paris and London offices"
            if is_ordinary(word) and "S" not in name_kind(word):
                continue
            joined = any(  # the gap's length first: slicing the text per span is quadratic
                (0 < start - e <= 6 and _LIST_JOIN.search(text[e:start]))
                or (0 < s - end <= 6 and _LIST_JOIN.search(text[end:s]))
                for s, e in spans
            )
            if joined and not explained_without_ner(text, start, end):
                spans.append((start, end))
                added.append((start, end))
                changed = True
    return added


def _known_given_name(word: str, caseless: bool, shouting: bool = False) -> bool:
    """A capitalised known given name that is no ordinary word, no place, no brand:
    "Clotilde, can I…", "Xavier is from…", "They had 6: Malon, Kaylee…". In a text with no
    capital at all, where case says nothing, a lowercase one too ("eugenio is from…"), and
    in a text written in capitals an uppercase one ("WHEN PRISCILLA RAN UP TO ME")."""
    if len(word) < 3:
        return False
    if (word.islower() and caseless) or (word.isupper() and shouting):
        if not is_name_word(word):
            return False
    elif not (word[:1].isupper() and word[1:].islower()):
        return False
    if "G" not in name_kind(word) or is_ordinary(word) or word.lower() in stop_words():
        return False
    return fold(word) not in vocabulary().places and not is_not_a_person(word)


def _capitalised_name(word: str) -> bool:
    """After a weak cue, a capitalised word that reads as someone's name: a known given
    name even when it is also a word ("Thanks Jimmy", "poor Summer"), or a word no
    dictionary knows ("Thank you Hendo", "Bye Capwin"); not a place, a month or a day
    ("call Paris", "meet April 3"), nor an ordinary word ("Contact Support")."""
    if len(word) < 3 or not (word[0].isupper() and word[1:].islower()):
        return False
    if re.split(r"['’]", word)[0].lower() in stop_words():
        return False  # "hey , I'm fine", "Thanks You're…": a contraction
    lowered = word.lower()
    if lowered in stop_words() or lowered in CALENDAR or lowered in _FUNCTION_WORDS:
        return False
    if fold(word) in vocabulary().places:
        return False
    return "G" in name_kind(word) or not is_ordinary(word)


#: A person's verb right after a word: "casey has", "freddie laughs", "gaby gave". Not the
#: copula: "my nam is J hn" (a typo of "name") or "rose is red" say nothing of a person.
_VERB_AFTER = re.compile(
    r"[ ]+(?:has|had|got|gets|says|said|looks|looked|laughs|laughed|wants|wanted|needs|"
    r"loves|loved|hates|thinks|thought|knows|knew|does|did|seems|sounds|sings|sang|plays|"
    r"played|asked|told|tells|went|goes|came|comes|made|makes|gave|gives|wakes|woke|wears|"
    r"cried|shouted|smiled|texted|called|wrote|tried|likes|liked|lets|let|"
    r"(?:is|was|isnt|isn't|wasnt|wasn't)[ ]+\p{Ll}{2,}ing)\b"
)
#: Someone one spends time with: "chilled with madison", "me and pete", "saw kenny".
_COMPANY_BEFORE = re.compile(r"(?:\bwith|\bme and|\bsaw|\bmiss|\bvisit|\bvisited)[ ]+\Z")
#: Someone spoken to: "Loey, do you…", "Miranda, you are…" (after the name).
_ADDRESSED = re.compile(
    r"[ ]*,[ ]*(?:(?:do|can|could|will|would|are|did|have|thank)[ ]+)?"
    r"(?i:you|your|u|ur|please|pls|plz|tu|vous|merci)\b"
)
#: "…, Summer?" "…, Amber!": a name closing its sentence after a comma.
_CLOSING = re.compile(r"[ ]*(?:[?!.]|$)")


def _named_by_position(text: str, match: re.Match) -> bool:
    """A word that its place in the sentence shows to be someone's name, whatever the case
    habits of the writer: a known given name in lowercase before a person's verb ("casey has
    a better phone", "I swear freddie laughs"), or a capitalised name spoken to, opening a
    sentence before ", you" ("Loey, do you…") or closing one after a comma ("…, Summer?")."""
    word = match.group()
    after = text[match.end() : match.end() + 24]
    if word.islower():
        if not (is_name_word(word) and "G" in name_kind(word)):
            return False
        before = text[max(0, match.start() - 12) : match.start()]
        return bool(_VERB_AFTER.match(after) or _COMPANY_BEFORE.search(before))
    if not _capitalised_name(word):
        return False
    if _ADDRESSED.match(after) and is_sentence_start(text, match.start()):
        return True
    before = text[max(0, match.start() - 3) : match.start()]
    return before.rstrip().endswith(",") and bool(_CLOSING.match(after))


def _glued(text: str, match: re.Match) -> bool:
    """Part of an e-mail address, a URL, a handle or a file name."""
    before = text[max(0, match.start() - 1) : match.start()]
    after = text[match.end() : match.end() + 2]
    if before in ("@", "/", "_", "#", ".", "\\") or after[:1] in ("@", "_", "/"):
        return True
    if before.isalnum():
        return True  # "@V0Ella", "#Win4Ella": inside a handle or tag, after a digit
    if after[:1] == "\\" and after[1:2].isalnum():
        return True  # a Windows path; "I\'m Jonathan\'s" (escaped quotes) is no path
    return after[:1] == "." and after[1:2].isalnum()


def _same_line(text: str, a: re.Match, b: re.Match) -> bool:
    gap = text[a.end() : b.start()]
    return "\n" not in gap and len(gap) <= 2 and gap.strip(" ,") == "" and "," not in gap


def _pair_at(tokens: list[re.Match], index: int, cued: bool = False) -> bool:
    """A known given name, then a known surname, one space apart, in the same case style,
    one of them not an ordinary word (both may be, `cued`, after a cue word)."""
    if index + 1 >= len(tokens):
        return False
    first, second = tokens[index], tokens[index + 1]
    a, b = _word(first.group()), _word(second.group())
    if first.string[first.end() : second.start()] != " " or _is_initial(first.group()):
        return False
    if _case(a) != _case(b) or len(b) < 2:
        return False
    kind_a, kind_b = name_kind(a), name_kind(b)
    if "G" not in kind_a or "S" not in kind_b:
        return False
    if any(w.lower() in _FUNCTION_WORDS or w.lower() in stop_words() for w in (a, b)):
        return False  # "per diem"
    if pair_is_phrase(a, b, first.string[second.end() : second.end() + 40]):
        return False
    if _glued(first.string, second):
        return False
    # In lowercase one of the two must be a name only ("natasha higuchi", not "will smith");
    # capitals are evidence enough ("JOHN SMITH", as NER reads "John Smith").
    return cued or _case(a) != "lower" or not (is_ordinary(a) and is_ordinary(b))


def _case(word: str) -> str:
    if word.isupper():
        return "upper"
    if word.islower():
        return "lower"
    return "title" if word[0].isupper() else "mixed"


def _extend(text: str, tokens: list[re.Match], index: int, how: str) -> int:
    """The index of the last token of the name that starts at `index` (at most 4 tokens)."""
    last = index + 1 if how == "pair" else index
    style = _case(_word(tokens[index].group()))
    for nxt in range(last + 1, min(index + 4, len(tokens))):
        prev, token = tokens[nxt - 1], tokens[nxt]
        if not _same_line(text, prev, token) or "," in text[prev.end() : token.start()]:
            break
        if prev.group()[-2:] in ("'s", "’s"):
            break  # "Tim Burton's Batman": the name ends at its possessive
        raw = token.group()
        word = _word(raw)
        if _is_initial(raw) and style != "lower":
            last = nxt
            continue
        if word.lower() in _PARTICLES and nxt + 1 < len(tokens):
            continue  # kept only if a name follows
        if word.lower() in _FUNCTION_WORDS or is_chat_word(word):
            break  # "your last name is martin lmao": the name ends before the shorthand
        capitalised_name = word[:1].isupper() and not word.isupper() and not is_ordinary(word)
        if _word(prev.group()).lower() in _PARTICLES and nxt - 1 > index:
            last = nxt  # "ms. wijtze van der berg": after "van der", any word is the surname
        elif "S" in name_kind(word) or "G" in name_kind(word):
            if is_ordinary(word) and (_case(word) in ("lower", "upper") or _case(word) != style):
                break  # "mr. martin is", "Dr. Lee Said", "PRISCILLA RAN": case says nothing
            last = nxt
        elif capitalised_name and style != "lower":
            last = nxt
        elif style == "lower" and "G" in name_kind(tokens[index].group()) and nxt == index + 1:
            if is_ordinary(word) or _glued(text, token):
                break
            last = nxt  # "matthew pušaver": a known given name, then a word of no dictionary
        else:
            break
        if text[token.end() : token.end() + 1] == ".":
            break  # "Smith." ends the sentence
    return last


__all__ = ["CasedNameRecognizer", "find_names", "listed_with", "with_title"]
