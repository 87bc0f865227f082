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
from dataclasses import dataclass

import regex as re
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.names.lexicon import common_words, fold
from promptguard.analyzers.names.prepass import vocabulary

ENTITY = "STREET_ADDRESS"

# --- the street-type lexicon ----------------------------------------------------------------
# Written from the addressing conventions of each language, abbreviations with their dot.
# "strong" types are rarely anything but a street; "weak" ones are also ordinary words
# ("place", "via", "Drive", "Court") and need one more piece of evidence.


def _alt(words: str) -> str:
    """A regex alternation of space-separated words, longest first, dots escaped."""
    items = sorted(set(words.split()), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


#: Types written before the street name.
_PREFIX_STRONG = _alt(
    # French
    "rue avenue av. bd boulevard bld. impasse imp. allée allee chemin quai faubourg fbg "
    "rond-point esplanade parvis promenade montée ruelle sente traverse chaussée "
    # Spanish, Catalan
    "calle c/ avenida avda. avda paseo pº plaza pza. carretera ctra. camino ronda travesía "
    "glorieta callejón pasaje rambla carrer avinguda passeig plaça calzada bulevar "
    "prolongación jirón jr. alameda "
    # Portuguese
    "rua travessa tv. praça pç. estrada rodovia beco ladeira praceta calçada viela "
    # Italian
    "viale piazza p.za piazzale vicolo strada contrada lungomare lungotevere salita "
    "circonvallazione traversa "
    # Romanian
    "str. strada bulevardul calea aleea piața șoseaua soseaua splaiul intrarea "
    # Polish, Czech, Slovak
    "ul. ulica al. aleja aleje plac os. osiedle nám. náměstí námestie třída tř. nábřeží "
    # Russian, Ukrainian, Bulgarian (transliterated)
    "ulitsa prospekt pr-t pereulok per. ploshchad shosse naberezhnaya vulytsia vul. "
    "ulitsa bul. bulevard "
    # Greek (transliterated)
    "odos odós leoforos leof. plateia οδός οδος λεωφόρος λεωφ. πλατεία "
    "улица ул. проспект просп. пр-т переулок пер. площадь пл. шоссе набережная бульвар "
    "бул. вулиця вул. проспект "
    # Indonesian, Malay, Vietnamese, Arabic (transliterated)
    "jalan jl. jln. lorong đường phố shari sharia shareh "
)
_PREFIX_WEAK = _alt(
    "place pl. cours route passage square villa cité voie sentier rampe hameau résidence "
    "lotissement galerie via corso largo borgo vico calle r. av. avenue"
)
#: Types written after the street name, as a word of their own.
_SUFFIX_STRONG = _alt(
    # English
    "street st. st str. avenue ave ave. road rd rd. boulevard blvd blvd. lane ln ln. parkway "
    "pkwy hwy highway terrace terr. crescent cres. mews alley embankment esplanade "
    "turnpike expressway freeway causeway "
    # German, Dutch, Scandinavian, Icelandic as separate words
    "straße strasse gasse allee chaussee straat laan steenweg gracht kade singel "
    "gata gatan gate vägen veien vegen vej gade stræde stræti vegur "
    # Hungarian
    "utca út körút krt. tér sétány rakpart fasor köz "
    # Baltic, Finnish
    "tänav maantee mnt puiestee pst iela gatvė prospektas katu "
    # South Slavic
    "ulica cesta trg obala "
    # Turkish
    "caddesi cad. cd. sokak sokağı sok. sk. bulvarı yolu "
    # German, Dutch, Nordic separate words that are not English words
    "weg platz damm ufer markt plein dijk baan dreef torg torget plass plads vei kuja "
)
_SUFFIX_WEAK = _alt(
    "drive dr. way court ct ct. place pl. square sq sq. circle cir hill walk row close "
    "gardens grove trail plaza quay wharf yard parade loop path pike point view rise green "
    "heights ridge gate run crossing commons bend chase wynd "
    "ring u. sor tee tie put"
)
#: Types fused to the end of the street name ("Michaelkirchstr.", "Västerviksgatan").
_COMPOUND = _alt(
    "straße strasse str. gasse weg platz allee ring damm ufer steig pfad chaussee graben "
    "stieg zeile kamp markt "
    "straat laan plein gracht kade singel dijk dreef steeg baan "
    "gade vej vænget stræde plads torv allé "
    "gata gate gaten veien vegen vei veg plass plassen torget bakken svingen "
    "gatan vägen väg gränd gränden stigen backen "
    "vegur stræti braut stígur tún "
    "katu tie kuja polku väylä raitti kuja "
    "tänav maantee puiestee "
    "-ro -gil -daero -dong "
)
#: Units inside a building: "Apt. 977", "Suite 286", "Flat 3", "Bât. B", "piso 2".
_UNIT_WORDS = _alt(
    "apt apt. apartment appt appt. app. suite ste ste. unit flat fl. floor room rm rm. bldg "
    "bldg. building # no. nº n° dept lot bâtiment bât. bat. étage etage escalier esc. porte "
    "piso planta puerta pta. andar sala bloco interno int. scala piano wohnung whg. stiege "
    "tür top lgh"
)
_UNIT = (
    rf"(?i:(?<![\p{{L}}\d])(?:{_UNIT_WORDS}))\s*\.?\s*"
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
    r"\d{1,5}(?:[A-Z]|[a-h](?![\p{L}\p{M}]))?(?:[-/]\d{1,5}[A-Za-z]?)?"
    r"(?:\s?(?i:bis|ter|quater)(?![\p{L}]))?"
    r"(?![.,:/]\d|\s?%|[\p{L}\p{M}\d])"
)
#: A house number after the street name may carry a dot ("Eötvös út 10.").
_HN2 = _HN + r"\.?"
#: Words that end a street name: English function words and verbs of the sentences
#: addresses sit in (particles such as "de", "van", "di" stay: they belong to names).
_STOP = (
    "a an the and or but if in on at to for from by with without of is are was were be been "
    "am my your his her their our its this that these those it i me you he she we they him "
    "them us please pls last next near into onto over under up down out off here there when "
    "where then than so as not no yes does did have has had will would can could should "
    "may might must about after before since until while also just only very too all any "
    "some each every both more most other such what which who why how call send sent case "
    "card ok okay thanks thank pour dans avec est chez "
    "apt apartment suite ste unit flat floor room box"
)
_STOP_RE = rf"(?i:(?:{_alt(_STOP)})(?![\p{{L}}\p{{M}}\d'’]))"
#: One word of a street name: a word (not a stop word), an initial, or an ordinal.
_NW = (
    rf"(?:(?<![\p{{L}}\p{{M}}\d'’\-])(?!{_STOP_RE})(?![\p{{M}}]){_A}(?:{_A}|['’\-])*(?:(?<=(?<!{_A}){_A}{{1,4}})\.)?"
    r"|\d{1,3}(?i:st|nd|rd|th|e|er|re|ère|ème|º|ª)(?![\p{L}]))"
)
_NAMES = rf"{_NW}(?:[ \t]+{_NW}){{0,4}}"
_NAMES3 = rf"{_NW}(?:[ \t]+{_NW}){{0,2}}"
#: Particles inside street names ("Rua do Salitre", "Carry van Bruggenweg").
_PARTICLE = (
    r"(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|le|les|l['’]|d['’]|van|von"
    r"|der|den|het|ten|ter|te|zu|zum|zur|am|an|im|auf|y|e|i|el|al|och|og|af|av|na|nad|pod)"
)
#: A street name written before its type or number: capitalised words and particles, so
#: the words of the sentence before it stay out ("Vi ses på Drottninggatan 53").
_CAP_NW = rf"(?=\p{{Lu}}){_NW}"
_CAP_NAMES = rf"{_CAP_NW}(?:[ \t]+(?:{_CAP_NW}|{_PARTICLE}(?![\p{{L}}\p{{M}}]))){{0,3}}"
_CAP_NAMES3 = rf"{_CAP_NW}(?:[ \t]+(?:{_CAP_NW}|{_PARTICLE}(?![\p{{L}}\p{{M}}]))){{0,2}}"
_CAP_WORD = r"[\p{Lu}][\p{L}\p{M}'’\-]*(?:(?<=(?<![\p{L}\p{M}])\p{L}{1,4})\.)?(?![\p{L}\p{M}\d])"
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
_P1 = re.compile(
    rf"(?P<hn>{_HN}(?:[ \t]+{_HN})?){_S}(?P<type>(?i:{_PREFIX_STRONG}|{_PREFIX_WEAK}))"
    rf"[ \t]+(?P<name>{_NAMES})(?:{_S}(?P<hn2>{_HN2}))?"
)
_P2 = re.compile(
    rf"(?P<hn>{_HN}(?:[ \t]+{_HN})?){_S}(?P<name>{_NAMES})[ \t]+"
    rf"(?P<type>(?i:{_SUFFIX_STRONG}|{_SUFFIX_WEAK}))(?![\p{{L}}\p{{M}}\d])"
    rf"(?:{_S}(?P<hn2>{_HN2}))?"
)
_COMPOUND_WORD = rf"{_L}[\p{{L}}\p{{M}}'’\-]{{2,}}?(?i:{_COMPOUND})(?![\p{{L}}\p{{M}}\d])"
_P3 = re.compile(
    rf"(?:(?P<hn>{_HN}(?:[ \t]+{_HN})?){_S})?(?P<name>(?:{_CAP_NAMES}[ \t]+)?)"
    rf"(?P<type>(?<![\p{{L}}\p{{M}}]){_COMPOUND_WORD})(?:{_S}(?P<hn2>{_HN2}))?"
)
_P4 = re.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<type>(?i:{_PREFIX_STRONG}|{_PREFIX_WEAK}))[ \t]+"
    rf"(?P<name>{_NAMES}){_S}(?P<hn2>{_HN2})"
)
_P5 = re.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<name>{_CAP_NAMES}|{_NW})[ \t]+"
    rf"(?P<type>(?i:{_SUFFIX_STRONG}|{_SUFFIX_WEAK}))"
    rf"(?![\p{{L}}\p{{M}}\d])[ \t]+(?P<hn2>{_HN2})"
)
#: Weak shapes: number name number, name number, number name. Their numbers are not a piece
#: of a longer run of digit groups (a phone number, an IBAN, an id: "DL NYA 1 58 641").
_HN_ALONE = rf"(?<!\d[ \t.\-]){_HN}"
_HN2_ALONE = rf"{_HN2}(?![ \t.\-]?\d)"
_P6 = re.compile(
    rf"(?P<hn>{_HN_ALONE}(?:[ \t]+{_HN})?){_S}(?P<name>{_NAMES}){_S}(?P<hn2>{_HN2_ALONE})"
)
_P7 = re.compile(
    rf"(?<![\p{{L}}\p{{M}}\d])(?P<name>{_CAP_NAMES3}){_S}(?P<hn2>(?=\d{{1,4}}(?!\d)){_HN2_ALONE})"
)
_P8 = re.compile(
    rf"(?P<hn>{_HN_ALONE}(?:[ \t]+{_HN})?){_S}(?P<name>{_NAMES3})(?![\p{{L}}\p{{M}}\d])"
)
_SHAPES = (
    ("prefix", _P1),
    ("suffix", _P2),
    ("compound", _P3),
    ("prefix", _P4),
    ("suffix", _P5),
    ("number-name-number", _P6),
    ("name-number", _P7),
    ("number-name", _P8),
)

