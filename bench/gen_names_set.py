"""Generate the labelled name/work prompts from tests/data/names_templates.json.

Deterministic (seeded): the same templates always give the same jsonl files, which are
committed in tests/data so tests and the benchmark read the same data.

    .venv/bin/python bench/gen_names_set.py
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SEED = 20260101


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def typo(name: str, rng: random.Random) -> str:
    """One edit in the longest word (never its first letter): what a hurried typist does."""
    words = name.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    position = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["delete", "double", "swap", "replace"])
    if edit == "delete":
        word = word[:position] + word[position + 1 :]
    elif edit == "double":
        word = word[:position] + word[position] + word[position:]
    elif edit == "swap":
        word = word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]
    else:
        letter = rng.choice([c for c in "aeioulnrst" if c != word[position].lower()])
        word = word[:position] + letter + word[position + 1 :]
    words[index] = word
    return " ".join(words)


def variants(name: str, rng: random.Random) -> list[tuple[str, str]]:
    out = [("exact", name), ("lower", name.lower()), ("upper", name.upper())]
    if strip_accents(name) != name:
        out.append(("no_accents", strip_accents(name)))
    if len(name.replace(" ", "")) >= 8 and " " in name:
        out.append(("typo", typo(name, rng)))
    return out


def main() -> None:
    spec = json.loads((DATA / "names_templates.json").read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    names: list[dict] = []
    for status, category in (("living", "public_figure"), ("deceased", "deceased_figure")):
        for person in spec[status]:
            for variant, surface in variants(person, rng):
                language = rng.choice(["en", "en", "fr"])
                template = rng.choice(spec["person_templates"][language])
                names.append(
                    {
                        "text": template.format(name=surface),
                        "language": language,
                        "label": category,
                        "subject": person,
                        "variant": variant,
                    }
                )
    for first in spec["first_names"]:
        for last in rng.sample(spec["surnames"], 8):
            language = rng.choice(["en", "en", "fr"])
            template = rng.choice(spec["ordinary_templates"][language])
            names.append(
                {
                    "text": template.format(name=f"{first} {last}"),
                    "language": language,
                    "label": "ordinary",
                    "subject": "",
                    "variant": "crew",
                }
            )
    works: list[dict] = []
    for group, label in (("copyright_artists", "ARTIST_STYLE"), ("public_domain_artists", "")):
        for artist in spec[group]:
            for language in ("en", "fr"):
                template = rng.choice(spec["style_templates"][language])
                short = artist.split()[-1] if rng.random() < 0.3 and " " in artist else artist
                works.append(
                    {
                        "text": template.format(name=short),
                        "language": language,
                        "label": label,
                        "subject": artist if label else "",
                    }
                )
    for title, kind in spec["works"]:
        for language in ("en", "fr"):
            template = rng.choice(spec["work_templates"][language])
            works.append(
                {
                    "text": template.format(name=title),
                    "language": language,
                    "label": kind,
                    "subject": title,
                }
            )
    for language, sentences in spec["negative_sentences"].items():
        for sentence in sentences:
            works.append({"text": sentence, "language": language, "label": "", "subject": ""})
    for file_name, rows in (("names_labelled.jsonl", names), ("works_labelled.jsonl", works)):
        with (DATA / file_name).open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{file_name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
