"""Benchmark of the script index: build time, size, query time as the corpus grows, recall.

Run from the repository root:  .venv/bin/python bench/bench_scripts.py
Writes bench/results/scripts.json and prints Markdown tables.

The corpus is SYNTHETIC: feature-length screenplays (110 pages, ~20,000 words) with real
screenplay structure (scene headings, action, character cues, parentheticals, dialogue,
transitions) whose words are drawn from a Zipf-weighted English vocabulary
(/usr/share/dict/words plus a fixed list of function words). The text is grammatical
nonsense: it has English letter and word statistics, not English phrasing. When the
shared screenplay folder is present (local runs only, never committed), real screenplays are
added: some are registered and queried for recall, the others are used as unrelated scripts
for false matches, with package descriptions from the virtualenv as unrelated prose.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from promptguard.analyzers.scripts import script_index as si  # noqa: E402
from promptguard.readers.scripts import ScriptText, read_script  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "screenplays"
REAL_REGISTERED = (
    "fountain_io_samples/Big-Fish.fountain",
    "beat/Silent-as-Murderers.fountain",
    "afterwriting/my_living_memory.fountain",
)
REAL_UNRELATED = (
    "fountain_io_samples/The-Last-Birthday-Card.fountain",
    "fountain_io_samples/Brick-and-Steel.fountain",
    "afterwriting/printing_trouble.fountain",
    "earthbound19_public_domain/Cyber_Bob_ep00001.fountain",
    "earthbound19_public_domain/THE_LIBRARY_FREAK-OUT.fountain",
)
LENGTHS = (15, 20, 35, 50)
PROMPT_CHARS = 1000

FUNCTION_WORDS = (
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "into",
    "over",
    "under",
    "through",
    "as",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "it",
    "his",
    "her",
    "their",
    "our",
    "your",
    "my",
    "its",
    "him",
    "them",
    "us",
    "me",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "not",
    "no",
    "so",
    "then",
    "there",
    "here",
    "what",
    "who",
    "when",
    "where",
    "why",
    "how",
    "all",
    "some",
    "any",
    "each",
    "every",
    "more",
    "most",
    "just",
    "only",
    "very",
    "too",
    "can",
    "could",
    "will",
    "would",
    "should",
    "might",
    "must",
    "up",
    "down",
    "out",
    "off",
    "back",
    "again",
    "still",
    "now",
)
NAMES = (
    "MAYA",
    "JONAS",
    "LENA",
    "TOBIAS",
    "ODILE",
    "MARCUS",
    "NADIA",
    "FELIX",
    "PRIYA",
    "HUGO",
    "ALMA",
    "VICTOR",
    "IRIS",
    "SAMUEL",
    "CLARA",
    "DMITRI",
    "ROSA",
    "ELIAS",
    "NORA",
    "BENNETT",
)
SETTINGS = ("INT.", "EXT.", "INT./EXT.")
TIMES = ("DAY", "NIGHT", "DAWN", "DUSK", "LATER", "CONTINUOUS", "MOMENTS LATER")
TRANSITIONS = ("CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:", "MATCH CUT TO:")


# -- synthetic corpus -----------------------------------------------------------------------


class Vocabulary:
    """Zipf-weighted English words, about 45% function words like real prose."""

    def __init__(self, rng: random.Random, size: int = 30000) -> None:
        words_file = Path("/usr/share/dict/words")
        words = [
            w.strip().lower()
            for w in words_file.read_text(encoding="utf-8").splitlines()
            if w.strip().isalpha() and w.strip().islower() and 2 < len(w.strip()) < 12
        ]
        rng.shuffle(words)
        self.content = words[:size]
        self.content_cum = list(accumulate(1 / (rank + 10) for rank in range(len(self.content))))
        self.function_cum = list(accumulate(1 / (rank + 1) for rank in range(len(FUNCTION_WORDS))))

    def sentence(self, rng: random.Random, low: int = 4, high: int = 16) -> str:
        n = rng.randint(low, high)
        kinds = rng.choices((0, 1), weights=(45, 55), k=n)
        func = iter(rng.choices(FUNCTION_WORDS, cum_weights=self.function_cum, k=n))
        content = iter(rng.choices(self.content, cum_weights=self.content_cum, k=n))
        words = [next(func) if kind == 0 else next(content) for kind in kinds]
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice((".", ".", ".", "?", "!", "..."))


def synthetic_script(rng: random.Random, vocab: Vocabulary, pages: int = 110) -> ScriptText:
    """A feature-length screenplay: ~180 words a page, ~1.3 scenes a page."""
    cast = rng.sample(NAMES, 6)
    units: list[tuple[str, str]] = []
    words = 0
    while words < pages * 180:
        place = " ".join(rng.choice(vocab.content[:3000]) for _ in range(rng.randint(1, 3)))
        heading = f"{rng.choice(SETTINGS)} {place.upper()} - {rng.choice(TIMES)}"
        blocks = [" ".join(vocab.sentence(rng) for _ in range(rng.randint(1, 4)))]
        for _ in range(rng.randint(2, 9)):
            speaker = rng.choice(cast)
            lines = [speaker]
            if rng.random() < 0.2:
                lines.append(f"({vocab.sentence(rng, 1, 3).rstrip('.?!').lower()})")
            lines.append(" ".join(vocab.sentence(rng, 2, 12) for _ in range(rng.randint(1, 3))))
            blocks.append("\n".join(lines))
            if rng.random() < 0.25:
                blocks.append(vocab.sentence(rng))
        if rng.random() < 0.3:
            blocks.append(rng.choice(TRANSITIONS))
        body = "\n\n".join(blocks)
        units.append((heading, body))
        words += len(body.split()) + len(heading.split())
    return ScriptText(units=units, title=None, format="fountain", pages=pages)


# -- excerpts and disguises -----------------------------------------------------------------


_TOKENS: dict[str, list[tuple[int, int]]] = {}


def excerpt(rng: random.Random, text: str, n_words: int) -> str:
    """n consecutive words of the script, in its original layout."""
    tokens = _TOKENS.get(text)
    if tokens is None:
        tokens = _TOKENS[text] = [m.span() for m in re.finditer(r"\S+", text)]
    start = rng.randrange(0, len(tokens) - n_words)
    return text[tokens[start][0] : tokens[start + n_words - 1][1]]


_CUE = re.compile(r"^[A-Z][A-Z0-9 .'\-]{1,30}(?:\s*\([^)]*\))?$")
_HEADINGISH = re.compile(r"^(?:INT|EXT|EST|I/E)[. ]|TO:$|^FADE")


def fold_cues(text: str) -> str:
    """'MAYA\\n(quietly)\\nGo home.' -> 'Maya says, "Go home."' (parentheticals dropped)."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if _CUE.match(line) and not _HEADINGISH.search(line) and i + 1 < len(lines):
            name = re.sub(r"\s*\(.*\)", "", line).title()
            i += 1
            speech: list[str] = []
            while i < len(lines) and lines[i].strip():
                part = lines[i].strip()
                if not (part.startswith("(") and part.endswith(")")):
                    speech.append(part)
                i += 1
            out.append(f'{name} says, "{" ".join(speech)}"')
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def typos(text: str, rng: random.Random, every: int = 40) -> str:
    """About one typo per `every` characters: substitution, deletion, insertion, swap."""
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isalpha()]
    count = max(1, round(len(text) / every))
    for i in sorted(rng.sample(letters, min(count, len(letters))), reverse=True):
        op = rng.randrange(4)
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        if op == 0:
            chars[i] = letter
        elif op == 1:
            del chars[i]
        elif op == 2:
            chars.insert(i, letter)
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def flatten(text: str) -> str:
    return " ".join(text.split())


