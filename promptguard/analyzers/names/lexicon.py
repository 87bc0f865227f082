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

import hashlib
import marshal
import os
import re
import sys
import threading
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from promptguard._util import atomic_write
from promptguard.analyzers.resources import wordlist
from promptguard.errors import WordlistMissing
from promptguard.nlp.startup import long_lived

#: Bump when the pickled layout changes, so old caches are ignored.
CACHE_VERSION = 10
#: Shipped files the lexicon is compiled from (people_pantheon.tsv is CC BY-SA, kept apart).
PEOPLE_FILES = ("people.tsv", "people_pantheon.tsv", "people_supplement.tsv")
SOURCE_FILES = (
    *PEOPLE_FILES,
    "artists.tsv",
    "works.tsv",
    "not_names.tsv",
    "plain_words.tsv",
    "common_words.tsv",
    "common_names.tsv",
)

#: Born this many years ago or more and no death date known: certainly dead.
CERTAINLY_DEAD_AGE = 115
#: Copyright in a work runs for the author's life plus this many years (EU, UK, US post-1978).
COPYRIGHT_YEARS_AFTER_DEATH = 70
#: A work published this many years ago is public domain in the US (95 years + the year itself).
PUBLISHED_PUBLIC_DOMAIN_AGE = 96
#: Post-mortem personality rights last at most ~100 years (Indiana); older dead are history.
HISTORICAL_AFTER_YEARS = 100

