"""Street addresses, in the forms the world writes them, as one Presidio recognizer.

A street address is recognised from its parts, each weighed as evidence:

* a **street line**: a house number next to a street name, with a street type from a
  multilingual lexicon written where its language puts it — before the name ("12 rue Foch",
  "Rua das Pedras 930", "ul. Franciszkańska 12", "via Goffredo Mameli 149"), after it as a
  word ("3314 Harley Brook Lane", "Hegedűs Gyula utca 76.", "Atatürk Caddesi 5") or fused
  to it ("Michaelkirchstr. 15", "Carry van Bruggenweg 77", "Västerviksgatan 2",
  "Vanhamaantie 83") — with the number before or after the name;
* what follows a street line on the same line or on the next lines of a block: apartment,
  suite, unit, floor lines, postcodes (US, UK, Canadian, Dutch, Polish, Portuguese… and plain
  4-6 digit ones), US states, town and country names (`places.tsv`);
* the words before it ("lives at", "ship to", "my address is", "adresse", "Anschrift"…);
* forms of their own: US military addresses (PSC / Unit … Box, USS …, APO / FPO / DPO),
  post-office boxes, "the corner of X and Y", a postcode after "zip code" / "code postal".

A street line with a street type and a house number is an address on its own; a weaker shape
(a name between two numbers, a name and a number: "Bergshaugen 43") needs more evidence —
an address cue before it, a unit or postcode after it — and a name made only of ordinary
words ("Scene 12", "March 2019", "Lakers 102") is never a street. A multi-line block (street /
Apt. 977 / town / country postcode) is one finding. Matching is case-insensitive for the
street types, so lowercase text is read too; capitals are only one piece of evidence.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import regex as re
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.names.lexicon import common_words, fold
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.personal_data.span_recognizer import Span, SpanRecognizer
from promptguard.analyzers.personal_data.street_lexicon import (
    PREFIX_STRONG,
    PREFIX_WEAK,
    SUFFIX_STRONG,
    SUFFIX_WEAK,
)
from promptguard.analyzers.personal_data.street_patterns import (
    ANY_TYPE,
    CORNER,
    CUE,
    DIGITS,
    LINE_MILITARY,
    LINE_POSTCODE,
    LINE_STATE,
    LINE_UNIT,
    LINE_WORDS,
    MILITARY,
    MONTHS_DAYS,
    PO_BOX,
    SAME_LINE_TAIL,
    SHAPES,
    UNIT_BEFORE,
    UNTYPED,
    WINDOW,
    YEAR,
    YEAR_IN_LINE,
    ZIP_CUE,
)

ENTITY = "STREET_ADDRESS"

_TRAILING = ".,;:"
_ABBREVIATIONS = frozenset(
    w.rstrip(".").casefold()
    for w in (*PREFIX_STRONG, *PREFIX_WEAK, *SUFFIX_STRONG, *SUFFIX_WEAK)
    if w.endswith(".")
)
_PREFIX_STRONG_SET = frozenset(w.casefold() for w in PREFIX_STRONG)
_SUFFIX_STRONG_SET = frozenset(w.casefold() for w in SUFFIX_STRONG)


@dataclass
class _Candidate:
    start: int
    end: int
    points: int
    how: str
    names: list[str]


def _is_ordinary(words: list[str]) -> bool:
    """Every word is an ordinary word, a month or a weekday: "Scene 12", "March 2019"."""
    plain, common = vocabulary().plain, common_words()
    folded = [fold(w.strip(".,'’")) for w in words]
    return all(not w or w in plain or w in common or w in MONTHS_DAYS or len(w) < 3 for w in folded)


def _has_proper_noun(words: list[str]) -> bool:
    """A capitalised word that is not an ordinary word: a name ("Hodges", "Ambrosio")."""
    return any(
        w[:1].isupper() and any(c.islower() for c in w) and not _is_ordinary([w]) for w in words
    )


def _is_place(words: str) -> bool:
    return fold(words.strip(" ,.")) in vocabulary().places


def _compound_ok(word: str) -> bool:
    """A fused street type on a word that is not an ordinary word ("Gathering 2019")."""
    folded = fold(word.strip(".,"))
    return folded not in vocabulary().plain and folded not in common_words() and len(folded) >= 5


def _cue_before(text: str, start: int) -> bool:
    window = text[max(0, start - 60) : start]
    return bool(CUE.search(window))


def _tail(text: str, end: int) -> tuple[int, int, int]:
    """Extend a street line over what follows it: units, town, state, postcode on the same
    line, then the following lines of a block. Returns (new end, points of evidence, the
    part of them given by known towns and countries)."""
    points = 0
    place_points = 0
    position = end
    town = ""
    previous = ""
    while True:
        match = SAME_LINE_TAIL.match(text, position)
        if not match or match.end() == match.start():
            break
        kind = match.lastgroup
        if kind == "city" and previous == "postcode":
            position = match.end()  # "75002 Paris", "00-017 Warszawa"
            previous = kind
            continue
        if kind == "city":
            # Town names count before a postcode or state, or when known ("Paris", "Malta").
            after = SAME_LINE_TAIL.match(text, match.end())
            if after and after.lastgroup in ("postcode", "state_zip", "unit"):
                town = match.group("city")
                position = match.end()
                continue
            if _is_place(match.group("city")):
                points += 1
                place_points += 1
                position = match.end()
                continue
            if after and after.lastgroup == "city" and _is_place(after.group("city")):
                position = match.end()  # "…, Rogers, Barbados": a town, then a country
                continue
            break
        if kind == "postcode" and YEAR.fullmatch(match.group("postcode")):
            break  # "…, 1991": a year, not a postcode
        if kind == "postcode":
            # A bare number after a word is weak ("Referencia 361282"); a postcode after a
            # known town, or one with letters (UK, Canada, Netherlands), is not.
            code = match.group("postcode")
            after = SAME_LINE_TAIL.match(text, match.end())
            then_town = after is not None and after.lastgroup == "city"  # "0669 Ruthnes"
            points += 2 if then_town or town and (_is_place(town) or not code.isdigit()) else 1
        else:
            points += 2
        position = match.end()
        previous = kind
    # A block: the rest of the line is empty, the next lines are address lines.
    line_end = text.find("\n", position)
    if line_end < 0 or text[position:line_end].strip(" \t,."):
        return position, points, place_points
    lines = _next_lines(text, line_end + 1)
    after_postcode = False
    for index, (line_start, line) in enumerate(lines):
        if after_postcode:
            # After the postcode line, only a country may follow ("Ottawa K1M 2H9 / Canada").
            words = LINE_WORDS.match(line)
            if not (words and _is_place(words.group("words"))):
                break
            gained = 1
        else:
            gained = _address_line(line, [f for _, f in lines[index + 1 : index + 3]])
        if not gained:
            break
        after_postcode = after_postcode or LINE_POSTCODE.match(line) is not None
        points += gained
        position = line_start + len(line.rstrip(" \t,"))
    return position, points, place_points


def _next_lines(text: str, cursor: int, limit: int = 7) -> list[tuple[int, str]]:
    """The next non-blank lines of a block (start, line); one blank line may sit inside it."""
    lines: list[tuple[int, str]] = []
    blanks = 0
    while cursor < len(text) and len(lines) < limit:
        line_end = text.find("\n", cursor)
        line_end = len(text) if line_end < 0 else line_end
        line = text[cursor:line_end]
        if line.strip():
            lines.append((cursor, line))
            blanks = 0
        else:
            blanks += 1
            if blanks > 1:
                break
        cursor = line_end + 1
    return lines


def _address_line(line: str, following: list[str]) -> int:
    """Evidence that a line continues an address block: 2 for a unit, postcode or military
    line, 1 for a town, state or country, 0 when the block ends here."""
    if LINE_UNIT.match(line) or LINE_MILITARY.match(line):
        return 2
    if LINE_POSTCODE.match(line):
        return 0 if YEAR_IN_LINE.search(line) else 2
    if LINE_STATE.match(line):
        return 1
    words = LINE_WORDS.match(line)
    if not words:
        return 0
    value = words.group("words")
    if len(value) > 40:
        return 0
    if _is_place(value) or (value.isupper() and len(value) > 2):
        return 1
    if any(LINE_POSTCODE.match(f) or LINE_STATE.match(f) for f in following):
        return 1
    return 0


def _trim(text: str, start: int, end: int) -> int:
    """Drop a sentence's closing punctuation, not an abbreviation's dot ("Main St.")."""
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ".":
            word = re.search(r"[\p{L}\p{M}\d#'’.\-]+$", text[start : end - 1])
            if word and (word.group().casefold() in _ABBREVIATIONS or len(word.group()) == 1):
                break
            if word and word.group().isdigit() and "út" in text[max(start, end - 12) : end]:
                break
        end -= 1
    return end


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text around digits, merged."""
    windows: list[list[int]] = []
    for match in DIGITS.finditer(text):
        start, end = max(0, match.start() - WINDOW), match.end() + WINDOW
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(start, min(end, len(text))) for start, end in windows]


