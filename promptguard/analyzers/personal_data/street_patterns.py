"""The regular expressions of street addresses: street-line shapes, units, postcodes, the
cues before an address and the lines of an address block.

Apart from `street_address` (which weighs what these find) because they are many and long;
the word lists they draw on are in `street_lexicon`, passed to `regex` as named lists.
"""

from __future__ import annotations

import regex as re

from promptguard.analyzers.names.lexicon import fold
from promptguard.analyzers.personal_data.street_lexicon import COMPOUND, NAME_LISTS


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags, ignore_unused=True, **NAME_LISTS)


_UNIT = (
    r"(?i:(?<![\p{L}\d])(?:\L<unit_words>))\s*\.?\s*"
    r"(?:[A-Za-z]{0,2}\d[\w-]{0,5}|[A-Z])(?![\w])"
)

# --- numbers, names, postcodes ------------------------------------------------------------

_L = r"[\p{L}\p{M}]"
#: Letters of the alphabets whose addresses are written "number name type" or "type name
#: number" (Latin, Greek, Cyrillic); CJK addresses follow other rules and are not read here.
_A = r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{M}]"
#: A house number: 12, 221B, 12-14, 3/5, 12 bis; not a decimal, a time, an amount, a date
#: piece or a percentage.
_HN = (
    r"(?<![\p{L}\p{M}\d$€£¥.,:/#+\-])(?!0+(?!\d))"
    r"\d{1,5}(?:[A-ZА-Я]|[a-hа-е](?![\p{L}\p{M}]))?(?:[-/]\d{1,5}[A-Za-z]?)?"
    r"(?:\s?(?i:bis|ter|quater)(?![\p{L}]))?"
    r"(?![.,:/]\d|\s?%|[\p{L}\p{M}\d])"
)
#: A house number after the street name may carry a dot ("Eötvös út 10.").
_HN2 = (
    r"(?:(?i:n[°ºo]\.?|nr\.?|nro\.?|no\.|#)[ \t]*)?"
    rf"(?:{_HN}(?:-\d{{1,4}})?\.?|(?i:s/n)(?![\p{{L}}]))"
)
STOP_RE = r"(?i:\L<stop_words>)(?![\p{L}\p{M}\d'’])"
#: Abbreviations whose dot does not end a sentence ("St. John", "Dr. Ruiz", "Av. Paulista");
#: any other word's dot does ("rue Victor Hugo. Propriétaire …").
_NAME_ABBR = r"(?i:\L<name_abbreviations>)"
#: One word of a street name: a word (not a stop word), an initial, or an ordinal.
_NW = (
    rf"(?:(?<![\p{{L}}\p{{M}}\d'’\-])(?!{STOP_RE})(?![\p{{M}}]){_A}(?:{_A}|['’\-]|\.(?={_A}))*"
    rf"(?:(?<=(?<!{_A})(?:{_A}|{_NAME_ABBR}))\.)?"
    r"|\d{1,3}(?i:st|nd|rd|th|e|er|re|ère|ème|º|ª)(?![\p{L}]))"
)
_NAMES = rf"{_NW}(?:[ \t]+{_NW}){{0,4}}"
_NAMES3 = rf"{_NW}(?:[ \t]+{_NW}){{0,2}}"
#: Particles inside street names ("Rua do Salitre", "Carry van Bruggenweg").
_PARTICLE = r"(?:\L<particles>|[ld]['’])"
#: A street name written before its type or number: capitalised words and particles, so
#: the words of the sentence before it stay out ("Vi ses på Drottninggatan 53").
_CAP_NW = rf"(?=\p{{Lu}}){_NW}"
_CAP_NAMES = rf"{_CAP_NW}(?:[ \t]+(?:{_CAP_NW}|{_PARTICLE}(?![\p{{L}}\p{{M}}]))){{0,3}}"
_CAP_NAMES3 = rf"{_CAP_NW}(?:[ \t]+(?:{_CAP_NW}|{_PARTICLE}(?![\p{{L}}\p{{M}}]))){{0,2}}"
_CAP_WORD = (
    rf"[\p{{Lu}}][\p{{L}}\p{{M}}'’\-]*(?:(?<=(?<![\p{{L}}\p{{M}}])(?:\p{{L}}|{_NAME_ABBR}))\.)?"
    r"(?![\p{L}\p{M}\d])"
)
_POSTCODE = (
    r"(?<![\w-])(?:"
    r"\d{5}-\d{4}|\d{5}-\d{3}|\d{4}-\d{3}|\d{3}-\d{4}|\d{2}-\d{3}"
    r"|(?i:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"  # UK
    r"|(?i:[A-Z]\d[A-Z]\s?\d[A-Z]\d)"  # Canada
    r"|\d{4}\s?[A-Z]{2}(?![\p{L}])"  # Netherlands
    r"|\d{3}\s\d{2}|\d{2}\s\d{3}"  # Sweden, Czechia / France written apart
    r"|\d{4,6}"
    r")(?![\w-]|[ \t.]\d)"
)
_US_STATE = (
    r"(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|"
    r"S[CD]|T[NX]|UT|V[TA]|W[AVIY]|AA|AE|AP)"
)
_LINE_LEAD = r"[^\p{L}\p{N}\n]*"

