"""Shapes of real image prompts that the reference analyzers must read, and the look-alike
ordinary text they must leave alone, with the shipped lists and the real pipeline (no mocks).

What a user notices: a short lowercase description ("jack white playing guitar on a roof")
is a picture's prompt even without art words; a frame taken from a title names the title;
a name tagged with its medium ("christopher morris photography") is a photographer, not
someone's personal data; and a phrase that only looks like a name stays a phrase.
"""

from __future__ import annotations

import pytest

import promptguard

REFERENCE = {"public_figure", "deceased_figure", "copyrighted_work"}


def found(text: str) -> dict[str, tuple[str, str, str]]:
    """Text as written -> (category, type, listed entry) of each finding."""
    return {
        text[f.start : f.end]: (
            f.category,
            f.type,
            ((f.extra or {}).get("evidence") or {}).get("entry", ""),
        )
        for f in promptguard.scan(text)
    }


def references(text: str) -> set[str]:
    return {written for written, (category, _t, _e) in found(text).items() if category in REFERENCE}


@pytest.mark.parametrize(
    ("text", "written", "person"),
    [
        ("jack white playing guitar on a rooftop at night", "jack white", "Jack White"),
        ("a bjork sitting at a table with a plate of food", "bjork", "Björk"),
    ],
)
def test_a_short_lowercase_description_is_an_image_prompt(text, written, person):
    assert found(text)[written] == ("public_figure", "PERSON", person)


@pytest.mark.parametrize(
    "text",
    [
        "write a letter to jack white about the invoice",
        "explain how a drake differs from a duck",
        "the office party was fun",
    ],
)
def test_a_request_or_a_sentence_is_no_image_prompt(text):
    assert not references(text)


def test_a_character_the_list_qualifies_only_by_its_kind_is_found_by_its_bare_name():
    text = "realistic full size hellboy made out of licorice, render"
    assert found(text)["hellboy"][:2] == ("copyrighted_work", "CHARACTER")


@pytest.mark.parametrize(
    "text",
    [
        "a cyborg soldier, concept art",
        "a pathfinder in the forest, oil painting",
        "write a dnd encounter in the bar of pathfinder town, make great antagonists",
    ],
)
def test_a_word_that_another_universe_qualifies_stays_a_word(text):
    assert not references(text)


@pytest.mark.parametrize(
    "text",
    [
        "screenshot from the office ( 2 0 0 5 )",
        "screenshot from the office, michael scott at his desk",
        "the office (2005), jim at the reception",
    ],
)
def test_a_frame_taken_from_a_title_or_its_year_names_the_title(text):
    assert found(text)["the office"][:3] == ("copyrighted_work", "SERIES", "The Office")


@pytest.mark.parametrize(
    "text", ["a photo of the office at night, 35mm", "film still of the office, dim light"]
)
def test_a_room_called_the_office_is_no_title(text):
    assert "the office" not in references(text)


def test_a_name_tagged_with_its_medium_is_a_photographer_not_personal_data():
    text = (
        "subway cabin in graffiti, man in a jacket closeup, night, film photography, "
        "exposed b & w photography, christopher morris photography, bruce davidson photography"
    )
    assert found(text)["christopher morris"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert found(text)["bruce davidson"][:2] == ("copyrighted_work", "ARTIST_STYLE")


def test_a_famous_name_tagged_with_a_medium_is_still_the_famous_person():
    assert found("tom cruise photography, film grain")["tom cruise"][:2] == (
        "public_figure",
        "PERSON",
    )


def test_a_given_name_that_is_also_a_word_starts_an_artist_tag_before_a_surname():
    text = "old farmhouse in winter, oil painting, martin kessler, trending on artstation"
    assert found(text)["martin kessler"][:2] == ("copyrighted_work", "ARTIST_STYLE")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("p 5 1 mustang strong light, clair obscur, by caravaggio", "clair obscur"),
        ("a tree in summer, mark twain, 8k", "summer"),
        ("a boy ( tom becker ) with a kite, by nick knight", "tom becker"),
    ],
)
def test_a_phrase_or_an_aside_beside_names_is_no_reference(text, phrase):
    assert phrase not in references(text)


