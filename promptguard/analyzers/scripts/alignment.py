"""Alignment: which fingerprint hits line up, in order, into one copied passage."""

from __future__ import annotations

import numpy as np

#: Fingerprints that must agree, in order, for a match (see the guarantee in the docs).
MIN_FINGERPRINTS = 4
#: Largest gap (normalised characters) between consecutive fingerprints of one match.
CHAIN_GAP = 200
#: Alignment slack between consecutive fingerprints: inserted words, dropped cues, typos.
CHAIN_DRIFT = 16


def aligned_candidates(scripts: np.ndarray, q: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Mask of hits in scripts that have `MIN_FINGERPRINTS` hits on a similar alignment.

    A cheap vectorised pre-pass before the chaining: hits are bucketed by script and by
    alignment (script position - query position) in bands of 256 characters, twice, the
    second banding shifted by half a band, so any hits whose alignments lie within 128
    characters share a band. Chance hits scattered over a corpus rarely do."""
    diagonal = p - q + (1 << 32)
    candidates = np.zeros(len(scripts), dtype=bool)
    for shift in (0, 128):
        keys = (scripts << 40) | ((diagonal + shift) >> 8)
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        candidates |= counts[inverse] >= MIN_FINGERPRINTS
    qualified = np.unique(scripts[candidates])
    return np.isin(scripts, qualified)


def chains(hits: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Longest runs of hits increasing in both texts with a consistent alignment.

    `hits` are (query position, script position) pairs sorted by query position. A small
    dynamic programme links each hit to the nearest earlier one within `CHAIN_GAP` whose
    alignment differs by at most `CHAIN_DRIFT` (plus an eighth of the distance, for long
    paraphrased stretches); the longest chains are taken out one by one."""
    chains: list[list[tuple[int, int]]] = []
    remaining = hits
    while len(remaining) >= MIN_FINGERPRINTS:
        n = len(remaining)
        best, previous = [1] * n, [-1] * n
        low = 0
        for i in range(n):
            qi, pi = remaining[i]
            while remaining[low][0] < qi - CHAIN_GAP:
                low += 1
            # Nearest aligned predecessor first: on a real match it is the previous
            # fingerprint of the same chain, so the search stops after a step or two.
            for j in range(i - 1, low - 1, -1):
                qj, pj = remaining[j]
                if qj >= qi or pj >= pi:
                    continue
                dq, dp = qi - qj, pi - pj
                if abs(dp - dq) <= CHAIN_DRIFT + dq // 8:
                    if best[j] + 1 > best[i]:
                        best[i], previous[i] = best[j] + 1, j
                    break
        end = max(range(n), key=best.__getitem__)
        if best[end] < MIN_FINGERPRINTS:
            break
        chain_idx = []
        while end >= 0:
            chain_idx.append(end)
            end = previous[end]
        chain_idx.reverse()
        chains.append([remaining[i] for i in chain_idx])
        used = set(chain_idx)
        remaining = [h for i, h in enumerate(remaining) if i not in used]
    return chains
