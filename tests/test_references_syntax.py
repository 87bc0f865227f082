"""References as real prompts write them, with the shipped lists (no mocks).

What a user notices: an artist cited in an image prompt is reported once, as a style
(never as a public/deceased figure or personal data), with the entry, list, status and cue
an approver can read; public-domain masters are allowed; ambiguous titles and names are
decided by context.
"""

from __future__ import annotations

import pytest

import promptguard

REFERENCE = {"public_figure", "deceased_figure", "copyrighted_work"}


def refs(text: str) -> list[tuple[str, str, str, str]]:
    """(category, type, text as written, severity) of the reference and person findings."""
    return [
        (f.category, f.type, text[f.start : f.end], f.severity)
        for f in promptguard.scan(text)
        if f.category in REFERENCE or f.type == "PERSON"
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "portrait of a knight, art by artgerm and greg rutkowski and alphonse mucha",
            ["artgerm", "greg rutkowski", "alphonse mucha"],
        ),
        (
            "a foggy harbour, by Syd Mead, Moebius & Jean Giraud, trending on artstation",
            ["Syd Mead", "Moebius", "Jean Giraud"],
        ),
        ("castle on a hill, loish, artgerm, comic art, 4k", ["loish", "artgerm"]),
        ("a cat in a spacesuit, ilya kuvshinov style", ["ilya kuvshinov"]),
        (
            "a robot, by greg rutkovski and zdislaw beksinski",
            ["greg rutkovski", "zdislaw beksinski"],
        ),
        ("a man mourning the loss of his child by norman rockwell", ["norman rockwell"]),
    ],
)
def test_artists_in_prompt_syntax_are_styles_not_people(text, names):
    found = refs(text)
    styles = [t for c, kind, t, _s in found if c == "copyrighted_work" and kind == "ARTIST_STYLE"]
    assert styles == names
    assert not [f for f in found if f[1] == "PERSON" and f[2] in names]


def test_public_domain_masters_are_allowed_style_references():
    text = "a harbour at dawn, oil painting by rembrandt and vermeer, highly detailed"
    findings = [f for f in promptguard.scan(text) if f.category in REFERENCE]
    assert [(text[f.start : f.end], f.severity) for f in findings] == [
        ("rembrandt", "info"),
        ("vermeer", "info"),
    ]
    assert findings[0].extra["status"] == "public_domain"
    decision = promptguard.check(text, tool="midjourney", purpose="moodboard")
    assert decision.decision == "allow"


def test_evidence_says_entry_list_status_and_cue():
    text = "a lighthouse in a storm, painting by greg rutkowski"
    [finding] = [f for f in promptguard.scan(text) if f.category == "copyrighted_work"]
    evidence = finding.extra["evidence"]
    assert evidence["entry"] == "Greg Rutkowski"
    assert evidence["status"] == "living"
    assert evidence["cue"] == "painting by"
    assert evidence["list"].startswith("artists")
    assert finding.to_dict()["evidence"] == evidence
    assert "Greg Rutkowski" in finding.message


def test_an_unlisted_name_after_a_credit_cue_is_reported_as_an_artist():
    text = "epic digital art of a forest spirit, by quillon marchetti, trending on artstation"
    [finding] = [f for f in promptguard.scan(text) if f.category in REFERENCE]
    assert (finding.type, text[finding.start : finding.end]) == (
        "ARTIST_STYLE",
        "quillon marchetti",
    )
    assert finding.extra["status"] == "unlisted"


@pytest.mark.parametrize(
    ("text", "kind", "subject"),
    [
        ("godrays, dust, ghost in the shell, blade runner, concept art", "FILM", "Blade Runner"),
        ("kawaii yoda icon, trending on deviantart", "CHARACTER", "Yoda"),
        ("Hyper realistic, banana monster, star trek still, live action", "FRANCHISE", "Star Trek"),
        (
            "4K UHD image, octane render, Howl's Moving Castle, tranquil",
            "FILM",
            "Howl's Moving Castle",
        ),
    ],
)
def test_titles_as_prompts_write_them(text, kind, subject):
    found = {
        (f.type, f.subject) for f in promptguard.scan(text) if f.category == "copyrighted_work"
    }
    assert (kind, subject) in found


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("putin, trump, obama and biden are swimming, oil painting", "Donald Trump"),
        ("trump as a drunk mall santa claus, paparazzi photo, highly detailed", "Donald Trump"),
    ],
)
def test_famous_surnames_as_prompt_subjects(text, subject):
    subjects = {f.subject for f in promptguard.scan(text) if f.category == "public_figure"}
    assert subject in subjects


