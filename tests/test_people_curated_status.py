"""Curated people lists: late entertainers are deceased, new living ones are found, and stage
names that are ordinary words stay out of ordinary text."""

from __future__ import annotations

import pytest

import promptguard

FIGURES = ("public_figure", "deceased_figure")


def figures(text: str) -> dict[str, str]:
    """Span -> category of each public or deceased figure found."""
    return {
        text[f.start : f.end]: f.category for f in promptguard.scan(text) if f.category in FIGURES
    }


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Bill Hicks smoking on stage, black and white photo", "Bill Hicks"),
        ("portrait of bobby heenan in a tuxedo, oil painting", "bobby heenan"),
        ("Roy Orbison in dark glasses, album cover", "Roy Orbison"),
        ("diana rigg as a queen, renaissance painting", "diana rigg"),
        ("Owen Hart in the ring, 35mm photo", "Owen Hart"),
        ("walter cronkite reading the news, 1960s photo", "walter cronkite"),
    ],
)
def test_late_entertainers_are_deceased(text, span):
    assert figures(text).get(span) == "deceased_figure"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Natasha Lyonne as a detective, film still", "Natasha Lyonne"),
        ("portrait of charlie day screaming, oil painting", "charlie day"),
        ("Trixie Mattel in a pink wig, studio photo", "Trixie Mattel"),
        ("kim yoo-jung in a hanbok, k-drama still", "kim yoo-jung"),
        ("Kevin Gates on stage, concert photo", "Kevin Gates"),
    ],
)
def test_newly_listed_living_people_are_public_figures(text, span):
    assert figures(text).get(span) == "public_figure"


@pytest.mark.parametrize(
    "text",
    [
        "Takeoff was delayed by fog at the airport.",
        "Rather than wait, the council voted on Tuesday.",
        "a junkyard dog guarding the gate, digital art",
    ],
)
def test_word_like_stage_names_stay_out(text):
    found = figures(text)
    assert not any(span in {"Takeoff", "Rather", "junkyard dog"} for span in found)


def test_a_longer_listed_name_wins_over_a_stage_name_inside_it():
    found = figures("Booker T. Washington founded the Tuskegee Institute.")
    assert "Booker T" not in found
    assert found.get("Booker T. Washington") == "deceased_figure"