_MILITARY = re.compile(
    r"(?:(?<![\w])(?:(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}"
    r"|(?:USNS|USNV|USS|USCGC)\s+[\p{L}][\p{L}'’.\-]*(?:[ \t]+[\p{L}][\p{L}'’.\-]*)?)"
    r"[ \t]*,?\s*)?(?<![\w])(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}(?:-\d{4})?(?![\w])",
    re.IGNORECASE,
)
_PO_BOX = re.compile(
    r"(?i:(?<![\w])(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|Postfach|Postbox|Postboks|Postbus"
    r"|Casella\s+postale|Skrytka\s+pocztowa|Apartado(?:\s+(?:de\s+Correos|postal))?"
    r"|Caixa\s+Postal|Casilla(?:\s+de\s+Correos?)?|Bo[iî]te\s+postale))\s*\.?\s*#?\s*\d{1,6}(?![\w])"
)
_STREETISH = rf"(?:{_NW}|{_HN2})(?:[ \t]+(?:{_NW}|{_HN2})){{0,4}}"
_CORNER = re.compile(
    r"(?i:(?:corner|intersection|junction)\s+of|(?:à|a)\s+l['’]angle\s+(?:de\s+la|du|des|de)"
    r"|au\s+coin\s+(?:de\s+la|du|des|de)|esquina\s+(?:de|con))\s+"
    rf"(?P<value>{_STREETISH}\s+(?i:and|&|et|y|with)\s+(?:(?i:de\s+la|du|des|de)\s+)?{_STREETISH})"
)
_ZIP_CUE = re.compile(
    r"(?i:(?<![\w])(?:zip\s*code|zip|postal\s*code|post\s*code|postcode|code\s+postal|plz"
    r"|postleitzahl|c[oó]digo\s+postal|cep))(?:\s+(?i:is|est|ist|es|é))?\s*[:=#-]?\s*"
    rf"(?P<value>{_POSTCODE})"
)

