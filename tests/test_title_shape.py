"""Lowercase titles and characters made of ordinary words, as prompts really write them.

A title whose words are all ordinary ("inside out", "the office") needs capitals, quotes or
a cue; these tests check the shapes and neighbours that are such a cue, and that the same
words in ordinary sentences stay unreported.
"""

from __future__ import annotations

import pytest

from promptguard.analyzers.names.copyrighted_works import CopyrightedWorkAnalyzer
from promptguard.config.load import Config
from promptguard.nlp.models import ScanText


@pytest.fixture(scope="module")
def analyzer() -> CopyrightedWorkAnalyzer:
    return CopyrightedWorkAnalyzer(Config())


def found(analyzer, models, text):
    return {(f.type, text[f.start : f.end]) for f in analyzer.analyze(ScanText(text, models))}


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        # "X the Y": a name and its epithet is no everyday phrase.
        ("shadow the hedgehog skateboarding on the moon", "CHARACTER", "shadow the hedgehog"),
        ("courage the cowardly dog in a haunted farmhouse", "SERIES", "courage the cowardly dog"),
        # A number between words, or a sequel number after a well-known title.
        ("survivors barricading a diner, left 4 dead mood", "FRANCHISE", "left 4 dead"),
        ("mass effect 2 armour on a mannequin", "FRANCHISE", "mass effect 2"),
        # An honorific before a word that is no name, for a well-known character.
        ("captain hook sailing a paper boat", "CHARACTER", "captain hook"),
        ("professor oak explaining taxes to a child", "CHARACTER", "professor oak"),
        # A well-known character's first name and surname.
        ("tony stark fixing a toaster", "CHARACTER", "tony stark"),
        # The head of an image-prompt tag ("<title> atmosphere").
        (
            "foggy town at night, silent hill atmosphere, volumetric light, 8k",
            "FILM",
            "silent hill",
        ),  # fmt: skip
        # Beside another reference, a well-known title after "in".
        (
            "a knight by greg rutkowski standing in grand theft auto",
            "FRANCHISE",
            "grand theft auto",
        ),  # fmt: skip
        # A character that is also a president's surname, with its maker named.
        ("garfield lasagna party, comic strip by jim davis", "FRANCHISE", "garfield"),
        ("garfield doodle on a napkin, in the style of jim davis", "CHARACTER", "garfield"),
        # A release year after an everyday-phrase title, beside a famous name.
        (
            "a still of robert redford in ordinary people (1980), film grain",
            "FILM",
            "ordinary people",
        ),  # fmt: skip
        # "&" written for "and".
        ("a poster in the style of rick & morty", "SERIES", "rick & morty"),
        ("Write a D&D campaign for four players", "FRANCHISE", "D&D"),
        # A well-known title written without its "the", with a cue.
        ("we binged walking dead all weekend", "SERIES", "walking dead"),
        (
            "a lone cabin in the snow, last of us scenery, concept art",
            "FRANCHISE",
            "last of us",
        ),  # fmt: skip
    ],
)
def test_lowercase_titles_written_as_titles(analyzer, nlp_models, text, kind, span):
    assert (kind, span) in found(analyzer, nlp_models, text)


@pytest.mark.parametrize(
    "text",
    [
        "I turned my jacket inside out before washing it",
        "the doctor who saw me was kind",
        "please email john.doe@example.com about the invoice",
        "john doe walks into a bar",
        "my uncle said the meeting ran over time",
        "your sarcasm is great :D :D",
        "he lived under the dome of the cathedral",
        "a photo of garfield high school in the morning",
        "black and white photo, by ansel adams, swimming pool",
        "Stay in character. Don't break the fourth wall.",
        "Planning our Dinner Party menu for Friday",
        "salt & pepper on the table",
        "agent smith from the bureau called me back",
        "captain price said the cargo was late",
        "general grievous injuries were reported after the storm",
        "I was born in 1967 and moved to ordinary people from 1985 on",
        "She felt like the walking dead after the night shift",
    ],
)
def test_the_same_words_in_ordinary_sentences_are_not_titles(analyzer, nlp_models, text):
    works = {f for f in found(analyzer, nlp_models, text) if f[0] != "ARTIST_STYLE"}
    assert not works
