"""Misspelt titles of well-known works in image prompts: "spliner cell", "the witchr 3".

People type titles from memory, as they type artists' names (`artist_typos`), and a title
one letter off is still the work. Only in an image prompt; only the titles a prompt names
most (the hand-written and curated lists' films, series, games, franchises and characters);
only a run of two to five words that no entry covers, holding a word that no dictionary,
name list or entry knows (the typo itself), one edit (OSA) from a title of ten letters or
more. A phrase of real words near a title ("the offices", "black lagon" is a typo, "black
lagoons" is not) is left alone, so ordinary text cannot match.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from promptguard.analyzers.names.artist_hits import Hit
from promptguard.analyzers.names.artist_typos import known_word
from promptguard.analyzers.names.folding import tokenize
from promptguard.analyzers.names.named_with_work import listed_hit
from promptguard.analyzers.names.packed import WORK, Lexicon
from promptguard.analyzers.names.prompt_syntax import is_image_prompt
from promptguard.analyzers.names.title_context import _STRONG_AFTER, SCREEN_CUE, _well_known

#: Shortest title (folded, spaces included) matched with a typo.
TITLE_TYPO_MIN_LENGTH = 10
#: Shortest word of a title matched alone with a typo (beside a screen or style cue).
ONE_WORD_MIN_LENGTH = 8
_TYPES = frozenset({"FILM", "SERIES", "FRANCHISE", "CHARACTER"})


@lru_cache(maxsize=4)
def _titles(lexicon: Lexicon) -> tuple[dict[str, int], dict[int, list[str]]]:
    """Well-known titles of two words or more -> work index, and the same titles by their
    number of words (so a run is compared with titles of its own length only)."""
    index: dict[str, int] = {}
    for i in range(len(lexicon.work_rows)):
        work = lexicon.work(i)
        if work.type not in _TYPES or not _well_known(work):
            continue
        title = work.title.split(" (")[0]  # "Chloe Price (Life Is Strange)": the name
        folded = " ".join(tokenize(title).folded)
        if len(folded) >= TITLE_TYPO_MIN_LENGTH and " " in folded:
            index.setdefault(folded, i)
    by_size: dict[int, list[str]] = {}
    for title in index:
        by_size.setdefault(title.count(" ") + 1, []).append(title)
    return index, by_size


@lru_cache(maxsize=4)
def _title_words(lexicon: Lexicon) -> dict[str, int]:
    """The words of well-known titles that only name that work ("evangelion", "mandalorian"):
    eight letters or more, no dictionary word or name."""
    owner: dict[str, int] = {}
    for title, i in _titles(lexicon)[0].items():
        for word in title.split():
            if len(word) >= ONE_WORD_MIN_LENGTH and word.isalpha() and not _common(lexicon, word):
                held = owner.get(word)  # "evangelion": the franchise, not Unit-01
                if held is None or (
                    lexicon.work(held).type == "CHARACTER" and lexicon.work(i).type != "CHARACTER"
                ):
                    owner[word] = i
    return owner


def _common(lexicon: Lexicon, word: str) -> bool:
    """Known as something other than a title ("terminator" is a word)."""
    return known_word(word) and not all(kind == WORK for kind, _i, _a in lexicon.lookup(word))


def _one_word_typos(lexicon: Lexicon, content: str, tokens, taken: set[int]) -> list[Hit]:
    """ "inspired by evangeleon anime": one word a letter off a title's own word, with a
    screen or style cue right beside it."""
    words = _title_words(lexicon)
    choices = list(words)
    found = []
    for i, word in enumerate(tokens.folded):
        if i in taken or len(word) < ONE_WORD_MIN_LENGTH or not _unknown(word):
            continue
        start, end = tokens.starts[i], tokens.ends[i]
        cue_before = SCREEN_CUE.search(content, max(0, start - 40), start)
        if not (_STRONG_AFTER.match(content[end : end + 30]) or cue_before):
            continue
        match = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=1)
        if match is not None:
            work = lexicon.work(words[match[0]])
            found.append(listed_hit(work, i, i + 1, f"typo of {work.title!r}"))
    return found


def _unknown(word: str) -> bool:
    """A word no dictionary, name list or entry knows: a typo's mark."""
    return word.isalpha() and len(word) >= 4 and not known_word(word)


def title_typos(lexicon: Lexicon, content: str, tokens, hits: list[Hit]) -> list[Hit]:
    """Hits for the runs of an image prompt that misspell a well-known title by one edit."""
    if len(tokens.folded) < 2 or not is_image_prompt(content):
        return []
    taken = {i for hit in hits for i in range(hit.start_token, hit.end_token)}
    index, by_size = _titles(lexicon)
    found: list[Hit] = []
    words = tokens.folded
    for i, word in enumerate(words):
        if i in taken or not _unknown(word):
            continue
        best = None
        for size in range(2, 6):
            for first in range(max(0, i - size + 1), i + 1):
                last = first + size
                if last > len(words) or any(k in taken for k in range(first, last)):
                    continue
                if any(content[tokens.ends[k] : tokens.starts[k + 1]] not in (" ", "-")
                       for k in range(first, last - 1)):  # fmt: skip
                    continue  # one run of words, not across a comma
                run = " ".join(words[first:last])
                if len(run) < TITLE_TYPO_MIN_LENGTH - 1 or run in index:
                    continue
                match = process.extractOne(
                    run, by_size.get(size, ()), scorer=OSA.distance, score_cutoff=1
                )
                if match is not None and (best is None or size > best[1] - best[0]):
                    best = (first, last, match[0])
        if best is not None:
            first, last, title = best
            work = lexicon.work(index[title])
            found.append(listed_hit(work, first, last, f"typo of {work.title!r}"))
            taken.update(range(first, last))
    return found + _one_word_typos(lexicon, content, tokens, taken)
