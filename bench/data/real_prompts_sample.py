"""Reproduce the sample of real prompts that real_prompts_references.jsonl labels.

Prompts longer than 1,500 characters are skipped, then random.Random(19).sample picks from each
source in its file order. Set PROMPTS_REAL to the prompts_real folder (default: ../shared/data/
prompts_real next to the repository). Prints one {"id", "source", "text"} object per line.
"""

import json
import os
import random
from pathlib import Path

PLAN = [
    ("i2p_lexica_sd", 250),
    ("awesome_chatgpt_prompts", 60),
    ("arena_hard", 50),
    ("sharegpt_first_turns", 60),
]
MAX_CHARS = 1500


def sample(root: Path) -> list[dict]:
    out = []
    for source, n in PLAN:
        with open(root / source / "prompts.jsonl", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        rows = [r for r in rows if len(r["text"]) <= MAX_CHARS]
        for r in random.Random(19).sample(rows, n):
            out.append({"id": r["id"], "source": source, "text": r["text"]})
    return out


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[3] / "shared" / "data" / "prompts_real"
    for row in sample(Path(os.environ.get("PROMPTS_REAL", default))):
        print(json.dumps(row, ensure_ascii=False))
