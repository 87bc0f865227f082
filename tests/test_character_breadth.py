"""Characters from the many kinds of works people name: games, anime, cartoons, comics.

The curated list covers the casts users ask for, not only each franchise's star: a fighting
game's roster, a gacha game's cast, a children's cartoon, a comic strip, a European album.
Names that are also ordinary words or given names are listed with their work, so they count
only when the prompt says which one it means; a sitcom's "Sam Malone" is anyone's name in news.
"""

from __future__ import annotations

import pytest
from work_spans import work_spans

from promptguard.analyzers.names.copyrighted_works import CopyrightedWorkAnalyzer
from promptguard.config.load import Config


@pytest.fixture(scope="module")
def analyzer() -> CopyrightedWorkAnalyzer:
    return CopyrightedWorkAnalyzer(Config())


def found(analyzer, models, text):
    return work_spans(analyzer, models, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("kazuya mishima in a ruined dojo, dramatic lighting", "kazuya mishima"),
        ("Tifa Lockhart tending the bar, watercolor", "tifa lockhart"),
        ("zagreus and megaera sparring in the underworld, concept art", "zagreus"),
        ("a cozy painting of phineas flynn building a rollercoaster", "phineas flynn"),
        ("Captain Haddock shouting on the deck of a ship, ligne claire", "captain haddock"),
        ("kaedehara kazuha under falling maple leaves, genshin art", "kaedehara kazuha"),
        ("Leslie Knope giving a speech in the town hall, sitcom still", "leslie knope"),
        ("satoru gojo with his blindfold off, manga panel", "satoru gojo"),
    ],
)
def test_a_listed_character_is_reported_as_a_character(analyzer, nlp_models, text, name):
    assert (name, "CHARACTER") in found(analyzer, nlp_models, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("mercy from overwatch healing her team, cosplay photo", "mercy"),
        ("marceline from adventure time playing her axe bass", "marceline"),
    ],
)
def test_a_character_named_like_a_word_counts_beside_its_work(analyzer, nlp_models, text, name):
    assert (name, "CHARACTER") in found(analyzer, nlp_models, text)


@pytest.mark.parametrize(
    "text",
    [
        "The judge showed mercy and reduced the sentence.",
        "Please summarise the quarterly report for the sales team.",
        "We walked the lamb to the barn before the storm.",
        "Sam Malone, 42, of Leeds was fined on Tuesday.",
        "Dennis Mitchell (U.S.) won the 100 metres in 10.03 seconds.",
    ],
)
def test_the_same_words_in_ordinary_text_are_no_character(analyzer, nlp_models, text):
    assert found(analyzer, nlp_models, text) == set()
