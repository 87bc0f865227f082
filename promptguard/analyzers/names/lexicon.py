"""The shipped name lists (people, artists, works) and fast matching over them.

Both the public-figure and the copyrighted-work analyzers look names up in the same lists,
so they share one `Lexicon`: one tokenisation of the prompt, one trie walk over it.
The hooks run on every commit, so the cold start matters: the parsed lists and the compiled
indexes are marshalled once into the user cache folder, keyed by a hash of the shipped files,
and later processes load that file instead of re-reading ~100k TSV rows.

Normalisation is the same at build time and at run time (`fold`): casefold, accents off,
every run of non-letters is a single space, so `Beyoncé`, `BEYONCE` and `beyonce` meet.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from promptguard import disk_cache
from promptguard._util import get_logger
from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.packed import (
    ARTIST,
    PERSON,
    WORK,
    KeyTable,
    Lexicon,
    PackedRefs,
    PackedRows,
)
from promptguard.analyzers.names.prompt_syntax import OTHER_LANGUAGE_STYLE_CUES
from promptguard.analyzers.resources import wordlist
from promptguard.errors import WordlistMissing
from promptguard.nlp.startup import long_lived

#: Bump when the pickled layout changes, so old caches are ignored.
CACHE_VERSION = 13
#: Shipped files the lexicon is compiled from (people_pantheon.tsv is CC BY-SA, kept apart).
PEOPLE_FILES = (
    "people.tsv",
    "people_pantheon.tsv",
    "people_supplement.tsv",
    "people_curated.tsv",
)
SOURCE_FILES = (
    *PEOPLE_FILES,
    "artists.tsv",
    "works.tsv",
    "not_names.tsv",
    "plain_words.tsv",
    "common_words.tsv",
    "common_names.tsv",
)


log = get_logger(__name__)


def read_wordlist(name: str) -> list[list[str]]:
    """The rows of a shipped TSV wordlist, header and comment lines left out."""
    resource = wordlist(name)
    if not resource.is_file():
        raise WordlistMissing(f"wordlist {name!r} is missing from the installation")
    lines = resource.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines[1:] if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary English and French words (`common_words.tsv`): the lexicon keeps them from
    matching as names, and the intent rules from reading them as proper nouns."""
    return frozenset(r[0] for r in read_wordlist("common_words.tsv") if r)


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


#: A trailing parenthetical qualifier of a list title.
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")

#: A two-part famous name needs this fame to be matched with a typo.
FUZZY_MIN_FAME = 40
#: A surname alone needs this fame (and must be distinctive) to be matched.
SURNAME_MIN_FAME = 80


