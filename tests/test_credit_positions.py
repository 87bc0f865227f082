"""A name in a credit position of an image prompt ("art by X", "X painting", "by A by B") is
an artist credit: cited as an artist (unlisted when no list knows it), never personal data.
A sender or a signer stays a person. Real components, texts written for these tests."""

from __future__ import annotations

import promptguard


def found(text: str) -> dict[str, tuple[str, str]]:
    return {text[f.start : f.end]: (f.category, f.type) for f in promptguard.scan(text)}


def personal(text: str) -> list[str]:
    return [text[f.start : f.end] for f in promptguard.scan(text) if f.category == "personal_data"]


STYLE = ("copyrighted_work", "ARTIST_STYLE")


def test_each_by_of_a_chain_of_credits_cites_an_artist():
    text = "a lighthouse in a storm by orla finnegan by peter voskuil by octane render"
    assert found(text)["orla finnegan"] == STYLE
    assert found(text)["peter voskuil"] == STYLE
    assert personal(text) == []


def test_a_given_name_and_a_surname_after_by_in_an_image_prompt_are_an_artist():
    # "grace" is an ordinary word too; after a given name's place in a credit it is a name
    text = "a foggy harbour at dawn, oil painting, 8k, by grace marlowe"
    assert found(text)["grace marlowe"] == STYLE
    assert personal(text) == []


def test_one_unknown_word_after_an_art_noun_is_an_artist_handle():
    text = "a neon koi pond, highly detailed, art by Zorbleweave, artgerm"
    assert found(text)["Zorbleweave"] == STYLE
    assert personal(text) == []
    # an ordinary word or a brand-like dictionary word is no handle
    assert "Nikon" not in found("a neon koi pond, highly detailed, art by Nikon")


def test_an_unlisted_name_with_an_art_word_of_its_own_is_an_artist():
    text = "moody forest, fog, Ines Varga painting, muted colours, 35mm"
    assert found(text)["Ines Varga"] == STYLE
    text = "street at night, film photography, tomasz wilk photography, grain"
    assert found(text)["tomasz wilk"] == STYLE
    assert personal(text) == []


def test_a_particle_of_a_name_is_part_of_an_unlisted_artist():
    text = "abstract, teeth, do minh khoa artwork, dots, stipple"
    assert found(text)["do minh khoa"] == STYLE
    assert personal(text) == []


def test_a_noun_before_by_is_no_participle():
    # "garden" ends like "taken" but names no action: the credit stands
    text = "portrait of an old fisherman in his garden by Ines Varga, soft light, 8k"
    assert found(text)["Ines Varga"] == STYLE
    assert personal(text) == []


def test_four_capitalised_words_after_by_are_one_artist():
    text = "liquid gold swirls, concept art, by Rosa Elena Quintero Baez and Tomasz Wilk"
    assert found(text)["Rosa Elena Quintero Baez"] == STYLE
    assert found(text)["Tomasz Wilk"] == STYLE


def test_directed_by_credits_a_director_in_an_image_prompt():
    text = "film still, a rainy tram stop, 4k, highly detailed, directed by Ines Varga"
    assert found(text)["Ines Varga"] == STYLE


def test_the_byline_of_a_quoted_title_names_its_author():
    text = 'Summarise "Ten Ways to Cook Rice Without a Pot," by Marta Kowalski, for my class.'
    assert found(text)["Marta Kowalski"] == STYLE
    assert personal(text) == []


def test_a_sender_or_a_signer_stays_personal_data():
    assert personal("the call sheet was sent by Marta Kowalski") == ["Marta Kowalski"]
    assert personal("I got a letter signed by Marta Kowalski") == ["Marta Kowalski"]
    assert personal("Tell me why the contract drafted by Marta Kowalski is late") == [
        "Marta Kowalski"
    ]


def test_an_artists_possessive_before_a_title_cites_the_artist():
    """ "Tim Burton's Batman": the director's work is cited, not his likeness nor anyone's
    personal data; "Tim Burton's face" asks for the person."""
    text = "Tim Burton's Batman on a gothic rooftop, concept art"
    assert found(text)["Tim Burton"] == STYLE
    assert personal(text) == []
    text = "portrait of Tim Burton's face, studio photo"
    assert found(text)["Tim Burton"] == ("public_figure", "PERSON")


def test_style_then_a_name_as_a_tag_cites_the_artist():
    """French writes "style Uderzo", tag lists "…, style Wes Anderson": the artist's style."""
    text = "une affiche pour notre équipe, style Uderzo, couleurs vives"
    assert found(text)["Uderzo"] == STYLE
    assert personal(text) == []
    assert found("poster of a motel, style Wes Anderson, pastel")["Wes Anderson"] == STYLE
