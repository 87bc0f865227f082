"""Reproduce the samples of real prompts that the hand-labelled reference sets label.

Default: the 420 prompts of real_prompts_references.jsonl. Prompts longer than 1,500 characters
are skipped, then random.Random(19).sample picks from each source in its file order.

--fresh: the 250 prompts of real_prompts_references_fresh.jsonl, a held-out check nobody tunes
on. Same rule with random.Random(23) and FRESH_PLAN, after dropping every prompt whose id or
text is already in the 420 set (re-drawn from the same rule, so the file need not exist).

--third: the 250 prompts of real_prompts_references_third.jsonl, a second held-out check. Same
rule with random.Random(29) and FRESH_PLAN, after dropping every prompt whose id or text is in
the 420 set or in the fresh set (both re-drawn from their rules).

--fourth: the 250 prompts of real_prompts_references_fourth.jsonl, a third held-out check, drawn
once the third set's dev half had been read. Same rule with random.Random(31) and FRESH_PLAN,
after dropping every prompt that is in the 420, fresh or third set.

--fifth: the 250 prompts of real_prompts_references_fifth.jsonl, a fourth held-out check, drawn
once the fourth set's dev half had been read. Same rule with random.Random(37) and FRESH_PLAN,
after dropping every prompt that is in any earlier set.

Set PROMPTS_REAL to the prompts_real folder (default: ../shared/data/prompts_real next to the
repository). Prints one {"id", "source", "text"} object per line.
"""

import json
import os
import random
import sys
from pathlib import Path

PLAN = [
    ("i2p_lexica_sd", 250),
    ("awesome_chatgpt_prompts", 60),
    ("arena_hard", 50),
    ("sharegpt_first_turns", 60),
]
FRESH_PLAN = [
    ("i2p_lexica_sd", 200),
    ("awesome_chatgpt_prompts", 25),
    ("arena_hard", 25),
]
MAX_CHARS = 1500


def sample(root: Path, plan=PLAN, seed: int = 19, exclude: list[dict] = ()) -> list[dict]:
    ids = {r["id"] for r in exclude}
    texts = {r["text"] for r in exclude}
    out = []
    for source, n in plan:
        with open(root / source / "prompts.jsonl", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        rows = [r for r in rows if len(r["text"]) <= MAX_CHARS]
        rows = [r for r in rows if r["id"] not in ids and r["text"] not in texts]
        for r in random.Random(seed).sample(rows, n):
            out.append({"id": r["id"], "source": source, "text": r["text"]})
    return out


def sample_fresh(root: Path) -> list[dict]:
    """The held-out draw: none of its prompts (by id or text) is in the 420 set."""
    return sample(root, FRESH_PLAN, seed=23, exclude=sample(root))


def sample_third(root: Path) -> list[dict]:
    """The second held-out draw: none of its prompts is in the 420 set or the fresh set."""
    return sample(root, FRESH_PLAN, seed=29, exclude=sample(root) + sample_fresh(root))


def sample_fourth(root: Path) -> list[dict]:
    """The third held-out draw: none of its prompts is in any earlier set."""
    earlier = sample(root) + sample_fresh(root) + sample_third(root)
    return sample(root, FRESH_PLAN, seed=31, exclude=earlier)


def sample_fifth(root: Path) -> list[dict]:
    """The fourth held-out draw: none of its prompts is in any earlier set."""
    earlier = sample(root) + sample_fresh(root) + sample_third(root) + sample_fourth(root)
    return sample(root, FRESH_PLAN, seed=37, exclude=earlier)


DRAWS = {
    "--fresh": sample_fresh,
    "--third": sample_third,
    "--fourth": sample_fourth,
    "--fifth": sample_fifth,
}

if __name__ == "__main__":
    default = Path(__file__).resolve().parents[3] / "shared" / "data" / "prompts_real"
    root = Path(os.environ.get("PROMPTS_REAL", default))
    args = sys.argv[1:]
    draw = next((DRAWS[a] for a in args if a in DRAWS), sample)
    for row in draw(root):
        print(json.dumps(row, ensure_ascii=False))
