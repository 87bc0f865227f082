"""Recognizers Presidio lacks, or gets wrong, for production paperwork in English and French.

Presidio ships no street-address, French-NIR, passport or date-of-birth recognizer usable on
call sheets, and its phone recognizer scores every valid number below the 0.5 default
threshold. Each recognizer here is a Presidio `LocalRecognizer`, so the engine's context
enhancer, de-duplication and thresholds still apply. Recognizers that would fire on ordinary
numbers (passport ids, dates) require their cue word in the match itself: "born 1999" is a
birth year but "the 1999 film" is not, and only the cue tells them apart.
"""

from __future__ import annotations

import functools
import re as std_re
from collections.abc import Callable, Iterator

import phonenumbers
import regex as re
from phonenumbers import (
    Leniency,
    PhoneNumber,
    PhoneNumberMatch,
    PhoneNumberMatcher,
    PhoneNumberType,
    region_code_for_country_code,
)
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from promptguard.analyzers.names.prepass import NOT_NAMES

# --- generic machinery -------------------------------------------------------------------


def value_spans(pattern: re.Pattern, text: str) -> Iterator[tuple[int, int]]:
    """The non-empty spans of a pattern's `value` group (or whole match) in a text."""
    group = "value" if "value" in pattern.groupindex else 0
    for match in pattern.finditer(text):
        start, end = match.span(group)
        if 0 <= start < end:
            yield start, end


