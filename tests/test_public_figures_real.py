"""Public figures as image prompts name them: roles, lowercase surnames, typos, new lists."""

from __future__ import annotations

import pytest

import promptguard

FIGURES = ("public_figure", "deceased_figure")


def figures(text: str) -> dict[str, str | None]:
    """Span -> subject of each public or deceased figure found."""
    return {
        text[f.start : f.end]: f.subject for f in promptguard.scan(text) if f.category in FIGURES
    }


def people(text: str) -> set[str]:
    """Spans reported as personal-data names."""
    return {
        text[f.start : f.end]
        for f in promptguard.scan(text)
        if f.category == "personal_data" and f.type == "PERSON"
    }


@pytest.mark.parametrize(
    ("text", "span", "subject"),
    [
        ("portrait of song joong - ki, korean actor, studio light", "song joong - ki", None),
        ("kang tae-oh in a hanbok, k-drama still, soft light", "kang tae-oh", "Kang Tae-oh"),
        ("mamoru miyano recording in a booth, anime style", "mamoru miyano", "Mamoru Miyano"),
        ("jake tapper reading the news, photo, 4k", "jake tapper", "Jake Tapper"),
        ("lil tecca on stage, 35mm photo, concert lights", "lil tecca", "Lil Tecca"),
        ("the band Meshuggah performing live, photo", "Meshuggah", "Meshuggah"),
    ],
)
def test_newly_listed_people_are_found(text, span, subject):
    found = figures(text)
    assert span in found
    assert subject is None or found[span] == subject


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("the band zorblatt hexagon playing live, 35mm photo", "zorblatt hexagon"),
        ("rapper jaydee moonshine on stage, 35mm photo", "jaydee moonshine"),
        ("portrait of zork flimbo the rapper, digital art", "zork flimbo"),
        ("korean actress Kim Soora in a hanbok, portrait, film grain", "Kim Soora"),
    ],
)
def test_an_unlisted_name_after_a_celebrity_role_needs_clearance(text, span):
    findings = [f for f in promptguard.scan(text) if text[f.start : f.end] == span]
    assert any(
        f.category == "public_figure" and f.extra["needs_clearance"] and f.extra["match"] == "role"
        for f in findings
    )


@pytest.mark.parametrize(
    "text",
    [
        "a rapper wearing gold chains, photo, 8k",
        "the band members on stage, photo, 35mm",
        "the band's logo, vector art",
        "singer in a red dress, oil painting",
        "Please write a short bio of the singer Jane Ruiz",
    ],
)
def test_a_role_word_alone_or_in_a_message_names_no_figure(text):
    assert not any(f.extra.get("match") == "role" for f in promptguard.scan(text))


def test_a_listed_band_of_plain_words_is_found_lowercase_after_the_role():
    assert figures("the band sleep token performing live, photo") == {"sleep token": "Sleep Token"}


@pytest.mark.parametrize(
    "text",
    [
        "portrait of trump wearing a crown, oil painting",
        "a cartoon of a football game before trump can kick it",
        "trump's face on a gold coin, oil painting",
        "photo of a man dressed as trump",
    ],
)
def test_lowercase_trump_in_a_persons_place_is_the_person(text):
    assert "Donald Trump" in figures(text).values()


@pytest.mark.parametrize(
    "text",
    [
        "he played his trump card, oil painting",
        "to trump the other bid, poster art",
        "bush fire in the outback, photo",
        "cash register, vintage photo",
        "photo of a bush in the garden",
        "Text styles as used combinations of font and weight",
        "a scale with a businessman on one side and cash on the other, poster",
    ],
)
def test_a_surname_that_is_a_word_in_its_own_use_is_no_person(text):
    assert not figures(text)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("scarlet johansson as a knight, digital art", "Scarlett Johansson"),
        ("photo of nicholas cage screaming, 35mm", "Nicolas Cage"),
        ("will smith eating spaghetti, photo", "Will Smith"),
    ],
)
def test_misspelt_and_plain_word_names_in_a_persons_place(text, subject):
    assert subject in figures(text).values()


def test_two_plain_words_a_letter_off_a_name_stay_words():
    assert not figures("back white and red, digital art")


def test_a_real_given_name_a_letter_off_is_someone_else():
    # "Jason Chan" (a concept artist) is no typo of the singer Eason Chan.
    assert "Eason Chan" not in figures("a painting by artgerm and jason chan, 8k").values()


def test_ner_running_on_into_a_verb_leaves_no_personal_name_beside_the_figure():
    text = "kanye west beating up pete davidson, graphic novel, digital art"
    assert set(figures(text)) == {"kanye west", "pete davidson"}
    assert not people(text)


def test_a_famous_name_written_as_a_handle_is_the_person():
    assert "Kim Kardashian" in figures("@kimkardashian as a marble statue, digital art").values()
    assert not figures("meatloaf on a plate, food photo")
