"""Which capitalised words in a text might be a person's name that only NER can find?

The spaCy entity recognizer is the slowest step of a scan (milliseconds per prompt, against
microseconds for everything else), and a prompt only needs it for a capitalised word nothing
cheaper explains. This module finds the capitalised *runs* of a text ("Emma Whitaker",
"Los Angeles", "Golden Hour") and sets aside those that cannot be a name:

* a single word at the start of a sentence ("Generate", "Imagine", "Rédige");
* a run of ordinary words ("Golden Hour", "Call Sheet"): SCOWL's lowercase dictionary
  minus every word SCOWL also lists as a proper noun ("Bill", "Rose") and minus common
  given names and surnames, plus French and production vocabulary (`plain_words.tsv`);
* a known place, as the whole run ("Brooklyn", "Los Angeles": `places.tsv`). A place that
  is also a given name or surname ("Paris", "Austin", "Lincoln") counts only after a
  locative word ("in Paris", "à Lyon", "from Austin").

What is left goes to NER. The rule is conservative by construction: a run holding any word
that is not explained (an unknown surname, a given name) is never set aside, so the model
still sees every candidate name; only texts whose capitalised words are all explained skip it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.lexicon import read_wordlist
from promptguard.analyzers.resources import wordlist

#: A word: letters, with inner apostrophes and hyphens ("O'Brien", "Boulogne-Billancourt").
_WORD = re.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
#: Production vocabulary, greetings, titles and calendar words: never a name on their own
#: (also read by the personal-data recognizers in `personal_data/person.py`).
_NOT_NAMES_TEXT = """
    call sheet callsheet scene take day night dawn dusk morning evening unit crew cast gaffer grip
    key best boy director producer coordinator manager assistant ad 1st 2nd ap pa dp dop
    cinematographer editor writer showrunner location locations scout scouting interior exterior
    int ext kitchen studio stage camera sound art department wardrobe makeup make-up hair
    catering transport basecamp base camp episode ep act prompt payroll notes note production
    office set setup wrap lunch breakfast unit call time schedule shooting shoot draft script
    moodboard storyboard concept vfx sfx props prop stunt stunts double extras background talent
    agent contact contacts email mail phone tel mobile cell address dear hi hello thanks regards
    please kind best cheers team channel slack zoom monday tuesday wednesday thursday friday
    saturday sunday january february march july september october
    november december lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars
    avril mai juin juillet août septembre octobre novembre décembre feuille service régie
    régisseur régisseuse chef opérateur opératrice machiniste électro électricien décor décors
    costumes maquillage coiffure cantine repérage repérages tournage plateau séquence prise
    réalisateur réalisatrice producteur productrice assistante assistant scripte monteur
    monteuse cadreur cadreuse perchman ingénieur son lumière merci bonjour salut cordialement
    contacter appeler joindre rdv rendez-vous paie fiche note notes équipe mr mrs ms miss mx dr
    prof m mme mlle passport passeport lens kit visa iban ssn nir dob
    newsroom newsdesk bureau desk rédaction
    """
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
#: The same words as the pre-pass compares them (folded: "régisseur" -> "regisseur").
_NOT_NAMES_FOLDED = frozenset(fold(word) for word in NOT_NAMES)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?\n")
#: "in Paris", "à Lyon": the word before an ambiguous place name that makes it a place.
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|from|to|near|around|outside|across|into|through|via|toward|towards"
    r"|à|au|aux|en|dans|vers|depuis|sur|près\s+de)\s+)$",
    re.IGNORECASE,
)
_LEADING_JUNK = " \t\"'«»“”(*•-–—#>"


@dataclass(frozen=True)
class Run:
    """Consecutive capitalised words, with character offsets into the text."""

    start: int
    end: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The word lists the pre-pass reads (folded forms)."""

    plain: frozenset[str]
    #: place -> whether it is also a person's given name or surname
    places: dict[str, bool]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Loaded once per process (about 25 ms)."""
    plain = wordlist("plain_words.tsv").read_text(encoding="utf-8").split("\n")[1:]
    return Vocabulary(
        plain=frozenset(plain) - {""},
        places={row[0]: row[-1] == "1" for row in read_wordlist("places.tsv") if row},
    )


@lru_cache(maxsize=16)
def capitalised_runs(content: str) -> tuple[Run, ...]:
    """Runs of capitalised words (a capital and at least one lowercase letter; all-caps
    slugline words are not names here), joined by a single space or hyphen on one line.

    Cached: the personal-data recognizers ask once per candidate name, and recomputing the
    runs of a long text for each of them made a 3 MB prompt quadratic."""
    runs: list[Run] = []
    words: list[str] = []
    start = end = -1
    for match in _WORD.finditer(content):
        word = match.group()
        if not (word[0].isupper() and any(c.islower() for c in word)):
            if words:
                runs.append(Run(start, end, tuple(words)))
                words = []
            continue
        gap = content[end : match.start()] if words else ""
        if words and (len(gap) > 1 or gap not in (" ", "-")):
            runs.append(Run(start, end, tuple(words)))
            words = []
        if not words:
            start = match.start()
        words.append(word)
        end = match.end()
    if words:
        runs.append(Run(start, end, tuple(words)))
    return tuple(runs)


@lru_cache(maxsize=64)
def unexplained_runs(content: str) -> tuple[Run, ...]:
    """The capitalised runs that may be a person's name nothing but NER would find (cached:
    the personal-data and public-figure analyzers both ask, about 50 µs a prompt)."""
    if not any(c.isupper() for c in content):
        return ()
    vocab = vocabulary()
    left = []
    for run in capitalised_runs(content):
        if len(run.words) == 1 and _is_sentence_start(content, run.start):
            continue  # "Imagine…", "Rédige…": an imperative far more often than a name
        core = _core(run, vocab)
        if core is None:
            continue  # every word ordinary: "Golden Hour", "Call Sheet"
        if not _explained(core.words, vocab, content[max(0, core.start - 12) : core.start]):
            left.append(core)
    return tuple(left)


def _core(run: Run, vocab: Vocabulary) -> Run | None:
    """The run without its ordinary leading and trailing words ("Shoot Paris" -> "Paris",
    "Dr Gallagher" -> "Gallagher", "Camden High Street" -> "Camden"); None if nothing is left.
    Words in a run are separated by exactly one character (see `capitalised_runs`)."""
    starts = []
    offset = run.start
    for word in run.words:
        starts.append(offset)
        offset += len(word) + 1
    first, last = 0, len(run.words)
    while first < last and _plain(run.words[first], vocab):
        first += 1
    while last > first and _plain(run.words[last - 1], vocab):
        last -= 1
    if first == last:
        return None
    end = starts[last - 1] + len(run.words[last - 1])
    return Run(starts[first], end, run.words[first:last])


def _explained(words: tuple[str, ...], vocab: Vocabulary, before: str) -> bool:
    """A run with a name-like word left is explained only as a whole known place."""
    key = fold(_POSSESSIVE.sub("", " ".join(words)))
    ambiguous = vocab.places.get(key)
    if ambiguous is None:
        return False
    return not ambiguous or bool(_LOCATIVE.search(before))


def _plain(word: str, vocab: Vocabulary) -> bool:
    """An ordinary word, never a name on its own ("Budget", "Wide", "Régisseur")."""
    key = fold(_POSSESSIVE.sub("", word))
    if key in _NOT_NAMES_FOLDED or key in vocab.plain:
        return True
    if " " in key:  # "Sci-Fi", "Contre-Jour": folding split it
        return all(p in _NOT_NAMES_FOLDED or p in vocab.plain for p in key.split())
    return False


def is_ordinary_word(word: str) -> bool:
    """An ordinary word ("Inspiration", "Budget"), never a name or an institution alone."""
    return _plain(word, vocabulary())


def _is_sentence_start(content: str, start: int) -> bool:
    before = content[:start].rstrip(_LEADING_JUNK)
    return not before or before[-1] in _SENTENCE_END


__all__ = [
    "NOT_NAMES",
    "Run",
    "Vocabulary",
    "capitalised_runs",
    "is_ordinary_word",
    "unexplained_runs",
    "vocabulary",
]