# --- what surrounds a street line ----------------------------------------------------------

_CUE = re.compile(
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
_SAME_LINE_TAIL = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?P<unit>{_UNIT})"
    rf"|(?P<state_zip>{_US_STATE}[ \t]+{_POSTCODE})"
    rf"|(?P<postcode>{_POSTCODE}(?:[ \t]+(?i:cedex)(?:[ \t]+\d{{1,2}})?)?)"
    rf"|(?P<city>{_CAP_WORD}(?:[ \t]+(?:(?i:de|la|le|du|des|sur|en|upon|on|of|am|an|and)[ \t]+)?"
    rf"{_CAP_WORD}){{0,3}}))"
)
_UNIT_BEFORE = re.compile(rf"{_UNIT}[ \t]*,?[ \t]*$")
_LINE_UNIT = re.compile(rf"{_LINE_LEAD}(?:{_UNIT}|{_PO_BOX.pattern})[ \t]*,?[ \t]*$")
_LINE_POSTCODE = re.compile(
    rf"{_LINE_LEAD}(?:(?:{_L}[\p{{L}}\p{{M}}'’.\-]*[ \t]*,?[ \t]*){{0,5}})?"
    rf"(?:{_US_STATE}[ \t]+)?{_POSTCODE}(?:[ \t]+(?i:cedex)(?:[ \t]+\d{{1,2}})?)?"
    rf"(?:[ \t]+(?:{_L}[\p{{L}}\p{{M}}'’.\-]*[ \t]*){{1,4}})?[ \t]*,?[ \t]*$"
)
_LINE_STATE = re.compile(rf"{_LINE_LEAD}(?:[A-Z]{{2}}|{_US_STATE})[ \t]*,?[ \t]*$")
_LINE_WORDS = re.compile(
    rf"{_LINE_LEAD}(?P<words>{_L}[\p{{L}}\p{{M}}'’.\-]*(?:[ \t]+{_L}[\p{{L}}\p{{M}}'’.\-]*){{0,4}})"
    r"[ \t]*,?[ \t]*$"
)
_LINE_MILITARY = re.compile(
    r"(?i:[^\p{L}\p{N}\n]*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}(?:-\d{4})?)[ \t]*$"
)