class CueRecognizer(LocalRecognizer):
    """A regex recognizer whose reported span is the `value` group (or the whole match).

    Lets a pattern include its cue ("passport no.") or its trailing context (", 75002 Paris")
    without the cue becoming part of the finding, and validates values with a checksum.
    """

    def __init__(
        self,
        entity: str,
        patterns: list[tuple[re.Pattern, float]],
        language: str,
        context: list[str] | None = None,
        validator: Callable[[str], bool] | None = None,
        name: str | None = None,
    ) -> None:
        self.patterns_ = patterns
        self.validator = validator
        super().__init__(
            supported_entities=[entity],
            supported_language=language,
            context=context or [],
            name=name or f"{entity.title().replace('_', '')}Recognizer",
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        if entities and entity not in entities:
            return []
        results: list[RecognizerResult] = []
        for pattern, score in self.patterns_:
            for start, end in value_spans(pattern, text):
                if self.validator and not self.validator(text[start:end]):
                    continue
                results.append(
                    RecognizerResult(
                        entity_type=entity,
                        start=start,
                        end=end,
                        score=score,
                        analysis_explanation=AnalysisExplanation(self.name, score),
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return results


class ValidPhoneRecognizer(PhoneRecognizer):
    """Presidio's phone recognizer, scored as the strong evidence a *valid* number is, and
    made cheap enough to run on every prompt.

    `phonenumbers` only reports numbers that are valid for a numbering plan (leniency 1), so
    a match is rarely a false positive; Presidio's 0.4 base score would drop every number
    that is not next to the word "phone" — most crew lists write "Tom: 06 12 34 56 78".

    Speed: Presidio runs `PhoneNumberMatcher` once per region over the whole text, parsing
    every digit group ("Scene 42", "06:30") three times. Here a text with no run of
    `MIN_PHONE_DIGITS` digits is skipped outright, and `_PrunedMatcher` finds exactly what
    the matcher finds while parsing only candidates long enough to be a number, and parsing
    a "+…" candidate once for all regions.

    Recall: numbers of France's overseas départements (Réunion, Mayotte, Antilles, Guyane…)
    belong to the French 10-digit plan ("06 39 …", "06 90 …", "02 62 …"), but phonenumbers
    files them under their own country codes and lists only allocated blocks, so a crew
    list's "06 39 34 47 75" or "+33 6 39 38 06 90" was invalid for FR and for YT alike and
    went unreported; `french_overseas_numbers` adds them.
    """

    SCORE = 0.6

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if _PRUNING_AVAILABLE and self.leniency == Leniency.VALID:
            if not may_hold_phone_number(text):
                return []
            shared: dict = {}
            matches = [
                match
                for region in self.supported_regions
                for match in _PrunedMatcher(text, region, shared)
            ]
        else:  # another leniency, or a phonenumbers without the internals: the plain matcher
            matches = [
                match
                for region in self.supported_regions
                for match in PhoneNumberMatcher(text, region, leniency=self.leniency)
            ]
        results = [
            self._result(m.start, m.end, region_code_for_country_code(m.number.country_code))
            for m in matches
        ]
        if "FR" in self.supported_regions:
            spans = [(m.start, m.end) for m in matches]
            for start, end, region in french_overseas_numbers(text):
                if not any(s < end and start < e for s, e in spans):
                    results.append(self._result(start, end, region))
        return EntityRecognizer.remove_duplicates(results)

    def _result(self, start: int, end: int, region: str) -> RecognizerResult:
        """The result Presidio's `PhoneRecognizer` builds, so context words still count."""
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=self.SCORE,
            analysis_explanation=self._get_analysis_explanation(region),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


#: The fewest digits a valid phone number is written with: "+43 1234" (a two-digit country
#: code and a four-digit Austrian, German or Iranian number); national FR/US/GB numbers need
#: seven or more. tests/test_phone_fast_path.py re-derives it from phonenumbers' metadata.
MIN_PHONE_DIGITS = 6
#: Digits, and the letter x, which phonenumbers reads as a keypad 9 in a number holding three
#: letters: counting it keeps the digit bound safe.
_DIGIT_LIKE = "\\dxXｘＸ"

try:  # phonenumbers internals the pruned matcher hooks into (stable since the Java port)
    from phonenumbers.phonenumberutil import _VALID_PUNCTUATION

    _PRUNING_AVAILABLE = all(
        callable(getattr(PhoneNumberMatcher, method, None))
        for method in ("_find", "_extract_match", "_extract_inner_match", "_parse_and_verify")
    )
except ImportError:  # pragma: no cover - depends on the installed phonenumbers
    _VALID_PUNCTUATION = r"\W_"  # a superset: the pre-check stays safe, only less selective
    _PRUNING_AVAILABLE = False

# stdlib `re`, as phonenumbers uses: its `\d` is the one the matcher's pattern uses.
_DIGIT_LIKE_CHAR = std_re.compile(f"[{_DIGIT_LIKE}]")
#: MIN_PHONE_DIGITS digits with at most four separators between two of them: every number
#: phonenumbers can match holds such a run (its own candidate pattern allows no more).
_PHONE_RUN = std_re.compile(
    rf"(?:[{_DIGIT_LIKE}][{_VALID_PUNCTUATION}]{{0,4}}){{{MIN_PHONE_DIGITS - 1}}}"
    rf"[{_DIGIT_LIKE}]"
)
#: A candidate phonenumbers parses as international: its first digit or plus is a plus.
_WRITTEN_WITH_PLUS = std_re.compile(r"[^+＋\d]*[+＋]")


def may_hold_phone_number(text: str) -> bool:
    """False when the text holds no run of digits long enough to be a phone number."""
    return _PHONE_RUN.search(text) is not None


def _too_short(candidate: str) -> bool:
    return len(_DIGIT_LIKE_CHAR.findall(candidate)) < MIN_PHONE_DIGITS


class _PrunedMatcher(PhoneNumberMatcher):
    """`phonenumbers.PhoneNumberMatcher` (leniency VALID) without the work that cannot
    succeed or was already done; it finds exactly the same numbers at the same offsets.

    * A candidate, or a part of one, with fewer than `MIN_PHONE_DIGITS` digits cannot be a
      valid number: it is rejected before parsing ("Scene 42", "06:30", "2025"), and so are
      the pieces the matcher would split a long candidate into ("4532 0151 …" card groups).
    * A candidate written with a plus parses the same whatever the default region, so the
      matchers of one text (one per region) share the verdict through `shared`.
    """

    def __init__(self, text: str, region: str, shared: dict) -> None:
        super().__init__(text, region, leniency=Leniency.VALID)
        self._shared = shared

    def _extract_match(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        if _too_short(candidate):
            return None
        return super()._extract_match(candidate, offset)

    def _parse_and_verify(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        if _too_short(candidate):
            return None
        if not _WRITTEN_WITH_PLUS.match(candidate):
            return super()._parse_and_verify(candidate, offset)
        key = (offset, candidate)
        if key not in self._shared:
            self._shared[key] = super()._parse_and_verify(candidate, offset)
        return self._shared[key]


#: Overseas départements and collectivities in the French 10-digit numbering plan.
FRENCH_OVERSEAS_REGIONS = ("RE", "YT", "GP", "BL", "MF", "MQ", "GF")
_FRENCH_PHONE_TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)
_SEP = r"[ .\-\u00a0\u202f]"
#: A number in French format, as one run (not part of a longer number, an IBAN, a reference):
#: "0X XX XX XX XX", "+33 X XX XX XX XX", "+33 (0)X …", "0033 X…", or with an overseas code.
_FRENCH_FORMAT = re.compile(
    rf"(?<![\w+＋]|\d{_SEP})"
    rf"(?:(?:[+＋]|00){_SEP}?(?P<code>33|262|590|594|596){_SEP}?(?:\(0\){_SEP}?)?|0)"
    rf"(?P<nsn>[1-9](?:{_SEP}?\d\d){{4}})"
    rf"(?!\w|{_SEP}\d)"
)


def french_overseas_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, region) of numbers in French format that fall in a range the plan gives
    an overseas territory, even where phonenumbers lists the block as unallocated.

    phonenumbers validates block by block ("06 39 30 …" is a Mayotte mobile, "06 39 34 …"
    is not listed yet) and files these ranges under their own regions, so "+33 6 39 38 06
    90" or "0639344775" in a French crew list was invalid for FR and for YT alike. The
    written French format plus an overseas phone range is the evidence here."""
    found = []
    for match in _FRENCH_FORMAT.finditer(text):
        nsn = re.sub(r"\D", "", match.group("nsn"))
        code = int(match.group("code") or 33)
        if phonenumbers.is_valid_number(PhoneNumber(country_code=code, national_number=int(nsn))):
            continue  # valid as written: the matcher's verdict (and its context checks) stands
        region = overseas_range(nsn[:3])
        if region:
            found.append((match.start(), match.end(), region))
    return found


@functools.cache
def overseas_range(zab: str) -> str | None:
    """The overseas region whose landlines or mobiles use the French-plan range `zab` (the
    three digits after the 0: "639" -> Mayotte, "690" -> Guadeloupe), or None.

    Derived from phonenumbers' metadata, so it follows the library's updates: a range is
    overseas when one of its hundred blocks holds a valid landline or mobile number there.
    At most ~70 ranges get here (those invalid in FR), a few milliseconds each, once."""
    for region in FRENCH_OVERSEAS_REGIONS:
        code = phonenumbers.country_code_for_region(region)
        for block in range(100):
            number = PhoneNumber(country_code=code, national_number=int(f"{zab}{block:02d}0000"))
            if (
                phonenumbers.is_valid_number_for_region(number, region)
                and phonenumbers.number_type(number) in _FRENCH_PHONE_TYPES
            ):
                return region
    return None


# --- people ------------------------------------------------------------------------------

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Docteur)"
NAME_WORD = r"[A-ZÀ-Ý][\p{Ll}'’]+(?:-[A-ZÀ-Ý]?[\p{Ll}'’]+)?"
NAME_CAPS = r"(?:[A-ZÀ-Ý][\p{Ll}'’]+(?:-[A-ZÀ-Ý][\p{Ll}'’]+)?|[A-ZÀ-Ý]{2,}(?:-[A-ZÀ-Ý]{2,})?)"
TITLED_NAME = re.compile(
    rf"\b{_TITLE}\.?\s+(?P<value>{NAME_CAPS}(?:\s+(?:de\s+|van\s+|von\s+|da\s+|le\s+)?{NAME_CAPS})?)"
)


def trim_name(content: str, start: int, end: int) -> tuple[int, int]:
    """Drop production vocabulary and titles from both ends of a candidate name span."""
    words = list(re.finditer(r"\S+", content[start:end]))
    while words and words[0].group().strip(".,:;").lower() in NOT_NAMES:
        words.pop(0)
    while words and words[-1].group().strip(".,:;").lower() in NOT_NAMES:
        words.pop()
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


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
#: Prepositions are weaker cues ("for Los Angeles"): trusted only where NER saw no place.
_WEAK_CUES = r"pour|for|to|with|à|avec|chez|de|par|by|from|via"
_LEFT_CUE = re.compile(
    rf"(?i:\b(?:{_ROLE_WORDS}|{_CONTACT_VERBS}))\b[ \t]*(?:[:—–\-=]|\(.{{0,30}}?\))?[ \t]*"
    rf"(?:(?i:the|our|my|le|la|les|notre|mon|ma|l['’])[ \t]+)?$"
)
_WEAK_LEFT_CUE = re.compile(
    rf"(?i:\b(?:{_WEAK_CUES}))\b[ \t]*(?:[:—–\-=]|\(.{{0,30}}?\))?[ \t]*"
    rf"(?:(?i:the|our|my|le|la|les|notre|mon|ma|l['’])[ \t]+)?$"
)
_RIGHT_CUE = re.compile(
    rf"^[ \t]*(?:[(,\-—–:][ \t]*(?:[\p{{L}}'’0-9.]+[ \t]+){{0,3}}?(?i:{_ROLE_WORDS})\b"
    r"|[ 	]*[(,:—–-]?[ 	]*(?:(?:on|at|au|sur|via)[ 	]+)?"
    r"(?:\+?\d[\d .()-]{7,}\d|[\w.+-]+@[\w-]+\.))"
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


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LINE_START = re.compile(r"(?:^|[.!?]\s+|\n)[ \t\-•*>#]*$")


@functools.lru_cache(maxsize=64)
def _ner_free_names(text: str) -> tuple[tuple[int, int, str], ...]:
    """Names found by shape and cue, no model: after a title, or name-shaped words next to a
    crew role, a contact verb, a phone number or an email address ("cue"), or after a
    preposition ("weak": dropped by the caller where NER saw a place). Cached: the pre-pass
    and the recognizer both ask for the same text."""
    found: list[tuple[int, int, str]] = []
    for match in TITLED_NAME.finditer(text):
        start, end = trim_name(text, *match.span("value"))
        value = text[start:end]
        # After a title a lone capitalised surname is a name ("Mme LEFÈVRE").
        if end > start and (is_plausible_name(value) or value.isupper() and len(value) > 1):
            found.append((start, end, "title"))
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
        elif _WEAK_LEFT_CUE.search(left):
            found.append((start, end, "weak"))
    return tuple(found)


def is_sentence_start(text: str, start: int) -> bool:
    return bool(_LINE_START.search(text[max(0, start - 6) : start])) or start == 0


class PersonRecognizer(LocalRecognizer):
    """People: spaCy NER spans (already mapped to PERSON in the artifacts), cleaned, plus
    names after a title ("Mme Lefèvre", "Dr. Okafor") which needs no model."""

    NER_SCORE = 0.85
    TITLE_SCORE = 0.8
    CUE_SCORE = 0.7

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=["PERSON"],
            supported_language=language,
            context=[],
            name="PersonRecognizer",
        )

    def load(self) -> None:
        """Nothing to load: NER spans come in the NLP artifacts."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        spans: list[tuple[int, int, float, str]] = []
        for ent in getattr(nlp_artifacts, "entities", None) or []:
            if ent.label_ != "PERSON":
                continue
            start, end = trim_name(text, ent.start_char, ent.end_char)
            if end <= start or not is_plausible_name(text[start:end]):
                continue
            if " " not in text[start:end] and is_sentence_start(text, start):
                # "Rédige un mail…", "Imagine a…": a lone first word is an imperative far
                # more often than a name in a prompt.
                continue
            spans.append((start, end, self.NER_SCORE, "spacy"))
        places: list[tuple[int, int]] | None = None  # read only for a weak name
        for start, end, how in _ner_free_names(text):
            if how == "weak":
                if places is None:
                    places = [
                        (ent.start_char, ent.end_char)
                        for ent in getattr(getattr(nlp_artifacts, "tokens", None), "ents", ())
                        if ent.label_ in _PLACE_LABELS
                    ]
                if any(s < end and start < e for s, e in places):
                    continue
            score = self.TITLE_SCORE if how == "title" else self.CUE_SCORE
            spans.append((start, end, score, how))
        return [
            RecognizerResult(
                entity_type="PERSON",
                start=start,
                end=end,
                score=score,
                analysis_explanation=AnalysisExplanation(f"{self.name}:{how}", score),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: f"{self.name}:{how}",
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for start, end, score, how in spans
        ]


# --- street addresses --------------------------------------------------------------------

_CAP = r"(?:[A-Z](?:[\p{L}'’-]|\.(?=\p{L}))*\.?|\d{1,3}(?:st|nd|rd|th))"
_EN_STREET_TYPES = (
    "Street|St|Avenue|Ave|Av|Boulevard|Blvd|Road|Rd|Drive|Dr|Lane|Ln|Way|Parkway|Pkwy|Court|Ct|"
    "Place|Pl|Terrace|Ter|Circle|Cir|Highway|Hwy|Square|Sq|Crescent|Cres|Close|Gardens|Mews|"
    "Row|Grove|Hill|Walk|Trail|Plaza|Alley|Broadway|Embankment|Quay|Wharf|Yard|Parade"
)
#: Abbreviated street types keep their dot ("Vine St."); full words never take one.
_EN_ABBREVIATED = r"(?:St|Ave|Av|Rd|Dr|Ln|Pkwy|Ct|Pl|Ter|Cir|Hwy|Sq|Cres|Blvd)\."
_US_STATE = (
    r"(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|"
    r"S[CD]|T[NX]|UT|V[TA]|W[AVIY])"
)
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
_EN_CITY = r"(?:[A-Z][\p{L}'’-]+(?:\s[A-Z][\p{L}'’-]+){0,2})"
_EN_ADDRESS = re.compile(
    rf"""
    (?<![\w/.-])
    (?P<value>
      \d{{1,5}}[A-Z]?(?:-\d{{1,5}})?,?\s+                         # house number: 1600, 221B
      (?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?
      (?:(?:{_CAP}\s+){{1,4}}(?:{_EN_ABBREVIATED}|(?:{_EN_STREET_TYPES})\b)|Broadway\b)
      (?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b\.?)?
      (?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|\#)\.?\s*[\w-]+)?
      (?:
         ,?\s+{_EN_CITY},?\s+{_US_STATE}\s+\d{{5}}(?:-\d{{4}})?    # Mountain View, CA 94043
        |,?\s+{_EN_CITY},?\s+{_UK_POSTCODE}\b                      # London NW1 6XE
        |,?\s+{_UK_POSTCODE}\b
        |,?\s+{_US_STATE}\s+\d{{5}}\b
      )?
    )
    (?![\w-])
    """,
    re.VERBOSE,
)
#: A UK postcode next to a town and a house-number street is an address even when the
#: street type is missing ("10 Downing, London SW1A 2AA" is rare; we still want "Flat 3,
#: 12 Acacia, Leeds LS6 2AB"): the postcode itself carries the evidence.
_UK_POSTCODE_ADDRESS = re.compile(
    rf"(?<![\w-])(?P<value>\d{{1,4}}[A-Z]?\s+(?:{_CAP}\s+){{1,3}}?,?\s*{_EN_CITY},?\s+"
    rf"{_UK_POSTCODE})\b"
)

_FR_STREET_TYPES = (
    r"rue|avenue|av\.|bd|boulevard|place|pl\.|impasse|all[ée]e|chemin|quai|cours|route|passage|"
    r"square|villa|cit[ée]|faubourg|rond-point|sentier|voie|esplanade|parvis|promenade|"
    r"r[ée]sidence|lotissement|hameau|lieu-dit|mont[ée]e|rampe|ruelle|sente|traverse"
)
_FR_PARTICLE = r"(?:de\s+la|de\s+l['’]|de|du|des|d['’]|la|le|les|l['’]|aux|au|à|en|sur|sous|et|ès)"
_FR_WORD = r"(?:[A-ZÀ-Ý0-9](?:[\p{L}'’-]|\.(?=\p{L}))*)"
_FR_ADDRESS = re.compile(
    rf"""
    (?<![\w/.-])
    (?P<value>
      \d{{1,4}}(?:\s?(?:bis|ter|quater|[A-D])\b)?,?\s+
      (?i:{_FR_STREET_TYPES})\s+
      (?:(?i:{_FR_PARTICLE})\s*)?{_FR_WORD}
      (?:[\s-]+(?:(?i:{_FR_PARTICLE})\s*)?{_FR_WORD}){{0,5}}
      (?:,?\s+(?:\d{{5}}|\d{{2}}\s\d{{3}})\s+{_FR_WORD}(?:[\s-]{_FR_WORD}){{0,3}}
         (?:\s+(?i:cedex)(?:\s\d{{1,2}})?)?)?
    )
    (?![\w-])
    """,
    re.VERBOSE,
)


_ADDRESS_PATTERNS = ((_EN_ADDRESS, 0.7), (_FR_ADDRESS, 0.7), (_UK_POSTCODE_ADDRESS, 0.6))


def address_recognizers(language: str) -> list[LocalRecognizer]:
    """Street-address recognizers; both languages get both families (mixed paperwork)."""
    context = ["address", "adresse", "domicile", "home", "lives", "habite", "rdv", "meet"]
    return [
        CueRecognizer(
            "STREET_ADDRESS",
            list(_ADDRESS_PATTERNS),
            language,
            context=context,
            name="StreetAddressRecognizer",
        )
    ]


_EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def ner_free_spans(text: str) -> list[tuple[int, int]]:
    """Spans the personal-data analyzer explains without the model: a name after a title or
    next to a cue, a street address, an e-mail address. A capitalised word inside one of them
    gives NER nothing to add."""
    spans = [(start, end) for start, end, how in _ner_free_names(text) if how != "weak"]
    for pattern, _score in _ADDRESS_PATTERNS:
        spans += list(value_spans(pattern, text))
    spans += [match.span() for match in _EMAIL_SHAPE.finditer(text)]
    return spans


# --- French NIR (numéro de sécurité sociale) ---------------------------------------------

_NIR = re.compile(
    r"(?<![\w])(?P<value>[12]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2[AB])\s?\d{3}\s?"
    r"\d{3}\s?\d{2})(?![\w])",
    re.IGNORECASE,
)


def nir_is_valid(value: str) -> bool:
    """The NIR key is 97 - (first 13 digits mod 97); Corsica 2A/2B count as 19/18."""
    digits = re.sub(r"\s", "", value).upper()
    if len(digits) != 15:
        return False
    body, key = digits[:13], digits[13:]
    body = body.replace("2A", "19").replace("2B", "18")
    if not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


def nir_recognizer(language: str) -> LocalRecognizer:
    return CueRecognizer(
        "FR_NIR",
        [(_NIR, 0.85)],
        language,
        context=["sécurité", "securite", "sociale", "nir", "insee", "social", "ss", "sécu"],
        validator=nir_is_valid,
        name="FrNirRecognizer",
    )


# --- passports (only next to the word) ---------------------------------------------------

_PASSPORT = re.compile(
    r"(?i:passport|passeport|pasaporte|reisepass)(?:\s+(?i:no|nr|number|num[ée]ro|n°|#))?\.?"
    r"(?:\s+(?i:de|of|du)\s+[\p{L}'’ -]{2,30}?)?\s*[:#-]?\s*"
    r"(?P<value>(?=[A-Z0-9]*\d)[A-Z0-9]{6,9}|\d{2}[A-Z]{2}\d{5})(?![\w])"
)


def passport_recognizer(language: str) -> LocalRecognizer:
    return CueRecognizer(
        "PASSPORT",
        [(_PASSPORT, 0.85)],
        language,
        context=["passport", "passeport"],
        name="PassportRecognizer",
    )


# --- dates of birth (only next to the cue) -----------------------------------------------

_MONTHS = (
    r"(?:jan(?:uary|vier|v)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|"
    r"may|mai|jun(?:e)?|juin|jul(?:y)?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember|embre)?)?|"
    r"oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|(?:1er|\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DOB_CUE = (
    r"(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthdate|birthday|born(?:\s+on)?|"
    r"n[ée]e?\s+le|date\s+de\s+naissance|naissance|anniversaire|ddn)"
)
_DOB = re.compile(
    rf"(?i:\b{_DOB_CUE})\s*[:=-]?\s*(?:[^\d\n.;]{{0,25}}?\s)?(?P<value>(?i:{_DATE}))(?![\w/])"
)


def dob_recognizer(language: str) -> LocalRecognizer:
    return CueRecognizer(
        "DATE_OF_BIRTH",
        [(_DOB, 0.85)],
        language,
        context=["birth", "born", "dob", "naissance", "né", "née"],
        name="DateOfBirthRecognizer",
    )


def custom_recognizers(language: str) -> list[LocalRecognizer]:
    """Every recognizer of this module for one language."""
    return [
        *address_recognizers(language),
        nir_recognizer(language),
        passport_recognizer(language),
        dob_recognizer(language),
    ]
