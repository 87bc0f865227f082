"""The hand-labelled real-prompt sets stay well-formed, and the held-out sets stay held out."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
MAIN = DATA / "real_prompts_references.jsonl"
FRESH = DATA / "real_prompts_references_fresh.jsonl"
THIRD = DATA / "real_prompts_references_third.jsonl"
FOURTH = DATA / "real_prompts_references_fourth.jsonl"
FIFTH = DATA / "real_prompts_references_fifth.jsonl"
CATEGORIES = {
    "artist_protected",
    "artist_public_domain",
    "work",
    "character",
    "public_figure",
    "deceased_figure",
}


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(
    "path",
    [MAIN, FRESH, THIRD, FOURTH, FIFTH],
    ids=["main", "fresh", "third", "fourth", "fifth"],
)
def test_every_label_points_at_a_name_in_its_prompt(path):
    for row in rows(path):
        spans = sorted(row["spans"], key=lambda s: s["start"])
        for span in spans:
            written = row["text"][span["start"] : span["end"]]
            assert written.strip() == written and written, (row["id"], span)
            assert span["category"] in CATEGORIES and span["name"], (row["id"], span)
        for a, b in zip(spans, spans[1:], strict=False):
            assert a["end"] <= b["start"], (row["id"], a, b)


#: Each held-out draw, after the sets that came before it (it must share no prompt with them).
HELD_OUT = [(FRESH, [MAIN]), (THIRD, [MAIN, FRESH]), (FOURTH, [MAIN, FRESH, THIRD])]
HELD_OUT += [(FIFTH, [MAIN, FRESH, THIRD, FOURTH])]


@pytest.mark.parametrize("path, earlier", HELD_OUT, ids=["fresh", "third", "fourth", "fifth"])
def test_held_out_set_shares_no_prompt_with_any_earlier_set(path, earlier):
    held_out, others = rows(path), [row for set_path in earlier for row in rows(set_path)]
    assert len(held_out) == 250 and len({r["id"] for r in held_out}) == 250
    assert not {r["id"] for r in held_out} & {r["id"] for r in others}
    assert not {r["text"] for r in held_out} & {r["text"] for r in others}
    assert all(len(r["text"]) <= 1500 for r in held_out)