def _compile() -> dict:
    """Parse the TSVs and build the trie and fuzzy indexes (slow path, ~3 s, cached)."""
    people: list[tuple] = []
    keys: dict[str, int] = {}
    refs: list[list[tuple[str, int, bool]]] = []
    person_of: dict[str, int] = {}

    def add_key(raw: str, ref: tuple[str, int, bool]) -> None:
        key = fold(raw)
        if len(key) < 2:
            return
        key_id = keys.get(key)
        if key_id is None:
            key_id = keys[key] = len(refs)
            refs.append([])
        if not any(r[0] == ref[0] and r[1] == ref[1] for r in refs[key_id]):
            refs[key_id].append(ref)

    for file_name in PEOPLE_FILES:
        for row in read_wordlist(file_name):
            if len(row) < 6:
                continue
            name, aliases, kind, birth, death, fame = row[:6]
            source = row[6] if len(row) > 6 else file_name.removesuffix(".tsv")
            person = (name, kind, _int(birth), _int(death), _int(fame) or 0, source)
            folded = fold(name)
            index = person_of.get(folded)
            if index is not None:
                people[index] = _merge_person(people[index], person)
            else:
                index = len(people)
                people.append(person)
                person_of[folded] = index
                add_key(name, (PERSON, index, False))
            for alias in filter(None, aliases.split("|")):
                add_key(alias, (PERSON, index, True))

    artists: list[tuple] = []
    for row in read_wordlist("artists.tsv"):
        name, aliases, birth, death, style, kind, source = (row + [""] * 7)[:7]
        index = len(artists)
        artists.append((name, _int(birth), _int(death), style == "1", kind or "ARTIST", source))
        add_key(name, (ARTIST, index, False))
        for alias in filter(None, aliases.split("|")):
            add_key(alias, (ARTIST, index, True))

    # "in the style of Haring": a style artist's surname alone, when no other style artist
    # shares it (only ever used next to a style phrase, by the copyrighted-work analyzer).
    surname_owner: dict[str, int | None] = {}
    for index, (name, _birth, _death, style, *_rest) in enumerate(artists):
        parts = fold(name).split()
        if style and len(parts) >= 2 and len(parts[-1]) >= 4:
            surname_owner[parts[-1]] = None if parts[-1] in surname_owner else index
    for surname, index in surname_owner.items():
        key_id = keys.get(surname)
        known = refs[key_id] if key_id is not None else []
        if index is not None and not any(r[0] == ARTIST for r in known):
            add_key(surname, (ARTIST, index, True))

    works: list[tuple] = []
    ordinary = common_words()
    plain_file = wordlist("plain_words.tsv")
    plain = (
        frozenset(plain_file.read_text(encoding="utf-8").split("\n")[1:])
        if plain_file.is_file()
        else frozenset()
    )
    for row in read_wordlist("works.tsv"):
        title, kind, maker, year, aliases, category, source = (row + [""] * 7)[:7]
        index = len(works)
        works.append((title, kind, maker, _int(year), category, source))
        add_key(title, (WORK, index, False))
        for alias in filter(None, aliases.split("|")):
            add_key(alias, (WORK, index, True))
        # "Saitama (One-Punch Man)", "Inside Out (Pixar film)": the list's qualifier says
        # which one is meant; prompts write the name alone.
        bare = _QUALIFIER.sub("", title).strip()
        if bare != title and len(fold(bare)) >= 2:
            add_key(bare, (WORK, index, True))
        # "mandalorian" for "The Mandalorian": the article is often left out.
        parts = fold(title).split()
        rest = parts[1:]
        if (
            len(parts) >= 2
            and parts[0] in ("the", "a", "an")
            and len("".join(rest)) >= 5
            and not all(w in plain or w in ordinary for w in rest)
            and (len(rest) >= 2 or kind in ("SERIES", "FRANCHISE", "CHARACTER"))
        ):  # a one-word film ("The Favourite") stays with its article
            add_key(" ".join(rest), (WORK, index, True))
        for variant in _title_variants(parts, kind, category, plain):
            add_key(variant, (WORK, index, True))

    # Brands, platforms, software, studios, art movements (not_names.tsv): not people.
    not_names: dict[str, str] = {}
    try:
        rows = read_wordlist("not_names.tsv")
    except WordlistMissing:
        rows = []
    for row in rows:
        name, kind, aliases = (row + [""] * 3)[:3]
        for raw in (name, *filter(None, aliases.split("|"))):
            key = fold(raw)
            if key:
                not_names.setdefault(key, kind)

    names = read_wordlist("common_names.tsv")
    prefixes: set[str] = set()
    for key in keys:
        parts = key.split()
        for end in range(1, len(parts)):
            prefixes.add(" ".join(parts[:end]))

    data = {
        "people": people,
        "artists": artists,
        "works": works,
        "keys": keys,
        "refs": PackedRefs.pack(refs),
        "prefixes": prefixes,
        "common_words": common_words(),
        "not_names": not_names,
        "common_first": frozenset(r[0] for r in names if len(r) > 1 and r[1] == "first"),
        "common_last": frozenset(r[0] for r in names if len(r) > 1 and r[1] == "last"),
    }
    _index_fuzzy(data)
    for table in ("people", "artists", "works"):
        data[table] = PackedRows.pack(data[table])
    data["keys"] = KeyTable.pack(data["keys"], data.pop("prefixes"))
    return data


