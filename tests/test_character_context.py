"""Characters read from the work named beside them, and eponymous characters as characters.

A prompt rarely writes a character's full list name: it writes a first name or a word and
says where it is from ("odo in star trek", "tracer (overwatch)"), or names two characters of
the same show. These are the context rules a user notices: the character is reported, with
the type CHARACTER, and never as a private person.
"""

from __future__ import annotations

import pytest
from work_spans import work_spans

import promptguard
from promptguard.analyzers.names.copyrighted_works import CopyrightedWorkAnalyzer
from promptguard.config.load import Config
from promptguard.nlp.models import ScanText


@pytest.fixture(scope="module")
def analyzer() -> CopyrightedWorkAnalyzer:
    return CopyrightedWorkAnalyzer(Config())


def spans(analyzer, models, text):
    return work_spans(analyzer, models, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("sakura (naruto) under the cherry blossoms, fan art", "sakura"),
        ("overwatch's tracer sipping coffee in a diner", "tracer"),
        ("the overwatch character tracer running through london", "tracer"),
        ("sisko in star trek deep space nine, oil painting", "sisko"),
    ],
)
def test_a_character_beside_its_work(analyzer, nlp_models, text, name):
    assert (name, "CHARACTER") in spans(analyzer, nlp_models, text)


def test_two_characters_of_one_show_confirm_each_other(analyzer, nlp_models):
    found = spans(analyzer, nlp_models, "garak and doctor bashir playing chess, oil painting")
    assert ("garak", "CHARACTER") in found
    assert ("doctor bashir", "CHARACTER") in found


@pytest.mark.parametrize(
    "text",
    [
        "a watercolour portrait of shrek reading the newspaper",
        "kirby floating over a sunflower field",
        "a plumber dressed as super mario, photo",
    ],
)
def test_an_eponymous_character_in_the_picture_is_a_character(analyzer, nlp_models, text):
    assert {kind for _span, kind in spans(analyzer, nlp_models, text)} == {"CHARACTER"}


@pytest.mark.parametrize(
    "text",
    ["we are playing the kirby game tonight", "a poster in the style of the shrek films"],
)
def test_the_eponymous_work_with_a_medium_is_the_work(analyzer, nlp_models, text):
    assert {kind for _span, kind in spans(analyzer, nlp_models, text)} == {"FRANCHISE"}


@pytest.mark.parametrize(
    "text",
    [
        "Show data for the last month by region.",
        "The frame data shows the combo is safe.",
        "a lone knight in a world of darkness, matte painting",
        "They made a stalker out of cardboard.",
    ],
)
def test_ordinary_words_stay_ordinary(analyzer, nlp_models, text):
    assert spans(analyzer, nlp_models, text) == set()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Lt. Commander Data from Star Trek playing the violin", "CHARACTER"),
        ("the Heat Miser and the Snow Miser singing", "CHARACTER"),
        ("don ramon chasing el chavo del ocho, cartoon", "SERIES"),
        ("a vampire: the masquerade character sheet", "FRANCHISE"),
        ("an essay comparing Orwell's 1984 with Fahrenheit 451", "FRANCHISE"),
    ],
)
def test_curated_works_and_casts(analyzer, nlp_models, text, kind):
    assert kind in {k for _span, k in spans(analyzer, nlp_models, text)}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("in the style of blade runner and dark city, neon rain", "dark city"),
        ("moody lighting, style of suspiria and neon demon", "neon demon"),
    ],
)
def test_a_title_of_ordinary_words_listed_beside_a_title(analyzer, nlp_models, text, title):
    assert (title, "FILM") in spans(analyzer, nlp_models, text)


def test_a_list_of_ordinary_things_beside_a_title_is_not_a_title(analyzer, nlp_models):
    for text in ("Star Wars and dark city streets at night", "Star Wars, dark city, neon signs"):
        assert {span for span, _kind in spans(analyzer, nlp_models, text)} == {"star wars"}


@pytest.mark.parametrize(
    "text",
    [
        "ronald mcdonald eating a salad, oil painting",
        "the michelin man running a marathon, photo",
        "a labubu plush on a shelf",
    ],
)
def test_brand_mascots_are_characters(analyzer, nlp_models, text):
    assert spans(analyzer, nlp_models, text)


def test_a_grimace_is_a_face_not_a_mascot(analyzer, nlp_models):
    assert spans(analyzer, nlp_models, "a man with a grimace, film still") == set()


