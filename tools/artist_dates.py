"""Years for the undated style artists, from the dated names the open data already holds.

An undated artist counts as in copyright, so a master listed under another spelling than the
museum tables' (a transliteration, a dropped middle name or particle, a family name first)
needed a clearance it does not. This joins each undated style name to the dated names of the
Tate, MoMA and NGA tables (with NGA's variant names) and of Wikidata's deceased painters (with
their English Wikipedia titles), looser step by step, and takes years only from a person of an
art occupation: a Wikidata actor or general of the same name is someone else. Two different
artists behind one name (father and son, namesakes) give the later death year when every one of
them is dead, and no years when one may be alive: a wrong death year would make a living
artist's style look free to use.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

from promptguard.analyzers.names.folding import fold

#: Name particles and generation marks that one source writes and another drops.
PARTICLES = frozenset(
    re.findall(
        r"\w+", "van von vom de der den del della des di da dos das do du la le ten ter af zu y e"
    )
)
TITLES = frozenset(re.findall(r"\w+", "sir dame lord lady the"))
#: A father's and a son's marks: a name that carries one is only the artist who carries it
#: ("Ludwik Konarzewski Jr" is not his father), a name without one may be either.
GENERATIONS = frozenset(re.findall(r"\w+", "i ii iii iv jr sr elder younger junior senior"))
#: Spelling pairs of one sound across transliterations and languages, applied in order.
_SPELLINGS = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("cz", "ch"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("ou", "u"),
)
#: Given names a letter apart (loosely spelt) that are a man's and a woman's.
GENDERED = ({"francis", "frances"}, {"luis", "luise"}, {"mario", "maria"}, {"carlo", "carla"})
_DOUBLE = re.compile(r"(.)\1+")
#: Wikipedia's disambiguating suffix of a page title: "John Smith (painter)".
_QUALIFIER = re.compile(r"\s*\(([^)]*)\)\s*$")
#: NGA name types that are the same person's other names (not a spouse's or a group's).
NGA_ALIAS_TYPES = frozenset(
    {
        "Variant",
        "Variant Index Name",
        "Full Name",
        "Married Name",
        "Maiden Name",
        "Nickname/Pseudonym",
        "Original Name",
        "Birth Name",
        "Unicode Display Name",
    }
)


def loose_token(token: str) -> str:
    """A folded token in a spelling shared by its transliterations: `Bashkirtseff` and
    `Bashkirtsev`, `Wassily` and `Vasily` meet."""
    for old, new in _SPELLINGS:
        token = token.replace(old, new)
    if token.endswith("ff"):
        token = token[:-2] + "v"
    return _DOUBLE.sub(r"\1", token)


def loose_tokens(name: str, generations: bool = False) -> tuple[str, ...]:
    """The name's tokens without particles and titles (and generation marks unless asked
    for), loosely spelt."""
    dropped = PARTICLES | TITLES if generations else PARTICLES | TITLES | GENERATIONS
    tokens = (t for t in fold(name).split() if t not in dropped)
    return tuple(t if t in GENERATIONS else loose_token(t) for t in tokens)


def forward(display: str) -> str:
    """NGA's index form "Velde, Esaias van de" as "Esaias van de Velde"."""
    if ", " not in display:
        return display
    last, first = display.split(", ", 1)
    return f"{first} {last}"


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class DatedNames:
    """Every dated name of an art occupation, indexed by its exact, loose and partial forms."""

    def __init__(self) -> None:
        #: (level, key) -> {(birth, death, source)}
        self.index: dict[tuple[str, object], set[tuple]] = {}
        #: surname -> [(given name, middle names, person)]
        self.surnames: dict[str, list[tuple]] = {}

    def add(self, name: str, birth: int | None, death: int | None, source: str) -> None:
        key = fold(name)
        if birth is None and death is None or len(key) < 4:
            return
        person = (birth, death, source)
        self.index.setdefault(("exact", key), set()).add(person)
        loose = loose_tokens(name)
        if len(loose) < min(2, len(key.split())):
            return  # "E. Smith" is no "Smith"
        self.index.setdefault(("loose", loose), set()).add(person)
        self.index.setdefault(("loose", loose_tokens(name, True)), set()).add(person)
        if len(key.split()) == 2:
            # Family name first or last ("Hayami Gyoshu", "Gyoshu Hayami"), as written.
            self.index.setdefault(("reversed", " ".join(key.split()[::-1])), set()).add(person)
        if len(loose) >= 2:
            self.surnames.setdefault(loose[-1], []).append((loose[0], loose[1:-1], person))

    def lookup(self, name: str) -> tuple[set[tuple], str]:
        """The people the name may be, and how it was matched ("" when nobody)."""
        key, loose = fold(name), loose_tokens(name)
        found = self.index.get(("exact", key))
        if found:
            return found, "exact"
        if len(loose) < min(2, len(key.split())):
            return set(), ""
        marked = loose_tokens(name, True)
        found = self.index.get(("loose", marked))
        if found:
            return found, "spelling"
        if marked != loose:
            return set(), ""  # a "II" or "Jr" must be matched as written
        # Reversed, only a dead artist: MoMA's living "Lu Zhang" is not the Ming "Zhang Lu".
        found = {p for p in self.index.get(("reversed", key), ()) if p[1] is not None}
        if found:
            return found, "reversed"
        if len(loose) < 2:
            return set(), ""
        given, middles = loose[0], loose[1:-1]
        bearers = self.surnames.get(loose[-1], [])
        # "Gustave Boulanger" is "Gustave Clarence Rodolphe Boulanger", "Camille Corot" is
        # "Jean-Baptiste-Camille Corot"; "Richard T. Scott" is no "Richard Henry Scott".
        found = {p for g, m, p in bearers if given in (g, *m) and _fits(middles, m)}
        if found:
            return found, "name_parts"
        # A given name spelt a letter apart (Aleksandr, Alexander; Georg, George), the
        # surname the same; short names stay exact ("Harry" is no "Harvey").
        found = {
            p
            for g, m, p in bearers
            if min(len(given), len(g)) >= 5
            and g[:2] == given[:2]
            and _distance(g, given) == 1
            and {g, given} not in GENDERED
            and _fits(middles, m)
        }
        return (found, "near_given") if found else (set(), "")


