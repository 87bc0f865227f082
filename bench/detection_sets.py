"""The four labelled sets of the detection benchmark, each as a list of records.

A record is ``{"id", "text", "language", "spans": [{"start", "end", "type"}]}`` with Python
character offsets (end exclusive) and the set's own gold type names; `bench_detection.py`
maps those types and scores them. Every loader takes `limit` (the first N records).
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"

PRESIDIO_FILE = DATA / "presidio_dev" / "generated_large.json"
WNUT_FILE = DATA / "wnut17" / "emerging.dev.conll"
#: WNUT-17 train: a second, larger check nobody tuned on (the rules were developed on dev).
WNUT_TRAIN_FILE = DATA / "wnut17" / "wnut17train.conll"
PRODUCTION_FILE = ROOT / "tests" / "data" / "pii_prompts.jsonl"
REAL_LABELS = DATA / "real_pii_labels.jsonl"


def _cut(records: list[dict], limit: int | None) -> list[dict]:
    return records[:limit] if limit else records


def load_presidio(limit: int | None = None) -> list[dict]:
    """presidio-research's generated_large.json: `full_text` and `spans` with
    `entity_type` / `start_position` / `end_position`."""
    rows = json.loads(PRESIDIO_FILE.read_text(encoding="utf-8"))
    records = []
    for number, row in enumerate(rows):
        spans = [
            {"start": s["start_position"], "end": s["end_position"], "type": s["entity_type"]}
            for s in row["spans"]
        ]
        records.append(
            {
                "id": f"presidio-{number}",
                "text": row["full_text"],
                "language": "en",
                "spans": sorted(spans, key=lambda s: s["start"]),
            }
        )
    return _cut(records, limit)


def load_wnut(limit: int | None = None, path: Path = WNUT_FILE, split: str = "dev") -> list[dict]:
    """WNUT-17 dev (CoNLL, token TAB BIO-tag, blank line between documents). The text is
    rebuilt by joining the tokens with single spaces; offsets follow from that."""
    records: list[dict] = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if not tokens:
            return
        text_parts: list[str] = []
        offset = 0
        spans: list[dict] = []
        current: dict | None = None
        for token, tag in tokens:
            if text_parts:
                offset += 1
            start, end = offset, offset + len(token)
            text_parts.append(token)
            offset = end
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("B-") or (
                tag.startswith("I-") and (not current or current["type"] != kind)
            ):
                current = {"start": start, "end": end, "type": kind}
                spans.append(current)
            elif tag.startswith("I-") and current:
                current["end"] = end
            else:
                current = None
        records.append(
            {
                "id": f"wnut17-{split}-{len(records)}",
                "text": " ".join(text_parts),
                "language": "en",
                "spans": spans,
            }
        )
        tokens.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            token, _, tag = line.partition("\t")
            tokens.append((token, tag.strip() or "O"))
    flush()
    return _cut(records, limit)


def load_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record in records:
        record.setdefault("language", "en")
    return _cut(records, limit)


def load_production(limit: int | None = None) -> list[dict]:
    """The project's generated EN + FR production prompts (gen_pii_prompts.py)."""
    return load_jsonl(PRODUCTION_FILE, limit)


def load_real(limit: int | None = None) -> list[dict]:
    """Real (authored, not generated here) support prompts, labelled by hand."""
    return load_jsonl(REAL_LABELS, limit)


LOADERS = {
    "presidio": load_presidio,
    "wnut17": load_wnut,
    "wnut17-train": lambda limit=None: load_wnut(limit, WNUT_TRAIN_FILE, "train"),
    "production": load_production,
    "real": load_real,
}