_S = r"[ \t]*,?[ \t]+"  # a separator inside a line: spaces, maybe a comma
_P1 = _compile(
    rf"(?P<hn>{_HN}(?:[ \t]+{_HN})?){_S}(?P<type>(?i:\L<prefix_strong>|\L<prefix_weak>))"
    rf"[ \t]+(?P<name>{_NAMES})(?:{_S}(?P<hn2>{_HN2}))?"
)
_P2 = _compile(
    rf"(?P<hn>{_HN}(?:[ \t]+{_HN})?){_S}(?P<name>{_NAMES})[ \t]+"
    rf"(?P<type>(?i:\L<suffix_strong>|\L<suffix_weak>))(?![\p{{L}}\p{{M}}\d])"
    rf"(?:[ \t]+(?P<hn2>{_HN2}))?"
)
_COMPOUND_WORD = rf"{_L}[\p{{L}}\p{{M}}'’\-]{{2,}}?(?i:{COMPOUND})(?![\p{{L}}\p{{M}}\d])"
_P3 = _compile(
    rf"(?:(?P<hn>{_HN}(?:[ \t]+{_HN})?){_S})?(?P<name>(?:{_CAP_NAMES}[ \t]+)?)"
    rf"(?P<type>(?<![\p{{L}}\p{{M}}]){_COMPOUND_WORD})(?:{_S}(?P<hn2>{_HN2}))?"
)
_P4 = _compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<type>(?i:\L<prefix_strong>|\L<prefix_weak>))[ \t]+"
    rf"(?P<name>{_NAMES}){_S}(?P<hn2>{_HN2})"
)
_P5 = _compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<name>{_CAP_NAMES}|(?!{STOP_RE})\p{{Ll}}[\p{{L}}\p{{M}}'’\-]*)[ \t]+"
    rf"(?P<type>(?i:\L<suffix_strong>|\L<suffix_weak>))"
    rf"(?![\p{{L}}\p{{M}}\d])[ \t]+(?P<hn2>{_HN2})"
)
#: Weak shapes: number name number, name number, number name. Their numbers are not a piece
#: of a longer run of digit groups (a phone number, an IBAN, an id: "DL NYA 1 58 641").
_HN_ALONE = rf"(?<!\d[ \t.\-]){_HN}"
_HN2_ALONE = rf"{_HN2}(?![ \t.\-]?\d)"
_P6 = _compile(
    rf"(?P<hn>{_HN_ALONE}(?:[ \t]+{_HN})?){_S}(?P<name>{_NAMES}){_S}(?P<hn2>{_HN2_ALONE})"
)
_P7 = _compile(
    rf"(?<![\p{{L}}\p{{M}}\d])(?P<name>{_CAP_NAMES3}){_S}(?P<hn2>(?=\d{{1,4}}(?!\d)){_HN2_ALONE})"
)
#: The same in lowercase text ("grammova 8 / 777 63 městec králové"): only above a postcode
#: or unit line (checked where candidates are weighed).
_LOWER_NW = rf"(?!{STOP_RE})\p{{Ll}}[\p{{L}}\p{{M}}'’\-]*"
_P7L = _compile(
    rf"(?<![\p{{L}}\p{{M}}\d])(?P<name>{_LOWER_NW}(?:[ \t]+{_LOWER_NW}){{0,2}}){_S}"
    rf"(?P<hn2>(?=\d{{1,4}}(?!\d)){_HN2_ALONE})"
)
_P8 = _compile(rf"(?P<hn>{_HN_ALONE}(?:[ \t]+{_HN})?){_S}(?P<name>{_NAMES3})(?![\p{{L}}\p{{M}}\d])")
#: A unit standing for the house number, the street on its own line or after a comma
#: (British "Flat 17 / Janet Meadows").
_P9 = _compile(
    rf"(?P<hn>{_UNIT})[ \t]*[,/\n][ \t>]*(?P<name>{_CAP_NAMES})[ \t]+"
    rf"(?P<type>(?i:\L<suffix_strong>|\L<suffix_weak>))(?![\p{{L}}\p{{M}}\d])"
)
#: A street with a strong type and no number ("Soseaua Eftimie", "rue Thibault Fischer"):
#: an address only above a postcode or unit line (checked where candidates are weighed).
_P10 = _compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<type>(?i:\L<prefix_strong>))[ \t]+(?P<name>{_CAP_NAMES})"
    r"(?=[ \t]*(?:,|\n|$))"
)
SHAPES = (
    ("prefix", _P1),
    ("suffix", _P9),
    ("no-number", _P10),
    ("suffix", _P2),
    ("compound", _P3),
    ("prefix", _P4),
    ("suffix", _P5),
    ("number-name-number", _P6),
    ("name-number", _P7),
    ("name-number-lower", _P7L),
    ("number-name", _P8),
)

