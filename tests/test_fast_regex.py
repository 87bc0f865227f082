"""The factored French tokenizer pattern matches exactly what spaCy's own pattern matches."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from promptguard.nlp.fast_regex import LONG_CLASS_CHARS, factor_alternation
from promptguard.nlp.models import blank

LETTERS = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœæ"
#: A long class, as spaCy's ALPHA is: letters listed one by one.
LONG_CLASS = "[" + (LETTERS * (LONG_CLASS_CHARS // len(LETTERS) + 1)) + "]"


@pytest.fixture(scope="module")
def french_patterns() -> tuple[re.Pattern, re.Pattern]:
    """spaCy's French TOKEN_MATCH compiled as spaCy writes it, and factored."""
    from spacy.lang.fr import tokenizer_exceptions

    source = "(?iu)" + "|".join(f"(?:{m})" for m in tokenizer_exceptions._regular_exp)
    factored = factor_alternation(source)
    assert factored is not None
    assert len(factored) < len(source) / 10
    return re.compile(source), re.compile(factored)


def french_words() -> list[str]:
    """Every French tokenizer exception, hyphenated prefix and compound, with case, hyphen
    and suffix variants, plus ordinary words (which must not match)."""
    from spacy.lang.fr import tokenizer_exceptions as exc

    words = list(exc.TOKENIZER_EXCEPTIONS)
    words += [f"{p}-vampire" for p in exc._hyphen_prefix]
    words += [f"{p}'abat" for p in ("entr", "rentr", "grand", "grandes", "r")]
    words += [f"saut-{c}-ski" for c in ("de", "des", "du", "la", "en", "sur", "aux", "à")]
    words += ["pet-en-l'air", "états-unis", "new-yorkais", "hip-hop", "black-out", "zig-zag"]
    words += ["équipe", "parking", "l'équipe", "d'envoyer", "Camille", "06:30", "x-y", "-", "'"]
    variants = []
    for word in words:
        variants += [word, word.upper(), word.title(), word + "s", "x" + word]
        variants += [word.replace("-", "‐"), word.replace("'", "’"), word + "\n"]
    return variants


def test_factored_french_pattern_matches_exactly_what_spacy_matches(french_patterns):
    original, factored = french_patterns
    words = french_words()
    differ = [w for w in words if _span(original.match(w)) != _span(factored.match(w))]
    assert differ == []
    assert sum(1 for w in words if original.match(w)) > 500  # the comparison is not vacuous


def test_a_fresh_process_loads_the_french_tokenizer_with_the_factored_pattern():
    code = (
        "from promptguard.nlp.models import blank; "
        "print(len(blank('fr').tokenizer.token_match.__self__.pattern))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) < 100_000  # spaCy's own pattern is 1.4 MB


def test_french_tokenizer_keeps_hyphenated_words_whole():
    doc = blank("fr")("Le new-yorkais arrive aujourd'hui pour le hip-hop.")
    assert "new-yorkais" in [t.text for t in doc]
    assert "hip-hop" in [t.text for t in doc]


@pytest.mark.parametrize(
    "pattern",
    [
        f"(?:^a{LONG_CLASS}+$)|(?:^(b){LONG_CLASS}+$)",  # a capturing group
        f"(?:^a{LONG_CLASS}+$)|(?:b{LONG_CLASS}+$)",  # an unanchored alternative
        f"(?:^a{LONG_CLASS}+$)|(?:^a|b{LONG_CLASS}+$)",  # an alternation inside
        f"(?:^a{LONG_CLASS}+$)|(?:^(?=b)b{LONG_CLASS}+$)",  # a lookahead
        f"(?:^a{LONG_CLASS}+$)|(?:^b{LONG_CLASS}+$)x",  # text after the group
        f"(?:^a{LONG_CLASS}+$)|(?:^b{LONG_CLASS}+$",  # unbalanced
        f"(?:^a{LONG_CLASS}+$)|(?:^b{LONG_CLASS}*$)",  # no shared tail
    ],
)
def test_patterns_where_factoring_could_change_a_match_are_left_alone(pattern):
    assert factor_alternation(pattern) is None


_PREFIX = st.text(alphabet="ab-'", min_size=1, max_size=4).map(re.escape)
_TAIL = st.sampled_from([f"{LONG_CLASS}+$", f"{LONG_CLASS}*$", f"[-]{LONG_CLASS}$", "$"])


@settings(max_examples=60, deadline=None)
@given(
    alternatives=st.lists(st.tuples(_PREFIX, _TAIL), min_size=2, max_size=8),
    words=st.lists(st.text(alphabet="ab-'éz\n", max_size=7), max_size=40),
)
def test_factoring_never_changes_what_matches(alternatives, words):
    source = "(?iu)" + "|".join(f"(?:^{prefix}{tail})" for prefix, tail in alternatives)
    factored = factor_alternation(source)
    if factored is None:
        return
    original, merged = re.compile(source), re.compile(factored)
    for word in words:
        assert _span(original.match(word)) == _span(merged.match(word)), word


def _span(match: re.Match | None) -> tuple[int, int] | None:
    return match.span() if match else None
