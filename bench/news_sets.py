"""News sets of the detection benchmark (CoNLL-2003 English dev, a French NER dev split).

Neither set ships with the repository: the Reuters text of CoNLL-2003 may not be
redistributed, so its path comes from ``--conll PATH`` or ``PROMPTGUARD_CONLL_DEV``, and
the French split's from ``--french PATH`` or ``PROMPTGUARD_FRENCH_DEV``. A set asked for
without a file is skipped with a message (see bench/DETECTION.md for where to get them).

A record is one sentence (the unit the issues count in: "per 1,000 news sentences"), its
text the tokens joined by single spaces, as the WNUT-17 set does. Gold types are the
set's own: PER, LOC, ORG, MISC.

Scoring (`evaluate_news`):

* persons, personal data only: promptguard's PERSON findings against gold PER spans,
  span overlap and exact span; plain Presidio's PERSON beside it.
* persons in any form: a gold PER span also counts as found when promptguard reported the
  name as a public or deceased figure or an artist (the user was told about the name,
  under the category promptguard judged right); predictions are those findings too.
* phone findings: CoNLL-2003 labels no phone numbers; every PHONE_NUMBER finding is
  counted (the Reuters newsroom contact lines do hold real desk numbers, counted apart).
* reference findings that overlap no PER, MISC or ORG span, per 1,000 sentences (issue
  19's "wrong reference findings"); those on LOC spans are listed apart.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from detection_sets import load_columns

CONLL_ENV = "PROMPTGUARD_CONLL_DEV"
FRENCH_ENV = "PROMPTGUARD_FRENCH_DEV"

REFERENCE_CATEGORIES = ("public_figure", "deceased_figure", "copyrighted_work")
#: A Reuters contact line ("-- Lisbon Newsroom +351 21 000 0000"): its number is a real
#: phone number the gold labels do not mark.
_CONTACT = re.compile(r"^--|\b(?:newsroom|newsdesk|desk|bureau|fax|tel)\b", re.IGNORECASE)


def news_path(explicit: str | None, env: str) -> Path | None:
    """The file to read: the option's value, else the environment variable's, if it exists."""
    value = explicit or os.environ.get(env)
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_file() else None


def _entity_type(tag: str) -> str:
    """'I-PER', 'B-PER', 'PER', 'I-PERS' -> 'PER' (WikiNER and CoNLL spellings); '' for O."""
    if tag in ("O", "", "_"):
        return ""
    kind = tag[2:] if len(tag) > 2 and tag[1] == "-" else tag
    kind = kind.upper()
    return "PER" if kind.startswith("PER") else kind


def load_conll(path: Path, limit: int | None = None) -> list[dict]:
    return load_columns(path, limit, "conll-dev", "en", _entity_type)


def load_french(path: Path, limit: int | None = None) -> list[dict]:
    return load_columns(path, limit, "french-dev", "fr", _entity_type)


# --- scoring ----------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision and recall
        else (0.0 if precision == 0 or recall == 0 else None)
    )
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def person_scores(records: list[dict], predictions: list[list[tuple]], exact: bool) -> dict:
    """Gold PER spans against the given (start, end) predictions; a prediction is right when
    it overlaps (or, with `exact`, equals) a PER span. Predictions on other gold entities
    count as false: a place reported as a person is an error a user sees."""
    tp = fp = fn = 0
    misses: list[dict] = []
    false: list[dict] = []
    for record, preds in zip(records, predictions, strict=True):
        gold = [(s["start"], s["end"]) for s in record["spans"] if s["type"] == "PER"]
        spans = [(p[0], p[1]) for p in preds]

        def hit(a, b):
            return a == b if exact else _overlaps(a, b)

        for g in gold:
            if any(hit(p, g) for p in spans):
                tp += 1
            else:
                fn += 1
                misses.append({"id": record["id"], "text": record["text"][g[0] : g[1]]})
        for p in spans:
            if not any(hit(p, g) for g in gold):
                fp += 1
                false.append({"id": record["id"], "text": record["text"][p[0] : p[1]]})
    return {**_prf(tp, fp, fn), "misses": misses, "false": false}


def evaluate_news(records: list[dict], pg: list, pr: list) -> dict:
    """Persons (personal data; any form), Presidio beside them, phones and stray references."""
    persons = [[p for p in row if p[4] == "personal_data" and p[2] == "PERSON"] for row in pg]
    any_form = [
        [
            p
            for p in row
            if (p[4] == "personal_data" and p[2] == "PERSON")
            or p[4] in ("public_figure", "deceased_figure")
            or (p[4] == "copyrighted_work" and p[2] == "ARTIST_STYLE")
        ]
        for row in pg
    ]
    presidio = [[p for p in row if p[2] == "PERSON"] for row in pr]
    result: dict = {"primary_metric": "person_overlap", "types": ["PERSON"]}
    for name, preds in (
        ("promptguard", persons),
        ("promptguard_person_name_any_form", any_form),
        ("presidio", presidio),
    ):
        overlap = person_scores(records, preds, exact=False)
        exact = person_scores(records, preds, exact=True)
        result[name] = {
            "person_overlap": {k: v for k, v in overlap.items() if k not in ("misses", "false")},
            "person_exact": {k: v for k, v in exact.items() if k not in ("misses", "false")},
            "misses": overlap["misses"],
            "false": overlap["false"],
        }
    result["phones"] = {
        name: _phones(records, rows) for name, rows in (("promptguard", pg), ("presidio", pr))
    }
    result["references"] = _stray_references(records, pg)
    other = Counter(p[2] for row in pg for p in row if p[4] == "personal_data")
    result["promptguard_personal_data_by_type"] = dict(other)
    return result


def _phones(records: list[dict], rows: list) -> dict:
    in_contact = elsewhere = 0
    examples: list[str] = []
    for record, row in zip(records, rows, strict=True):
        for p in row:
            if p[2] != "PHONE_NUMBER":
                continue
            if _CONTACT.search(record["text"]):
                in_contact += 1
            else:
                elsewhere += 1
                examples.append(record["text"][max(0, p[0] - 30) : p[1] + 10])
    return {
        "total": in_contact + elsewhere,
        "in_contact_lines": in_contact,
        "elsewhere": elsewhere,
        "examples": examples[:20],
    }


def _stray_references(records: list[dict], pg: list) -> dict:
    """Reference findings overlapping no PER, MISC or ORG span (issue 19), per 1,000 sentences."""
    stray: list[dict] = []
    on_loc = 0
    landing: Counter = Counter()
    total = 0
    for record, row in zip(records, pg, strict=True):
        for p in row:
            if p[4] not in REFERENCE_CATEGORIES:
                continue
            total += 1
            under = {
                s["type"]
                for s in record["spans"]
                if _overlaps((p[0], p[1]), (s["start"], s["end"]))
            }
            landing[f"{p[4]} on {'/'.join(sorted(under)) or 'O'}"] += 1
            if under & {"PER", "MISC", "ORG"}:
                continue
            if "LOC" in under:
                on_loc += 1
            stray.append(
                {
                    "id": record["id"],
                    "category": p[4],
                    "type": p[2],
                    "text": record["text"][p[0] : p[1]],
                    "on": sorted(under) or ["O"],
                }
            )
    per_1000 = 1000 * len(stray) / len(records) if records else 0.0
    return {
        "reference_findings": total,
        "overlapping_no_per_misc_org": len(stray),
        "of_which_on_loc": on_loc,
        "per_1000_sentences": round(per_1000, 2),
        "by_gold": dict(landing),
        "examples": stray[:60],
    }
