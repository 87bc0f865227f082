"""Cues real prompts use that a list lookup alone misses, and the ordinary text that looks
the same, with the shipped lists and the real pipeline (no mocks).

What a user notices: a famous name, a film or a studio is reported when the prompt's own
syntax says what it is ("punching hitler", "hitchcock's vertigo", "a castle by pixar"), and
not when the same words are ordinary ("kubrick's eyes", "a letter from Disney").
"""

from __future__ import annotations

import pytest

import promptguard

REFERENCE = {"public_figure", "deceased_figure", "copyrighted_work"}


def refs(text: str) -> list[tuple[str, str, str]]:
    """(category, type, text as written) of the reference findings."""
    return [
        (f.category, f.type, text[f.start : f.end])
        for f in promptguard.scan(text)
        if f.category in REFERENCE
    ]


def entry(text: str, written: str) -> dict:
    """The evidence of the reference finding on `written`."""
    for f in promptguard.scan(text):
        if f.category in REFERENCE and text[f.start : f.end] == written:
            return (f.extra or {}).get("evidence") or {}
    raise AssertionError(f"no reference finding on {written!r} in {text!r}")


@pytest.mark.parametrize(
    ("text", "written", "person"),
    [
        (
            "vintage photograph of doc savage punching hitler, photorealistic",
            "hitler",
            "Adolf Hitler",
        ),
        ("stalin riding a bicycle in the snow, 4k photo", "stalin", "Joseph Stalin"),
    ],
)
def test_a_very_famous_surname_in_lowercase_anywhere_in_an_image_prompt(text, written, person):
    assert ("deceased_figure", "PERSON", written) in refs(text)
    assert entry(text, written)["entry"] == person


@pytest.mark.parametrize(
    "text",
    [
        "frank dillane in the shower, artwork by liam wong",  # an actor, not Anne Frank
        "frank in the rain, oil painting, trending on artstation",  # someone called Frank
    ],
)
def test_a_given_name_is_not_a_famous_surname_alone(text):
    assert not [r for r in refs(text) if r[2].lower() == "frank"]


def test_jesus_is_a_historical_figure_reported_for_the_record():
    text = "jesus beating up satan on the floor, oil painting"
    found = [f for f in promptguard.scan(text) if text[f.start : f.end] == "jesus"]
    assert [(f.category, f.severity) for f in found] == [("deceased_figure", "info")]
    assert entry(text, "jesus")["years"] == "4 BC-33"


def test_a_famous_mononym_does_not_make_an_ordinary_phrase_a_film_title():
    text = "a man with the face of jesus, oil painting"
    assert not [r for r in refs(text) if r[0] == "copyrighted_work"]


@pytest.mark.parametrize(
    ("text", "written", "title"),
    [
        ("Kim Novak in hitchcock's vertigo, digital art", "vertigo", "Vertigo"),
        ("jack nicholson in Kubrick’s The Shining, film still", "The Shining", "The Shining"),
    ],
)
def test_a_film_after_its_directors_possessive(text, written, title):
    assert ("copyrighted_work", "FILM", written) in refs(text)
    assert entry(text, written)["entry"] == title


def test_a_directors_possessive_before_an_ordinary_word_is_no_title():
    assert not [r for r in refs("kubrick's eyes, close-up photo") if r[0] == "copyrighted_work"]


def test_a_one_word_title_with_its_maker_and_a_screen_cue():
    text = "a lone samurai, ran movie still, akira kurosawa photography"
    assert ("copyrighted_work", "FILM", "ran") in refs(text)
    ordinary = "the man ran to the movie theatre, akira kurosawa style"
    assert not [r for r in refs(ordinary) if r[2] == "ran"]


def test_titles_in_a_crossover():
    found = refs("breaking bad crossover with rick and morty, deviantart")
    assert [r[2] for r in found if r[0] == "copyrighted_work"] == [
        "breaking bad",
        "rick and morty",
    ]


def test_a_title_after_the_role_someone_plays_in_it():
    text = "portrait of anya taylor joy as death from sandman, by jean baptiste monge"
    assert entry(text, "sandman")["entry"] == "The Sandman"
    assert not [r for r in refs("me as a kid from brooklyn, old photo") if r[2] == "brooklyn"]


@pytest.mark.parametrize(
    ("text", "written"),
    [("a castle by pixar", "pixar"), ("a monster, by weta workshop", "weta workshop")],
)
def test_a_studio_credited_with_by_is_its_house_style(text, written):
    assert ("copyrighted_work", "STUDIO", written) in refs(text)