_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_SPECIAL = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=4096)
def fold_token(token: str) -> str:
    """One token, case and accents folded: `Beyoncé` -> `beyonce`, `Straße` -> `strasse`.

    The cache is kept small: a service sees new tokens (names, numbers) with every prompt,
    and 65,536 entries grew its memory by ~15 MB; the frequent words stay in 4,096."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_SPECIAL)


def fold(text: str) -> str:
    """The normalised form used for every key and every lookup."""
    return " ".join(fold_token(t) for t in _TOKEN.findall(text))


@dataclass
class Tokens:
    """A text cut into word tokens, with their folded forms and original offsets."""

    text: str
    starts: list[int]
    ends: list[int]
    folded: list[str]


@lru_cache(maxsize=32)
def tokenize(text: str) -> Tokens:
    """Tokenise once per text; both analyzers call this on the same prompt."""
    starts: list[int] = []
    ends: list[int] = []
    folded: list[str] = []
    for match in _TOKEN.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        folded.append(fold_token(match.group()))
    return Tokens(text, starts, ends, folded)


def current_year() -> int:
    return date.today().year


@dataclass(frozen=True)
class Person:
    name: str
    kind: str
    birth: int | None
    death: int | None
    fame: int
    #: Which list(s) the entry comes from ("wikidata", "pantheon|fivethirtyeight", ...).
    source: str = ""

    def deceased(self, year: int | None = None) -> bool:
        year = year or current_year()
        return self.death is not None or (
            self.birth is not None and self.birth <= year - CERTAINLY_DEAD_AGE
        )

    def historical(self, year: int | None = None) -> bool:
        """Dead so long ago that no estate controls the likeness any more."""
        if self.kind == "historical" and self.birth is None and self.death is None:
            return True  # an undated historical figure (the list says so): not a living one
        year = year or current_year()
        if self.death is not None:
            return self.death < year - HISTORICAL_AFTER_YEARS
        return self.birth is not None and self.birth < year - HISTORICAL_AFTER_YEARS - 80


@dataclass(frozen=True)
class Artist:
    name: str
    birth: int | None
    death: int | None
    #: 1 when the name is used as a "style" in image prompts (CLIP Interrogator list).
    style: bool
    #: ARTIST or GROUP (a collective, a duo).
    kind: str = "ARTIST"
    #: Which list(s) the entry comes from ("tate", "moma", "clip_interrogator", "supplement").
    source: str = ""

    def in_copyright(self, year: int | None = None) -> bool:
        """Alive, or dead for less than 70 years; computed from today's year, not the build's."""
        year = year or current_year()
        if self.death is not None:
            return year - self.death <= COPYRIGHT_YEARS_AFTER_DEATH
        return self.birth is None or self.birth > year - CERTAINLY_DEAD_AGE


@dataclass(frozen=True)
class Work:
    title: str
    type: str
    maker: str
    year: int | None
    #: Finer than `type`: GAME, ANIME, COMIC, BOOK, STUDIO... (empty in older lists).
    category: str = ""
    source: str = ""

    def public_domain(self, maker_death: int | None, year: int | None = None) -> bool:
        """Artworks: the maker's life + 70 years. Films and series: 95 years after release.
        Characters and franchises live on in later works, so they never lapse here."""
        year = year or current_year()
        if maker_death is not None:
            return year - maker_death > COPYRIGHT_YEARS_AFTER_DEATH
        if self.type in ("CHARACTER", "FRANCHISE"):
            return False
        return self.year is not None and self.year <= year - PUBLISHED_PUBLIC_DOMAIN_AGE


#: Reference kinds in `Lexicon.refs`.
PERSON, ARTIST, WORK = "p", "a", "w"
_KINDS = (PERSON, ARTIST, WORK)


def _unpacked(typecode: str, data: bytes) -> array:
    """An integer array from the bytes `array.tobytes()` wrote into the cache."""
    unpacked = array(typecode)
    unpacked.frombytes(data)
    return unpacked


class PackedRefs:
    """The references of every key, packed into two integer arrays (about 1 MB instead of
    the 15 MB that 100,000 tuples of tuples take in a long-running service).

    `refs[key_id]` gives the same tuple of (kind, index, is_alias) as a plain list would;
    each reference is one integer: index << 3 | kind << 1 | is_alias."""

    def __init__(self, codes: bytes, starts: bytes) -> None:
        self._codes = _unpacked("q", codes)
        self._starts = _unpacked("q", starts)

    @staticmethod
    def pack(refs: list[list[tuple[str, int, bool]]]) -> tuple[bytes, bytes]:
        codes, starts = array("q"), array("q", [0])
        for key_refs in refs:
            codes.extend((i << 3) | (_KINDS.index(k) << 1) | int(a) for k, i, a in key_refs)
            starts.append(len(codes))
        return codes.tobytes(), starts.tobytes()

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, key_id: int) -> tuple[tuple[str, int, bool], ...]:
        if not 0 <= key_id < len(self):
            raise IndexError(key_id)
        codes = self._codes[self._starts[key_id] : self._starts[key_id + 1]]
        return tuple((_KINDS[(c >> 1) & 3], c >> 3, bool(c & 1)) for c in codes)


class KeyTable:
    """Every folded key and every proper token prefix of one ("meryl" of "meryl streep"),
    as sorted 64-bit BLAKE2b hashes and one integer each: about 2.5 MB, where a dict and a
    set of the 160,000 strings take 18 MB in every process.

    Looking a string up costs about 1.4 us instead of 0.4 us: finding every key in a
    300-character prompt takes about 0.06 ms instead of 0.02 ms. A string that is no key
    matches a key's hash with odds of 160,000 in 2^64; two keys with the same hash fail the
    build instead of shadowing each other."""

    def __init__(self, hashes: bytes, values: bytes) -> None:
        self._hashes = _unpacked("Q", hashes)
        #: (key id + 1) << 1 | is-a-prefix; key id + 1 is 0 for a prefix that is no key.
        self._values = _unpacked("q", values)

    @staticmethod
    def digest(text: str) -> int:
        return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")

    @classmethod
    def pack(cls, keys: dict[str, int], prefixes: set[str]) -> tuple[bytes, bytes]:
        entries: dict[int, tuple[str, int]] = {}
        for text in keys.keys() | prefixes:
            value = (keys.get(text, -1) + 1) << 1 | (text in prefixes)
            digest = cls.digest(text)
            if digest in entries:
                raise ValueError(f"hash collision: {text!r} and {entries[digest][0]!r}")
            entries[digest] = (text, value)
        ordered = sorted(entries)
        values = array("q", (entries[digest][1] for digest in ordered))
        return array("Q", ordered).tobytes(), values.tobytes()

    def get(self, text: str) -> tuple[int | None, bool]:
        """(key id or None, whether some longer key starts with `text` plus a token)."""
        digest = self.digest(text)
        hashes = self._hashes
        at = bisect_left(hashes, digest)
        if at == len(hashes) or hashes[at] != digest:
            return None, False
        value = self._values[at]
        key_id = (value >> 1) - 1
        return (key_id if key_id >= 0 else None), bool(value & 1)

    def __len__(self) -> int:
        return len(self._hashes)


class PackedRows:
    """The rows of one table, each marshalled into one shared bytes blob: about 3 MB
    instead of the 15 MB that 59,000 small tuples of strings and numbers take in every
    process. A row is unpacked (about a microsecond) only when a prompt matches it."""

    def __init__(self, blob: bytes, ends: bytes) -> None:
        self._blob = blob
        self._ends = _unpacked("I", ends)

    @staticmethod
    def pack(rows: list[tuple]) -> tuple[bytes, bytes]:
        chunks, ends, size = [], array("I"), 0
        for row in rows:
            chunk = marshal.dumps(row)
            chunks.append(chunk)
            size += len(chunk)
            ends.append(size)
        return b"".join(chunks), ends.tobytes()

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index: int) -> tuple:
        if not 0 <= index < len(self._ends):
            raise IndexError(index)
        start = self._ends[index - 1] if index else 0
        return marshal.loads(self._blob[start : self._ends[index]])


class Lexicon:
    """All shipped lists, indexed for exact and fuzzy lookup.

    Entries are kept packed (`PackedRows`) and turned into `Person` / `Artist`
    / `Work` objects only when matched. Exact matching walks a token trie (`KeyTable`: the
    full keys and their token prefixes): measured against pyahocorasick on these ~100k keys,
    a character automaton costs 0.2 s to build or unpickle per process, and a token-symbol
    automaton iterates slowly over its 70k-wide root, while the trie loads with the tables
    and matches a 300-character prompt in ~0.06 ms.
    """

    def __init__(self, data: dict) -> None:
        self.people_rows = PackedRows(*data["people"])
        self.artist_rows = PackedRows(*data["artists"])
        self.work_rows = PackedRows(*data["works"])
        #: folded key -> key id, and every proper token prefix of a key;
        #: `refs[key id]` = ((kind, index, is_alias), ...)
        self.keys = KeyTable(*data["keys"])
        self.refs = PackedRefs(*data["refs"])
        self.common_words = frozenset(data["common_words"])
        #: folded brand / platform / software / studio / movement name -> its kind.
        self.not_names: dict[str, str] = data["not_names"]
        self.common_first = frozenset(data["common_first"])
        self.common_last = frozenset(data["common_last"])
        #: famous two-part names: first token -> ((last token, key), ...), and last -> first.
        self.by_first: dict[str, list] = data["by_first"]
        self.by_last: dict[str, list] = data["by_last"]
        #: distinctive famous surname -> person index ("streep", "tarantino").
        self.surnames: dict[str, int] = data["surnames"]
        self._last_find: tuple[str, list] | None = None

    def person(self, index: int) -> Person:
        return Person(*self.people_rows[index])

    def artist(self, index: int) -> Artist:
        return Artist(*self.artist_rows[index])

    def work(self, index: int) -> Work:
        return Work(*self.work_rows[index])

    def lookup(self, key: str) -> tuple:
        """The references of one folded key (empty when unknown)."""
        key_id, _prefix = self.keys.get(key)
        return () if key_id is None else self.refs[key_id]

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Exact matches, remembered for the last text (both analyzers ask for the same)."""
        last = self._last_find
        if last is not None and last[0] == text:
            return last[1]
        found = self._find(text)
        self._last_find = (text, found)
        return found

    def _find(self, text: str) -> list[tuple[int, int, int]]:
        """Exact matches as (first token, last token exclusive, key id), overlaps kept.

        A walk of the token trie from every token: extend while the tokens so far are a
        prefix of some key, report every full key. Linear in the text for bounded key
        length, like Aho-Corasick, and word boundaries come free since keys are tokens."""
        folded = tokenize(text).folded
        lookup = self.keys.get
        found: list[tuple[int, int, int]] = []
        count = len(folded)
        for first in range(count):
            candidate = folded[first]
            last = first
            while True:
                key_id, is_prefix = lookup(candidate)
                if key_id is not None:
                    found.append((first, last + 1, key_id))
                last += 1
                if last >= count or not is_prefix:
                    break
                candidate = f"{candidate} {folded[last]}"
        return found

    def is_common_name(self, folded_tokens: list[str]) -> bool:
        """`john smith`, `maria garcia`: a name too common to point at one famous person."""
        return (
            len(folded_tokens) >= 2
            and folded_tokens[0] in self.common_first
            and folded_tokens[-1] in self.common_last
        )


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
        # "mandalorian" for "The Mandalorian": the article is often left out.
        parts = fold(title).split()
        rest = parts[1:]
        if (
            len(parts) >= 2
            and parts[0] in ("the", "a", "an")
            and len("".join(rest)) >= 5
            and not all(w in plain or w in ordinary for w in rest)
        ):
            add_key(" ".join(rest), (WORK, index, True))

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


