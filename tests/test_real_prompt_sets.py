"""The hand-labelled real-prompt sets stay well-formed, and the held-out sets stay held out."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
MAIN = DATA / "real_prompts_references.jsonl"
FRESH = DATA / "real_prompts_references_fresh.jsonl"
THIRD = DATA / "real_prompts_references_third.jsonl"
FOURTH = DATA / "real_prompts_references_fourth.jsonl"
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
    "path", [MAIN, FRESH, THIRD, FOURTH], ids=["main", "fresh", "third", "fourth"]
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


def test_fresh_set_shares_no_prompt_with_the_tuned_set():
    main, fresh = rows(MAIN), rows(FRESH)
    assert len(fresh) == 250 and len({r["id"] for r in fresh}) == 250
    assert not {r["id"] for r in fresh} & {r["id"] for r in main}
    assert not {r["text"] for r in fresh} & {r["text"] for r in main}
    assert all(len(r["text"]) <= 1500 for r in fresh)


def test_third_set_shares_no_prompt_with_the_tuned_set_or_the_fresh_set():
    third, others = rows(THIRD), rows(MAIN) + rows(FRESH)
    assert len(third) == 250 and len({r["id"] for r in third}) == 250
    assert not {r["id"] for r in third} & {r["id"] for r in others}
    assert not {r["text"] for r in third} & {r["text"] for r in others}
    assert all(len(r["text"]) <= 1500 for r in third)


def test_fourth_set_shares_no_prompt_with_any_earlier_set():
    fourth, others = rows(FOURTH), rows(MAIN) + rows(FRESH) + rows(THIRD)
    assert len(fourth) == 250 and len({r["id"] for r in fourth}) == 250
    assert not {r["id"] for r in fourth} & {r["id"] for r in others}
    assert not {r["text"] for r in fourth} & {r["text"] for r in others}
    assert all(len(r["text"]) <= 1500 for r in fourth)