MILITARY = _compile(
    r"(?:(?<![\w])(?:(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}"
    r"|(?:USNS|USNV|USS|USCGC)\s+[\p{L}][\p{L}'’.\-]*(?:[ \t]+[\p{L}][\p{L}'’.\-]*)?)"
    r"[ \t]*,?\s*)?(?<![\w])(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}(?:-\d{4})?(?![\w])",
    re.IGNORECASE,
)
#: French post boxes are capitals before a postcode ("BP 203, 69003 Lyon Cedex", "CS 30012"):
#: "BP 120/80" is a blood pressure, "BP 2024" a company's year.
PO_BOX = _compile(
    r"(?:(?<![\w])(?:B\.?\s?P\.?|CS|TSA)(?=\s*\d{1,6},?\s+\d{5}\s)|"
    r"(?i:(?<![\w])(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|Postfach|Postbox|Postboks|Postbus"
    r"|Casella\s+postale|Skrytka\s+pocztowa|Apartado(?:\s+(?:de\s+Correos|postal))?"
    r"|Caixa\s+Postal|Casilla(?:\s+de\s+Correos?)?|Bo[iî]te\s+postale)))\s*\.?\s*#?\s*\d{1,6}(?![\w])"
)
_STREETISH = rf"(?:{_NW}|{_HN2})(?:[ \t]+(?:{_NW}|{_HN2})){{0,4}}"
CORNER = _compile(
    r"(?i:(?:corner|intersection|junction)\s+of|(?:à|a)\s+l['’]angle\s+(?:de\s+la|du|des|de)"
    r"|au\s+coin\s+(?:de\s+la|du|des|de)|esquina\s+(?:de|con))\s+"
    rf"(?P<value>{_STREETISH}\s+(?i:and|&|et|y|with)\s+(?:(?i:de\s+la|du|des|de)\s+)?{_STREETISH})"
)
ZIP_CUE = _compile(
    r"(?i:(?<![\w])(?:zip\s*code|zip|postal\s*code|post\s*code|postcode|code\s+postal|plz"
    r"|postleitzahl|c[oó]digo\s+postal|cep))(?:\s+(?i:is|est|ist|es|é))?\s*[:=#-]?\s*"
    rf"(?P<value>{_POSTCODE})"
)

# --- what surrounds a street line ----------------------------------------------------------