_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_YEAR_IN_LINE = re.compile(r"(?<![\w-])(?:1[89]|20)\d\d(?![\w-])")
_CALENDAR_WORDS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec janvier février mars avril mai juin "
    "juillet août septembre octobre novembre décembre monday tuesday wednesday thursday "
    "friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche"
)
_MONTHS_DAYS = frozenset(fold(w) for w in _CALENDAR_WORDS.split())

_TRAILING = ".,;:"
_ABBREVIATIONS = frozenset(
    w.rstrip(".").casefold()
    for w in (_PREFIX_STRONG + "|" + _PREFIX_WEAK + "|" + _SUFFIX_STRONG + "|" + _SUFFIX_WEAK)
    .replace("\\", "")
    .split("|")
    if w.endswith(".")
)


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
    return all(
        not w or w in plain or w in common or w in _MONTHS_DAYS or len(w) < 3 for w in folded
    )


def _is_place(words: str) -> bool:
    return fold(words.strip(" ,.")) in vocabulary().places


def _compound_ok(word: str) -> bool:
    """A fused street type on a word that is not an ordinary word ("Gathering 2019")."""
    folded = fold(word.strip(".,"))
    return folded not in vocabulary().plain and folded not in common_words() and len(folded) >= 5


def _cue_before(text: str, start: int) -> bool:
    window = text[max(0, start - 60) : start]
    return bool(_CUE.search(window))


