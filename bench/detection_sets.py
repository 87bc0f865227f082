"""The four labelled sets of the detection benchmark, each as a list of records.

A record is ``{"id", "text", "language", "spans": [{"start", "end", "type"}]}`` with Python
character offsets (end exclusive) and the set's own gold type names; `bench_detection.py`
maps those types and scores them. Every loader takes `limit` (the first N records).
"""

from __future__ import annotations

import json
from collections.abc import Callable
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


#: Maps a column tag to its entity type ("" for none).
KindOf = Callable[[str], str] | None


def iob_type(tag: str) -> str:
    """'B-person' -> 'person'; '' for O (the types as the file spells them)."""
    return tag[2:] if len(tag) > 2 and tag[1] == "-" else ""


def load_wnut(limit: int | None = None, path: Path = WNUT_FILE, split: str = "dev") -> list[dict]:
    """WNUT-17 (CoNLL, token TAB BIO-tag, blank line between documents). The text is
    rebuilt by joining the tokens with single spaces; offsets follow from that."""
    return _cut(load_columns(path, None, f"wnut17-{split}", "en"), limit)


def iob_record(
    tokens: list[tuple], number: int, prefix: str, language: str, kind_of: KindOf
) -> dict:
    """Tokens with IOB1/IOB2 tags -> text joined by spaces and typed spans. A token given as
    (token, tag, False) is glued to the next one (HIPE's NoSpaceAfter: "M." not "M .")."""
    parts: list[str] = []
    spans: list[dict] = []
    offset = 0
    current: dict | None = None
    glue = False
    for token, tag, *space in tokens:
        if parts and not glue:
            parts.append(" ")
            offset += 1
        glue = bool(space) and not space[0]
        start, end = offset, offset + len(token)
        parts.append(token)
        offset = end
        kind = kind_of(tag)
        if not kind:
            current = None
        elif tag.startswith("B-") or current is None or current["type"] != kind:
            current = {"start": start, "end": end, "type": kind}
            spans.append(current)
        else:
            current["end"] = end
    return {
        "id": f"{prefix}-{number}",
        "text": "".join(parts),
        "language": language,
        "spans": spans,
    }


def load_columns(
    path: Path, limit: int | None, prefix: str, language: str, kind_of: KindOf = None
) -> list[dict]:
    """CoNLL column files (token first, tag last; blank line between sentences;
    -DOCSTART- and ``# comment`` lines skipped; an optional last column ``NoSpaceAfter``
    glues a token to the next), or WikiNER lines of ``word|POS|TAG`` tokens."""
    records: list[dict] = []
    tokens: list[tuple] = []

    def flush() -> None:
        if tokens:
            records.append(iob_record(tokens, len(records), prefix, language, kind_of or iob_type))
            tokens.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            if line.startswith("-DOCSTART-") or (line.startswith("# ") and "\t" not in line):
                flush()
                continue
            if "|" in line and " " in line.strip() and "\t" not in line:
                flush()  # a WikiNER sentence: space-separated word|POS|TAG items
                for item in line.split(" "):
                    word, _, rest = item.partition("|")
                    tokens.append((word, rest.rpartition("|")[2] or "O"))
                flush()
                continue
            fields = line.split("\t") if "\t" in line else line.split(" ")
            glued = len(fields) > 2 and fields[-1] == "NoSpaceAfter"
            if glued:
                fields.pop()
            tokens.append((fields[0], fields[-1] if len(fields) > 1 else "O", not glued))
            if limit and len(records) >= limit:
                break
    flush()
    return records[:limit] if limit else records


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
