"""Script text to fingerprints: normalised (layout, case, punctuation off), then winnowed k-grams.

The same normalisation runs on registered scripts and on prompts, so a pasted scene that was
re-wrapped, re-cased or stripped of its cues yields the same fingerprints.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

#: k-gram length, in normalised characters (letters and digits, no spaces).
DEFAULT_K = 10
#: Winnowing window, in k-grams. Guarantee threshold t = w + k - 1 characters.
DEFAULT_W = 10

_DTYPE_HASH, _DTYPE_U32 = np.dtype("<u8"), np.dtype("<u4")
_WORD = re.compile(r"[^\W_]+")
#: Screenplay layout that carries no words of the script and is lost in copy-paste.
_LAYOUT_NOISE = re.compile(
    r"""
    (?=[(\n \t0-9cCfFdDiIsSmMjJhH])(?:  # cheap first-character filter, 2-3x faster
      \(\s*(?:MORE|CONT['’]?D|CONTINUING|CONTINUED|V\.?\s?O\.?|O\.?\s?S\.?|O\.?\s?C\.?)\s*\)
    | ^[ \t]*(?:\(?CONTINUED\)?:?|\d{1,3}[A-Z]?\.?)[ \t]*$
    | \b(?:(?:SMASH\s+|MATCH\s+|JUMP\s+|HARD\s+)?CUT\s+TO\s*:
    | FADE\s+(?:IN|OUT|TO\s+BLACK)\s*[:.]
    | DISSOLVE\s+TO\s*: | INTERCUT\s+WITH\s*:))
    """,
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
#: Scene numbers around a heading ("12 INT. HOUSE - DAY 12"), present in shooting scripts only.
_SCENE_NUMBERS = re.compile(
    r"^[ \t]*(\d{1,4}[A-Z]{0,2}[ \t.]+)?(?:INT|EXT|EST|I/E)\b"
    r"[^\n]*?([ \t]+\d{1,4}[A-Z]{0,2})?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


# -- normalisation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Normalised:
    """The normalised character stream and, per stream character, its offset in the text."""

    stream: str
    offsets: list[int]


def _fold(word: str) -> str:
    """Lower case without accents: 'Élodie' and 'elodie' are the same name to a reader."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _noise_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _LAYOUT_NOISE.finditer(text)]
    for match in _SCENE_NUMBERS.finditer(text):
        spans.extend(match.span(g) for g in (1, 2) if match.start(g) >= 0)
    return sorted(spans)


def normalise(text: str, with_offsets: bool = True) -> Normalised:
    """Letters and digits only, case and accents folded, screenplay layout noise removed."""
    noise = _noise_spans(text)
    parts: list[str] = []
    offsets: list[int] = []
    cursor = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        while cursor < len(noise) and noise[cursor][1] <= start:
            cursor += 1
        if cursor < len(noise) and noise[cursor][0] <= start:
            continue
        word = match.group().lower()
        if not word.isascii():
            word = _fold(word)
        parts.append(word)
        if with_offsets:
            if len(word) == end - start:
                offsets.extend(range(start, end))
            else:
                offsets.extend(min(start + i, end - 1) for i in range(len(word)))
    return Normalised("".join(parts), offsets)


# -- fingerprints ---------------------------------------------------------------------------


class Fingerprinter:
    """Winnowed, keyed k-gram fingerprints of a normalised stream.

    Winnowing needs a hash of *every* k-gram; computing BLAKE2b for each would cost most
    of the query budget. So k-grams are ranked with a salted polynomial hash computed in
    numpy, and only the selected ones get the keyed BLAKE2b that is stored. The polynomial
    hash is never stored: it is invertible enough to rebuild text from, BLAKE2b is not."""

    def __init__(self, salt: bytes, k: int, w: int) -> None:
        self.salt, self.k, self.w = salt, k, w
        seed = hashlib.blake2b(b"winnow-rank", key=salt, digest_size=16).digest()
        self._base = np.uint64(int.from_bytes(seed[:8], "little") | 1)
        self._mix = np.uint64(int.from_bytes(seed[8:], "little"))
        self._keyed = hashlib.blake2b(key=salt, digest_size=8, person=b"pg-kgram")

    def rank_hashes(self, stream: str) -> np.ndarray:
        """Salted polynomial hash of every k-gram (uint64, wrapping arithmetic)."""
        n = len(stream) - self.k + 1
        if n <= 0:
            return np.zeros(0, dtype=np.uint64)
        codes = np.frombuffer(stream.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
        h = np.zeros(n, dtype=np.uint64)
        for j in range(self.k):
            h = h * self._base + codes[j : j + n]
        h ^= self._mix  # splitmix64 finaliser: spreads the bits so minima are unbiased
        h ^= h >> np.uint64(30)
        h *= _M1
        h ^= h >> np.uint64(27)
        h *= _M2
        h ^= h >> np.uint64(31)
        return h

    def select(self, stream: str) -> np.ndarray:
        """Positions chosen by winnowing: the minimum of every window of w k-grams."""
        ranks = self.rank_hashes(stream)
        if len(ranks) == 0:
            return np.zeros(0, dtype=np.int64)
        if len(ranks) <= self.w:
            return np.array([int(ranks.argmin())], dtype=np.int64)
        windows = np.lib.stride_tricks.sliding_window_view(ranks, self.w)
        chosen = windows.argmin(axis=1) + np.arange(len(windows))
        return np.unique(chosen)

    def fingerprints(self, stream: str) -> tuple[np.ndarray, np.ndarray]:
        """(positions, keyed 64-bit hashes) of the selected k-grams."""
        positions = self.select(stream)
        k, keyed = self.k, self._keyed
        digests = bytearray()
        for p in positions.tolist():
            hasher = keyed.copy()
            hasher.update(stream[p : p + k].encode("utf-8"))
            digests += hasher.digest()
        return positions, np.frombuffer(bytes(digests), dtype=_DTYPE_HASH)
