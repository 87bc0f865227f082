"""Artists and people as prompts cite them: lists of artists, typos, writers, surnames, and
people an image prompt depicts. Real components, texts written for these tests."""

from __future__ import annotations

import promptguard


def scan(text: str) -> list[tuple[str, str, str, dict]]:
    return [
        (f.category, f.type, text[f.start : f.end], f.extra or {}) for f in promptguard.scan(text)
    ]


def categories(text: str) -> dict[str, str]:
    """Each finding's surface -> "category/type"."""
    return {surface: f"{c}/{t}" for c, t, surface, _extra in scan(text)}


def test_a_list_of_artists_is_read_whole_even_with_a_typo_in_an_art_word():
    text = (
        "a quiet diner at night, Edward Hopper and Maria Kowalczyk, Zdzislaw Beksinksi,"
        " higly detailed"
    )
    found = categories(text)
    assert found["Edward Hopper"] == "copyrighted_work/ARTIST_STYLE"
    assert found["Maria Kowalczyk"] == "copyrighted_work/ARTIST_STYLE"  # in no list
    assert found["Zdzislaw Beksinksi"] == "copyrighted_work/ARTIST_STYLE"  # a typo
    assert not any(c == "personal_data" for c, _t, _s, _e in scan(text))


def test_two_style_artists_joined_make_a_prompt_and_a_surname_typo_is_read():
    assert categories("mohrbacher, beksinski")["mohrbacher"] == "copyrighted_work/ARTIST_STYLE"
    found = categories("ruined castle, mohrbacher, beksisnki, artstation")
    assert found["beksisnki"] == "copyrighted_work/ARTIST_STYLE"
    found = categories("girl with a sword, illustration, wlpo style")
    assert found["wlpo"] == "copyrighted_work/ARTIST_STYLE"


def test_an_unlisted_name_after_by_in_a_short_prompt_is_an_artist_not_a_sender():
    found = scan("old lighthouse by tomasz wierzbicki, moody")
    assert [(c, e.get("status")) for c, _t, s, e in found if s == "tomasz wierzbicki"] == [
        ("copyrighted_work", "unlisted")
    ]
    for text in ("the invoice was sent by Marie Dupont", "email from Marie Dupont"):
        assert categories(text) == {"Marie Dupont": "personal_data/PERSON"}
    # A participle before "by" is no credit, even in a text that cites an artist elsewhere.
    found = categories("Notes signed by Marie Dupont. Cover art by Greg Rutkowski.")
    assert found["Marie Dupont"] == "personal_data/PERSON"
    assert found["Greg Rutkowski"] == "copyrighted_work/ARTIST_STYLE"


def test_writers_cited_as_a_voice_are_styles_and_actors_stay_likenesses():
    found = categories("Rewrite my cover letter in the voice of Stephen King and Agatha Christie")
    assert found["Stephen King"] == "copyrighted_work/ARTIST_STYLE"
    assert found["Agatha Christie"] == "copyrighted_work/ARTIST_STYLE"
    assert categories("read it in the voice of Morgan Freeman")["Morgan Freeman"] == (
        "public_figure/PERSON"
    )
    # "Robert" of the poet's name is no painter Hubert Robert.
    found = categories("a sonnet in the style of Robert Frost")
    assert found == {"Robert Frost": "copyrighted_work/ARTIST_STYLE"}


def test_surnames_beside_famous_people_and_a_surname_with_one_famous_bearer():
    found = {
        s: (c, (e.get("evidence") or {}).get("entry"))
        for c, _t, s, e in scan("merkel, putin and bush at a picnic")
    }
    assert found["bush"] == ("public_figure", "George Bush")
    [(category, _type, _surface, extra)] = scan("Shakespeare")
    assert (category, extra["status"]) == ("deceased_figure", "historical")
    # A place, a given name, an eponym: no person.
    for text in ("We flew to London", "Trevor Muñiz called", "Maxwell's equations in one line"):
        assert not [c for c, *_ in scan(text) if c in ("public_figure", "deceased_figure")]


def test_an_unlisted_person_an_image_prompt_depicts_is_a_likeness_to_approve():
    [(category, _type, surface, extra)] = scan(
        "pencil drawing of maren holloway, sitting on a chair, soft light"
    )
    assert (category, surface, extra["status"]) == ("public_figure", "maren holloway", "unlisted")
    # A message or a document keeps the name personal data.
    for text in (
        "Please find attached a photo of Maren Holloway, our new producer",
        "photo of Maren Holloway's passport, scanned",
    ):
        assert "public_figure" not in {c for c, *_ in scan(text)}
