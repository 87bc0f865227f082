"""Names in any case, brands that are not people, and people the references know.

Real Presidio and spaCy: what a user sees from `promptguard.scan`."""

from __future__ import annotations

import pytest

import promptguard
from promptguard.analyzers.personal_data.person_names import (
    is_name_word,
    is_not_a_person,
    may_hold_uncased_name,
)
from promptguard.config.load import Config
from promptguard.findings import Finding, merge_overlapping

CONFIG = Config()


def persons(text: str, language: str = "en") -> list[str]:
    return [
        text[f.start : f.end]
        for f in promptguard.scan(text, language=language, config=CONFIG)
        if f.category == "personal_data" and f.type == "PERSON"
    ]


@pytest.mark.parametrize(
    "brand", ["Pixar", "Artstation", "ArtStation", "Unreal Engine", "Midjourney", "Photoshop"]
)
def test_brands_and_tools_are_never_persons(brand: str) -> None:
    assert is_not_a_person(brand)
    for text in (
        f"{brand} is amazing.",
        f"A castle at dusk, made with {brand}, trending.",
        f"I asked {brand} for a poster.",
        f"Thanks to {brand} and to Jane Whitaker for the render.",
    ):
        assert not any(brand.lower() in p.lower() for p in persons(text)), text


def test_a_list_of_tools_in_a_prompt_is_no_person() -> None:
    text = (
        "Concept art of a ruined abbey, Unreal Engine 5 render, Octane, trending on "
        "Artstation, Pixar style, retouched in Photoshop, Midjourney v6"
    )
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("she named him joshua", "joshua"),
        ("mr. martin is a 50 year old man", "martin"),
        ("ms. Wijtze asked for the invoice", "Wijtze"),
        ("PLEASE FORWARD TO JOHN SMITH BEFORE FRIDAY", "JOHN SMITH"),
        ("ok so natasha higuchi said the office would call back", "natasha higuchi"),
        ("Johnny is a very sympathetic person.", "Johnny"),
        ("My name is Shane Berg and I need a refund.", "Shane Berg"),
        ("Regards,\nIngrid Sørensen", "Ingrid Sørensen"),
        ("Dr. J. Okafor will see you", "J. Okafor"),
    ],
)
def test_names_in_any_case(text: str, name: str) -> None:
    assert any(name in found for found in persons(text)), persons(text)


def test_a_title_is_part_of_the_name() -> None:
    assert persons("Mr. Ford is a 50 year old man") == ["Mr. Ford"]
    assert persons("Hello, this is Dr. Derek Crnić.") == ["Dr. Derek Crnić"]


def test_known_given_names_alone() -> None:
    assert persons("Clotilde, can I please speak to your boss?") == ["Clotilde"]
    assert "Kaylee" in persons("They had 6: Malon, Mark, Kaylee, Brandi, Miguel and Jennifer.")
    assert persons("Alexa, play the rain sounds") == []


@pytest.mark.parametrize(
    "text",
    [
        "i will call you tomorrow and we can go over the shot list",
        "I miss the old render settings, they were frank and clear",
        "Imagine a lighthouse at dusk.",
        "flights to london on monday, then paris",
        "a file named report.pdf",
    ],
)
def test_ordinary_words_are_not_names(text: str) -> None:
    assert persons(text) == []


def test_a_quoted_name_is_trimmed_not_rejected() -> None:
    text = '>Ashley Belov\n>Mclaughlin Ltd.\nSee "Tom Okafor" tomorrow.'
    found = persons(text)
    assert "Ashley Belov" in found
    assert "Tom Okafor" in found
    assert not any(">" in name or '"' in name for name in found)


def test_name_words_and_the_pre_pass() -> None:
    assert is_name_word("natasha") and is_name_word("HIGUCHI")
    assert not is_name_word("will") and not is_name_word("frank")
    assert may_hold_uncased_name("ok so natasha said")
    assert may_hold_uncased_name("Johnny, can you call?")
    assert not may_hold_uncased_name("Imagine a lighthouse, then frank words.")


def finding(category: str, kind: str, start: int, end: int, score: float = 0.8) -> Finding:
    return Finding(category=category, type=kind, start=start, end=end, score=score)


def test_a_reference_that_covers_a_name_replaces_it() -> None:
    person = finding("personal_data", "PERSON", 10, 22)
    figure = finding("public_figure", "PERSON", 10, 22, 0.9)
    assert merge_overlapping([person, figure]) == [figure]


def test_a_reference_that_only_touches_a_name_keeps_the_person() -> None:
    # "Trevor" of "Trevor Muñiz" is a film title: the ordinary person stays personal data
    person = finding("personal_data", "PERSON", 14, 26)
    work = finding("copyrighted_work", "FILM", 14, 20, 0.9)
    merged = merge_overlapping([person, work])
    assert person in merged and work in merged


def test_names_listed_with_a_name() -> None:
    found = persons("The brainchild of our 3 founders: Kovalev, Lee and Phillips.")
    assert "Phillips" in found
    assert persons("Contact Jane Doe, Paris and London offices") == ["Jane Doe"]


def test_in_a_text_without_capitals_a_known_given_name_is_a_name() -> None:
    assert persons("eugenio is from the leasing company") == ["eugenio"]
    assert persons("i will call you at noon, see you in paris then") == []


@pytest.mark.parametrize(
    "text",
    [
        "Headshot of the lead for the poster, soft light",
        "Moodboard for the final scene, warm tones",
        "Callsheet attached for tomorrow",
    ],
)
def test_a_trade_word_opening_a_prompt_is_no_person(text: str) -> None:
    """Words of the trade the dictionary lacks are two ordinary words run together, not a
    surname opening a sentence."""
    assert [f for f in promptguard.scan(text) if f.type == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("please forward this to ms. wijtze van der berg before friday", "ms. wijtze van der berg"),
        ("Ask Pieter van den Bosch about the crane permit.", "Pieter van den Bosch"),
        ("Le machiniste Jean-Marc de la Tour arrive à 6 h.", "Jean-Marc de la Tour"),
    ],
)
def test_a_name_is_one_finding_across_its_particles(text: str, name: str) -> None:
    language = "fr" if text.startswith("Le ") else "en"
    assert name in persons(text, language)


def test_two_names_joined_by_and_stay_two() -> None:
    assert sorted(persons("Ask Maria and Bob about the crane permit.")) == ["Bob", "Maria"]


def test_a_famous_artwork_named_like_a_person_is_no_person() -> None:
    """ "Mona Lisa" is a painting: neither the phrase nor its "Lisa" is someone's name."""
    assert persons("Mona Lisa as a cat, oil painting") == []
    assert persons("Ask Lisa about the Christina's World print.") == ["Lisa"]
