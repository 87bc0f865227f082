"""Phone numbers: Presidio's recognizer, scored as valid numbers deserve and cheap on every prompt.

`phonenumbers` only reports numbers valid for a numbering plan, so a match is strong
evidence; a quick pre-check skips texts without a digit run, and French overseas numbers
written the French way are found too.
"""

from __future__ import annotations

import functools

import phonenumbers
import regex as re
from phonenumbers import (
    Leniency,
    PhoneNumber,
    PhoneNumberMatcher,
    PhoneNumberType,
    region_code_for_country_code,
)
from presidio_analyzer import (
    EntityRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from promptguard.analyzers.personal_data.phone_matcher import (
    _PRUNING_AVAILABLE,
    MIN_PHONE_DIGITS,
    _PrunedMatcher,
    may_hold_phone_number,
)


class ValidPhoneRecognizer(PhoneRecognizer):
    """Presidio's phone recognizer, scored as the strong evidence a *valid* number is, and
    made cheap enough to run on every prompt.

    `phonenumbers` only reports numbers that are valid for a numbering plan (leniency 1), so
    a match is rarely a false positive; Presidio's 0.4 base score would drop every number
    that is not next to the word "phone" — most crew lists write "Tom: 06 12 34 56 78".

    Speed: Presidio runs `PhoneNumberMatcher` once per region over the whole text (19 by
    default), searching, splitting and parsing every digit group ("Scene 42", "06:30") once
    per region. Here a text with no run of `MIN_PHONE_DIGITS` digits is skipped outright,
    and `_PrunedMatcher` (phone_matcher.py) finds exactly what the matcher finds while doing
    the region-free work once per text and parsing a candidate for a region only when its
    digit count fits that region's numbering plan (2.3x less CPU, 2.2x fewer parses).

    Recall: numbers of France's overseas départements (Réunion, Mayotte, Antilles, Guyane…)
    belong to the French 10-digit plan ("06 39 …", "06 90 …", "02 62 …"), but phonenumbers
    files them under their own country codes and lists only allocated blocks, so a crew
    list's "06 39 34 47 75" or "+33 6 39 38 06 90" was invalid for FR and for YT alike and
    went unreported; `french_overseas_numbers` adds them.
    """

    SCORE = 0.6

    def __init__(self, *args, full: bool = False, **kwargs) -> None:  # noqa: ANN002, ANN003
        #: Full mode (the control): the plain matcher on every text, no pre-check.
        self.full = full
        super().__init__(*args, **kwargs)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if _PRUNING_AVAILABLE and self.leniency == Leniency.VALID and not self.full:
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
            self._result(
                number_start(text, m.start, m.end),
                m.end,
                region_code_for_country_code(m.number.country_code),
            )
            for m in matches
        ]
        if "FR" in self.supported_regions:
            spans = [(m.start, m.end) for m in matches]
            for start, end, region in french_overseas_numbers(text):
                inside = [(s, e) for s, e in spans if start <= s and e <= end]
                if not any(s < end and start < e for s, e in spans if (s, e) not in inside):
                    # the whole French-format number, not a part another plan validates
                    results = [r for r in results if (r.start, r.end) not in inside]
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


def number_start(text: str, start: int, end: int) -> int:
    """ "(07.45.89.12.33)": phonenumbers keeps the opening bracket of a number written in
    brackets but not the closing one; the number starts after it. Some regions' matches also
    start with the space after a "/" ("06 12 34 56 78 / 01 42 68 53 00" in IE)."""
    while start < end and text[start].isspace():
        start += 1
    if text[start] == "(" and ")" not in text[start:end]:
        return start + 1
    return start


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


__all__ = [
    "MIN_PHONE_DIGITS",
    "ValidPhoneRecognizer",
    "french_overseas_numbers",
    "may_hold_phone_number",
    "overseas_range",
]
