"""Franchises, characters and celebrities from the curated lists, as a user meets them.

Real pipeline (spaCy, Presidio, the shipped lists), no mocks. What a user notices: a prompt
naming a franchise character or a living celebrity asks for clearance; a character named by
its first name and its work is reported as that character; a historical figure or a
public-domain master is recorded but allowed; news text naming countries, weekdays or
ordinary words gives no copyrighted-work finding.
"""

from __future__ import annotations

import csv

import pytest

import promptguard
from promptguard.analyzers.resources import wordlist

REFERENCE = {"public_figure", "deceased_figure", "copyrighted_work"}


def refs(text: str) -> list[tuple[str, str, str, str]]:
    """(category, type, text as written, severity) of the reference findings."""
    return [
        (f.category, f.type, text[f.start : f.end], f.severity)
        for f in promptguard.scan(text)
        if f.category in REFERENCE
    ]


def decision(text: str) -> str:
    return promptguard.check(text, tool="midjourney", purpose="moodboard").decision


@pytest.mark.parametrize(
    ("text", "kind", "written"),
    [
        ("Peter Griffin as a medieval knight, oil painting", "CHARACTER", "Peter Griffin"),
        ("eric cartman in a spacesuit, 3d render", "CHARACTER", "eric cartman"),
        ("Jesse Pinkman cooking in a desert RV, film still", "CHARACTER", "Jesse Pinkman"),
        ("a portrait of Saitama, anime key visual", "CHARACTER", "Saitama"),
        ("Kitana and Liu Kang fighting, dramatic lighting", "CHARACTER", "Kitana"),
        ("poster for Black Myth: Wukong, epic fantasy", "FRANCHISE", "Black Myth: Wukong"),
        ("a skyline inspired by Cyberpunk: Edgerunners", "FRANCHISE", "Cyberpunk: Edgerunners"),
    ],
)
def test_franchise_characters_and_titles_ask_for_clearance(text, kind, written):
    found = refs(text)
    assert ("copyrighted_work", kind, written, "normal") in found
    assert decision(text) == "clearance"


def test_a_character_named_by_first_name_and_work_is_that_character():
    text = "sakura from naruto painting a mural, studio lighting"
    found = refs(text)
    assert ("copyrighted_work", "CHARACTER", "sakura", "normal") in found
    sakura = next(f for f in promptguard.scan(text) if f.type == "CHARACTER")
    assert sakura.subject == "Sakura Haruno"
    assert sakura.extra["evidence"]["cue"] == "named with its work"


@pytest.mark.parametrize(
    ("text", "character", "work"),
    [
        ("portrait of revy from black lagoon, comic art", "revy", "black lagoon"),
        ("Rob Rey as Overwatch Tracer cute smile", "Tracer", "Overwatch"),
    ],
)
def test_a_one_word_character_beside_its_work_is_reported_with_it(text, character, work):
    found = refs(text)
    assert ("copyrighted_work", "CHARACTER", character, "normal") in found
    assert any(c == "copyrighted_work" and w == work for c, _t, w, _s in found)


@pytest.mark.parametrize(
    "text",
    [
        "a friend from Naruto fan club said hi",
        "Call Rachel from Friends Of The Earth today",
        "I met a friend from work",
    ],
)
def test_a_word_before_from_a_title_is_not_taken_for_a_character(text):
    assert all(kind != "CHARACTER" for _c, kind, _w, _s in refs(text))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Zendaya on a red carpet, fashion photography", "Zendaya"),
        ("pedro pascal as a cowboy, cinematic portrait", "pedro pascal"),
        ("Sabrina Carpenter singing on a neon stage", "Sabrina Carpenter"),
    ],
)
def test_living_celebrities_need_clearance(text, written):
    assert ("public_figure", "PERSON", written, "normal") in refs(text)
    assert decision(text) == "clearance"


def test_a_death_the_older_lists_did_not_know_is_reported_as_deceased():
    # Pantheon 1.0 (2014) lists him alive; the curated list knows he died in 2025.
    found = refs("Gene Hackman as a detective, 1970s film still")
    assert ("deceased_figure", "PERSON", "Gene Hackman", "normal") in found


def test_historical_figures_are_recorded_not_personal_data():
    text = "photo of donald trump meets beethoven in rome"
    found = refs(text)
    assert ("deceased_figure", "PERSON", "beethoven", "info") in found
    people = [f for f in promptguard.scan(text) if f.category == "personal_data"]
    assert people == []


def test_a_name_with_a_spaced_out_hyphen_is_one_style_name():
    # Prompt sites store "William-Adolphe" as "william - adolphe".
    text = "art by alphonse mucha and william - adolphe bouguereau"
    found = refs(text)
    assert ("copyrighted_work", "ARTIST_STYLE", "william - adolphe bouguereau", "info") in found
    assert [f for f in promptguard.scan(text) if f.category == "personal_data"] == []
    assert decision(text) == "allow"


def test_a_master_known_by_another_spelling_is_public_domain_by_its_dates():
    # CLIP Interrogator spells him "Wenceslas", NGA (with dates) "Wenceslaus".
    text = "etching of a harbour by Wenceslas Hollar, fine cross-hatching"
    found = refs(text)
    assert ("copyrighted_work", "ARTIST_STYLE", "Wenceslas Hollar", "info") in found
    assert decision(text) == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Turkey and Greece signed a trade deal on Wednesday.",
        "The cyborg walked in and sat down next to the window.",
        "Gosh goosebumps all over my body when he starts playing",
        "Chef_name: 'Tom', Meal: 'NoodleSoup', Rating: 4",
        "I bought Control and Hades on sale last week.",
        "Cheers from London, see you at the Community centre on Friday",
        "Great to see the Vision and the Power of this team",
    ],
)
def test_news_and_chat_text_give_no_work_finding(text):
    assert [f for f in refs(text) if f[0] == "copyrighted_work"] == []


def test_curated_entries_record_source_and_status():
    """Every curated row says its status; public-domain characters stay out of works.tsv."""
    with wordlist("works_curated.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) >= 1000
    assert {r["status"] for r in rows} == {"in_copyright", "public_domain"}
    shipped = wordlist("works.tsv").read_text(encoding="utf-8")
    for row in rows:
        if row["status"] == "public_domain":
            assert f"\n{row['title']}\tCHARACTER\t" not in shipped
    with wordlist("people_curated.tsv").open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle, delimiter="\t"))
    assert len(people) >= 500
    assert all(p["source"] == "curated" for p in people)
    assert all((p["status"] == "deceased") == bool(p["death_year"]) for p in people)