@pytest.mark.parametrize(
    ("text", "found_title"),
    [
        ("a desert planet at dawn, arrival by denis villeneuve, fog", True),
        ("the arrival by train was late again", False),
        ("toy cars by pixar lined up on a shelf", True),
        ("cars by the road in the rain", False),
    ],
)
def test_a_one_word_title_credited_to_its_maker(analyzer, nlp_models, text, found_title):
    """ "arrival by denis villeneuve": the credit says the word is the title."""
    assert bool(spans(analyzer, nlp_models, text)) == found_title


# -- a name tied to a title the prompt names (named_with_work) ------------------------------


def findings_on(text: str, span: str):
    """(category, type) of every finding of the full scan on `span` of `text`."""
    import promptguard

    start = text.index(span)
    return {
        (f.category, f.type)
        for f in promptguard.scan(text)
        if f.start < start + len(span) and start < f.end
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Write a dialogue between Jake and Amy from Brooklyn Nine-Nine", "Jake"),
        ("Write a dialogue between Jake and Amy from Brooklyn Nine-Nine", "Amy"),
        ("a portrait of Kowalski from Madagascar planning a heist, cartoon", "Kowalski"),
        ("Pretend you are Ygritte in Game of Thrones and talk to me", "Ygritte"),
        ("Breaking Bad's Hank arresting a cactus, oil painting", "Hank"),
    ],
)
def test_a_name_from_a_named_work_is_its_character_not_a_person(text, name):
    found = findings_on(text, name)
    assert ("copyrighted_work", "CHARACTER") in found
    assert ("personal_data", "PERSON") not in found


def test_the_character_named_again_is_still_the_character():
    text = "Roleplay as Jake from Brooklyn Nine-Nine. Jake always makes jokes."
    later = text.rindex("Jake")
    spans = {(f.start, f.type) for f in __import__("promptguard").scan(text)}
    assert (later, "CHARACTER") in spans


def test_the_evidence_names_the_work(analyzer, nlp_models):
    text = "a portrait of Kowalski from Madagascar planning a heist, cartoon"
    [character] = [f for f in analyzer.analyze(ScanText(text, nlp_models)) if f.type == "CHARACTER"]
    assert character.extra["evidence"]["work"] == "Madagascar"


@pytest.mark.parametrize(
    "text",
    [
        "Data from the survey of Friends shows a trend.",
        "Lessons from Succession for first-time managers",
        "Scenes from Frozen were shown at the festival.",
        "Revenue from Avatar exceeded every forecast.",
        "Call Rachel from Friends Of The Earth today",
        "a dancer performing in fortnite, concept art",
    ],
)
def test_ordinary_words_before_a_title_are_no_character(analyzer, nlp_models, text):
    assert "CHARACTER" not in {kind for _span, kind in spans(analyzer, nlp_models, text)}


def test_a_famous_person_in_a_work_is_no_character(analyzer, nlp_models):
    text = "Keanu Reeves's car in minecraft, voxel art"
    assert "CHARACTER" not in {kind for _span, kind in spans(analyzer, nlp_models, text)}


def test_a_listed_character_whose_name_is_a_word_beside_its_work(analyzer, nlp_models):
    assert ("sadness", "CHARACTER") in spans(
        analyzer, nlp_models, "sadness from inside out crying in the rain, pixar render"
    )
    assert spans(analyzer, nlp_models, "a painting of sadness and joy, impasto") == set()


# -- a title credited to its maker (credited_titles) -------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "kind"),
    [
        ("a rainy street, happy together by wong kar-wai, film grain", "happy together", "FILM"),
        ('Write an essay on "Ashes and Snow" by Stephen King', "ashes and snow", "WORK"),
        ("Explain the lyrics of Bohemian Rhapsody by Queen", "bohemian rhapsody", "FILM"),
        ("Summarize The Orchard Keeper by Cormac McCarthy", "the orchard keeper", "WORK"),
        ("levitating by dua lipa, neon dancers, 35mm", "levitating", "WORK"),
    ],
)
def test_a_title_credited_to_its_maker_is_a_work(analyzer, nlp_models, text, title, kind):
    assert (title, kind) in spans(analyzer, nlp_models, text)


@pytest.mark.parametrize(
    "text",
    [
        "a neon city at night by Wong Kar-wai",
        "portrait by annie leibovitz, soft light",
        "a house by the lake, city by night",
        "artwork of Danny DeVito by Justin Roiland",
        "Songs by Adele for a rainy day",
        "Describe a city by Christopher Nolan",
    ],
)
def test_a_subject_credited_to_an_artist_is_no_title(analyzer, nlp_models, text):
    found = {k for _span, k in spans(analyzer, nlp_models, text)}
    assert not found & {"FILM", "WORK"}