def test_a_studio_before_one_of_its_products_is_the_company():
    assert "nintendo" not in references("man playing nintendo switch, digital art")
    assert "nintendo" in references("a castle in the style of nintendo")


def test_a_surname_inside_a_title_gives_way_to_the_title():
    found_here = found("perry bible fellowship, comic")
    assert found_here["perry bible fellowship"][:2] == ("copyrighted_work", "SERIES")
    assert "perry" not in found_here


@pytest.mark.parametrize(
    "text",
    [
        "Walter White hanging out with Shrek and Donkey in the swamp",
        "shrek and donkey, digital art",
    ],
)
def test_a_word_listed_beside_its_home_title_is_that_titles_character(text):
    donkey = next(w for w in found(text) if w.lower() == "donkey")
    assert found(text)[donkey] == ("copyrighted_work", "CHARACTER", "Donkey (Shrek)")


def test_a_word_listed_beside_a_fellow_character_of_the_same_maker_is_that_character():
    text = "We'll show it to Luigi, Peach, and Bowser."
    assert found(text)["Peach"][2] == "Princess Peach"
    assert "Peach" not in references("a bowl of fruit: apples, Peach and Plum")


@pytest.mark.parametrize("text", ["shrek riding a donkey", "a Donkey and a horse in a field"])
def test_the_animal_is_no_character(text):
    assert not any(w.lower() == "donkey" for w in references(text))


def test_an_unlisted_name_that_starts_an_item_and_plays_a_role_is_a_depicted_person():
    text = (
        "angry, pissed off, elliot rodger as anakin skywalker in star wars episode 3, digital art"
    )
    assert found(text)["elliot rodger"][:2] == ("public_figure", "PERSON")


def test_an_unlisted_name_alone_in_a_tag_list_is_not_read_as_depicted():
    assert found("sunset, 8k, jane roe, artstation").get("jane roe", ("",))[0] != "public_figure"


def test_a_title_before_its_release_on_tape_or_disc_is_the_title():
    text = "Jackie Chan and Shaq cooking in iron chef 1996 DVD rip"
    assert found(text)["iron chef"][:2] == ("copyrighted_work", "SERIES")
    assert not references("black and white vhs footage of a forest")


def test_once_a_title_is_named_its_characters_given_names_are_those_characters():
    text = "Write a scene from Breaking Bad where Jesse meets Saul in the desert."
    assert found(text)["Jesse"] == ("copyrighted_work", "CHARACTER", "Jesse Pinkman")
    assert found(text)["Saul"] == ("copyrighted_work", "CHARACTER", "Saul Goodman")
    text = "Ideas for stories set after Brokeback Mountain: Ennis life after Jack Twist has died."
    assert found(text)["Jack Twist"][:2] == ("copyrighted_work", "CHARACTER")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("# Star Trek quiz for my team\n<!-- Author: Scott M -->\nAsk ten questions.", "Scott"),
        ("The LEGO Movie style: Lego bricks everywhere, stop motion", "Lego"),
    ],
)
def test_a_surname_or_a_word_of_the_title_is_no_character_of_it(text, word):
    assert found(text).get(word, ("",))[0] != "copyrighted_work"


def test_a_fan_work_heading_names_its_title():
    text = "Star Wars fan art: May the Force be with you, Luke."
    assert found(text)["Star Wars"][:2] == ("copyrighted_work", "FRANCHISE")


def test_a_word_that_is_part_of_a_characters_name_is_no_character():
    assert "knight" not in references("a knight in dark souls")
    assert "anger" in references("red anger in inside out")
    assert found("donald trump as rose from titanic")["titanic"][:2] == ("copyrighted_work", "FILM")
    text = "homer simpson as sam eagle from the muppets"
    assert found(text)["sam eagle"][:2] == ("copyrighted_work", "CHARACTER")
    assert found(text)["the muppets"][0] == "copyrighted_work"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("victims of the new flesh, the art of david cronenberg", "david cronenberg"),
        ("a hotel lobby in pastel pink, the films of wes anderson", "wes anderson"),
    ],
)
def test_the_art_or_films_of_a_listed_name_cites_that_artist(text, written):
    assert found(text)[written][:2] == ("copyrighted_work", "ARTIST_STYLE")


