"""Breadth of the curated people list: Pantheon people whose death no open list records are
deceased, newly listed athletes, creators, executives and idols are living public figures, and
word-like names left out stay out of ordinary text."""

from __future__ import annotations

import pytest

import promptguard

FIGURES = ("public_figure", "deceased_figure")


def figures(text: str) -> dict[str, promptguard.Finding]:
    """Span -> finding of each public or deceased figure found."""
    return {text[f.start : f.end]: f for f in promptguard.scan(text) if f.category in FIGURES}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Jacques Derrida giving a lecture, charcoal sketch", "Jacques Derrida"),
        ("gene roddenberry on the bridge of a starship, film still", "gene roddenberry"),
        ("Bobby Moore lifting the trophy, 1966 press photo", "Bobby Moore"),
        ("a bronze statue of Kim Il-sung in a city square", "Kim Il-sung"),
        ("Milton Friedman explaining inflation on a chalkboard, cartoon", "Milton Friedman"),
        ("Ace Frehley in his space makeup playing guitar, concert photo", "Ace Frehley"),
        ("phil donahue hosting a daytime talk show, 1980s photo", "phil donahue"),
        ("Marianne Faithfull singing in a smoky club, portrait", "Marianne Faithfull"),
    ],
)
def test_people_who_have_died_are_deceased_not_living(text, span):
    found = figures(text)
    assert span in found
    assert found[span].category == "deceased_figure"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("portrait of Socrates, marble bust, museum lighting", "Socrates"),
        ("portrait of abe lincoln as a cyborg, digital art", "abe lincoln"),
    ],
)
def test_long_dead_figures_are_historical_not_living(text, span):
    found = figures(text)
    assert found[span].category == "deceased_figure"
    assert "historical" in found[span].message


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Hardik Pandya hitting a six, sports photography", "Hardik Pandya"),
        ("Dustin Poirier in the octagon, dramatic lighting", "Dustin Poirier"),
        ("Shou Zi Chew testifying before congress, news photo", "Shou Zi Chew"),
        ("Karl Pilkington looking confused in a desert, photo", "Karl Pilkington"),
        ("Lee Tae-min dancing on stage, k-pop concert", "Lee Tae-min"),
        ("Gypsy Rose Blanchard smiling at a press event", "Gypsy Rose Blanchard"),
        ("nic cage as a medieval wizard, oil painting", "nic cage"),
        ("Shaq dunking over a giraffe, cartoon", "Shaq"),
    ],
)
def test_newly_listed_people_are_living_public_figures(text, span):
    found = figures(text)
    assert span in found
    assert found[span].category == "public_figure"


@pytest.mark.parametrize(
    "text",
    [
        "a flamingo standing in a misty pond at dawn, watercolor",
        "I had a dream about a shroud of fog over the harbour.",
        "The kids rode the flume twice before lunch.",
        "D'Angelo Russell scored 30 points for the Nets last night.",
        "I saw Ozzy at the pub yesterday, he says hi.",
    ],
)
def test_word_like_names_left_out_stay_out(text):
    assert figures(text) == {}