def test_a_character_named_by_a_word_is_not_every_use_of_the_word():
    text = "Act as Will from Stranger Things. Will you help me find my keys?"
    starts = {f.start for f in __import__("promptguard").scan(text) if f.type == "CHARACTER"}
    assert text.index("Will") in starts
    assert text.rindex("Will") not in starts


def test_a_one_word_listed_character_names_its_lowercase_work_too(analyzer, nlp_models):
    found = spans(analyzer, nlp_models, "elsa from frozen skating on a lake, watercolour")
    assert ("elsa", "CHARACTER") in found
    assert any(span == "frozen" for span, _kind in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("batman on a rooftop at night, digital art", "batman"),
        ("portrait of elsa singing in the snow, disney concept art", "elsa"),
        ("mario and a turtle racing go-karts, 3d render", "mario"),
    ],
)
def test_a_well_known_character_as_an_image_prompts_subject(
    analyzer, nlp_models, text, name
) -> None:
    """The picture is of the character, even when its one word is also a name."""
    assert (name, "CHARACTER") in spans(analyzer, nlp_models, text)
    assert not [f for f in promptguard.scan(text) if f.category == "personal_data"]


@pytest.mark.parametrize(
    "text",
    [
        "an alien smoking on a porch, 35mm photo",  # the word, not the film
        "Mario and I met at the station to talk about the budget.",  # no image prompt
    ],
)
def test_the_same_word_outside_a_subject_place_is_no_character(analyzer, nlp_models, text):
    assert not {t for _, t in spans(analyzer, nlp_models, text)} & {"CHARACTER", "FRANCHISE"}


def test_a_lowercase_character_doing_something_in_an_image_prompt() -> None:
    """A character written in lowercase at the start of an image prompt, before what it does,
    is the picture's subject: the character, not a crew member's name."""
    text = "sam fisher holding night-vision goggles, digital art, trending on artstation"
    found = [(f.category, f.type) for f in promptguard.scan(text) if f.start == 0]
    assert found == [("copyrighted_work", "CHARACTER")]


def test_a_character_named_again_by_a_given_name_or_surname_is_the_character() -> None:
    """After "Jesse Pinkman", a later "Jesse" is the character, not a crew member's name."""
    text = "In Breaking Bad, Walter White teaches Jesse Pinkman. Later Jesse quits and White sighs."
    found = {(text[f.start : f.end], f.category) for f in promptguard.scan(text)}
    assert ("Jesse", "copyrighted_work") in found
    assert ("White", "copyrighted_work") in found
    assert not any(category == "personal_data" for _span, category in found)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("geralt of rivia, the witchr, digital art", "The Witcher"),
        ("a man in black lagon style, digital art, trending on artstation", "Black Lagoon"),
    ],
)
def test_a_well_known_title_misspelt_by_one_letter_in_an_image_prompt(text, title) -> None:
    found = [f.subject for f in promptguard.scan(text) if f.category == "copyrighted_work"]
    assert any(subject.startswith(title) for subject in found)


@pytest.mark.parametrize(
    "text", ["the offices of a bank, digital art", "Black lagoons and deep seas in the report"]
)
def test_real_words_near_a_title_are_no_typo(text) -> None:
    assert not [f for f in promptguard.scan(text) if f.category == "copyrighted_work"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("close up photo of rocket raccoon slowly smoking a cigar, digital art", "rocket raccoon"),
        ("a senator and the hulk making a public speech, digital art", "hulk"),
    ],
)
def test_a_character_beside_another_subject_or_after_an_adverb(text, name) -> None:
    found = [text[f.start : f.end] for f in promptguard.scan(text) if f.type == "CHARACTER"]
    assert name in found


def test_a_place_of_a_series_in_plain_words_is_no_subject() -> None:
    text = "everything is backwards and upside down, highly detailed, trending on artstation"
    assert not [f for f in promptguard.scan(text) if f.category == "copyrighted_work"]


def test_a_title_of_dictionary_words_beside_another_noun_is_no_subject() -> None:
    text = "a car on a hill, with the road and trees creating leading lines, photo"
    assert not [f for f in promptguard.scan(text) if f.category == "copyrighted_work"]
