"""The script index: keyed, winnowed fingerprints of the production's own screenplays.

An artist pastes a scene into a chatbot to "punch up the dialogue": the text arrives
re-wrapped, in lower case, with character cues folded into sentences and a few typos. The
index must recognise it while holding no script text, so the index file can be copied to
every workstation without itself leaking the script.

How (see docs/SCRIPT_INDEX.md for the numbers and the reasoning):

* **Normalise** both the registered script and the scanned text the same way: drop layout
  noise ((MORE), (CONT'D), (V.O.), page and scene numbers, transitions), fold accents and
  case, and keep only letters and digits (no spaces). What is left is a stream of
  characters that survives re-wrapping, re-casing, punctuation changes and PDF copy-paste.
* **Fingerprint** the stream with character k-grams, selected by winnowing (Schleimer,
  Wilkerson & Aiken, 2003). Character k-grams of moderate k tolerate typos: a typo only
  destroys the k k-grams that overlap it, where a word k-gram scheme loses whole words.
* **Hash** each selected k-gram with BLAKE2b keyed by a random per-index salt. Only these
  64-bit hashes, the script id and the position are stored.
* **Match** by looking every query fingerprint up in a bucketed hash table (sorted hashes and
  a directory on their top bits: one array read per lookup, whatever the corpus size), then
  chaining the hits of each script that agree in order and alignment.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import struct
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from promptguard._util import atomic_write
from promptguard.analyzers.scripts.alignment import MIN_FINGERPRINTS, aligned_candidates, chains
from promptguard.analyzers.scripts.fingerprints import (
    _DTYPE_HASH,
    _DTYPE_U32,
    DEFAULT_K,
    DEFAULT_W,
    Fingerprinter,
    normalise,
)
from promptguard.errors import ScriptIndexError
from promptguard.readers.scripts import ScriptText

FORMAT_NAME = "promptguard-script-index"
FORMAT_VERSION = 1
MAGIC = b"PGSIDX\r\n"  # the CR LF catches files mangled by text-mode transfers
_HEADER = struct.Struct("<8sHHIQ32s")  # magic, version, reserved, meta length, postings, digest

#: Shortest matched stretch, in normalised characters: stock phrases ("I don't know what
#: you're talking about", 30 characters) are shared by unrelated scripts and must not match.
MIN_SPAN = 36
#: Largest average distance between the fingerprints of a match, in normalised characters:
#: a copied passage keeps most of its fingerprints (one every ~6-12 characters even with
#: typos), four chance hits that happen to line up are spread thin.
MAX_SPAN_PER_FINGERPRINT = 25
#: A hash posted more often than this is screenplay boilerplate, not evidence.
MAX_POSTINGS = 48

# -- the index ------------------------------------------------------------------------------


@dataclass
class ScriptEntry:
    """One registered script: metadata only, no text."""

    id: int
    title: str
    source: str = ""
    format: str = ""
    pages: int = 0
    chars: int = 0
    fingerprints: int = 0
    added: str = ""
    #: Stream offset where each headed scene starts; scene n (1-based) starts at [n-1].
    scene_starts: list[int] = field(default_factory=list)
    #: Scene headings in clear, only when the user registered them (`--scene-headings`).
    scene_headings: list[str] | None = None

    def scene_at(self, position: int) -> int:
        """1-based scene number at a stream position, 0 before the first heading."""
        return bisect_right(self.scene_starts, position)

    def scene_label(self, scene: int) -> str:
        if scene <= 0:
            return ""
        if self.scene_headings and scene <= len(self.scene_headings):
            return self.scene_headings[scene - 1]
        return f"scene {scene}"

    def summary(self) -> dict:
        data = asdict(self)
        data.pop("scene_starts")
        data.pop("scene_headings")
        data["scenes"] = len(self.scene_starts)
        data["scene_headings_stored"] = self.scene_headings is not None
        return data


@dataclass(frozen=True)
class ScriptMatch:
    """A stretch of scanned text that matches a registered script."""

    script: ScriptEntry
    scene: int
    start: int
    end: int
    fingerprints: int
    script_start: int
    script_end: int

    @property
    def subject(self) -> str:
        label = self.script.scene_label(self.scene)
        return f"{self.script.title} — {label}" if label else self.script.title


class ScriptIndex:
    """Fingerprints of many scripts, loadable in milliseconds and queried in O(lookups)."""

    def __init__(
        self,
        salt: bytes,
        k: int = DEFAULT_K,
        w: int = DEFAULT_W,
        entries: list[ScriptEntry] | None = None,
        hashes: np.ndarray | None = None,
        script_ids: np.ndarray | None = None,
        positions: np.ndarray | None = None,
        next_id: int = 1,
    ) -> None:
        self.salt, self.k, self.w = salt, k, w
        self.entries: list[ScriptEntry] = entries or []
        self.next_id = next_id
        self.fingerprinter = Fingerprinter(salt, k, w)
        empty_u32 = np.zeros(0, dtype=_DTYPE_U32)
        self._hashes = hashes if hashes is not None else np.zeros(0, dtype=_DTYPE_HASH)
        self._scripts = script_ids if script_ids is not None else empty_u32
        self._positions = positions if positions is not None else empty_u32
        self._by_id = {e.id: e for e in self.entries}
        #: Postings added but not yet merged: registering 100 scripts sorts once, not 100 times.
        self._pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._build_directory()

    @classmethod
    def new(cls, k: int = DEFAULT_K, w: int = DEFAULT_W) -> ScriptIndex:
        return cls(os.urandom(16), k, w)

    # -- lookup structure --

    def _build_directory(self) -> None:
        """Bucket directory on the top bits of the sorted hashes: an O(1) hash table."""
        n = len(self._hashes)
        self._bits = max(1, math.ceil(math.log2(max(n, 2))))
        self._shift = np.uint64(64 - self._bits)
        counts = np.bincount(
            (self._hashes >> self._shift).astype(np.int64), minlength=1 << self._bits
        )
        # uint32 offsets (a corpus holds far fewer than 4 billion postings): 8 MB less
        # resident for a 100-script index than int64.
        offsets = np.uint32 if n < 2**32 else np.int64
        self._directory = np.zeros(len(counts) + 1, dtype=offsets)
        np.cumsum(counts, out=self._directory[1:])

    def lookup(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query index, posting index) pairs for every stored occurrence of each hash.

        Hashes posted more than `MAX_POSTINGS` times are stock phrases and left out, and
        they are recognised from the bucket size before their postings are read: the work
        per query is bounded by (query fingerprints x MAX_POSTINGS), whatever the corpus."""
        self._flush()
        buckets = (hashes >> self._shift).astype(np.int64)
        starts = self._directory[buckets].astype(np.int64)
        counts = self._directory[buckets + 1].astype(np.int64) - starts
        counts[counts > 2 * MAX_POSTINGS] = 0  # a bucket holds ~1 hash: this one is common
        total = int(counts.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        query = np.repeat(np.arange(len(hashes)), counts)
        firsts = np.repeat(starts - (np.cumsum(counts) - counts), counts)
        postings = firsts + np.arange(total)
        same = self._hashes[postings] == hashes[query]
        query, postings = query[same], postings[same]
        frequency = np.bincount(query, minlength=len(hashes))
        informative = frequency[query] <= MAX_POSTINGS
        return query[informative], postings[informative]

    # -- registration --

    def find(self, title_or_id: str) -> ScriptEntry | None:
        """A script by id (as text) or by title (case-insensitive)."""
        if title_or_id.strip().isdigit() and int(title_or_id) in self._by_id:
            return self._by_id[int(title_or_id)]
        wanted = title_or_id.strip().casefold()
        return next((e for e in self.entries if e.title.casefold() == wanted), None)

    def add(
        self,
        script: ScriptText,
        title: str,
        source: str = "",
        store_headings: bool = False,
    ) -> tuple[ScriptEntry, bool]:
        """Register a script (replacing one with the same title); returns (entry, replaced)."""
        replaced = self.find(title)
        if replaced is not None and replaced.title.casefold() == title.strip().casefold():
            self._drop(replaced.id)
        else:
            replaced = None
        parts: list[str] = []
        starts: list[int] = []
        headings: list[str] = []
        length = 0
        for heading, body in script.units:
            if heading:
                starts.append(length)
                headings.append(" ".join(heading.split()))
            part = normalise(f"{heading}\n{body}", with_offsets=False).stream
            parts.append(part)
            length += len(part)
        stream = "".join(parts)
        positions, hashes = self.fingerprinter.fingerprints(stream)
        if len(hashes) == 0:
            raise ScriptIndexError(f"{title}: too little text to fingerprint")
        entry = ScriptEntry(
            id=self.next_id,
            title=title.strip(),
            source=source,
            format=script.format,
            pages=script.pages,
            chars=len(stream),
            fingerprints=len(hashes),
            added=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            scene_starts=starts,
            scene_headings=headings if store_headings else None,
        )
        self.next_id += 1
        self.entries.append(entry)
        self._by_id[entry.id] = entry
        ids = np.full(len(hashes), entry.id, dtype=_DTYPE_U32)
        self._pending.append((hashes, ids, positions.astype(_DTYPE_U32)))
        return entry, replaced is not None

    def _flush(self) -> None:
        if not self._pending:
            return
        hashes, scripts, positions = zip(*self._pending, strict=True)
        self._pending = []
        self._set_postings(
            np.concatenate([self._hashes, *hashes]),
            np.concatenate([self._scripts, *scripts]),
            np.concatenate([self._positions, *positions]),
        )

    def remove(self, title_or_id: str) -> ScriptEntry:
        entry = self.find(title_or_id)
        if entry is None:
            raise ScriptIndexError(f"no registered script with title or id {title_or_id!r}")
        self._drop(entry.id)
        return entry

    def _drop(self, script_id: int) -> None:
        self._flush()
        keep = self._scripts != script_id
        self.entries = [e for e in self.entries if e.id != script_id]
        self._by_id.pop(script_id, None)
        self._set_postings(self._hashes[keep], self._scripts[keep], self._positions[keep])

    def _set_postings(self, hashes: np.ndarray, scripts: np.ndarray, positions: np.ndarray):
        order = np.lexsort((positions, scripts, hashes))
        self._hashes = np.ascontiguousarray(hashes[order], dtype=_DTYPE_HASH)
        self._scripts = np.ascontiguousarray(scripts[order], dtype=_DTYPE_U32)
        self._positions = np.ascontiguousarray(positions[order], dtype=_DTYPE_U32)
        self._build_directory()

    @property
    def postings(self) -> int:
        self._flush()
        return len(self._hashes)

    # -- matching --

    def query(self, text: str) -> list[ScriptMatch]:
        """Every stretch of `text` that matches a registered script, in text order."""
        if not self.entries or not text:
            return []
        norm = normalise(text)
        positions, hashes = self.fingerprinter.fingerprints(norm.stream)
        if len(hashes) < MIN_FINGERPRINTS:
            return []
        query_idx, posting_idx = self.lookup(hashes)
        if len(query_idx) < MIN_FINGERPRINTS:
            return []
        scripts = self._scripts[posting_idx].astype(np.int64)
        hit_q = positions[query_idx].astype(np.int64)
        hit_p = self._positions[posting_idx].astype(np.int64)
        keep = aligned_candidates(scripts, hit_q, hit_p)
        if not keep.any():
            return []
        scripts, hit_q, hit_p = scripts[keep], hit_q[keep], hit_p[keep]
        order = np.lexsort((hit_p, hit_q, scripts))
        scripts, hit_q, hit_p = scripts[order], hit_q[order], hit_p[order]
        bounds = np.flatnonzero(np.diff(scripts)) + 1
        matches: list[ScriptMatch] = []
        for lo, hi in zip([0, *bounds.tolist()], [*bounds.tolist(), len(scripts)], strict=True):
            if hi - lo < MIN_FINGERPRINTS:
                continue
            script_id = int(scripts[lo])
            hits = list(zip(hit_q[lo:hi].tolist(), hit_p[lo:hi].tolist(), strict=True))
            entry = self._by_id.get(script_id)
            if entry is None:
                continue
            for chain in chains(hits):
                q_first, p_first = chain[0]
                q_last, p_last = chain[-1]
                span = q_last + self.k - q_first
                if span < MIN_SPAN or span > MAX_SPAN_PER_FINGERPRINT * len(chain):
                    continue
                end = norm.offsets[min(q_last + self.k, len(norm.offsets)) - 1] + 1
                matches.append(
                    ScriptMatch(
                        script=entry,
                        scene=entry.scene_at(p_first),
                        start=norm.offsets[q_first],
                        end=end,
                        fingerprints=len(chain),
                        script_start=p_first,
                        script_end=p_last + self.k,
                    )
                )
        return sorted(matches, key=lambda m: (m.start, -m.fingerprints))

    # -- persistence --

    def dumps(self) -> bytes:
        self._flush()
        meta = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "params": {"unit": "char", "k": self.k, "w": self.w, "hash": "blake2b-64-keyed"},
            "salt": self.salt.hex(),
            "next_id": self.next_id,
            "scripts": [asdict(e) for e in self.entries],
        }
        meta_bytes = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()
        meta_bytes += b" " * (-len(meta_bytes) % 8)
        body = b"".join(
            (meta_bytes, self._hashes.tobytes(), self._scripts.tobytes(), self._positions.tobytes())
        )
        digest = hashlib.blake2b(body, digest_size=32).digest()
        header = _HEADER.pack(MAGIC, FORMAT_VERSION, 0, len(meta_bytes), len(self._hashes), digest)
        return header + body

    def save(self, path: Path | str) -> None:
        """Write atomically: a crash mid-write never leaves a half index behind."""
        # 0o644: meant to be shared, it holds no script text
        atomic_write(Path(path), self.dumps(), mode=0o644)

    @classmethod
    def load(cls, path: Path | str) -> ScriptIndex:
        path = Path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ScriptIndexError(f"{path}: script index not found") from None
        except OSError as error:
            raise ScriptIndexError(f"{path}: cannot read script index: {error.strerror}") from None
        return cls.loads(data, str(path))

    @classmethod
    def loads(cls, data: bytes, name: str = "script index") -> ScriptIndex:
        if len(data) < _HEADER.size or data[:6] != MAGIC[:6]:
            raise ScriptIndexError(f"{name}: not a promptguard script index")
        magic, version, _, meta_len, count, digest = _HEADER.unpack_from(data)
        if magic != MAGIC:
            raise ScriptIndexError(f"{name}: script index damaged (line endings changed in copy?)")
        if version != FORMAT_VERSION:
            raise ScriptIndexError(
                f"{name}: script index format {version} is not supported (expected "
                f"{FORMAT_VERSION}); register the scripts again"
            )
        body = memoryview(data)[_HEADER.size :]
        if len(body) != meta_len + count * 16:
            raise ScriptIndexError(f"{name}: script index is truncated or corrupt")
        if hashlib.blake2b(body, digest_size=32).digest() != digest:
            raise ScriptIndexError(f"{name}: script index is corrupt (checksum mismatch)")
        try:
            meta = json.loads(bytes(body[:meta_len]))
            params = meta["params"]
            entries = [ScriptEntry(**e) for e in meta["scripts"]]
            salt, k, w = bytes.fromhex(meta["salt"]), int(params["k"]), int(params["w"])
            next_id = int(meta["next_id"])
            if meta["format"] != FORMAT_NAME or not (1 <= k <= 64 and 1 <= w <= 256):
                raise ValueError("unexpected parameters")
        except (ValueError, KeyError, TypeError) as error:
            raise ScriptIndexError(f"{name}: script index metadata is invalid ({error})") from None
        offset = meta_len
        hashes = np.frombuffer(body, dtype=_DTYPE_HASH, count=count, offset=offset)
        offset += count * 8
        scripts = np.frombuffer(body, dtype=_DTYPE_U32, count=count, offset=offset)
        positions = np.frombuffer(body, dtype=_DTYPE_U32, count=count, offset=offset + count * 4)
        return cls(salt, k, w, entries, hashes, scripts, positions, next_id)