def _tail(text: str, end: int) -> tuple[int, int]:
    """Extend a street line over what follows it: units, town, state, postcode on the same
    line, then the following lines of a block. Returns (new end, points of evidence)."""
    points = 0
    position = end
    town = ""
    previous = ""
    while True:
        match = _SAME_LINE_TAIL.match(text, position)
        if not match or match.end() == match.start():
            break
        kind = match.lastgroup
        if kind == "city" and previous == "postcode":
            position = match.end()  # "75002 Paris", "00-017 Warszawa"
            previous = kind
            continue
        if kind == "city":
            # Town names count before a postcode or state, or when known ("Paris", "Malta").
            after = _SAME_LINE_TAIL.match(text, match.end())
            if after and after.lastgroup in ("postcode", "state_zip", "unit"):
                town = match.group("city")
                position = match.end()
                continue
            if _is_place(match.group("city")):
                points += 1
                position = match.end()
                continue
            if after and after.lastgroup == "city" and _is_place(after.group("city")):
                position = match.end()  # "…, Rogers, Barbados": a town, then a country
                continue
            break
        if kind == "postcode" and _YEAR.fullmatch(match.group("postcode")):
            break  # "…, 1991": a year, not a postcode
        if kind == "postcode":
            # A bare number after a word is weak ("Referencia 361282"); a postcode after a
            # known town, or one with letters (UK, Canada, Netherlands), is not.
            code = match.group("postcode")
            points += 2 if town and (_is_place(town) or not code.isdigit()) else 1
        else:
            points += 2
        position = match.end()
        previous = kind
    # A block: the rest of the line is empty, the next lines are address lines.
    line_end = text.find("\n", position)
    if line_end < 0 or text[position:line_end].strip(" \t,."):
        return position, points
    lines = _next_lines(text, line_end + 1)
    after_postcode = False
    for index, (line_start, line) in enumerate(lines):
        if after_postcode:
            # After the postcode line, only a country may follow ("Ottawa K1M 2H9 / Canada").
            words = _LINE_WORDS.match(line)
            if not (words and _is_place(words.group("words"))):
                break
            gained = 1
        else:
            gained = _address_line(line, [f for _, f in lines[index + 1 : index + 3]])
        if not gained:
            break
        after_postcode = after_postcode or _LINE_POSTCODE.match(line) is not None
        points += gained
        position = line_start + len(line.rstrip(" \t,"))
    return position, points


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
    if _LINE_UNIT.match(line) or _LINE_MILITARY.match(line):
        return 2
    if _LINE_POSTCODE.match(line):
        return 0 if _YEAR_IN_LINE.search(line) else 2
    if _LINE_STATE.match(line):
        return 1
    words = _LINE_WORDS.match(line)
    if not words:
        return 0
    value = words.group("words")
    if len(value) > 40:
        return 0
    if _is_place(value) or (value.isupper() and len(value) > 2):
        return 1
    if any(_LINE_POSTCODE.match(f) or _LINE_STATE.match(f) for f in following):
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


