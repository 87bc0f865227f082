"""Failure analysis for bench_detection.py: promptguard's misses and false findings, with why.

    python bench/detection_errors.py [--json bench/results/detection.json] [--sets presidio,...]
                                     [--per-type 15] [--types PERSON,PHONE_NUMBER]

Reads the predictions the benchmark stored, prints promptguard's span-level misses and false
positives per set and type (the data is synthetic or public: values are printed), what plain
Presidio found there, and, for each miss, a diagnosis from promptguard's internals (this
script, unlike the benchmark, is allowed to look inside):

* `prepass:no-NER` — the name pre-pass (`may_hold_name`) said "no name only NER could find",
  so spaCy never ran; `NER-would-find` says whether forcing the parse finds the span.
* `prepass:no-phone` — `may_hold_phone_number` found no digit run, so the phone recognizer
  never ran.
* `found-by-forced-NER` / `missed-even-with-NER` for persons; `reference:<category>` when
  the span was reported in a reference category instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from detection_sets import LOADERS  # noqa: E402


def forced_ner(text: str, language: str) -> list[tuple[int, int, str]]:
    """promptguard's personal-data analyzer with the spaCy parse forced (no pre-pass)."""
    from promptguard.analyzers.personal_data import PersonalDataAnalyzer
    from promptguard.config import Config
    from promptguard.nlp import NlpModels, ScanText

    global _models, _analyzer
    if "_models" not in globals():
        _models = NlpModels()
        _analyzer = PersonalDataAnalyzer(Config())
    scan_text = ScanText(text, _models, language=language)
    _ = scan_text.doc  # parse now: analyze() then uses NER whatever the pre-pass says
    return [(f.start, f.end, f.type) for f in _analyzer.analyze(scan_text)]


def diagnose(record: dict, error: dict, pg_row: list, pr_row: list) -> list[str]:
    from promptguard.analyzers.personal_data import may_hold_name
    from promptguard.analyzers.pii_patterns import may_hold_phone_number

    text, start, end = record["text"], error["start"], error["end"]
    notes = []
    presidio = [p[2] for p in pr_row if p[0] < end and start < p[1]]
    notes.append("presidio:" + ("/".join(sorted(set(presidio))) or "-"))
    refs = [p[4] for p in pg_row if p[4] != "personal_data" and p[0] < end and start < p[1]]
    if refs:
        notes.append("reference:" + "/".join(sorted(set(refs))))
    other = [p[2] for p in pg_row if p[4] == "personal_data" and p[0] < end and start < p[1]]
    if other:
        notes.append("pg-other-type:" + "/".join(sorted(set(other))))
    if error["kind"] == "miss" and error["type"] == "PERSON":
        if not may_hold_name(text):
            notes.append("prepass:no-NER")
        forced = forced_ner(text, record.get("language", "en"))
        hit = any(t == "PERSON" and s < end and start < e for s, e, t in forced)
        notes.append("found-by-forced-NER" if hit else "missed-even-with-NER")
    if (
        error["kind"] == "miss"
        and error["type"] == "PHONE_NUMBER"
        and not may_hold_phone_number(text)
    ):
        notes.append("prepass:no-phone")
    return notes


def context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width) : start].replace("\n", "⏎")
    right = text[end : end + width].replace("\n", "⏎")
    return f"…{left}[[{text[start:end]}]]{right}…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "bench/results/detection.json")
    parser.add_argument("--sets", default="")
    parser.add_argument("--types", default="")
    parser.add_argument("--per-type", type=int, default=15)
    parser.add_argument("--no-diagnosis", action="store_true")
    args = parser.parse_args()
    payload = json.loads(args.json.read_text(encoding="utf-8"))
    wanted_types = {t for t in args.types.split(",") if t}
    for set_name, result in payload["sets"].items():
        if args.sets and set_name not in args.sets.split(","):
            continue
        records = LOADERS[set_name](result["records"])
        by_id = {r["id"]: i for i, r in enumerate(records)}
        pg_rows = result["predictions"]["promptguard"]
        pr_rows = result["predictions"]["presidio"]
        errors = result["promptguard"]["errors"]
        grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for error in errors:
            if not wanted_types or error["type"] in wanted_types:
                grouped[(error["type"], error["kind"])].append(error)
        print(f"\n## {set_name}: promptguard errors (span level)\n")
        for (kind, what), items in sorted(grouped.items()):
            tally: Counter = Counter()
            lines = []
            for number, error in enumerate(items):
                index = by_id[error["id"]]
                record = records[index]
                show = number < args.per_type
                notes = []
                if not args.no_diagnosis and (show or error["kind"] == "miss"):
                    notes = diagnose(record, error, pg_rows[index], pr_rows[index])
                    tally.update(n for n in notes if not n.startswith("presidio:"))
                    tally.update(
                        ["presidio-found" if notes[0] != "presidio:-" else "presidio-missed"]
                    )
                if show:
                    label = f" ({error.get('pred')})" if error.get("pred") else ""
                    shown = context(record["text"], error["start"], error["end"])
                    lines.append(f"- {error['id']}{label}: `{shown}` — {', '.join(notes)}")
            print(f"### {kind} {what} ({len(items)})  {dict(tally)}\n")
            print("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