@pytest.mark.parametrize(
    "text",
    [
        "Tesla is the future, in a few years this company will rock the world",
        "What is the population of Orlando and of the Belgian Congo in 1950?",
        "he should be hang like back in the days",
        "Jews left black and came back white",
        "Trevor Muñiz would not have a career without it",
        "I thought Undead Nightmare was pretty cool.",
        "You can write it in Go or in Rust.",
        "Napoleon-era uniforms for the ball scene",
        "Looks like this foot died before Jesus.",
    ],
)
def test_places_companies_words_and_first_names_are_not_references(text):
    assert [f for f in refs(text) if f[0] in REFERENCE and f[3] != "info"] == []


def test_entity_types_come_from_the_entry_not_the_matcher():
    # Marilyn Monroe is a person (also a role in a biopic), never a character.
    assert [(c, k) for c, k, _t, _s in refs("Marilyn Monroe on a red carpet, photo")] == [
        ("deceased_figure", "PERSON")
    ]
    # Studio Ghibli is a studio, not a living artist.
    [ghibli] = [
        f
        for f in promptguard.scan("a quiet village, studio ghibli style")
        if f.category in REFERENCE
    ]
    assert ghibli.type != "ARTIST_STYLE" and ghibli.category == "copyrighted_work"


@pytest.mark.parametrize(
    ("text", "kind", "subject"),
    [
        ("tetsuo from akira painting a graffiti in a subway", "FILM", "Akira"),
        ("a guard, ( blade runner 2 0 4 9, dystopian ), portrait, 8k", "FILM", "Blade Runner 2049"),
        ("full figure, bladerunner street alley, oil painting", "FILM", "Blade Runner"),
        ("a beautiful ayanami rei wearing a dress, anime key visual", "CHARACTER", "Rei Ayanami"),
    ],
)
def test_titles_in_prompt_spellings(text, kind, subject):
    found = {
        (f.type, f.subject) for f in promptguard.scan(text) if f.category == "copyrighted_work"
    }
    assert (kind, subject) in found


def test_a_credit_list_goes_on_past_a_name_no_list_knows():
    text = "shelter by porter robinson and junji ito, futuristic placard 8k hd"
    styles = [text[f.start : f.end] for f in promptguard.scan(text) if f.type == "ARTIST_STYLE"]
    assert styles == ["junji ito"]
    # A famous person who is no artist is not made one by "by".
    assert [f.category for f in promptguard.scan("a song by Taylor Swift about the sea")] == [
        "public_figure"
    ]


def test_figures_carry_evidence_too():
    [finding] = [f for f in promptguard.scan("a portrait of Meryl Streep as an aviator")]
    evidence = finding.to_dict()["evidence"]
    assert (evidence["entry"], evidence["status"]) == ("Meryl Streep", "living")
    assert evidence["list"].startswith("people")


@pytest.mark.parametrize(
    "prompt",
    [
        "a lady in a garden, by rossetti bouguereau, oil on canvas",
        "magazine cover illustration by j. c. leyendecker, 1920s",
    ],
)
def test_artists_named_in_a_tag_list_are_never_personal_data(prompt: str) -> None:
    """NER may read a run of names, or a name with initials, as one person: the artists'
    references explain it together, so no PERSON is reported beside them."""
    findings = promptguard.scan(prompt)
    assert [f for f in findings if f.category == "personal_data"] == []
    assert any(f.type == "ARTIST_STYLE" for f in findings)