CUE = _compile(
    r"(?i:(?<![\p{L}])(?:address(?:es)?|addr|adresse|adres|anschrift|wohnhaft|wohnt"
    r"|direcci[oó]n|domicilio|endere[cç]o|morada|indirizzo|residen(?:ce|t|za)|domicile"
    r"|habite|demeurant|livraison|located|location|venue|headquarters|billing|shipping"
    r"|delivery|mailing|postal))"
    r"(?![\p{L}])[^.!?\d]{0,45}$"
    r"|(?i:(?<![\p{L}])(?:lives?|living|resides?|located|meet(?:\s+(?:me|us))?|meeting|is|are"
    r"|stay(?:ing)?|pick\s+(?:me|us)\s+up)\s+(?:at|on)\s*$)"
    r"|(?i:(?<![\p{L}])(?:send|sent|ship(?:ped)?|deliver(?:ed)?|mail(?:ed)?|post(?:ed)?"
    r"|forward(?:ed)?|return(?:ed)?|move[ds]?|moving|relocat(?:e|ed|ing)|taxi|bring|drive"
    r"|arrive[sd]?|is|are)"
    r"(?![\p{L}])[^.!?\n]{0,25}(?<![\p{L}])(?:to|at)\s+"
    r"(?:\p{Lu}[\p{L}\p{M}'’\-]*\s+(?:and|&|y|et|und)\s+)?$)"
    r"|(?i:(?<![\p{L}])(?:meet|meeting|see\s+you)(?![\p{L}])[^.!?\n]{0,25}(?<![\p{L}])at"
    r"(?:\s+[^.!?\n,]{1,40},)?\s*$)"
    r"|(?i:(?<![\p{L}])(?:habite|habitant|domicili[ée]e?|envoy(?:er|ez)|livr(?:er|ez))"
    r"(?![\p{L}])[^.!?\n]{0,12}(?:au|à|a)\s*$)"
)
SAME_LINE_TAIL = _compile(
    rf"[ \t]*,?[ \t]*(?:(?P<unit>{_UNIT})"
    rf"|(?P<state_zip>{_US_STATE}[ \t]+{_POSTCODE})"
    rf"|(?P<postcode>{_POSTCODE}(?:[ \t]+(?i:cedex)(?:[ \t]+\d{{1,2}})?)?)"
    rf"|(?P<city>{_CAP_WORD}(?:[ \t]+(?:(?i:de|la|le|du|des|sur|en|upon|on|of|am|an|and)[ \t]+)?"
    rf"{_CAP_WORD}){{0,3}}))"
)
UNIT_BEFORE = _compile(rf"{_UNIT}[ \t]*,?[ \t]*$")
LINE_UNIT = _compile(rf"{_LINE_LEAD}(?:{_UNIT}|{PO_BOX.pattern})[ \t]*,?[ \t]*$")
LINE_POSTCODE = _compile(
    rf"{_LINE_LEAD}(?:(?:{_L}[\p{{L}}\p{{M}}'’.\-]*[ \t]*,?[ \t]*){{0,5}})?"
    rf"(?:{_US_STATE}[ \t]+)?{_POSTCODE}(?:[ \t]+(?i:cedex)(?:[ \t]+\d{{1,2}})?)?"
    rf"(?:[ \t]+(?:{_L}[\p{{L}}\p{{M}}'’.\-]*[ \t]*){{1,4}}(?:\d{{1,2}})?)?[ \t]*,?[ \t]*$"
)
LINE_STATE = _compile(rf"{_LINE_LEAD}(?:[A-Z]{{2}}|{_US_STATE})[ \t]*,?[ \t]*$")
LINE_WORDS = _compile(
    rf"{_LINE_LEAD}(?P<words>{_L}[\p{{L}}\p{{M}}'’.\-]*(?:[ \t]+{_L}[\p{{L}}\p{{M}}'’.\-]*){{0,4}})"
    r"[ \t]*,?[ \t]*$"
)
LINE_MILITARY = _compile(
    r"(?i:[^\p{L}\p{N}\n]*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}(?:-\d{4})?)[ \t]*$"
)

YEAR = _compile(r"(?:1[89]|20)\d\d")
YEAR_IN_LINE = _compile(r"(?<![\w-])(?:1[89]|20)\d\d(?![\w-])")
_CALENDAR_WORDS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec janvier février mars avril mai juin "
    "juillet août septembre octobre novembre décembre monday tuesday wednesday thursday "
    "friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche"
)
MONTHS_DAYS = frozenset(fold(w) for w in _CALENDAR_WORDS.split())

#: Every shape holds a number or sits above a postcode line, so the shapes are only tried
#: near digits; those with a street type only where one of the types is written.
DIGITS = _compile(r"\d+")
WINDOW = 160
ANY_TYPE = _compile(
    rf"(?i:(?<![\p{{L}}\p{{M}}])(?:\L<prefix_strong>|\L<prefix_weak>|\L<suffix_strong>|\L<suffix_weak>)"
    rf"(?![\p{{L}}\p{{M}}])|(?:{COMPOUND})(?![\p{{L}}\p{{M}}\d]))"
)
UNTYPED = frozenset({"number-name-number", "name-number", "name-number-lower", "number-name"})
