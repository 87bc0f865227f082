"""People named in image prompts are references (artists, depicted figures), never personal
data, while a production's own cast and crew stay personal data. Real components, texts
written for these tests."""

from __future__ import annotations

import promptguard


def found(text: str) -> dict[str, tuple[str, str, dict]]:
    """Each finding's surface -> (category, type, extra)."""
    return {
        text[f.start : f.end]: (f.category, f.type, f.extra or {}) for f in promptguard.scan(text)
    }


def personal(text: str) -> list[str]:
    return [text[f.start : f.end] for f in promptguard.scan(text) if f.category == "personal_data"]


def test_a_collaboration_tag_after_an_artist_is_no_person():
    # NER reads "james jean x adidas" as one person; the artist explains it.
    text = (
        "glowing mushrooms, highly detailed masterpiece by james jean x adidas,"
        " trending on artstation"
    )
    assert found(text)["james jean"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert personal(text) == []
    text = "tranquil lake by ross tran x gucci, octane render"
    assert personal(text) == []


def test_an_art_word_after_a_cited_artist_is_no_person():
    text = "a fox in a forest, smiling, abstract, maya bloch artwork, cryptic, dots, stipple, lines"
    assert found(text)["maya bloch"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert personal(text) == []


def test_a_run_of_names_without_commas_in_a_tag_is_a_list_of_artists():
    text = "craig mullins anna kovacs concept art painting of a ruined tower"
    result = found(text)
    assert result["anna kovacs"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert personal(text) == []


def test_a_common_full_name_continuing_a_credit_list_is_the_listed_master():
    text = "cattle in a meadow by john constable and james ward"
    result = found(text)
    assert result["james ward"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert personal(text) == []
    # Alone after "by", a common name may be anyone: a credit all the same, cited as an
    # unlisted artist for the approver (not the listed master, not personal data).
    alone = "cattle in a meadow by james ward"
    assert found(alone)["james ward"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert found(alone)["james ward"][2]["status"] == "unlisted"
    assert personal(alone) == []


def test_a_one_word_entry_starting_a_longer_unlisted_name_is_not_cited():
    text = "an ancient temple, painting by Patrick Okonkwo"
    result = found(text)
    assert result["Patrick Okonkwo"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert "Patrick" not in result
    assert personal(text) == []


def test_a_lowercase_name_beside_a_famous_person_is_depicted_not_personal_data():
    text = "realistic bill ostrander and barack obama faces, digital art"
    result = found(text)
    assert result["bill ostrander"][:2] == ("public_figure", "PERSON")
    assert result["barack obama"][:2] == ("public_figure", "PERSON")
    assert personal(text) == []


def test_a_lowercase_given_name_before_a_famous_surname_names_someone_else():
    text = "realistic mike patton and adolf hitler faces, digital art"
    subjects = {
        text[f.start : f.end]: f.subject for f in promptguard.scan(text) if "figure" in f.category
    }
    assert "patton" not in subjects  # not General Patton
    assert subjects.get("mike patton") is not None


def test_curated_people_of_many_fields_are_public_figures():
    for text, name in [
        ("portrait of Park Chan-wook on a film set, oil painting", "Park Chan-wook"),
        ("Earl Sweatshirt performing on stage, photo, 35mm", "Earl Sweatshirt"),
        ("Simone Giertz building a robot, digital art", "Simone Giertz"),
    ]:
        assert found(text)[name][:2] == ("public_figure", "PERSON"), text


def test_our_own_cast_and_crew_stay_personal_data():
    assert "Marc Dubois" in personal("Headshot of Marc Dubois, our gaffer, for the crew board")
    text = "portrait of our lead actress Maria Lindqvist for the moodboard"
    assert personal(text) == ["Maria Lindqvist"]
    text = "Call sheet day 4: Anna Kovacs (makeup) 6:30, Craig Mullins (grip) 7:00"
    assert "Anna Kovacs" in personal(text)


def test_a_name_beside_a_famous_one_is_depicted_even_when_its_given_name_is_a_word_too():
    text = "emma watson and anna berglund as elves, fantasy art"
    result = found(text)
    assert result["anna berglund"][:2] == ("public_figure", "PERSON")
    assert result["anna berglund"][2].get("status") == "unlisted"
    assert personal(text) == []


def test_the_musician_of_an_album_cover_is_depicted():
    text = "album cover for jane kowalski, neon graffiti, digital art"
    assert found(text)["jane kowalski"][:2] == ("public_figure", "PERSON")
    # A message about the cover is no prompt: the name stays personal data.
    text = "Please send the album cover for Jane Kowalski to our designer, digital art"
    assert personal(text) == ["Jane Kowalski"]


def test_an_unlisted_name_before_style_and_a_view_angle_is_a_style():
    text = "soft light, highly detailed, jane kowalski style 3/4, portrait photo of a woman"
    assert found(text)["jane kowalski"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert personal(text) == []


def test_a_given_name_that_is_some_artists_surname_does_not_cite_them():
    # "Roger" alone is a listed artist's name; "by Roger Halvorsen" names someone else.
    text = "The bakery is run by Roger Halvorsen who trained in Lyon."
    assert personal(text) == ["Roger Halvorsen"]
    assert not any(f.category == "copyrighted_work" for f in promptguard.scan(text))


def test_a_longer_surname_is_no_typo_of_a_famous_one():
    text = "Michael Mankins wrote the memo about the new schedule."
    assert personal(text) == ["Michael Mankins"]
    assert not any("figure" in f.category for f in promptguard.scan(text))


def test_a_later_name_tag_of_an_image_prompt_is_an_unlisted_artist_not_personal_data():
    text = "a castle at night, anna berglund, volumetric lighting, 8k"
    result = found(text)
    assert result["anna berglund"][:2] == ("copyrighted_work", "ARTIST_STYLE")
    assert result["anna berglund"][2].get("status") == "unlisted"
    assert personal(text) == []
    # A place is no name tag, even when its words are surnames somewhere.
    text = "a girl in the rain, neo hong kong, night lights, highly detailed"
    assert not any(f.category == "copyrighted_work" for f in promptguard.scan(text))
    # A crew list has commas too: with paperwork words, names stay personal data.
    text = "Call sheet: anna berglund, tomas lindgren, hugo larsson, 6:30, portrait lighting"
    assert set(personal(text)) == {"anna berglund", "tomas lindgren", "hugo larsson"}
