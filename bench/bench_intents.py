"""Benchmark the three intent analyzers on the labelled intent set.

Reads tests/data/intents_labelled.jsonl (made by bench/gen_intents_set.py), runs
`talent_likeness`, `misleading_content` and `unowned_training` the way the scanner does (the
cheap `wants_nlp` pre-pass, then one batched spaCy parse for the prompts that asked for it),
and prints as Markdown, per category: recall on the positives, precision, and the false-alarm
rate on hard negatives (prompts that share words with the intents but are not about real
people or third-party material). Then the per-prompt cost: the pre-pass on every prompt, the
share of ordinary prompts that reach spaCy, and the matching time once parsed. Writes
bench/results/intents.json.

A prompt counts once per category: predicted when the analyzer reports at least one finding
of that category (score ≥ the default `min_score`), expected when the category is in its
`labels`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = ("talent_likeness", "misleading_content", "unowned_training")


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build():
    from promptguard.analyzers.intents.misleading_content import MisleadingContentAnalyzer
    from promptguard.analyzers.intents.talent_likeness import TalentLikenessAnalyzer
    from promptguard.analyzers.intents.unowned_training import UnownedTrainingAnalyzer
    from promptguard.config.load import Config

    config = Config()
    return config, [
        TalentLikenessAnalyzer(config),
        MisleadingContentAnalyzer(config),
        UnownedTrainingAnalyzer(config),
    ]


def run(records: list[dict]) -> tuple[list[set[str]], dict]:
    from promptguard.nlp.models import NlpModels, ScanText

    config, analyzers = build()
    models = NlpModels()
    for language in ("en", "fr"):  # warm-up: model loading and list compiling are one-off
        warm = ScanText("Clone the actor's voice.", models, language=language)
        for analyzer in analyzers:
            analyzer.wants_nlp(warm)
            analyzer.analyze(warm)

    texts = [ScanText(r["text"], models, language=r["lang"]) for r in records]
    started = time.perf_counter()
    wants = [any(a.wants_nlp(t) for a in analyzers) for t in texts]
    prepass = time.perf_counter() - started

    wanted = [t for t, w in zip(texts, wants, strict=True) if w]
    started = time.perf_counter()
    models.parse_many(wanted, analyzers[0].nlp_needs)
    parse = time.perf_counter() - started

    started = time.perf_counter()
    predicted: list[set[str]] = []
    for text in texts:
        found: set[str] = set()
        for analyzer in analyzers:
            if analyzer.wants_nlp(text):
                found |= {f.category for f in analyzer.analyze(text) if f.score >= config.min_score}
        predicted.append(found)
    matching = time.perf_counter() - started

    plain = [w for w, r in zip(wants, records, strict=True) if r["kind"] == "plain"]
    cost = {
        "prompts": len(records),
        "prepass_us_per_prompt": prepass / len(records) * 1e6,
        "parsed_share": len(wanted) / len(records),
        "plain_prompts_parsed_share": sum(plain) / len(plain) if plain else 0.0,
        "parse_ms_per_parsed_prompt": parse / len(wanted) * 1e3 if wanted else 0.0,
        "matching_ms_per_parsed_prompt": matching / len(wanted) * 1e3 if wanted else 0.0,
    }
    return predicted, cost


def score(records: list[dict], predicted: list[set[str]]) -> dict:
    result: dict[str, dict] = {}
    for category in CATEGORIES:
        tp = fp = fn = hard = hard_fp = 0
        for record, found in zip(records, predicted, strict=True):
            expected = category in record["labels"]
            got = category in found
            tp += expected and got
            fn += expected and not got
            fp += got and not expected
            if record["kind"] == "hard":
                hard += 1
                hard_fp += got and not expected
        result[category] = {
            "positives": tp + fn,
            "recall": tp / (tp + fn) if tp + fn else None,
            "precision": tp / (tp + fp) if tp + fp else None,
            "false_positives": fp,
            "hard_negatives": hard,
            "hard_negative_false_alarm_rate": hard_fp / hard if hard else None,
        }
    return result


#: Labelled sets printed beside the generated one: prompts written by hand by the team, not
#: from templates (`intents_fresh`: positives and hard negatives; `intents_crew`: crew and craft
#: prompts a production sends every day, and requests that need consent or legal approval;
#: `intents_crew_check`: more of the same, written after the rules were fixed, not tuned on).
SIDE_SETS = (
    ROOT / "bench/data/intents_fresh.jsonl",
    ROOT / "bench/data/intents_crew.jsonl",
    ROOT / "bench/data/intents_crew_check.jsonl",
)


def side_by_side(sets: list[tuple[str, list[dict], list[set[str]]]]) -> None:
    """Recall per category and hard negatives with any intent finding, one row per set."""
    print("\n| set | prompts | recall talent | recall misleading | recall training | "
          "hard negatives | with any intent finding |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, records, predicted in sets:
        result = score(records, predicted)
        hard = [p for p, r in zip(predicted, records, strict=True) if r["kind"] == "hard"]
        alarms = sum(bool(p) for p in hard)
        recalls = " | ".join(
            f"{fmt(result[c]['recall'])} ({result[c]['positives']})" for c in CATEGORIES
        )
        print(f"| {name} | {len(records)} | {recalls} | {len(hard)} | {alarms} |")


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests/data/intents_labelled.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/intents.json")
    parser.add_argument("--show-errors", action="store_true", help="print misses and alarms")
    args = parser.parse_args()

    records = load(args.data)
    predicted, cost = run(records)
    by_language = {
        lang: score(
            [r for r in records if r["lang"] == lang],
            [p for p, r in zip(predicted, records, strict=True) if r["lang"] == lang],
        )
        for lang in ("en", "fr")
    }
    overall = score(records, predicted)

    counts = {k: sum(r["kind"] == k for r in records) for k in ("pos", "hard", "plain")}
    print(f"# Intent analyzers ({len(records)} prompts: {counts['pos']} positives, "
          f"{counts['hard']} hard negatives, {counts['plain']} ordinary; EN + FR)\n")  # fmt: skip
    print("| category | lang | positives | recall | precision | false alarms on hard negatives |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for category in CATEGORIES:
        for lang, result in (("all", overall), *by_language.items()):
            row = result[category]
            print(
                f"| {category} | {lang} | {row['positives']} | {fmt(row['recall'])} | "
                f"{fmt(row['precision'])} | {fmt(row['hard_negative_false_alarm_rate'])} |"
            )
    rows = [
        (
            "pre-pass (`wants_nlp`, 3 analyzers) per prompt",
            f"{cost['prepass_us_per_prompt']:.1f} µs",
        ),
        ("ordinary prompts that reach spaCy", f"{cost['plain_prompts_parsed_share']:.0%}"),
        ("spaCy parse per parsed prompt (batched)", f"{cost['parse_ms_per_parsed_prompt']:.2f} ms"),
        (
            "matching per parsed prompt (3 analyzers)",
            f"{cost['matching_ms_per_parsed_prompt']:.2f} ms",
        ),
    ]
    print("\n| cost | value |")
    print("| --- | ---: |")
    for name, value in rows:
        print(f"| {name} | {value} |")

    sets = [(args.data.name, records, predicted)]
    for path in SIDE_SETS if args.data.resolve() not in SIDE_SETS else ():
        side = load(path)
        sets.append((path.name, side, run(side)[0]))
    side_by_side(sets)

    if args.show_errors:
        print()
        for record, found in ((r, p) for _, rs, ps in sets for r, p in zip(rs, ps, strict=True)):
            expected = set(record["labels"])
            if expected != found:
                missed = ",".join(sorted(expected - found))
                extra = ",".join(sorted(found - expected))
                print(f"[{record['template']}] miss={missed} extra={extra}: {record['text']}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data
    payload = {
        "data": str(data),
        "counts": counts,
        "overall": overall,
        "by_language": by_language,
        "cost": cost,
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