def strip_punctuation(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


DISGUISES = {
    "none": lambda t, r: t,
    "lowercase": lambda t, r: t.lower(),
    "flattened": lambda t, r: flatten(t),
    "cue_folded": lambda t, r: fold_cues(t),
    "punct_stripped": lambda t, r: strip_punctuation(t),
    "typos_1per40": lambda t, r: typos(t, r),
    "combined": lambda t, r: typos(strip_punctuation(flatten(fold_cues(t))).lower(), r),
}


# -- measurements ---------------------------------------------------------------------------


def build(scripts: list[tuple[str, ScriptText]], salt: bytes) -> tuple[si.ScriptIndex, float]:
    started = time.perf_counter()
    index = si.ScriptIndex(salt)  # a seeded salt, so that runs are reproducible
    for title, script in scripts:
        index.add(script, title)
    index.postings  # noqa: B018 - forces the merge, part of the build
    return index, time.perf_counter() - started


def prompts_from(texts: list[str], size: int = PROMPT_CHARS) -> list[str]:
    out = []
    for text in texts:
        for start in range(0, len(text) - size + 1, size):
            out.append(text[start : start + size])
    return out


def time_queries(index: si.ScriptIndex, prompts: list[str], repeats: int = 3) -> dict:
    """Per-prompt query time, best of `repeats` runs (the machine is shared: the best run is
    the query's own cost, the others add whatever else was scheduled)."""
    for prompt in prompts[:20]:
        index.query(prompt)  # warm up
    timings = []
    for prompt in prompts:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            index.query(prompt)
            runs.append((time.perf_counter() - started) * 1000)
        timings.append(min(runs))
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 3),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 3),
        "max_ms": round(timings[-1], 3),
        "prompts": len(timings),
    }


