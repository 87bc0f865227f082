"""Failure analysis for bench_detection.py: promptguard's misses and false findings, with why.

    python bench/detection_errors.py [--json bench/results/detection.json] [--sets presidio,...]
                                     [--per-type 15] [--types PERSON,PHONE_NUMBER]

Reads the predictions the benchmark stored, prints promptguard's span-level misses and false
positives per set and type (the data is synthetic or public: values are printed), what plain
Presidio found there, and, for each miss, a diagnosis from promptguard's internals (this
script, unlike the benchmark, is allowed to look inside):

* persons: `ner:<labels>` is what spaCy's entity recognizer (promptguard's own parse) said
  about the span; when it said PERSON, `cause:` names the step that dropped it
  (`prepass-skipped-NER`: `may_hold_name` said no name only NER could find, so the parse never
  ran; `lone-word-at-sentence-start`; `not-plausible-name`; `reported-as-reference`;
  `other-filter`); otherwise `cause:NER-did-not-say-PERSON`.
* `prepass:no-phone` — `may_hold_phone_number` found no digit run, so the phone recognizer
  never ran.
* `presidio-found` / `presidio-missed`: whether plain Presidio (score >= 0.4) found the span
  with the same type; `reference:<category>` when promptguard reported it as a reference.
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


def parse(text: str, language: str):  # noqa: ANN201 - a spaCy Doc
    """promptguard's own parse of the text (entities only, as its scanner runs it)."""
    from promptguard.nlp.models import ENTS_ONLY, NlpModels

    global _ents_models
    if "_ents_models" not in globals():
        _ents_models = NlpModels(features=ENTS_ONLY)
    return _ents_models.parse(text, language)


def _same_group(kind: str, wanted: str) -> bool:
    from bench_detection import GROUPS, PRESIDIO_PRED

    return PRESIDIO_PRED.get(kind) == wanted or GROUPS.get(kind) == GROUPS.get(wanted, wanted)


def diagnose(record: dict, error: dict, pg_row: list, pr_row: list) -> list[str]:
    """Why promptguard got this span wrong (see the module docstring)."""
    from promptguard.analyzers.personal_data.analyzer import may_hold_name
    from promptguard.analyzers.personal_data.person import is_plausible_name, is_sentence_start
    from promptguard.analyzers.personal_data.phone import may_hold_phone_number

    text, start, end = record["text"], error["start"], error["end"]
    language = record.get("language", "en")
    notes = []
    presidio = sorted({p[2] for p in pr_row if p[0] < end and start < p[1] and p[3] >= 0.4})
    notes.append("presidio:" + ("/".join(presidio) or "-"))
    if error["kind"] == "miss":
        found = any(_same_group(kind, error["type"]) for kind in presidio)
        notes.append("presidio-found" if found else "presidio-missed")
    refs = [p[4] for p in pg_row if p[4] != "personal_data" and p[0] < end and start < p[1]]
    if refs:
        notes.append("reference:" + "/".join(sorted(set(refs))))
    other = [p[2] for p in pg_row if p[4] == "personal_data" and p[0] < end and start < p[1]]
    if other and error["kind"] == "miss":
        notes.append("pg-other-type:" + "/".join(sorted(set(other))))
    if error["type"] == "PERSON":
        doc = parse(text, language)
        labels = sorted({e.label_ for e in doc.ents if e.start_char < end and start < e.end_char})
        notes.append("ner:" + ("/".join(labels) or "-"))
        if error["kind"] == "miss" and ("PERSON" in labels or "PER" in labels):
            value = text[start:end]
            if refs:
                notes.append("cause:reported-as-reference")
            elif not may_hold_name(text):
                notes.append("cause:prepass-skipped-NER")
            elif " " not in value and is_sentence_start(text, start):
                notes.append("cause:lone-word-at-sentence-start")
            elif not is_plausible_name(value):
                notes.append("cause:not-plausible-name")
            else:
                notes.append("cause:other-filter")
        elif error["kind"] == "miss":
            notes.append("cause:NER-did-not-say-PERSON")
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
                    tally.update(n for n in notes if not n.startswith(("presidio:", "ner:")))
                if show:
                    label = f" ({error.get('pred')})" if error.get("pred") else ""
                    shown = context(record["text"], error["start"], error["end"])
                    lines.append(f"- {error['id']}{label}: `{shown}` — {', '.join(notes)}")
            print(f"### {kind} {what} ({len(items)})  {dict(tally)}\n")
            print("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