def _title_variants(parts: list[str], kind: str, category: str, plain: frozenset) -> list[str]:
    """How prompts also write a title: years with spaced digits ("blade runner 2 0 4 9", as
    some prompt sites store them), run together ("bladerunner"), and an anime or manga
    character's name in either order ("ayanami rei")."""
    variants = []
    if any(p.isdigit() and len(p) >= 2 for p in parts):
        variants.append(" ".join(" ".join(p) if p.isdigit() else p for p in parts))
    joined = "".join(parts)
    if (
        kind in ("FILM", "SERIES", "FRANCHISE")
        and 2 <= len(parts) <= 3
        and len(joined) >= 8
        and joined.isalpha()
        and joined not in plain
    ):
        variants.append(joined)
    if kind == "CHARACTER" and category in ("ANIME", "MANGA") and len(parts) == 2:
        variants.append(f"{parts[1]} {parts[0]}")
    # "doctor evil" for "Dr. Evil", "mister freeze" for "Mr. Freeze".
    if len(parts) >= 2 and parts[0] in _TITLE_WORDS:
        variants.append(" ".join([_TITLE_WORDS[parts[0]], *parts[1:]]))
    return variants


#: A title word and how else prompts spell it.
_TITLE_WORDS = {"dr": "doctor", "doctor": "dr", "mr": "mister", "mister": "mr"}


def _merge_person(old: tuple, new: tuple) -> tuple:
    """Same normalised name in two files: keep the most famous row, with the other row's death
    year if only that one knows it and the birth years agree (an older snapshot, Pantheon's of
    2014, still shows someone who has died since as living)."""
    keep, other = (old, new) if old[4] >= new[4] else (new, old)
    same_birth = keep[2] is None or other[2] is None or keep[2] == other[2]
    if keep[3] is None and other[3] is not None and same_birth:
        keep = (*keep[:3], other[3], *keep[4:])
    return keep


def _other_entry(data: dict, refs: PackedRefs, word: str) -> bool:
    """Whether `word` is an entry of its own, so not a famous surname alone; a character the
    list had to qualify ("Kafka (Honkai Star Rail)") leaves Franz Kafka his surname."""
    key_id = data["keys"].get(word)
    if key_id is None:
        return False
    works = data["works"]
    return not all(kind == WORK and "(" in works[i][0] for kind, i, _alias in refs[key_id])


def _index_fuzzy(data: dict) -> None:
    """Index famous two-or-more-part names by first and by last token for typo lookup."""
    people = data["people"]
    refs = PackedRefs(*data["refs"])
    by_first: dict[str, list[tuple[str, str]]] = {}
    by_last: dict[str, list[tuple[str, str]]] = {}
    for key, key_id in data["keys"].items():
        parts = key.split()
        if len(parts) < 2:
            continue
        for kind, index, _alias in refs[key_id]:
            if kind == PERSON and people[index][4] >= FUZZY_MIN_FAME:
                by_first.setdefault(parts[0], []).append((parts[-1], key))
                by_last.setdefault(parts[-1], []).append((parts[0], key))
                break
    data["by_first"] = by_first
    data["by_last"] = by_last

    common = data["common_words"] | data["common_first"] | data["common_last"]
    surname_count: dict[str, int] = {}
    for person in people:
        parts = fold(person[0]).split()
        if len(parts) >= 2:
            surname_count[parts[-1]] = surname_count.get(parts[-1], 0) + 1
    surnames: dict[str, int] = {}
    for index, person in enumerate(people):
        parts = fold(person[0]).split()
        if len(parts) < 2 or person[4] < SURNAME_MIN_FAME:
            continue
        last = parts[-1]
        if (
            surname_count.get(last, 0) == 1
            and len(last) >= 5
            and last not in common
            and not _other_entry(data, refs, last)
        ):
            surnames[last] = index
    data["surnames"] = surnames