def _street_lines(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for window_start, window_end in _windows(text):
        typed = ANY_TYPE.search(text, window_start, window_end) is not None
        for how, pattern in SHAPES:
            if typed or how in UNTYPED:
                found += _shape_candidates(text, how, pattern, window_start, window_end)
    return found


def _shape_candidates(
    text: str, how: str, pattern: re.Pattern, window_start: int, window_end: int
) -> list[_Candidate]:
    found: list[_Candidate] = []
    if True:
        for match in pattern.finditer(text, window_start, window_end, overlapped=True):
            groups = match.groupdict()
            name = (groups.get("name") or "").strip()
            names = name.split()
            hn = bool(groups.get("hn"))
            hn2 = bool(groups.get("hn2"))
            if not (hn or hn2) and how != "no-number":
                continue
            type_word = (groups.get("type") or "").strip()
            points = int(hn) + int(hn2)
            if how == "no-number":
                points += 0  # weighed by what follows it alone
            elif how == "prefix":
                if not names:
                    continue
                if any(n in ("b", "c", "st", "lbw") for n in names):
                    continue  # "R. Mahanama b Waugh 50": a scorecard line, "R." no "Rua"
                strong = type_word.casefold() in _PREFIX_STRONG_SET
                points += 2 if strong else 1
                capitalised = any(not n.islower() for n in names)  # "de l'Église" too
                if not strong and (
                    (type_word[:1].islower() and capitalised) or _has_proper_noun(names)
                ):
                    points += 1  # "place Stanislas", "via Roma", "Cuesta Ambrosio Porta 19"
            elif how == "suffix":
                if not names or _is_ordinary(names[-1:]) and len(names) == 1 and not hn:
                    continue
                strong = type_word.casefold() in _SUFFIX_STRONG_SET
                points += 2 if strong else 1
                number = re.sub(r"\D", "", groups["hn"].split()[-1]) if hn else ""
                if not strong and _has_proper_noun(names) and (len(number) >= 3 or hn2):
                    points += 1  # "141 Hodges Mountains"; not "5 Key Points", "3 Yosemite Falls"
            elif how == "compound":
                if not _compound_ok(type_word):
                    continue
                points += 2
            else:
                if not names:
                    continue
                if _is_ordinary(names) and how != "number-name-number":
                    continue
                numbers = [groups.get("hn") or "", groups.get("hn2") or ""]
                if any(YEAR.fullmatch(n.strip(".")) for n in numbers):
                    continue  # "1 octobre 1960", "Gathering 2019": a year
                if how == "name-number" and not any(n[:1].isupper() for n in names):
                    continue
            start = match.start()
            end = _trim(text, start, match.end())
            found.append(_Candidate(start, end, points, how, names))
    return found


#: Weak shapes that start with a name and end on a house number.
_NAME_FIRST = frozenset({"name-number", "name-number-lower"})


@functools.lru_cache(maxsize=64)
def address_spans(text: str) -> tuple[tuple[int, int, float, str], ...]:
    """(start, end, score, how) of every street address in a text. Cached: the name
    pre-pass and the recognizer ask for the same text."""
    accepted: list[tuple[int, int, float, str]] = []
    candidates = _street_lines(text)
    # Where a typed street starts ("14 bis rue des Martyrs"), its number is that street's: a
    # weak "name number" shape ending on it is a name before the address ("Marie Dupont, 14").
    typed_starts = [c.start for c in candidates if c.how not in UNTYPED]
    for candidate in candidates:
        if candidate.how in _NAME_FIRST and any(
            candidate.start < s < candidate.end for s in typed_starts
        ):
            continue
        end, tail_points, place_points = _tail(text, candidate.end)
        if candidate.how in ("number-name-number", "name-number", "name-number-lower"):
            tail_points -= place_points  # "2 Chelsea 1, Liverpool": a score, then a town
        points = candidate.points + tail_points
        ordinary = candidate.how == "number-name-number" and _is_ordinary(candidate.names)
        if ordinary and tail_points < 3:
            continue  # "59 Delta 116" only above a unit, a town, a postcode
        if candidate.how == "no-number":
            if tail_points < 2:
                continue
            points = 3
        elif candidate.how in ("number-name", "name-number-lower"):
            # "Day 1 onsite": a number and a word are an address only with a unit, postcode
            # or block after them, never on a cue alone.
            if tail_points < 2:
                continue
        elif _cue_before(text, candidate.start):
            points += 2
        if points >= 3:
            start = candidate.start
            unit = UNIT_BEFORE.search(text, max(0, start - 24), start)
            if unit:
                start = unit.start()
            end = _trim(text, start, end)
            accepted.append((start, end, 0.7 if points >= 4 else 0.6, candidate.how))
    for how, pattern, score in (
        ("military", MILITARY, 0.75),
        ("po-box", PO_BOX, 0.7),
        ("corner", CORNER, 0.65),
        ("zip-code", ZIP_CUE, 0.6),
    ):
        for match in pattern.finditer(text):
            start, end = match.span("value") if "value" in pattern.groupindex else match.span()
            if how in ("military", "po-box"):
                end = _tail(text, end)[0]
            accepted.append((start, _trim(text, start, end), score, how))
    return _merge(accepted)


def _merge(spans: list[tuple[int, int, float, str]]) -> tuple[tuple[int, int, float, str], ...]:
    """Overlapping or touching findings of one address become one, with the best score."""
    merged: list[list] = []
    for start, end, score, how in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if score > last[2]:
                last[2], last[3] = score, how
        else:
            merged.append([start, end, score, how])
    return tuple((s, e, sc, how) for s, e, sc, how in merged)


class StreetAddressRecognizer(SpanRecognizer):
    """Presidio recognizer for STREET_ADDRESS built on `address_spans` (the lexicon is
    compiled at import, the places load on first use)."""

    ENTITY = ENTITY

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[Span]:
        return address_spans(text)
