"""Measure how many references that real prompts use are in the shipped lists (development only).

    .venv/bin/python tools/wordlist_coverage.py [--top N] [--labels FILE] [DATA_DIR]

Reads the real prompt collections in DATA_DIR/prompts_real (never shipped: i2p_lexica_sd and
sharegpt_first_turns are development-only), extracts candidate references the way image
prompts write them ("by A and B", "art by A", "in the style of A", comma tag lists, "portrait
of A") and counts them. Each candidate is looked up, case- and accent-insensitively, among
the names and aliases of people*.tsv, artists.tsv, works.tsv and not_names.tsv.

With `--labels FILE` (TSV: candidate, category) it prints the share of the labelled frequent
candidates found, per category; the labels are written by hand from the top of the list.
Nothing it reads or prints is written into wordlists/.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from promptguard.analyzers.names.folding import fold  # noqa: E402

CUE = re.compile(
    r"\b(?:(?:art|artwork|painting|painted|drawn|illustrated|illustration|photo|photograph"
    r"|concept art|made|designed|directed|shot|style)\s+)?by\s+"
    r"|\b(?:in\s+the\s+)?(?:art\s+)?style\s+of\s+|\binspired\s+by\s+|\bportrait\s+of\s+"
    r"|\bas\s+an?\s+|\bas\s+",
    re.IGNORECASE,
)
SPLIT = re.compile(r"\s*(?:,|;|\||\.\s|\(|\)|\[|\]|\{|\}|!|\?|:|\band\b|&|\+|\bwith\b)\s*", re.I)
NOISE = re.compile(r"^(?:a|an|the|by|art|style|of|in|trending|on|artstation)\s+", re.I)


def candidates(text: str) -> set[str]:
    """Folded candidate references of one prompt (a set: a prompt counts once each)."""
    found: set[str] = set()
    for piece in SPLIT.split(text):
        piece = piece.strip(" '\"-_*")
        while True:
            cut = CUE.search(piece)
            if cut is None:
                break
            piece = piece[cut.end() :]
        piece = NOISE.sub("", piece.strip())
        key = fold(piece)
        if 1 <= len(key.split()) <= 5 and len(key) >= 3 and not re.search(r"\d", key):
            found.add(key)
    return found


def load_keys(folder: Path = HERE.parent / "wordlists") -> dict[str, set[str]]:
    """Folded name/alias -> list tags ('person', 'artist', 'work:TYPE', 'not_name:KIND')."""
    keys: dict[str, set[str]] = {}

    def add(value: str, tag: str) -> None:
        key = fold(value)
        if key:
            keys.setdefault(key, set()).add(tag)

    for name in ("people.tsv", "people_pantheon.tsv", "people_supplement.tsv"):
        for row in _rows(folder / name):
            add(row[0], "person")
            for alias in filter(None, row[1].split("|")):
                add(alias, "person")
    for row in _rows(folder / "artists.tsv"):
        add(row[0], "artist")
        for alias in filter(None, row[1].split("|")):
            add(alias, "artist")
    for row in _rows(folder / "works.tsv"):
        add(row[0], "work:" + row[1])
        for alias in filter(None, (row[4] if len(row) > 4 else "").split("|")):
            add(alias, "work:" + row[1])
    if (folder / "not_names.tsv").is_file():
        for row in _rows(folder / "not_names.tsv"):
            add(row[0], "not_name:" + row[1])
            for alias in filter(None, (row[2] if len(row) > 2 else "").split("|")):
                add(alias, "not_name:" + row[1])
    return keys


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def artist_dates(folder: Path) -> dict[str, tuple]:
    """Folded artist name or alias -> (birth, death) of the row (a name before an alias)."""
    dates: dict[str, tuple] = {}
    aliases: dict[str, tuple] = {}
    for row in _rows(folder / "artists.tsv"):
        value = (int(row[2]) if row[2] else None, int(row[3]) if row[3] else None)
        dates.setdefault(fold(row[0]), value)
        for alias in filter(None, row[1].split("|")):
            aliases.setdefault(fold(alias), value)
    return {**aliases, **dates}


def in_copyright(birth: int | None, death: int | None, year: int = 2026) -> bool:
    """The lexicon's rule (promptguard/lexicon.py, Artist.in_copyright)."""
    if death is not None:
        return year - death <= 70
    return birth is None or birth > year - 115


def right(category: str, status: str, tags: set[str], dates: tuple | None) -> tuple[bool, bool]:
    """(found in the right list, and with the expected status where one is labelled)."""
    people = "person" in tags
    artist = "artist" in tags
    works = any(t.startswith("work:") for t in tags)
    not_name = any(t.startswith("not_name:") for t in tags)
    if category == "artist":
        found = artist
        ok = found and (not status or in_copyright(*dates) == (status == "P"))
        return found, ok
    if category == "studio":
        found = (works or not_name) and not artist and not people
        return found, found
    if category == "brand":
        found = not_name and not artist and not people
        return found, found
    if category == "person":
        return people, people
    return works, works


def report(counts: Counter, keys: dict, dates: dict, labels: Path) -> None:
    per: dict[str, list[int]] = {}
    missing: dict[str, list[str]] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cand, category, status = (line.split("\t") + ["", ""])[:3]
        key = fold(cand)
        found, ok = right(category, status, keys.get(key, set()), dates.get(key))
        label = f"{category} ({status})" if status else category
        stats = per.setdefault(label, [0, 0, 0, 0, 0])
        for i, value in enumerate((1, found, ok, counts[key], counts[key] if ok else 0)):
            stats[i] += value
        if not ok:
            missing.setdefault(label, []).append(f"{cand}{'' if found else ' (absent)'}")
    total = [sum(s[i] for s in per.values()) for i in range(5)]
    print("| category | names | in the right list | and right status | % | mentions | % |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, s in sorted(per.items()) + [("all", total)]:
        print(
            f"| {label} | {s[0]} | {s[1]} | {s[2]} | {100 * s[2] / max(1, s[0]):.0f} % "
            f"| {s[3]} | {100 * s[4] / max(1, s[3]):.0f} % |"
        )
    for label, items in sorted(missing.items()):
        print(f"\nwrong or missing, {label}: " + "; ".join(items))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default=str(HERE.parent.parent / "shared" / "data"))
    parser.add_argument("--top", type=int, default=300)
    parser.add_argument("--min", type=int, default=3)
    parser.add_argument("--labels")
    parser.add_argument(
        "--lists", default=str(HERE.parent / "wordlists"), help="folder of the TSVs to check"
    )
    parser.add_argument("--sets", default="i2p_lexica_sd,awesome_chatgpt_prompts,arena_hard")
    args = parser.parse_args(argv[1:])
    counts: Counter = Counter()
    for name in args.sets.split(","):
        path = Path(args.data) / "prompts_real" / name / "prompts.jsonl"
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            counts.update(candidates(json.loads(line)["text"]))
    keys = load_keys(Path(args.lists))
    if args.labels:
        report(counts, keys, artist_dates(Path(args.lists)), Path(args.labels))
        return 0
    for key, count in counts.most_common():
        if count < args.min:
            break
        print(f"{count}\t{key}\t{','.join(sorted(keys.get(key, ()))) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
