"""Reference findings on unlabelled real chat prompts, against hand-judged verdicts.

Chat prompts (awesome-chatgpt-prompts, Arena-Hard) rarely name a reference; most findings there
are false alarms (a tech stack's "Kafka", a heading, a quoted word). Nobody labelled these
2,633 prompts span by span, so every reference finding promptguard gives on them was judged by
hand into bench/data/chat_prompts/verdicts.tsv, keyed by text id + span text + type. A change
that adds findings shows up here as "not yet judged" until someone judges them.

    python bench/chat_refs.py              # the section alone
    python bench/chat_refs.py --show       # also list wrong and unjudged findings
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from pathlib import Path

import promptguard

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "bench" / "data" / "chat_prompts"
SOURCES = ("awesome_chatgpt_prompts", "arena_hard")
VERDICTS = FOLDER / "verdicts.tsv"
REFERENCE_CATEGORIES = frozenset({"public_figure", "deceased_figure", "copyrighted_work"})


def load_chat(limit: int | None = None) -> list[dict]:
    rows = []
    for source in SOURCES:
        for line in (FOLDER / f"{source}.jsonl").read_text(encoding="utf-8").split("\n"):
            if line.strip():
                rows.append(json.loads(line))
    return rows[:limit] if limit else rows


def load_verdicts(path: Path = VERDICTS) -> dict[tuple[str, str, str], str]:
    """(text id, span text, type) -> "right" / "wrong"."""
    verdicts = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            verdicts[(row["id"], row["span"], row["type"])] = row["verdict"]
    return verdicts


def bench_chat(limit: int | None = None) -> dict:
    rows, verdicts = load_chat(limit), load_verdicts()
    counts: Counter = Counter()
    texts_with: set[str] = set()
    listed: list[dict] = []
    started = time.perf_counter()
    for row in rows:
        text = row["text"]
        for f in promptguard.scan(text):
            if f.category not in REFERENCE_CATEGORIES:
                continue
            span = " ".join(text[f.start : f.end].split())  # the key as verdicts.tsv has it
            verdict = verdicts.get((row["id"], span, f.type), "unjudged")
            counts[verdict] += 1
            texts_with.add(row["id"])
            if verdict != "right":
                context = text[max(0, f.start - 50) : f.end + 50].replace("\n", " ")
                listed.append(
                    {"id": row["id"], "span": span, "category": f.category, "type": f.type,
                     "verdict": verdict, "context": context}
                )  # fmt: skip
    n = len(rows)
    return {
        "prompts": n,
        "texts_with_finding": len(texts_with),
        "findings": sum(counts.values()),
        "right": counts["right"],
        "wrong": counts["wrong"],
        "wrong_per_1000": round(1000 * counts["wrong"] / n, 1) if n else 0.0,
        "unjudged": counts["unjudged"],
        "seconds": round(time.perf_counter() - started, 1),
        "listed": listed,
    }


def markdown(c: dict) -> str:
    pct = round(100 * c["texts_with_finding"] / c["prompts"], 1) if c["prompts"] else 0.0
    return "\n".join(
        [
            f"## Chat prompts ({c['prompts']:,} unlabelled, awesome-chatgpt-prompts + Arena-Hard)",
            "",
            f"- Texts with a reference finding: {c['texts_with_finding']} ({pct} %); "
            f"findings: {c['findings']}.",
            f"- Findings judged wrong: {c['wrong']} ({c['wrong_per_1000']} per 1,000 prompts); "
            f"judged right: {c['right']}.",
            f"- Findings not yet judged: {c['unjudged']} (judge them in "
            "bench/data/chat_prompts/verdicts.tsv).",
            f"- Scan time: {c['seconds']} s.",
        ]
    )


def show(c: dict) -> str:
    out = ["", "### Chat prompts: findings judged wrong or not yet judged"]
    for item in c["listed"]:
        out.append(
            f"- {item['verdict']}: {item['id']}\t`{item['span']}` → "
            f"{item['category']}/{item['type']} · …{item['context']}…"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N prompts")
    parser.add_argument("--show", action="store_true", help="list wrong and unjudged findings")
    args = parser.parse_args()
    c = bench_chat(args.limit)
    print(markdown(c))
    if args.show:
        print(show(c))


if __name__ == "__main__":
    main()