@pytest.mark.parametrize(
    "text", ["the art of war, a general on a horse, oil painting", "fan art of taylor swift"]
)
def test_the_art_of_a_thing_or_fan_art_of_a_person_cites_no_artist(text):
    assert not any(kind == "ARTIST_STYLE" for _c, kind, _e in found(text).values())


def test_a_hyphenated_given_name_after_a_style_cue_is_one_artists_name():
    text = "a knight, in the style of Yoji Shinkawa and Hyung-tae Kim, concept art"
    assert found(text)["Hyung-tae Kim"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert "Hyung" not in found(text)  # not the singer whose given name ends in -hyung


def test_a_painter_in_a_style_list_keeps_the_list_a_pictures_styles():
    text = "a knight, in the style of Greg Rutkowski and Jean-Paul Durand, concept art"
    assert found(text)["Greg Rutkowski"][2] == "Greg Rutkowski"  # the listed painter
    text = "Write a poem in the style of Robert Frost and Emily Dickinson."
    assert found(text)["Robert Frost"][1] == "ARTIST_STYLE"  # a way of writing, still


def test_a_long_description_whose_last_item_credits_someone_names_an_artist():
    text = (
        "a young man and a young woman solving an escape room puzzle, "
        "mysterious markings on the wall, by tom jenkins"
    )
    assert found(text)["tom jenkins"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    news = "Shares fell in early trading, hit by weak demand, by John Smith"
    assert "John Smith" not in references(news)


@pytest.mark.parametrize(
    ("text", "written", "entry"),
    [
        ("a castle on a hill, lotr style, matte painting", "lotr", "The Lord of the Rings"),
        ("httyd style dragon, digital art", "httyd", "How to Train Your Dragon"),
        ("putin and obama having a lightsaber fight", "lightsaber", "Lightsaber"),
    ],
)
def test_a_titles_initials_or_its_signature_object_name_the_title(text, written, entry):
    assert found(text)[written][0] == "copyrighted_work"
    assert found(text)[written][2] == entry


def test_an_idiom_made_of_a_franchise_word_is_no_reference():
    assert references("sugar is the kryptonite of my diet") == set()


def test_two_words_written_as_one_are_no_archive_title_without_a_cue():
    assert references("a logo for a futuristic supercar brand, minimal, vector") == set()
    text = "grocery store iphone photograph, scene from monkeybone 2001"
    assert found(text)["monkeybone"][2] == "Monkeybone"  # the film, named with its year


def test_a_listed_one_word_stage_name_no_dictionary_has_is_the_subject_of_a_picture():
    assert found("portrait of tzuyu, digital art")["tzuyu"][:2] == ("public_figure", "PERSON")
    assert references("the tzuyu settings are in the config file") == set()


def test_a_character_next_to_another_is_a_subject_of_the_picture():
    text = "kirby sitting next to solid snake at the bar, moody, gritty"
    assert found(text)["solid snake"][2] == "Solid Snake"
    assert references("a cat sitting next to a white rose at night") == set()


def test_a_list_of_credits_goes_on_past_an_aside_and_names_no_list_can_read():
    text = (
        "art by greg rutkowski and pine ( ハイネ ) and 薯 子 imoko and 香 川 悠 作 "
        "and wlop and maya takamura, intricate"
    )
    assert found(text)["wlop"][1] == "ARTIST_STYLE"
    assert found(text)["maya takamura"][1] == "ARTIST_STYLE"
    assert found("a boy ( austin lock ) and a dog, by greg rutkowski")["austin lock"][0] == (
        "personal_data"
    )