def _fits(wanted: tuple[str, ...], middles: tuple[str, ...]) -> bool:
    """Each middle name (or initial) the style name gives is among the candidate's."""
    return all(any(m == w or (len(w) == 1 or len(m) == 1) and m[0] == w[0] for m in middles)
               for w in wanted)  # fmt: skip


def distinct(people: set[tuple]) -> list[tuple]:
    """The different persons among several dated entries: the same birth and death give or
    take two years (sources round a disputed year differently) are one person."""
    persons: list[tuple] = []
    for birth, death, source in sorted(people, key=lambda p: (p[0] or 0, p[1] or 0, p[2])):
        for i, (b, d, s) in enumerate(persons):
            same_birth = birth is None or b is None or abs(birth - b) <= 2
            same_death = death is None or d is None or abs(death - d) <= 2
            if same_birth and same_death and (birth is not None or death is not None):
                # Keep the fuller record (a death year over none).
                if d is None and death is not None or b is None and birth is not None:
                    persons[i] = (birth if birth is not None else b, death or d, s)
                break
        else:
            persons.append((birth, death, source))
    return persons


def resolve(people: set[tuple]) -> tuple[int | None, int | None, str] | None:
    """One person's years, or the latest-dying namesake's when every namesake is dead;
    None when one of them may be alive (no death year) among several."""
    persons = distinct(people)
    if len(persons) == 1:
        return persons[0]
    if any(death is None for _birth, death, _source in persons):
        return None
    birth, death, source = max(persons, key=lambda p: p[1])
    return birth, death, source + "_homonyms"


def dated_names(data: Path, artists: dict[str, dict]) -> DatedNames:
    """The dated artists already built, NGA's variant names, Wikidata's painters."""
    names = DatedNames()
    for row in artists.values():
        if row["dates"] and "supplement" not in row["from"]:
            source = row["dates"].split("+")[0].split("_")[0]
            for name in (row["name"], *row["aliases"]):
                names.add(name, row["birth"], row["death"], source)
    art = data / "artists_works/nga"
    years: dict[str, tuple] = {}
    with (art / "constituents.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["artistofngaobject"] == "1" and row["constituenttype"] == "individual":
                years[row["constituentid"]] = (_year(row["beginyear"]), _year(row["endyear"]))
    with (art / "constituents_altnames.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["nametype"] in NGA_ALIAS_TYPES and row["constituentid"] in years:
                birth, death = years[row["constituentid"]]
                names.add(forward(row["displayname"]), birth, death, "nga")
    wikidata = data / "people/wikidata_deceased_by_occupation/wikidata_deceased_people.csv"
    with wikidata.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if "painters" not in row["occupation_groups"].split("|"):
                continue
            birth = _year(max(row["birth_year"].split("|") or [""]))
            death = _year(max(row["death_year"].split("|") or [""]))
            names.add(row["name"], birth, death, "wikidata_painters")
            title = unquote(row["enwiki_url"].rsplit("/", 1)[-1]).replace("_", " ")
            if title:
                names.add(_QUALIFIER.sub("", title), birth, death, "wikidata_painters")
    return names


def _year(value: str | None) -> int | None:
    match = re.match(r"\s*(-?\d{1,4})", value or "")
    return int(match.group(1)) or None if match else None


def curated_dates(path: Path, artists: dict[str, dict]) -> Counter:
    """Years written from general knowledge (`artists_dates_curated.tsv`) for listed artists
    no data set dates; a data set's years, where there are some, are kept."""
    counts: Counter = Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle, delimiter="\t"):
            row = artists.get(fold(line["name"]))
            if row is None:
                counts["curated_dates_not_listed"] += 1
            elif row["dates"] or "supplement" in row["from"]:
                counts["curated_dates_already_dated"] += 1
            else:
                row["birth"], row["death"] = _year(line["birth_year"]), _year(line["death_year"])
                row["dates"] = "curated"
                counts["dates_curated"] += 1
    return counts


def fill_dates(data: Path, artists: dict[str, dict], curated: Path) -> Counter:
    """Give the undated, uncurated style artists the years of the dated artist they are
    (the curated years first); returns how many were filled by each kind of match."""
    counts = curated_dates(curated, artists)
    names = dated_names(data, artists)
    for row in artists.values():
        if row["dates"] or not row["style"] or "supplement" in row["from"]:
            continue
        people, how = names.lookup(row["name"])
        found = resolve(people) if people else None
        if found is None:
            counts["left_undated" if not people else "left_ambiguous"] += 1
            continue
        row["birth"], row["death"], source = found
        row["dates"] = f"{source}_{how}" if how != "exact" else source
        counts[f"dates_joined_{how}"] += 1
    return counts