def _merge_person(old: tuple, new: tuple) -> tuple:
    """Same normalised name in two files: keep the most famous row as it is."""
    return old if old[4] >= new[4] else new


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
            and last not in data["keys"]
        ):
            surnames[last] = index
    data["surnames"] = surnames


def _cache_dir() -> Path:
    override = os.environ.get("PROMPTGUARD_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "promptguard"


def _fingerprint() -> str:
    """Identify the shipped lists by size and mtime (cheap), or content when not on disk."""
    digest = hashlib.blake2b(str(CACHE_VERSION).encode(), digest_size=16)
    for name in SOURCE_FILES:
        resource = wordlist(name)
        if not resource.is_file():
            continue
        digest.update(name.encode())
        try:
            stat = os.stat(str(resource))
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(resource.read_bytes())
    return digest.hexdigest()


#: Phrases that ask for the look of someone else's work (EN, FR); shared by both analyzers.
STYLE_PHRASE = re.compile(
    r"\b(?:in\s+the\s+(?:visual\s+|art\s+|artistic\s+|painting\s+|drawing\s+)?style\s+of"
    r"|(?:in\s+the\s+)?manner\s+of|inspired\s+by|influenced\s+by|reminiscent\s+of"
    r"|homage\s+to|a\s+la\s+|à\s+la\s+(?:manière\s+de\s+)?|a\s+la\s+maniere\s+de"
    r"|like\s+a\s+(?:frame|still|scene|shot|panel|page|painting|photo|poster)\s+from"
    r"|(?:a\s+)?(?:frame|still|shot|scene)\s+from|in\s+the\s+look\s+of|look\s+of"
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

    The tables are stored with `marshal`, the fastest loader for plain tuples and dicts
    (a cache is only ever read by the Python that wrote it: the version is in the name)."""
    if not use_cache:
        return Lexicon(_compile())
    folder = _cache_dir()
    version = f"py{sys.version_info[0]}{sys.version_info[1]}"
    path = folder / f"lexicon-{_fingerprint()}-{version}.marshal"
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict) and "surnames" in data and "not_names" in data:
            return Lexicon(data)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = _compile()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("lexicon-*"):
            stale.unlink(missing_ok=True)
        atomic_write(path, marshal.dumps(data))
    except OSError:
        pass  # a read-only home is fine: we just compile again next time
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