def _street_lines(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for how, pattern in _SHAPES:
        for match in pattern.finditer(text, overlapped=True):
            groups = match.groupdict()
            name = (groups.get("name") or "").strip()
            names = name.split()
            hn = bool(groups.get("hn"))
            hn2 = bool(groups.get("hn2"))
            if not (hn or hn2):
                continue
            type_word = (groups.get("type") or "").strip()
            points = int(hn) + int(hn2)
            if how == "prefix":
                if not names:
                    continue
                strong = re.fullmatch(rf"(?i:{_PREFIX_STRONG})", type_word) is not None
                points += 2 if strong else 1
                capitalised = any(not n.islower() for n in names)  # "de l'Église" too
                if not strong and type_word[:1].islower() and capitalised:
                    points += 1  # "place Stanislas", "via Roma": a lowercase type, a name
            elif how == "suffix":
                if not names or _is_ordinary(names[-1:]) and len(names) == 1 and not hn:
                    continue
                strong = re.fullmatch(rf"(?i:{_SUFFIX_STRONG})", type_word) is not None
                points += 2 if strong else 1
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
                if any(_YEAR.fullmatch(n.strip(".")) for n in numbers):
                    continue  # "1 octobre 1960", "Gathering 2019": a year
                if how == "name-number" and not any(n[:1].isupper() for n in names):
                    continue
            start = match.start()
            end = _trim(text, start, match.end())
            found.append(_Candidate(start, end, points, how, names))
    return found


@functools.lru_cache(maxsize=64)
def address_spans(text: str) -> tuple[tuple[int, int, float, str], ...]:
    """(start, end, score, how) of every street address in a text. Cached: the name
    pre-pass and the recognizer ask for the same text."""
    accepted: list[tuple[int, int, float, str]] = []
    for candidate in _street_lines(text):
        end, tail_points = _tail(text, candidate.end)
        points = candidate.points + tail_points
        ordinary = candidate.how == "number-name-number" and _is_ordinary(candidate.names)
        if ordinary and tail_points < 3:
            continue  # "59 Delta 116" only above a unit, a town, a postcode
        if candidate.how == "number-name":
            # "Day 1 onsite": a number and a word are an address only with a unit, postcode
            # or block after them, never on a cue alone.
            if tail_points < 2:
                continue
        elif _cue_before(text, candidate.start):
            points += 2
        if points >= 3:
            start = candidate.start
            unit = _UNIT_BEFORE.search(text, max(0, start - 24), start)
            if unit:
                start = unit.start()
            end = _trim(text, start, end)
            accepted.append((start, end, 0.7 if points >= 4 else 0.6, candidate.how))
    for how, pattern, score in (
        ("military", _MILITARY, 0.75),
        ("po-box", _PO_BOX, 0.7),
        ("corner", _CORNER, 0.65),
        ("zip-code", _ZIP_CUE, 0.6),
    ):
        for match in pattern.finditer(text):
            start, end = match.span("value") if "value" in pattern.groupindex else match.span()
            if how in ("military", "po-box"):
                end, _points = _tail(text, end)
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


class StreetAddressRecognizer(LocalRecognizer):
    """Presidio recognizer for STREET_ADDRESS built on `address_spans`."""

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=[ENTITY],
            supported_language=language,
            context=[],
            name="StreetAddressRecognizer",
        )

    def load(self) -> None:
        """Nothing to load: the lexicon is compiled at import, the places load on first use."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and ENTITY not in entities:
            return []
        return [
            RecognizerResult(
                entity_type=ENTITY,
                start=start,
                end=end,
                score=score,
                analysis_explanation=AnalysisExplanation(f"{self.name}:{how}", score),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: f"{self.name}:{how}",
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for start, end, score, how in address_spans(text)
        ]
