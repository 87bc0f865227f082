"""The lexicon's records (people, artists, works) and the packed tables that index them.

Packed into integer arrays and 64-bit key hashes so that a long-running service holds a few
MB instead of the ~30 MB that the same data takes as Python tuples, dicts and sets.
"""

from __future__ import annotations

import hashlib
import marshal
from array import array
from bisect import bisect_left
from dataclasses import dataclass

from promptguard.analyzers.names.folding import current_year, tokenize

#: Born this many years ago or more and no death date known: certainly dead.
CERTAINLY_DEAD_AGE = 115
#: Copyright in a work runs for the author's life plus this many years (EU, UK, US post-1978).
COPYRIGHT_YEARS_AFTER_DEATH = 70
#: A work published this many years ago is public domain in the US (95 years + the year itself).
PUBLISHED_PUBLIC_DOMAIN_AGE = 96
#: Post-mortem personality rights last at most ~100 years (Indiana); older dead are history.
HISTORICAL_AFTER_YEARS = 100


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


def life_years(birth: int | None, death: int | None) -> str:
    """ "1889-1945", "1952-" (living), "4 BC-33" (years before the common era as BC)."""

    def year(value: int | None, missing: str) -> str:
        if value is None:
            return missing
        return f"{-value} BC" if value < 0 else str(value)

    return f"{year(birth, '?')}-{year(death, '')}"


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
