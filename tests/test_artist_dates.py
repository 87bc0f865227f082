"""Artist dates decide whether a style needs clearance: the status at its edges, the dates the
wordlist builder joins from the open data (tools/artist_dates.py) and the curated years."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

import promptguard
from promptguard.analyzers.names.folding import current_year, fold
from promptguard.analyzers.names.packed import Artist, Work

ROOT = Path(__file__).resolve().parent.parent
WORDLISTS = ROOT / "wordlists"


def _tool():
    """tools/ is not a package (never installed): load the builder's join module by path."""
    spec = importlib.util.spec_from_file_location("artist_dates", ROOT / "tools/artist_dates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("artist_dates", module)
    spec.loader.exec_module(module)
    return module


dates = _tool()


def styles(text: str) -> list[tuple[str, str, str]]:
    return [
        (text[f.start : f.end], f.severity, f.extra["status"])
        for f in promptguard.scan(text)
        if f.category == "copyrighted_work" and f.type == "ARTIST_STYLE"
    ]


# --------------------------------------------------------------------------- status edges

YEAR = 2026


@pytest.mark.parametrize(
    ("birth", "death", "protected"),
    [
        (1880, YEAR - 70, True),  # died 70 years ago: protected to the end of this year
        (1880, YEAR - 71, False),  # one more year: public domain
        (1980, None, True),  # living
        (None, None, True),  # undated: protected until someone shows otherwise
        (YEAR - 114, None, True),  # no death year, could still be alive
        (YEAR - 115, None, False),  # born 115 years ago: certainly dead, long enough
    ],
)
def test_copyright_status_at_its_edges(birth, death, protected):
    assert Artist("An Artist", birth, death, True).in_copyright(YEAR) is protected


def test_an_artwork_follows_its_makers_death_year_on_the_same_edge():
    painting = Work("A Painting", "ARTWORK", "An Artist", 1940)
    assert not painting.public_domain(YEAR - 70, YEAR)
    assert painting.public_domain(YEAR - 71, YEAR)


def test_status_is_computed_from_todays_year():
    year = current_year()
    assert Artist("A", 1900, year - 71, True).in_copyright() is False
    assert Artist("A", 1900, year - 70, True).in_copyright() is True


# --------------------------------------------------------------------------- reported status


def test_a_master_dated_only_under_another_spelling_is_an_allowed_style():
    # The CLIP list writes "Théodule Ribot"; the museum and Wikidata records another name.
    text = "still life of fish and copper pans, oil painting by Théodule Ribot, dark palette"
    assert styles(text) == [("Théodule Ribot", "info", "public_domain")]
    assert promptguard.check(text, tool="midjourney", purpose="moodboard").decision == "allow"


def test_a_master_with_curated_years_is_an_allowed_style():
    text = "a jack pine on a windy lake shore in the style of Tom Thomson"
    assert styles(text) == [("Tom Thomson", "info", "public_domain")]


def test_an_artist_dead_under_70_years_still_needs_clearance():
    text = "snowy mountains, abstract landscape in the style of Lawren Harris"
    [(name, severity, status)] = styles(text)
    assert (name, severity, status) == ("Lawren Harris", "normal", "in_copyright")
    assert promptguard.check(text, tool="midjourney", purpose="moodboard").decision != "allow"


def test_an_undated_artist_is_reported_as_undated_and_protected():
    text = "a stencil of a girl with a red balloon in the style of Banksy"
    [finding] = [f for f in promptguard.scan(text) if f.type == "ARTIST_STYLE"]
    assert finding.extra["status"] == "undated"
    assert finding.severity == "normal"
    assert "no list dates" in finding.message


# --------------------------------------------------------------------------- builder joins


def test_transliterations_and_particles_fold_together():
    assert dates.loose_tokens("Wassily Petroff") == dates.loose_tokens("Vasily Petrov")
    assert dates.loose_tokens("Esaias van de Velde") == dates.loose_tokens("Esaias Velde")
    assert dates.loose_tokens("Sir John Smythe II") == dates.loose_tokens("John Smithe")
    assert dates.forward("Velde, Esaias van de") == "Esaias van de Velde"


def _names(*people):
    names = dates.DatedNames()
    for name, birth, death in people:
        names.add(name, birth, death, "nga")
    return names


def test_a_spelling_variant_takes_the_dated_artists_years():
    names = _names(("Vasily Ostapenko", 1850, 1910))
    found, how = names.lookup("Wassily Ostapenko")
    assert dates.resolve(found) == (1850, 1910, "nga") and how == "spelling"


def test_dropped_middle_names_match_but_a_different_initial_does_not():
    names = _names(("Richard Henry Scottsdale", 1801, 1870))
    assert dates.resolve(names.lookup("Richard Scottsdale")[0]) == (1801, 1870, "nga")
    assert dates.resolve(names.lookup("Henry Scottsdale")[0]) == (1801, 1870, "nga")
    assert names.lookup("Richard T. Scottsdale") == (set(), "")


def test_a_generation_mark_is_matched_as_written():
    names = _names(("Pieter Voorbeeldt", 1560, 1620), ("Pieter Voorbeeldt II", 1590, 1650))
    assert dates.resolve(names.lookup("Pieter Voorbeeldt II")[0]) == (1590, 1650, "nga")
    assert names.lookup("Pieter Voorbeeldt III") == (set(), "")
    assert names.lookup("Pieter Voorbeeldt Jr") == (set(), "")
    assert dates.resolve(names.lookup("Pieter Voorbeeldt")[0]) == (1560, 1620, "nga")


def test_namesakes_give_the_later_death_or_nothing_when_one_may_be_alive():
    dead = _names(("Jan Voorbeeld", 1600, 1650), ("Jan Voorbeeld", 1630, 1690))
    assert dates.resolve(dead.lookup("Jan Voorbeeld")[0]) == (1630, 1690, "nga_homonyms")
    mixed = _names(("Anna Probeweg", 1890, 1950), ("Anna Probeweg", 1975, None))
    assert dates.resolve(mixed.lookup("Anna Probeweg")[0]) is None


def test_loose_joins_refuse_what_would_date_the_wrong_person():
    # A surname one letter apart, a man's and a woman's given name, a reversed living name.
    names = _names(("Kurt Wermer", 1900, 1950), ("Francis Doelittle", 1814, 1896))
    names.add("Lu Zhangwei", 1962, None, "moma")
    assert names.lookup("Kurt Wenner") == (set(), "")
    assert names.lookup("Frances Doelittle") == (set(), "")
    assert names.lookup("Zhangwei Lu") == (set(), "")
    names.add("Hiro Tanakaya", 1850, 1920, "moma")
    assert dates.resolve(names.lookup("Tanakaya Hiro")[0]) == (1850, 1920, "moma")


def test_curated_years_are_in_the_shipped_list():
    with (WORDLISTS / "artists_dates_curated.tsv").open(encoding="utf-8") as handle:
        curated = list(csv.DictReader(handle, delimiter="\t"))
    with (WORDLISTS / "artists.tsv").open(encoding="utf-8") as handle:
        shipped = {fold(r["name"]): r for r in csv.DictReader(handle, delimiter="\t")}
    assert len(curated) >= 400
    assert len({fold(r["name"]) for r in curated}) == len(curated)
    for row in curated:
        death = int(row["death_year"])
        if row["birth_year"]:
            assert 15 <= death - int(row["birth_year"]) <= 105, row["name"]
        else:
            assert death < 1900, row["name"]  # a master known only by the year they died
        artist = shipped[fold(row["name"])]
        if artist["dates_source"] == "curated":
            assert (artist["birth_year"], artist["death_year"]) == (
                row["birth_year"],
                row["death_year"],
            )
