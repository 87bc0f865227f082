"""Street addresses (English, UK postcodes, French), which Presidio has no recognizer for."""

from __future__ import annotations

import regex as re
from presidio_analyzer import (
    LocalRecognizer,
)

from promptguard.analyzers.personal_data.cue import CueRecognizer

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