def _sources() -> list[Path]:
    """The shipped lists the lexicon is compiled from, as files (a zipped install has none:
    the cache key then only holds their names, and a rebuild follows the version)."""
    return [Path(str(wordlist(name))) for name in SOURCE_FILES]


#: Phrases that ask for the look of someone else's work (EN, FR, and the other languages'
#: "style of"); shared by both analyzers.
STYLE_PHRASE = re.compile(
    r"\b(?:in\s+the\s+(?:visual\s+|art\s+|artistic\s+|painting\s+|drawing\s+)?style\s+of"
    r"|(?:in\s+the\s+)?manner\s+of|inspired\s+by|influenced\s+by|reminiscent\s+of"
    r"|(?:^|(?<=[,;:(|\n]\s)|(?<=[,;:(|\n]))style\s+of"  # a tag: "anime, style of X"
    r"|(?:^|(?<=[,;:(|\n]\s)|(?<=[,;:(|\n]))style(?=\s+(?-i:[A-Z]))"  # "…, style Uderzo"
    r"|homage\s+to|a\s+la\s+|à\s+la\s+(?:manière\s+de\s+)?|a\s+la\s+maniere\s+de"
    r"|like\s+a\s+(?:frame|still|scene|shot|panel|page|painting|photo|poster)\s+from"
    r"|(?:a\s+)?(?:frame|still|shot|scene)\s+from|in\s+the\s+look\s+of|look\s+of"
    rf"|{OTHER_LANGUAGE_STYLE_CUES}"
    r"|dans\s+le\s+style\s+(?:de|d'|du|des)|(?:dans\s+l'|à\s+l'|a\s+l')esprit\s+(?:de|d'|du)"
    r"|inspiré(?:e|es|s)?\s+(?:de|par|d'|du|des)|façon|facon|style\s+(?:de|d'|du|des)"
    r"|comme\s+(?:dans|un\s+plan\s+de|une\s+image\s+de)|(?:art|painted|drawn|illustrated)\s+by"
    r"|(?:trending\s+on\s+artstation\s+)?by\s+artist)\b",
    re.IGNORECASE,
)
#: "Ghibli-style", "Kubrick-esque", "Wes Anderson style", "style Wes Anderson".
STYLE_AFTER = re.compile(
    r"^(?:[-\s]?(?:style|styled|esque|like|inspired|aesthetic|vibes?|look)\b|'s\s+style\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=32)
def _style_phrase_ends(text: str) -> tuple[int, ...]:
    """Where each style phrase of the text ends; found once per text."""
    return tuple(match.end() for match in STYLE_PHRASE.finditer(text))


def style_context(text: str, start: int, end: int) -> bool:
    """Whether the words right around text[start:end] ask for its style."""
    for phrase_end in _style_phrase_ends(text):
        if phrase_end <= start and not text[phrase_end:start].strip(" \t\"'“«‘"):
            return True
    return bool(STYLE_AFTER.match(text[end : end + 20]))


def load_lexicon(use_cache: bool = True) -> Lexicon:
    """Load the lexicon from the user cache, compiling and caching it when stale.

    The tables are plain tuples and dicts stored with `marshal`, the fastest loader for
    them, through `disk_cache`: versioned, verified, and kept per install, so a virtualenv
    and the pre-commit framework's environment no longer evict each other's file."""
    if not use_cache:
        return Lexicon(_compile())
    data = disk_cache.load_or_build(
        "lexicon",
        CACHE_VERSION,
        _sources(),
        _compile,
        valid=lambda data: isinstance(data, dict) and "surnames" in data and "not_names" in data,
    )
    return Lexicon(data)


_shared: Lexicon | None = None
_lock = threading.Lock()


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, loaded on first use."""
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                with long_lived():
                    _shared = load_lexicon()
    return _shared