def test_a_studio_named_in_prose_is_the_company():
    assert refs("I got a letter from Disney about my job") == []


def test_public_domain_storybook_characters_need_no_clearance():
    assert not [r for r in refs("pinocchio lying, digital art") if r[0] == "copyrighted_work"]
    assert not refs("sherlock holmes smoking a pipe, oil painting")
    # the studio's own film is still a work when the prompt asks for it
    assert ("copyrighted_work", "FILM", "pinocchio") in refs("disney's pinocchio, movie still")


def test_two_words_are_no_typo_of_a_longer_name_with_the_middle_left_out():
    # "red peppers" are the first and last words of the Red Hot Chili Peppers
    assert refs("a red pepper on a plate, food photography") == []
    assert ("public_figure", "PERSON", "red hot chili peppers") in refs(
        "red hot chili peppers concert poster"
    )


def test_colours_in_a_list_are_no_character_beside_its_work():
    # "Blue" is a character of Violet Evergarden and "Violet" a film: here they are colours
    assert refs("sexy, Blue, violet and pink light rays, oil painting") == []
    found = refs("sakura, naruto, anime style")
    assert ("copyrighted_work", "CHARACTER", "sakura") in found


def test_a_short_credit_line_is_an_image_prompt():
    # no art vocabulary, but "<subject> by <artist>" is how image prompts credit a style
    found = refs("spider-man by greg rutkowski")
    assert ("copyrighted_work", "CHARACTER", "spider-man") in found
    assert ("copyrighted_work", "ARTIST_STYLE", "greg rutkowski") in found
    assert refs("Shares fell by 5 percent") == []


def test_an_exclamation_is_not_the_historical_figure():
    said = "Seriously? Jesus you can't even think of a name by yourselves."
    assert not [r for r in refs(said) if r[2] == "Jesus"]
    assert ("deceased_figure", "PERSON", "Jesus") in refs("Jesus, oil painting by rembrandt")


def test_a_pasted_run_of_artists_without_commas_is_a_list_of_styles():
    text = (
        "a cricket mutant snaps at all who draw near john william waterhouse giorgio de chirico"
        " marc simonetti ross tran edward hopper"
    )
    found = refs(text)
    styles = [r[2] for r in found if r[1] == "ARTIST_STYLE"]
    assert styles == [
        "john william waterhouse",
        "giorgio de chirico",
        "marc simonetti",
        "ross tran",
        "edward hopper",
    ]
    assert not [r for r in found if r[1] == "PERSON"]
    # two people who are no style artists, side by side, stay people
    people = refs("Tom Hanks Meg Ryan movie night")
    assert [r[0] for r in people] == ["public_figure", "public_figure"]


def test_the_words_of_a_title_in_two_tags_are_not_the_title():
    assert refs("android, full body, style of manga, night, city, neon") == []
    found = refs("night city, cyberpunk 2077, neon lights")
    assert ("copyrighted_work", "CHARACTER", "night city") in found


def test_a_cast_mate_named_by_one_word_beside_a_character_named_in_full():
    found = refs("sonic punches homer simpson while bart shoots at sonic.")
    assert ("copyrighted_work", "CHARACTER", "bart") in found
    assert entry("Homer Simpson and Marge at the beach", "Marge")["entry"] == "Marge Simpson"
    # a publisher's whole catalogue is no cast: "peter" is not one of Marvel's Peters
    assert not [r for r in refs("spider-man and peter at the park") if r[2] == "peter"]


def test_a_misspelt_title_word_beside_a_screen_cue():
    found = refs("a girl, inspired by evangeleon anime, smooth face")
    assert ("copyrighted_work", "FRANCHISE", "evangeleon") in found
    assert entry("mandalorain movie poster, 4k", "mandalorain")["entry"] == "The Mandalorian"
    # a misspelt ordinary word is no title, cue or not
    assert refs("a beautiful landscpae painting, 4k") == []


def test_a_famous_surname_alone_in_an_image_prompt_is_the_likeness():
    text = "portrait of aging angry screaming old Seinfeld age 115, impasto oil painting"
    assert entry(text, "Seinfeld")["entry"] == "Jerry Seinfeld"
    assert refs("a photo of Smith at the beach, 4k") == []  # a common surname is anyone's
