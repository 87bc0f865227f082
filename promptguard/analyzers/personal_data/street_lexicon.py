"""The street-address lexicon: street types, unit words and the words that end a name.

Kept apart from the patterns so that the lists can be read (and extended) as lists: they are
written from each language's addressing conventions, never from one data set's strings.
"strong" types are rarely anything but a street; "weak" ones are also ordinary words
("place", "via", "Drive", "Court") and need one more piece of evidence.
"""

from __future__ import annotations

import regex as re


def _words(words: str) -> tuple[str, ...]:
    """Space-separated words, longest first."""
    return tuple(sorted(set(words.split()), key=len, reverse=True))


def _alt(words: str) -> str:
    """A regex alternation of space-separated words, longest first, dots escaped."""
    return "|".join(re.escape(w) for w in _words(words))


#: Types written before the street name.
PREFIX_STRONG = _words(
    # French
    "rue avenue av. bd boulevard bld. impasse imp. allée allee chemin quai faubourg fbg "
    "rond-point esplanade parvis promenade montée ruelle sente traverse chaussée "
    # Spanish, Catalan
    "calle c/ avenida avda. avda paseo pº plaza pza. carretera ctra. camino ronda travesía "
    "glorieta callejón pasaje rambla carrer avinguda passeig plaça calzada bulevar "
    "prolongación jirón jr. alameda rodovia "
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
PREFIX_WEAK = _words(
    "place pl. cours route passage square villa cité voie sentier rampe hameau résidence "
    "lotissement galerie via corso largo borgo vico calle r. av av. avenue "
    # Spanish (Spain, Mexico, Argentina, Colombia)
    "cuesta pasadizo vía cañada urbanización acceso bajada senda vial subida peatonal "
    "continuación circuito cerrada privada retorno diagonal corredor periférico eje "
    "carrera cra. kr. cl. dg. transversal "
    # Portuguese (Brazil)
    "campo setor quadra conjunto vila vereda recanto residencial núcleo trecho parque "
    "jardim chácara loteamento "
    # Indonesian, Malay, Vietnamese, South Slavic
    "gang gg. jl jln hẻm ngõ trg"
)
#: Types written after the street name, as a word of their own.
SUFFIX_STRONG = _words(
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
SUFFIX_WEAK = _words(
    "drive dr. way court ct ct. place pl. square sq sq. circle cir hill walk row close "
    "gardens grove trail plaza quay wharf yard parade loop path pike point view rise green "
    "heights ridge gate run crossing commons bend chase wynd "
    # the rest of the US Postal Service's street suffixes (Publication 28, appendix C1),
    # and British, Australian and Indian ones: ordinary words too, so weak
    "alley anex arcade bayou beach bluff bluffs bottom branch bridge brook brooks burg burgs "
    "bypass camp canyon cape center centers circles cliff cliffs club common corner corners "
    "course courts cove coves creek crest crossroad curve dale dam divide drives estate "
    "estates extension extensions fall falls ferry field fields flat flats ford fords forest "
    "forge forges fork forks fort freeway garden gateway glen glens greens groves harbor "
    "harbors haven hills hollow inlet island islands isle junction junctions key keys knoll "
    "knolls lake lakes land landing light lights loaf lock locks lodge mall manor manors "
    "meadow meadows mill mills mission motorway mount mountain mountains neck orchard oval "
    "overpass park parks parkways pass passage pine pines plain plains points port ports "
    "prairie radial ramp ranch rapid rapids rest ridges river roads route shoal shoals shore "
    "shores skyway spring springs spur spurs squares station stravenue stream streets summit "
    "throughway trace track trafficway tunnel underpass union unions valley valleys viaduct "
    "views village villages ville vista walks wall ways well wells "
    "circuit concourse outlook promenade retreat ramble wade end approach ride alleyway "
    "boulevarde brace glade grange nook pathway quadrant reserve strip turn vale "
    "marg chowk nagar "
    # Hungarian, Estonian, Finnish, South Slavic, Turkish
    "ring u. sor tee tie put šetalište naselje"
)
#: Types fused to the end of the street name ("Michaelkirchstr.", "Västerviksgatan").
COMPOUND = _alt(
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
UNIT_WORDS = _words(
    "apt apt. apartment appt appt. app. suite ste ste. unit flat fl. floor room rm rm. bldg "
    "bldg. building # no. nº n° dept lot bâtiment bât. bat. étage etage escalier esc. porte "
    "piso planta puerta pta. andar sala bloco interno int. scala piano wohnung whg. stiege "
    "tür top lgh"
)
#: Words that end a street name: English function words and verbs of the sentences
#: addresses sit in (particles such as "de", "van", "di" stay: they belong to names).
STOP_WORDS = _words(
    "a an the and or but if in on at to for from by with without of is are was were be been "
    "am my your his her their our its this that these those it i me you he she we they him "
    "them us please pls last next near into onto over under up down out off here there when "
    "where then than so as not no yes does did have has had will would can could should "
    "may might must about after before since until while also just only very too all any "
    "some each every both more most other such what which who why how call send sent case "
    "card ok okay thanks thank pour dans avec est chez "
    "apt apartment suite ste unit flat floor room box"
)

#: Abbreviations whose dot does not end a sentence ("St. John", "Dr. Ruiz", "Av. Paulista");
#: any other word's dot does ("rue Victor Hugo. Propriétaire …").
NAME_ABBREVIATIONS = _words(
    "st ste sto sta dr mt ft gen col sgt lt pres prof rev jr sr dom av bd pl no nr ul al os "
    "str cl dg kr cra jl jln gg tv pr per vul bul leof nám tř mgr ing dott sv sw ne nw se"
)
#: Particles inside street names ("Rua do Salitre", "Carry van Bruggenweg").
PARTICLES = _words(
    "de del della delle dei degli di da do dos das du des la le les van von der den het ten "
    "ter te zu zum zur am an im auf y e i el al och og af av na nad pod"
)

#: The lists as `regex` named lists (`\L<name>`): a set lookup, cheap to compile and match.
NAME_LISTS: dict[str, tuple[str, ...]] = {
    "prefix_strong": PREFIX_STRONG,
    "prefix_weak": PREFIX_WEAK,
    "suffix_strong": SUFFIX_STRONG,
    "suffix_weak": SUFFIX_WEAK,
    "unit_words": UNIT_WORDS,
    "stop_words": STOP_WORDS,
    "name_abbreviations": NAME_ABBREVIATIONS,
    "particles": PARTICLES,
}
