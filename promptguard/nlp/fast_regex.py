"""Compile spaCy's huge tokenizer patterns in a fraction of the time, with the same result.

Loading spaCy's French tokenizer (a blank pipeline or the model) spends most of its time in
Python's regex compiler. The culprit is `TOKEN_MATCH`, 1.4 MB of source: 265 anchored
alternatives, each one a word prefix followed by one of a few *tails*, and each tail repeats
the same huge Unicode letter classes. Python parses and optimises every copy again: 2-3 s per
process, before a single French word is tokenized.

`faster_regex_compilation` (used around `spacy.load` and `spacy.blank`) does two things while
spaCy compiles its patterns, and undoes them on exit:

* it rewrites an alternation of anchored alternatives that share tails into one alternative
  per tail (`(?:^a-x[L]+$)|(?:^b-y[L]+$)` becomes `(?:(?:^a-x|^b-y)[L]+$)`), so each letter
  class is parsed a dozen times instead of 265 (`factor_alternation`; it declines any
  pattern where that could change a match: capturing groups, backreferences, multi-line
  mode, unanchored alternatives);
* it memoises the character-set optimisation of the compiler, a pure function of its
  arguments, for whatever repetition is left.

Together they turn ~2.3 s into ~0.1 s. tests/test_fast_regex.py compiles the original
pattern too and checks that both give the same match on every tokenizer exception and
hyphenated word we could find.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Patterns shorter than this compile fast enough as they are.
FACTOR_MIN_CHARS = 50_000
#: A character class at least this long is worth sharing between alternatives.
LONG_CLASS_CHARS = 200

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLsux]+\)")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_patch_lock = threading.Lock()


def factor_alternation(pattern: str) -> str | None:
    """`pattern` with alternatives that end in the same long tail merged, or None when the
    pattern is not a flat alternation of fully anchored, capture-free `(?:^…$)` groups
    (the only shape where merging provably cannot change a match).

    Every alternative matches from the start of the string to its end, so any alternative
    that matches gives the same span: the order they are tried in does not matter, and
    `(?:P1|P2)T` matches exactly where `(?:P1T)|(?:P2T)` does."""
    flags_match = _GLOBAL_FLAGS.match(pattern)
    flags = flags_match.group(0) if flags_match else ""
    body = pattern[len(flags) :]
    try:
        alternatives = _alternatives(body)
    except ValueError:
        return None
    if alternatives is None or len(alternatives) < 2:
        return None
    tails: dict[str, list[str]] = {}
    for inner, split in alternatives:
        if not inner.startswith("^") or not inner.endswith("$") or inner.endswith("\\$"):
            return None
        prefix, tail = (inner[:split], inner[split:]) if split is not None else (inner, "")
        tails.setdefault(tail, []).append(prefix)
    if len(tails) == len(alternatives) or _BACKREFERENCE.search(body):
        return None  # nothing shared, or a backreference: leave the pattern alone
    merged = [f"(?:(?:{'|'.join(prefixes)}){tail})" for tail, prefixes in tails.items()]
    return flags + "|".join(merged)


def _alternatives(body: str) -> list[tuple[str, int | None]] | None:
    """One pass over `body`: for each top-level alternative that is exactly one `(?:…)`
    group with no alternation, capturing group or lookaround inside, its inside and where
    its first long character class outside any nested group starts (relative to the
    inside). None when some alternative has another shape."""
    found: list[tuple[str, int | None]] = []
    start = 0  # where the current alternative starts
    closed = False  # its wrapping group has closed
    split: int | None = None
    for position, end, kind, depth in _scan(body):
        if depth == 0:
            if kind == "|":
                if not closed:
                    return None
                found.append((body[start + 3 : position - 1], split))
                start, closed, split = end, False, None
            elif kind == "(" and position == start and body.startswith("(?:", position):
                continue
            elif kind == ")" and not closed:
                closed = True
            else:
                return None  # something outside the wrapping group
        elif closed or (kind == "|" and depth == 1):
            return None  # after the wrapping group, or an alternation inside it
        elif kind == "(" and not body.startswith("(?:", position):
            return None  # a capturing group, a lookaround or a named group
        elif kind == "[" and depth == 1 and split is None and end - position >= LONG_CLASS_CHARS:
            split = position - (start + 3)
    if not closed or not body.endswith(")"):
        return None
    found.append((body[start + 3 : len(body) - 1], split))
    return found


@contextmanager
def faster_regex_compilation() -> Iterator[None]:
    """While active, `re.compile` factors huge alternations (`factor_alternation`) and the
    compiler memoises its character-set optimisation. Both are restored on exit."""
    try:
        from re import _compiler as compiler
    except ImportError:  # another Python: nothing to speed up
        yield
        return
    original_optimize = getattr(compiler, "_optimize_charset", None)
    original_compile = re.compile
    memo: dict = {}

    def optimize_charset(charset, iscased=None, fixup=None, fixes=None):  # noqa: ANN001, ANN202
        try:
            key = (tuple(charset), iscased, fixup, id(fixes))
            hit = memo.get(key)
        except TypeError:
            return original_optimize(charset, iscased, fixup, fixes)
        if hit is None:
            hit = memo[key] = original_optimize(charset, iscased, fixup, fixes)
        out, hascased = hit
        return list(out), hascased

    def compile_factored(pattern, flags=0):  # noqa: ANN001, ANN202
        if isinstance(pattern, str) and len(pattern) >= FACTOR_MIN_CHARS and not flags & re.M:
            factored = factor_alternation(pattern)
            if factored is not None:
                return original_compile(factored, flags)
        return original_compile(pattern, flags)

    with _patch_lock:
        if original_optimize is not None:
            compiler._optimize_charset = optimize_charset
        re.compile = compile_factored
        try:
            yield
        finally:
            re.compile = original_compile
            if original_optimize is not None:
                compiler._optimize_charset = original_optimize


# --- a minimal reader of regex source: groups, classes and escapes ---------------------------


#: The parts of regex source that matter for its structure: an escape, a whole character
#: class (a "]" right after "[" or "[^" is a literal; "[" inside a class is a literal in
#: Python), a parenthesis or a bar. Everything else is skipped by `finditer`, in C.
_STRUCTURE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|\[]", re.S)


def _scan(source: str) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, kind, group depth) of every parenthesis, bar and character class
    (kind "[") of regex source, outside escapes. Raises ValueError when unbalanced."""
    depth = 0
    for match in _STRUCTURE.finditer(source):
        text = match.group(0)
        if text[0] == "\\":
            continue
        if text == "[":
            raise ValueError("unterminated character class")
        if text == "(":
            yield match.start(), match.end(), "(", depth
            depth += 1
            continue
        if text == ")":
            depth -= 1
            if depth < 0:
                raise ValueError("unbalanced parenthesis")
        yield match.start(), match.end(), text[0], depth
    if depth:
        raise ValueError("unbalanced parenthesis")