def test_an_unlisted_name_among_listed_artists_in_a_tag_list_is_an_artist() -> None:
    text = "pose, craig mullins, artgerm, wlop, arney freyag, octane"
    styles = [text[f.start : f.end] for f in promptguard.scan(text) if f.type == "ARTIST_STYLE"]
    assert "arney freyag" in styles
    # the same names on a call sheet are people, not styles
    sheet = "call sheet: craig mullins, Anna Berg, catering at 7"
    assert {f.category for f in promptguard.scan(sheet)} == {"personal_data"}


def test_a_famous_surname_after_another_given_name_is_someone_else() -> None:
    text = "portrait of Anna Berg, greg rutkowski, trending on artstation"
    found = {(f.category, text[f.start : f.end], f.subject) for f in promptguard.scan(text)}
    # Not the composer Alban Berg: the person the portrait depicts, whom no list knows.
    assert ("public_figure", "Anna Berg", "Anna Berg") in found
    assert not any(category == "deceased_figure" for category, _, _ in found)


@pytest.mark.parametrize(
    "prompt",
    ["style of madhouse, dark fantasy castle", "anime key visual, style of madhouse"],
)
def test_a_style_of_tag_cues_a_studio_named_by_a_common_word(prompt: str) -> None:
    """A "style of X" tag of its own asks for X's look as much as "in the style of X"."""
    findings = promptguard.scan(prompt)
    assert [(f.type, prompt[f.start : f.end]) for f in findings] == [("STUDIO", "madhouse")]


def test_the_style_of_a_common_word_inside_a_sentence_is_no_reference() -> None:
    findings = promptguard.scan("Pick the style of avatar to generate from the user's photo.")
    assert [f for f in findings if f.category == "copyrighted_work"] == []


@pytest.mark.parametrize(
    "prompt",
    [
        '{"scene": {"time_of_day": "dusk", "background": "grey backdrop"}, "skin": "pale",'
        ' "exclude": ["cars", "pitch black"]}',
        "Answer only with 'yes' or 'no'.",
        "Fill in the field *identity* and the field _background_ first.",
    ],
)
def test_quoted_words_in_json_and_mentions_are_no_titles(prompt: str) -> None:
    """JSON quotes every key and value, and a quoted lowercase word is a word mentioned:
    neither says that a film called "Background" or "No" is meant."""
    findings = promptguard.scan(prompt)
    assert [f for f in findings if f.category == "copyrighted_work"] == []


def test_a_quoted_title_in_running_text_is_still_a_title() -> None:
    prompt = 'A poster in pastel colours for our tribute night: "Up", "Her" and "Heat".'
    found = {prompt[f.start : f.end] for f in promptguard.scan(prompt) if f.type == "FILM"}
    assert found == {"Up", "Her", "Heat"}


def test_hyphenated_compound_words_are_no_titles_but_hyphenated_titles_are() -> None:
    plain = "an ultra-realistic black-and-white portrait, high-fidelity detail, point-of-view shot"
    assert [f for f in promptguard.scan(plain) if f.category == "copyrighted_work"] == []
    titled = "a ghost-in-the-shell cyborg walking through a rainy street"
    found = [titled[f.start : f.end] for f in promptguard.scan(titled)]
    assert found == ["ghost-in-the-shell"]


@pytest.mark.parametrize(
    ("prompt", "artist"),
    [
        ("retrato de mujer al estilo de Frida Kahlo, óleo sobre lienzo", "Frida Kahlo"),
        ("ritratto di donna nello stile di Frida Kahlo, olio su tela", "Frida Kahlo"),
        ("uma paisagem no estilo de Tarsila do Amaral", "Tarsila do Amaral"),
        ("Porträt einer Frau im Stil von Gerhard Richter", "Gerhard Richter"),
    ],
)
def test_style_cues_in_other_languages_make_an_artist_a_style(prompt: str, artist: str) -> None:
    """A style asked for in Spanish, Italian, Portuguese or German is a style reference
    (public domain or not), not a likeness; the medium after it is no unlisted artist."""
    findings = promptguard.scan(prompt)
    refs = [f for f in findings if f.category == "copyrighted_work"]
    assert [(f.type, prompt[f.start : f.end]) for f in refs] == [("ARTIST_STYLE", artist)]
    assert [f for f in findings if f.category == "personal_data"] == []  # nor any part of it


