"""Build the French historical-news set of the detection benchmark from a CLEF-HIPE-2020 TSV.

    python bench/hipe_to_conll.py HIPE-data-v1.4-dev-fr.tsv OUT.conll \
        [--offsets 0,40000,80000,...] [--window 16000] [--halves]

HIPE-2020 (impresso/CLEF-HIPE-2020, CC BY-NC-SA 4.0) annotates Swiss and Luxembourg
newspapers of 1790-2010 with OCR noise left in. Its `pers` spans hold a person's function
and qualifiers ("M. Hagenbeck, le célèbre marchand d'animaux de Hambourg"); Europeana-
and CoNLL-style sets tag the name with its title only. So a person is kept as the tokens
of a coarse `pers` span whose NE-FINE-COMP is `comp.title` or `comp.name`, from the first
to the last such token ("M. le comte de Metternich"), with the initials just before and
the name words just after that the component layer leaves out ("A. Ammann", "Drouyn de
Lhuys"); a `pers` span without components is kept whole; a collective one (`pers.coll`:
"les Sages", a band) only through its `comp.name` tokens. Punctuation at either end is
dropped. Everything else is O. Sentences end at `PySBDSegment` (never inside an entity)
and at documents. Output: token TAB B-PER/I-PER/O, with a third column `NoSpaceAfter`
where HIPE glues a token to the next, so the reader rebuilds "M. Dupont" and not "M .
Dupont"; `# document_id = …` before each document. With `--offsets`, only the complete
sentences of `--window` characters from each offset are kept (the sample in
bench/DETECTION.md); `--halves` also writes OUT.dev.conll and OUT.check.conll, documents
taken in turn.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME_PARTS = ("comp.title", "comp.name")
PARTICLES = frozenset(
    ["de", "du", "des", "d", "van", "von", "der", "den", "da", "di", "del", "della", "la", "le"]
)


def read_documents(path: Path, offsets: list[int], window: int) -> list[tuple[str, list]]:
    """[(document id, [sentence, ...])], a sentence a list of HIPE rows (split lines). Only
    sentences that start and end inside a window are kept (a document starts and ends one)."""
    text = path.read_text(encoding="utf-8")
    ranges = [(o, o + window) for o in offsets] or [(0, len(text))]
    documents: list[tuple[str, list]] = []
    doc_id, rows, complete, position = "", [], False, 0
    for line in text.splitlines(keepends=True):
        start, position = position, position + len(line)
        inside = any(a <= start and position <= b for a, b in ranges)
        line = line.rstrip("\n")
        fields = line.split("\t")
        if len(fields) < 10 or line.startswith("TOKEN\t"):
            if inside and complete and rows:
                _add(documents, doc_id, rows)  # the document's end ends its last sentence
            if line.startswith("# document_id"):
                doc_id = line.split("=", 1)[1].strip()
            rows, complete = [], inside and not line.startswith("#")
            if line.startswith("# document_id"):
                complete = inside
            continue
        if not inside:
            rows, complete = [], False
            continue
        rows.append(fields)
        if "PySBDSegment" in fields[9].split("|") and not _inside_entity(text, position):
            if complete:
                _add(documents, doc_id, rows)
            rows, complete = [], True
    return documents


def _inside_entity(text: str, position: int) -> bool:
    """Whether the next token continues an entity (a sentence never ends inside one)."""
    nxt = text[position : text.find("\n", position)].split("\t")
    return len(nxt) >= 2 and nxt[1].startswith("I-")


def _add(documents: list, doc_id: str, rows: list) -> None:
    if not documents or documents[-1][0] != doc_id:
        documents.append((doc_id, []))
    documents[-1][1].append(list(rows))


def person_tags(rows: list[list[str]]) -> list[str]:
    """B-PER / I-PER / O for each row of a sentence (see the module docstring)."""
    tags = ["O"] * len(rows)
    i = 0
    while i < len(rows):
        if rows[i][1] != "B-pers":
            i += 1
            continue
        j = i + 1
        while j < len(rows) and rows[j][1] == "I-pers":
            j += 1
        keep = _kept(rows, i, j)
        if keep:
            a, b = keep
            tags[a] = "B-PER"
            for k in range(a + 1, b):
                tags[k] = "I-PER"
        i = j
    return tags


def _kept(rows: list[list[str]], i: int, j: int) -> tuple[int, int] | None:
    comps = [r[5].split("-", 1)[-1] if r[5] != "O" else "O" for r in rows[i:j]]
    named = [k for k, c in enumerate(comps) if c in NAME_PARTS]
    collective = rows[i][3].startswith(("B-pers.coll", "I-pers.coll"))
    if collective:
        named = [k for k, c in enumerate(comps) if c == "comp.name"]
        if not named:
            return None
    if named:
        a, b = i + named[0], i + named[-1] + 1
        while (
            a > i
            and comps[a - i - 1] == "O"
            and (rows[a - 1][0] == "." or (len(rows[a - 1][0]) == 1 and rows[a - 1][0].isupper()))
        ):
            a -= 1  # "A. Ammann": the initial the components leave out
        while (
            b < j
            and comps[b - i] == "O"
            and (rows[b][0][:1].isupper() or rows[b][0].lower() in PARTICLES)
        ):
            b += 1  # "Drouyn de Lhuys"
    else:
        a, b = i, j
    while a < b and not any(c.isalnum() for c in rows[a][0]):
        a += 1
    while b > a and not any(c.isalnum() for c in rows[b - 1][0]):
        b -= 1
    return (a, b) if b > a else None


def write(path: Path, documents: list[tuple[str, list]]) -> int:
    sentences = 0
    with path.open("w", encoding="utf-8") as out:
        for doc_id, sents in documents:
            out.write(f"# document_id = {doc_id}\n")
            for rows in sents:
                for row, tag in zip(rows, person_tags(rows), strict=True):
                    glued = len(row) >= 10 and "NoSpaceAfter" in row[9].split("|")
                    out.write(f"{row[0]}\t{tag}" + ("\tNoSpaceAfter" if glued else "") + "\n")
                out.write("\n")
                sentences += 1
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--offsets", default="", help="character offsets, comma-separated")
    parser.add_argument("--window", type=int, default=16000)
    parser.add_argument("--halves", action="store_true")
    args = parser.parse_args()
    offsets = [int(o) for o in args.offsets.split(",") if o.strip()]
    documents = read_documents(args.tsv, offsets, args.window)
    print(f"{args.out}: {write(args.out, documents)} sentences, {len(documents)} documents")
    if args.halves:
        for name, half in (("dev", documents[0::2]), ("check", documents[1::2])):
            path = args.out.with_suffix(f".{name}.conll")
            print(f"{path}: {write(path, half)} sentences")


if __name__ == "__main__":
    main()
