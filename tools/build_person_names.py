"""Build wordlists/person_names.tsv: given names and surnames, folded, with their sources.

Run by a developer when the list needs refreshing, never by promptguard at run time:

    pip install -e ".[wordlists]"            # names (US Census data), Faker
    .venv/bin/python tools/build_person_names.py

Sources (both are data made to list people's names, under open licences):

* US Census Bureau, 1990 census name frequency files (public domain, a work of the US
  government), as shipped by the `names` package (MIT): every given name (male and female)
  and the surnames covering the most frequent part of the population (`SURNAME_RANK`).
* Faker's person providers (MIT, © joke2k and contributors): given names and surnames of
  every locale, Latin-script entries only (prompts here are English and French; a name in
  another script is never lowercase-ambiguous and NER sees it as it is).

Output columns: `name` (folded: lowercase, accents removed, as `lexicon.fold` does), `kind`
(G given name, S surname, GS both), `sources` (census, faker). Deterministic.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from promptguard.analyzers.names.lexicon import fold  # noqa: E402

OUT = REPO / "wordlists" / "person_names.tsv"
#: Census surnames ranked above this are kept (the long tail is mostly one-family names).
SURNAME_RANK = 40_000


def _latin(name: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


def census() -> tuple[set[str], set[str]]:
    import names

    folder = Path(names.__file__).parent
    given: set[str] = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (folder / file).read_text(encoding="utf-8").splitlines():
            if line.strip():
                given.add(line.split()[0])
    surnames = set()
    for line in (folder / "dist.all.last").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and int(parts[3]) <= SURNAME_RANK:
            surnames.add(parts[0])
    return given, surnames


def faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    given: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attrs, into in (
            (("first_names", "first_names_male", "first_names_female"), given),
            (("last_names", "last_names_male", "last_names_female"), surnames),
        ):
            for attr in attrs:
                value = provider.__dict__.get(attr)
                if isinstance(value, (dict, list, tuple, set)):
                    into.update(v for v in value if isinstance(v, str) and _latin(v))
    return given, surnames


def main() -> None:
    rows: dict[str, tuple[set[str], set[str]]] = {}
    for source, (given, surnames) in (("census", census()), ("faker", faker_names())):
        for kind, values in (("G", given), ("S", surnames)):
            for value in values:
                for part in fold(value).split():  # "Mary Ann", "De la Cruz": each word
                    if len(part) < 2 or not part.isalpha():
                        continue
                    kinds, sources = rows.setdefault(part, (set(), set()))
                    kinds.add(kind)
                    sources.add(source)
    lines = ["name\tkind\tsources"]
    for name in sorted(rows):
        kinds, sources = rows[name]
        lines.append(f"{name}\t{''.join(sorted(kinds))}\t{','.join(sorted(sources))}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} names")


if __name__ == "__main__":
    main()