def _styles(prompt: str) -> list[tuple[str, str]]:
    found = promptguard.scan(prompt)
    return [(prompt[f.start : f.end], f.type) for f in found if f.category != "intent"]


def test_an_art_nouns_credit_names_an_artist_even_one_the_lists_know_otherwise() -> None:
    """'illustration by X' asks for X's style: a famous actor there is cited as an artist,
    with evidence saying the lists know the name as someone else's, not as their likeness."""
    prompt = "a forest spirit, illustration by keanu reeves"
    findings = [f for f in promptguard.scan(prompt) if f.category != "intent"]
    assert [(f.type, f.extra["evidence"]["list"]) for f in findings] == [
        ("ARTIST_STYLE", "people (not as an artist)")
    ]
    assert _styles("a song by keanu reeves") != [("keanu reeves", "ARTIST_STYLE")]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("a crowded beach, impressionism of David Hockney", [("David Hockney", "ARTIST_STYLE")]),
        ("a fox in the snow by pixar animators", [("pixar", "STUDIO")]),
        (
            "a lighthouse, Andrew Wyeth and Tomas Brenneck style",
            [("Andrew Wyeth", "ARTIST_STYLE"), ("Tomas Brenneck", "ARTIST_STYLE")],
        ),
        (
            "a lighthouse at dawn, Thomas Brenneck, oil painting, trending on artstation",
            [("Thomas Brenneck", "ARTIST_STYLE")],
        ),
    ],
)
def test_more_ways_prompts_cite_a_style(prompt: str, expected) -> None:
    """A movement "of" an artist, a studio's animators, an art word after a list of names
    (one no list knows), a Title Case name as a later tag: each is a style, not a person."""
    assert _styles(prompt) == expected


def test_a_studios_people_in_a_sentence_are_no_style() -> None:
    assert _styles("I met some Pixar animators at the festival yesterday") == []


def test_a_given_name_before_an_unknown_surname_is_not_a_famous_bearer() -> None:
    """ "Michael Brenneck" beside a famous painter is someone else, not George Michael."""
    found = promptguard.scan("Andy Warhol and Michael Brenneck at the opening")
    assert all("George Michael" not in (f.subject or "") for f in found)


def test_a_profile_of_a_private_person_is_personal_data_not_an_artist() -> None:
    prompt = "photograph of a man, Tomas Brenneck, facebook profile of Tomas Brenneck"
    categories = {f.category for f in promptguard.scan(prompt) if f.category != "intent"}
    assert categories == {"personal_data"}


@pytest.mark.parametrize(
    "prompt",
    ["a madonna and child, style of raphael", "angels over a city, Raphael, fresco painting"],
)
def test_a_master_known_by_one_given_name_is_the_masters_style(prompt: str) -> None:
    """ "Raphael" is also a given name, but after a style cue, or as a whole capitalised tag
    of an image prompt, it is the painter: a public-domain style, never personal data."""
    found = [(f.type, f.severity) for f in promptguard.scan(prompt) if f.category != "intent"]
    assert found == [("ARTIST_STYLE", "info")]


def test_the_same_given_name_in_a_message_stays_a_persons() -> None:
    found = promptguard.scan("my friend Raphael sent me his painting yesterday")
    assert [f.category for f in found] == ["personal_data"]


@pytest.mark.parametrize(
    "prompt",
    [
        "venus rising from the sea, oil painting",
        "odysseus tied to the mast, sirens singing, oil painting",
        "apollo and daphne, marble statue, museum photo",
        "pulcinella dancing in the square, oil painting",
    ],
)
def test_myths_and_folklore_are_free_subjects(prompt: str) -> None:
    """Gods, heroes and stock characters of myth and folklore are public domain: no person,
    no copyrighted character or film, unless a modern maker is named with them."""
    assert not [f for f in promptguard.scan(prompt) if f.category != "intent"]


def test_a_modern_work_named_after_a_myth_is_found_with_its_maker() -> None:
    prompt = "Apollo and Daphne by Ian Hamilton Finlay, photo"
    found = {(f.type, prompt[f.start : f.end]) for f in promptguard.scan(prompt)}
    assert ("ARTWORK", "Apollo and Daphne") in found