def recall(index, sources, rng, trials) -> dict:
    """Share of disguised excerpts found as the right script, per disguise and length."""
    table: dict[str, dict[str, float]] = {}
    for name, disguise in DISGUISES.items():
        table[name] = {}
        for n_words in LENGTHS:
            found = 0
            for _ in range(trials):
                title, text = rng.choice(sources)
                query = disguise(excerpt(rng, text, n_words), rng)
                found += any(m.script.title == title for m in index.query(query))
            table[name][str(n_words)] = round(found / trials, 3)
    return table


def false_matches(index, texts: list[str]) -> dict:
    prompts = prompts_from(texts)
    hits = sum(bool(index.query(p)) for p in prompts)
    return {"prompts": len(prompts), "with_match": hits}


def prose_texts() -> list[str]:
    """Package descriptions in the virtualenv: English technical prose, unrelated to scripts."""
    texts = []
    for metadata in sorted((ROOT / ".venv").glob("lib/python*/site-packages/*.dist-info/METADATA")):
        body = metadata.read_text(encoding="utf-8", errors="replace").split("\n\n", 1)[-1]
        if len(body) > 2000:
            texts.append(body)
    return texts


def markdown_recall(title: str, table: dict) -> str:
    head = "| disguise | " + " | ".join(f"{n} words" for n in LENGTHS) + " |"
    rule = "|---|" + "---:|" * len(LENGTHS)
    rows = [
        f"| {d} | " + " | ".join(f"{v:.2f}" for v in r.values()) + " |" for d, r in table.items()
    ]
    return "\n".join([f"**{title}**", "", head, rule, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scripts", type=int, default=100, help="largest synthetic corpus")
    parser.add_argument("--trials", type=int, default=200, help="excerpts per table cell")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scripts.json")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    vocab = Vocabulary(rng)
    started = time.perf_counter()
    synthetic = [(f"Synthetic {i:03d}", synthetic_script(rng, vocab)) for i in range(args.scripts)]
    unrelated_synth = [synthetic_script(rng, vocab) for _ in range(10)]
    generation_s = time.perf_counter() - started
    real_registered = [
        (p, read_script(SHARED / p)) for p in REAL_REGISTERED if (SHARED / p).exists()
    ]
    real_unrelated = [read_script(SHARED / p).text for p in REAL_UNRELATED if (SHARED / p).exists()]
    prose = prose_texts()

    results: dict = {
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "params": {"unit": "char", "k": si.DEFAULT_K, "w": si.DEFAULT_W,
                   "guarantee_chars": si.DEFAULT_K + si.DEFAULT_W - 1,
                   "min_fingerprints": si.MIN_FINGERPRINTS},
        "corpus": {"synthetic_scripts": args.scripts, "pages_each": 110,
                   "generation_s": round(generation_s, 2),
                   "real_registered": [p for p, _ in real_registered]},
    }  # fmt: skip

    # Query prompts: half disguised excerpts of registered scripts, half unrelated text.
    unrelated_text = [s.text for s in unrelated_synth]
    query_prompts = prompts_from(unrelated_text)[:100]
    for _ in range(100):
        _, script = rng.choice(synthetic)
        query_prompts.append(DISGUISES["combined"](excerpt(rng, script.text, 170), rng))

    growth = []
    for size in sorted({1, max(1, args.scripts // 10), args.scripts}):
        index, build_s = build(synthetic[:size], rng.randbytes(16))
        blob = index.dumps()
        pages = sum(s.pages for _, s in synthetic[:size])
        started = time.perf_counter()
        si.ScriptIndex.loads(blob)
        load_ms = (time.perf_counter() - started) * 1000
        growth.append({
            "scripts": size, "pages": pages, "postings": index.postings,
            "build_s": round(build_s, 3), "build_ms_per_script": round(build_s * 1000 / size, 1),
            "index_bytes": len(blob), "bytes_per_page": round(len(blob) / pages),
            "load_ms": round(load_ms, 1), "query": time_queries(index, query_prompts),
        })  # fmt: skip
    results["growth"] = growth

    # Recall and false matches on the largest corpus (+ the real scripts when available).
    index, _ = build(synthetic + [(f"Real: {p}", s) for p, s in real_registered], rng.randbytes(16))
    synth_sources = [(t, s.text) for t, s in synthetic]
    results["recall_synthetic"] = recall(index, synth_sources, rng, args.trials)
    if real_registered:
        real_sources = [(f"Real: {p}", s.text) for p, s in real_registered]
        results["recall_real"] = recall(index, real_sources, rng, args.trials)
    results["false_matches"] = {
        "unrelated_synthetic_scripts": false_matches(index, unrelated_text),
        "unrelated_real_scripts": false_matches(index, real_unrelated),
        "unrelated_prose": false_matches(index, prose),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results))
    return 0


def report(results: dict) -> str:
    p = results["params"]
    lines = [
        f"k = {p['k']} characters, w = {p['w']} k-grams, guarantee t = {p['guarantee_chars']} "
        f"normalised characters, match = {p['min_fingerprints']} fingerprints in order",
        "",
        "| scripts | pages | postings | build ms/script | index bytes/page | load ms "
        "| query median ms | query p95 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for g in results["growth"]:
        lines.append(
            f"| {g['scripts']} | {g['pages']} | {g['postings']} | {g['build_ms_per_script']} "
            f"| {g['bytes_per_page']} | {g['load_ms']} | {g['query']['median_ms']} "
            f"| {g['query']['p95_ms']} |"
        )
    lines += ["", markdown_recall("Recall, synthetic scripts", results["recall_synthetic"])]
    if "recall_real" in results:
        lines += ["", markdown_recall("Recall, real screenplays (local)", results["recall_real"])]
    lines += [
        "",
        "| unrelated text | 1,000-char prompts | prompts with a match |",
        "|---|---:|---:|",
    ]
    for name, fm in results["false_matches"].items():
        lines.append(f"| {name} | {fm['prompts']} | {fm['with_match']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
